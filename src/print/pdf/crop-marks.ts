/**
 * Crop marks in registration colour, drawn by us rather than by Paged.js.
 *
 * Why not Paged.js's `marks: crop`: Chromium can only write RGB, so its marks were RGB black,
 * which the PDF/X-3 conversion turns into a four-colour black of ~280 % — on every plate, but
 * not at 100 %, so the plates cannot be registered on them. Marks in `/Separation /All` (ISO
 * 32000 §8.6.6.4: « All » paints every plate, the printer's registration colour) pass through
 * Ghostscript unchanged (measured: `/Separation /All` in, the same out, with
 * ColorConversionStrategy=CMYK).
 *
 * Where: a slug of MARKS_SLUG_MM (src/print/paginate.ts) around the bleed; each mark starts
 * 2 mm outside the BleedBox (the trimmer never cuts through one, and the bleed keeps its
 * picture) and stops 1 mm short of the sheet's edge. Paged.js paints a page's background over
 * its whole sheet, so the slug is first painted white (no ink) and the marks drawn on it.
 */
import { PDFDict, PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';

// Not imported from pdf-finish.ts, which imports this module.
const PT_PER_MM = 72 / 25.4;

/** Width of a crop mark, in points (what print shops' imposition software draws). */
export const MARK_WIDTH_PT = 0.25;
/** Gap between the bleed and a mark, and between a mark and the sheet's edge, in mm. */
const GAP_MM = 2;
const EDGE_MM = 1;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const n = (value: number): string => String(Math.round(value * 1000) / 1000);

/** The content stream of the slug and the marks, for a page with these boxes (in points). */
export function cropMarksContent(trim: Box, bleed: Box, media: Box, colorSpace = 'CSReg'): string {
  const start = trim.x - bleed.x + GAP_MM * PT_PER_MM;
  const end = trim.x - media.x - EDGE_MM * PT_PER_MM;
  const ops = [
    'q',
    // The slug, white: the sheet minus the bleed box (even-odd).
    `1 g ${n(media.x)} ${n(media.y)} ${n(media.width)} ${n(media.height)} re ${n(bleed.x)} ${n(bleed.y)} ${n(bleed.width)} ${n(bleed.height)} re f*`,
    `/${colorSpace} CS 1 SCN ${MARK_WIDTH_PT} w 0 J`,
  ];
  for (const x of [trim.x, trim.x + trim.width]) {
    for (const y of [trim.y, trim.y + trim.height]) {
      const [dx, dy] = [x === trim.x ? -1 : 1, y === trim.y ? -1 : 1];
      ops.push(`${n(x + dx * start)} ${n(y)} m ${n(x + dx * end)} ${n(y)} l S`);
      ops.push(`${n(x)} ${n(y + dy * start)} m ${n(x)} ${n(y + dy * end)} l S`);
    }
  }
  ops.push('Q');
  return ops.join('\n');
}

/**
 * Draws the slug and the crop marks on a page whose boxes are set, over its content (which is
 * wrapped in q/Q first, so a graphics state it leaves behind does not move the marks).
 */
export function drawCropMarks(doc: PDFDocument, page: PDFPage): void {
  const { context } = doc;
  const registration = context.obj([
    PDFName.of('Separation'),
    PDFName.of('All'),
    PDFName.of('DeviceCMYK'),
    context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }),
  ]);
  const resources = page.node.normalizedEntries().Resources;
  const spaces = resources.lookupMaybe(PDFName.of('ColorSpace'), PDFDict) ?? context.obj({});
  spaces.set(PDFName.of('CSReg'), registration);
  resources.set(PDFName.of('ColorSpace'), spaces);
  page.node.wrapContentStreams(context.register(context.stream('q')), context.register(context.stream('Q')));
  // A printer's mark, not content: an artifact in the tagged PDF (src/print/pdf/artifacts.ts).
  page.node.addContentStream(context.register(context.flateStream(`/Artifact BMC\n${cropMarksContent(page.getTrimBox(), page.getBleedBox(), page.getMediaBox())}\nEMC`)));
}
