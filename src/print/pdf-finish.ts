/**
 * Finishes a PDF printed by Chromium: page boxes for the printer, document metadata, and a
 * reproducible output (fixed dates and a document ID derived from the content).
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHeader, PDFHexString, PDFName, type PDFPage, PDFString } from 'pdf-lib';
import { markArtifacts } from './pdf/artifacts.ts';
import { drawCropMarks } from './pdf/crop-marks.ts';
import { describeLinks, mapStructureRoles, type LinkKey } from './pdf/link-descriptions.ts';
import { setXmp } from './pdf/xmp.ts';
import { documentFonts, type PdfFont } from './pdf-fonts.ts';

export const PT_PER_MM = 72 / 25.4;

/**
 * How we let pdf-lib read and write. By default it yields to the event loop through a
 * setTimeout (at least 1 ms in Node) every 100 objects it parses and every 50 it writes; a
 * tagged PDF has a structure element per paragraph, so at 500 pages (10^5 objects) that was
 * seconds of sleeping per PDF. Nothing needs the event loop meanwhile, so parse and write in
 * one go. (Parsing a part while Chromium prints the next one was tried: on two busy cores it
 * was no faster.) `updateMetadata: false`: pdf-lib would otherwise stamp its own Producer and
 * the current time.
 */
export const PDF_LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;
export const PDF_SAVE = { useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY } as const;

export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  keywords?: readonly string[];
  /** BCP 47 language of the document (default `fr`). */
  lang?: string;
}

export interface PageGeometry {
  /** Trim size, in mm. */
  trimWidthMm: number;
  trimHeightMm: number;
  /** Bleed kept around the trim box (0 for the screen edition), in mm. */
  bleedMm: number;
  /** Everything Paged.js added around the trim box (bleed plus room for crop marks), in mm. */
  sheetBleedMm: number;
}

export interface FinishOptions {
  metadata: PdfMetadata;
  geometry: PageGeometry;
  /** CreationDate and ModDate: SOURCE_DATE_EPOCH when set, for reproducible builds. */
  date: Date;
  producer?: string;
  /**
   * The document's headings in order, as a reader sees them. Chromium drops the space at each
   * line break of a wrapped heading in its outline (« Innovation sociale enMoselle »); titles
   * that match a heading but for whitespace are replaced by it.
   */
  headings?: readonly string[];
  /** The text of each link, by target, in document order (src/print/pdf/link-descriptions.ts). */
  links?: ReadonlyMap<LinkKey, readonly string[]>;
}

const squash = (text: string) => text.replace(/[\s\u00AD]+/g, '');

