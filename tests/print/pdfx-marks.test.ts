/**
 * Crop marks on request, as the print shop needs them: the sheet grows, TrimBox and BleedBox
 * stay exact, the marks are in registration colour (/Separation /All) outside the bleed, in
 * the print PDF and in the PDF/X-3, which still passes the preflight. Real Chromium, real
 * Ghostscript, and the marks looked for in a rendering of the sheet.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { operations } from '../../src/print/pdf/content-stream.ts';
import { PT_PER_MM } from '../../src/print/pdf-finish.ts';
import { buildPdfx } from '../../src/print/pdfx.ts';
import { renderPrint } from '../../src/print/render.ts';
import { poppler, printFixtureFolder, requirePoppler } from './pdf-helpers.ts';
import { requireGhostscript } from './support/pdfx-sample.ts';

const metadata = { title: 'Innovation sociale en Moselle', author: 'Département de la Moselle' };

interface Context {
  dir: string;
  print: string;
}

const marks = suite<Context>('crop marks');

marks.before(async (ctx) => {
  ctx.dir = await printFixtureFolder();
  ctx.print = join(ctx.dir, 'marks.pdf');
  await renderPrint({ input: join(ctx.dir, 'brochure.html'), metadata, cropMarks: true, printPdf: ctx.print, screenPdf: false });
});

/** Every stroked segment drawn in the /Separation /All colour space, per page, in page coordinates. */
async function registrationStrokes(path: string): Promise<Array<Array<[number, number, number, number]>>> {
  const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  return doc.getPages().map((page) => {
    const spaces = page.node.Resources()?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict);
    const all = new Set(
      [...(spaces?.entries() ?? [])].filter(([, value]) => {
        const space = doc.context.lookup(value);
        return space instanceof PDFArray && String(space.get(0)) === '/Separation' && String(space.get(1)) === '/All';
      }).map(([name]) => `/${name.decodeText()}`),
    );
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const strokes: Array<[number, number, number, number]> = [];
    // Ghostscript scales its content (`cm`): points are followed through the matrix.
    type Matrix = number[];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const apply = (x: number, y: number): [number, number] => [ctm[0]! * x + ctm[2]! * y + ctm[4]!, ctm[1]! * x + ctm[3]! * y + ctm[5]!];
    let registration = false;
    let from: [number, number] = [0, 0];
    let to: [number, number] = [0, 0];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      for (const op of operations(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))) {
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = op.operands.map(Number);
        if (op.operator === 'q') stack.push(ctm);
        else if (op.operator === 'Q') ctm = stack.pop() ?? ctm;
        else if (op.operator === 'cm') ctm = [a * ctm[0]! + b * ctm[2]!, a * ctm[1]! + b * ctm[3]!, c * ctm[0]! + d * ctm[2]!, c * ctm[1]! + d * ctm[3]!, e * ctm[0]! + f * ctm[2]! + ctm[4]!, e * ctm[1]! + f * ctm[3]! + ctm[5]!];
        else if (op.operator === 'CS') registration = all.has(op.operands[0] ?? '');
        else if (op.operator === 'm') from = apply(a, b);
        else if (op.operator === 'l') to = apply(a, b);
        else if (op.operator === 'S' && registration) strokes.push([...from, ...to].map((v) => Math.round(v * 1000) / 1000) as [number, number, number, number]);
      }
    }
    return strokes;
  });
}

async function boxes(path: string) {
  const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  return doc.getPages().map((page) => ({ media: page.getMediaBox(), bleed: page.getBleedBox(), trim: page.getTrimBox() }));
}

/** Whether the segment lies wholly outside the box (in the slug), with a margin in points. */
const outside = ([x0, y0, x1, y1]: [number, number, number, number], box: { x: number; y: number; width: number; height: number }, margin: number): boolean =>
  Math.max(x0, x1) <= box.x - margin || Math.min(x0, x1) >= box.x + box.width + margin || Math.max(y0, y1) <= box.y - margin || Math.min(y0, y1) >= box.y + box.height + margin;

function checkMarks(strokes: Array<[number, number, number, number]>[], pages: Awaited<ReturnType<typeof boxes>>, what: string): void {
  assert.ok(pages.length > 0);
  pages.forEach(({ media, bleed, trim }, i) => {
    const near = (a: number, b: number) => Math.abs(a - b) < 0.02;
    assert.ok(near(trim.width, 210 * PT_PER_MM) && near(trim.height, 297 * PT_PER_MM), `${what} page ${i + 1}: TrimBox is A4`);
    assert.ok(near(trim.x - bleed.x, 3 * PT_PER_MM), `${what} page ${i + 1}: 3 mm bleed`);
    assert.ok(near(bleed.x - media.x, 7 * PT_PER_MM) && near(media.width - bleed.width, 14 * PT_PER_MM), `${what} page ${i + 1}: a 7 mm slug`);
    const page = strokes[i] ?? [];
    assert.is(page.length, 8, `${what} page ${i + 1}: two marks a corner, in registration colour`);
    for (const stroke of page) {
      assert.ok(outside(stroke, bleed, 2 * PT_PER_MM - 0.01), `${what} page ${i + 1}: ${stroke.join(' ')} is 2 mm outside the bleed`);
      const onTrimLine = stroke.some((v) => [trim.x, trim.x + trim.width, trim.y, trim.y + trim.height].some((edge) => Math.abs(v - edge) < 0.01));
      assert.ok(onTrimLine, `${what} page ${i + 1}: ${stroke.join(' ')} lines up with the trim`);
    }
  });
}

marks('the print PDF: a 7 mm slug, exact boxes, 8 marks a page in /Separation /All outside the bleed', async ({ print }) => {
  checkMarks(await registrationStrokes(print), await boxes(print), 'print');
});

marks('the PDF/X-3 keeps the marks in /Separation /All, passes the preflight, and the marks show on the sheet', async ({ dir, print }) => {
  if (!(await requireGhostscript())) return;
  const output = join(dir, 'marks-pdfx3.pdf');
  const made = await buildPdfx({ input: print, output, title: metadata.title });
  assert.ok(made.made && made.file.preflight.passed);
  checkMarks(await registrationStrokes(output), await boxes(output), 'PDF/X-3');
  if (!requirePoppler()) return;
  // The top-left corner of page 1 at 300 dpi: the horizontal mark lies on the trim line, from
  // 5 mm to 9 mm left of the trim; the slug beside it is white.
  const png = join(dir, 'corner');
  poppler('pdftoppm', ['-r', '300', '-png', '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '200', '-H', '200', '-singlefile', output, png]);
  const { data, info } = await sharp(`${png}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
  const px = (mm: number) => Math.round((mm * 300) / 25.4);
  const at = (xMm: number, yMm: number) => data[px(yMm) * info.width + px(xMm)] ?? 255;
  const trimLine = px(10);
  const darkest = Math.min(...[-1, 0, 1].map((d) => data[(trimLine + d) * info.width + px(3)] ?? 255));
  assert.ok(darkest < 100, `the mark shows, 3 mm from the sheet's edge on the trim line (grey ${darkest})`);
  assert.ok(at(3, 5) > 240, 'the slug away from the marks is white');
});

marks.run();
