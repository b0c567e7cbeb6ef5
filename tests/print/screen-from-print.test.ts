/**
 * The screen edition cut from the print one (src/print/render.ts): a part with no image to
 * resample gets the print pages cut to the trim box, a part with one is printed again with the
 * photo resampled. The fixture brochure in parts of 3 pages has both. Compared with the same
 * brochure whose every screen part Chromium printed (`screenFromPrint: false`): what a reader
 * sees (text, rendered pages), what a screen reader meets (outline, links, tags), the boxes.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PT_PER_MM } from '../../src/print/pdf-finish.ts';
import { renderPrint, type RenderResult } from '../../src/print/render.ts';
import { pdfImages, pdfLines, pdfLinks, pdfOutline, pdfTags, poppler, printFixtureFolder, requirePoppler, squash } from './pdf-helpers.ts';

interface Context {
  dir: string;
  cut: RenderResult;
  printed: RenderResult;
  cutBytes: Uint8Array;
  printedBytes: Uint8Array;
}

const screen = suite<Context>('screen PDF cut from the print PDF, where no image is resampled');
const metadata = { title: 'Innovation sociale en Moselle', author: 'Département de la Moselle' };

screen.before(async (ctx) => {
  ctx.dir = await printFixtureFolder();
  const input = join(ctx.dir, 'brochure.html');
  const env = { SOURCE_DATE_EPOCH: '1700000000' };
  ctx.cut = await renderPrint({ input, metadata, env, pagesPerPart: 3, screenPdf: join(ctx.dir, 'cut.pdf') });
  ctx.printed = await renderPrint({ input, metadata, env, pagesPerPart: 3, printPdf: false, screenPdf: join(ctx.dir, 'printed.pdf'), screenFromPrint: false });
  ctx.cutBytes = await readFile(join(ctx.dir, 'cut.pdf'));
  ctx.printedBytes = await readFile(join(ctx.dir, 'printed.pdf'));
});

screen.after(async (ctx) => {
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

screen('the part with the photo is printed again, resampled; the others are cut', async ({ dir, cut, printed }) => {
  assert.is(cut.pageCount, printed.pageCount, 'same pagination');
  assert.is(cut.screenImagesResampled, 1, 'the 2 500 px photo is resampled in the screen PDF');
  assert.is(printed.screenImagesResampled, 1);
  assert.ok(cut.timings.pdfScreen > 0, 'one part went through Chromium again');
  if (requirePoppler()) {
    const images = pdfImages(join(dir, 'cut.pdf'));
    assert.ok(images.length > 0 && images.every((image) => image.width < 2500), `screen images: ${JSON.stringify(images)}`);
  }
});

screen('every page is A4, all its boxes on the trim', async ({ cutBytes }) => {
  const doc = await PDFDocument.load(cutBytes);
  for (const [i, page] of doc.getPages().entries()) {
    const trim = page.getTrimBox();
    for (const [name, box] of [['MediaBox', page.getMediaBox()], ['CropBox', page.getCropBox()], ['BleedBox', page.getBleedBox()]] as const) {
      assert.equal(box, trim, `page ${i + 1}: ${name} = TrimBox`);
    }
    assert.ok(Math.abs(trim.width - 210 * PT_PER_MM) < 0.01 && Math.abs(trim.height - 297 * PT_PER_MM) < 0.01, `page ${i + 1}: A4`);
  }
});

screen('the same text, outline, links and tags as the screen PDF printed by Chromium', async ({ cutBytes, printedBytes }) => {
  const [a, b] = [await pdfLines(printedBytes), await pdfLines(cutBytes)];
  assert.is(b.length, a.length);
  a.forEach((lines, i) => assert.is(squash((b[i] ?? []).join('')), squash(lines.join('')), `page ${i + 1}`));
  assert.equal(await pdfOutline(cutBytes), await pdfOutline(printedBytes));
  assert.equal(await pdfLinks(cutBytes), await pdfLinks(printedBytes));
  const [tags, printedTags] = [await pdfTags(cutBytes), await pdfTags(printedBytes)];
  assert.equal(tags.problems, [], 'cut from the print PDF');
  assert.equal(printedTags.problems, [], 'printed by Chromium');
  assert.equal(tags.tree, printedTags.tree);
});

/** Share of pixels of `a` with no pixel of `b` within one pixel around that is near in colour. */
async function mismatch(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((path) => sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true })));
  if (!x || !y || x.info.width !== y.info.width || x.info.height !== y.info.height) return 1;
  const { width, height } = x.info;
  let bad = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const value = x.data[row * width + col] ?? 0;
      let near = false;
      for (let dy = -1; dy <= 1 && !near; dy++) {
        for (let dx = -1; dx <= 1 && !near; dx++) {
          const [r, c] = [row + dy, col + dx];
          if (r >= 0 && r < height && c >= 0 && c < width) near = Math.abs((y.data[r * width + c] ?? 0) - value) <= 48;
        }
      }
      if (!near) bad += 1;
    }
  }
  return bad / (width * height);
}

screen('every page looks the same as the one Chromium printed (poppler, 40 dpi, within a pixel)', async ({ dir }) => {
  if (!requirePoppler()) return;
  for (const name of ['cut', 'printed']) {
    await mkdir(join(dir, name));
    poppler('pdftoppm', ['-r', '40', '-png', join(dir, `${name}.pdf`), join(dir, name, 'p')]);
  }
  const pages = (await readdir(join(dir, 'cut'))).sort();
  assert.equal(pages, (await readdir(join(dir, 'printed'))).sort());
  for (const page of pages) {
    const share = await mismatch(join(dir, 'cut', page), join(dir, 'printed', page));
    assert.ok(share < 0.002, `${page}: ${(share * 100).toFixed(2)} % of pixels differ`);
  }
});

screen.run();