/** Rewrites outline titles (depth first, as Chromium writes them) from the matching headings. */
function repairOutline(doc: PDFDocument, headings: readonly string[]): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let next = 0;
  const visit = (item: PDFDict | undefined): void => {
    for (let entry = item; entry; entry = entry.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = entry.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const wanted = squash(title.decodeText());
        const found = headings.findIndex((heading, i) => i >= next && squash(heading) === wanted);
        if (found >= 0) {
          entry.set(PDFName.of('Title'), PDFHexString.fromText(headings[found] ?? ''));
          next = found + 1;
        }
      }
      visit(entry.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}

/** The build date: SOURCE_DATE_EPOCH (seconds) when set and valid, else now. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH !== undefined && Number.isInteger(epoch) && epoch >= 0 ? new Date(epoch * 1000) : new Date();
}

/**
 * Where the trim box of a page Chromium printed is, in points: `sheet` in from the top-left
 * corner of its MediaBox (see finishPdf for why the top-left).
 */
function trimRect(page: PDFPage, trimW: number, trimH: number, sheet: number): { x: number; y: number; width: number; height: number } {
  const media = page.getMediaBox();
  const top = media.y + media.height;
  return { x: media.x + sheet, y: top - sheet - trimH, width: trimW, height: trimH };
}

/**
 * Cuts every page of a print PDF to its trim box: what the screen edition shows, without
 * printing it again. The content keeps its coordinates (so do links and destinations); the
 * bleed stays in the page, outside the box, where no reader sees it.
 */
export function trimToBox(doc: PDFDocument, geometry: Pick<PageGeometry, 'trimWidthMm' | 'trimHeightMm' | 'sheetBleedMm'>): void {
  const [trimW, trimH, sheet] = [geometry.trimWidthMm * PT_PER_MM, geometry.trimHeightMm * PT_PER_MM, geometry.sheetBleedMm * PT_PER_MM];
  for (const page of doc.getPages()) {
    const trim = trimRect(page, trimW, trimH, sheet);
    page.setMediaBox(trim.x, trim.y, trim.width, trim.height);
    page.setCropBox(trim.x, trim.y, trim.width, trim.height);
  }
}

/**
 * Sets MediaBox/CropBox/BleedBox/TrimBox on every page, the Info dictionary, /Lang and the
 * document ID, and returns the new bytes (and the fonts). Takes Chromium's bytes, or a document
 * already parsed (merged from parts by src/print/pdf-merge.ts).
 *
 * Boxes are computed from the exact trim size, anchored at the top-left corner of Chromium's
 * page: Chromium rounds page sizes (A4 + 2×3 mm comes out 612 × 858.96 pt instead of
 * 612.28 × 858.90), but it lays content out from the top-left, so the trim box stays exactly
 * where Paged.js drew it and is exactly A4 for the printer's preflight.
 */
export async function finishPdf(input: Uint8Array | PDFDocument, options: FinishOptions): Promise<FinishedPdf> {
  const doc = input instanceof PDFDocument ? input : await PDFDocument.load(input, PDF_LOAD);
  const { trimWidthMm, trimHeightMm, bleedMm, sheetBleedMm } = options.geometry;
  const trimW = trimWidthMm * PT_PER_MM;
  const trimH = trimHeightMm * PT_PER_MM;
  const bleed = bleedMm * PT_PER_MM;
  const sheet = sheetBleedMm * PT_PER_MM;

  // What Chromium left untagged becomes artifacts, before the crop marks (themselves drawn as one).
  markArtifacts(doc);
  for (const page of doc.getPages()) {
    const trim = trimRect(page, trimW, trimH, sheet);
    const bleedBox = { x: trim.x - bleed, y: trim.y - bleed, width: trimW + 2 * bleed, height: trimH + 2 * bleed };
    const mediaBox = { x: trim.x - sheet, y: trim.y - sheet, width: trimW + 2 * sheet, height: trimH + 2 * sheet };
    page.setMediaBox(mediaBox.x, mediaBox.y, mediaBox.width, mediaBox.height);
    page.setCropBox(mediaBox.x, mediaBox.y, mediaBox.width, mediaBox.height);
    page.setBleedBox(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    page.node.delete(PDFName.of('ArtBox'));
    // A sheet larger than the bleed is room for crop marks (paginate.ts): ours, in registration colour.
    if (sheet > bleed + 0.01) drawCropMarks(doc, page);
  }

  if (options.headings) repairOutline(doc, options.headings);
  // Read aloud: each link says what it says on the page; /Strong is known to PDF 1.7 readers.
  describeLinks(doc, options.links ?? new Map());
  mapStructureRoles(doc);

  const { metadata } = options;
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  if (metadata.subject) doc.setSubject(metadata.subject);
  // One string, as in the XMP (pdf-lib would join them with bare spaces).
  if (metadata.keywords?.length) doc.setKeywords([metadata.keywords.join(', ')]);
  doc.setLanguage(metadata.lang ?? 'fr');
  doc.setCreator('compendium');
  const producer = options.producer ?? 'compendium (Chromium, Paged.js, pdf-lib)';
  doc.setProducer(producer);
  setXmp(doc, metadata, options.date, producer);
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);
  // Object streams need PDF 1.5; Chromium writes a 1.4 header.
  doc.context.header = PDFHeader.forVersion(1, 7);

  // A fixed document ID derived from the content (ISO 32000 §14.4 lets it be any unique
  // string): two builds of the same content give the same bytes, so diffs and caches work.
  // Saved once with a placeholder ID, hashed, then the placeholder is overwritten in place
  // (same length, so no offset moves) — not saved a second time.
  const placeholder = PDFHexString.of(ID_PLACEHOLDER);
  const ids = PDFArray.withContext(doc.context);
  ids.push(placeholder);
  ids.push(placeholder);
  doc.context.trailerInfo.ID = ids;
  const saved = await doc.save(PDF_SAVE);
  const hash = createHash('sha256').update(saved).digest('hex').slice(0, ID_PLACEHOLDER.length);
  return { bytes: setDocumentId(saved, hash), fonts: documentFonts(doc) };
}

/** What finishPdf made: the bytes, and the fonts (read from the same parse, not a second one). */
export interface FinishedPdf {
  bytes: Uint8Array;
  fonts: PdfFont[];
}

const ID_PLACEHOLDER = '0'.repeat(32);

/** Writes `id` over the two placeholder IDs of the trailer (the last two in the file). */
function setDocumentId(bytes: Uint8Array, id: string): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = `<${ID_PLACEHOLDER}>`;
  let end = buffer.length;
  for (let i = 0; i < 2; i++) {
    const at = buffer.lastIndexOf(needle, end, 'latin1');
    if (at < 0) throw new Error('finishPdf: the placeholder document ID was not written');
    buffer.write(id, at + 1, 'latin1');
    end = at - 1;
  }
  return bytes;
}
