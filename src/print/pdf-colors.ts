/**
 * What colours and transparency a PDF uses, read with pdf-lib: the colour spaces of images,
 * shadings and resources, the colour operators of content streams, and every form of
 * transparency (soft masks, constant alpha, blend modes, transparency groups). Used to check
 * the PDF/X-3 variant: CMYK (or gray) only, and no transparency, which PDF/X-3 forbids; the
 * preflight (src/print/pdf/preflight.ts) reads it page by page.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFObject, type PDFPage } from 'pdf-lib';
import { PDF_LOAD } from './pdf-finish.ts';

export interface ColorReport {
  /** Colour space families found: DeviceCMYK, DeviceGray, DeviceRGB, ICCBased/3, Indexed/DeviceRGB… */
  spaces: string[];
  /** Those that are RGB (or any space with 3 components), which a CMYK-only file must not have. */
  rgb: string[];
  /** Kinds of transparency found (`SMask`, `ca<1`, `BM`, `Group/Transparency`). */
  transparency: string[];
}

const RGB_OPERATORS = /(?:^|[\s\]>)])(?:-?[\d.]+\s+){3}(rg|RG)(?=[\s/[<(]|$)/;
const RGB_SPACE_OPERATOR = /\/DeviceRGB\s+(cs|CS)(?=[\s/[<(]|$)/;

/** Colours and transparency of every page (and the forms, patterns and images it draws). */
export async function inspectColors(bytes: Uint8Array): Promise<ColorReport> {
  const doc = await PDFDocument.load(bytes, PDF_LOAD);
  const pages = doc.getPages().map((page) => pageColors(doc, page));
  const list = [...new Set(pages.flatMap((p) => p.spaces))].sort();
  return { spaces: list, rgb: list.filter(isRgb), transparency: [...new Set(pages.flatMap((p) => p.transparency))].sort() };
}

const isRgb = (space: string): boolean => /RGB|\/3$/.test(space);

/** Colours and transparency of one page (and the forms, patterns and images it draws). */
export function pageColors(doc: PDFDocument, page: PDFPage): ColorReport {
  const { context } = doc;
  const resolve = (obj: PDFObject | undefined): PDFObject | undefined => (obj instanceof PDFRef ? context.lookup(obj) : obj);
  const dictOf = (obj: PDFObject | undefined): PDFDict | undefined => {
    const value = resolve(obj);
    return value instanceof PDFDict ? value : value instanceof PDFStream ? value.dict : undefined;
  };
  const name = (obj: PDFObject | undefined): string | undefined => {
    const value = resolve(obj);
    return value instanceof PDFName ? value.decodeText() : undefined;
  };
  const spaces = new Set<string>();
  const transparency = new Set<string>();

  const describeSpace = (obj: PDFObject | undefined): string | undefined => {
    const value = resolve(obj);
    if (value instanceof PDFName) return value.decodeText();
    if (!(value instanceof PDFArray)) return undefined;
    const family = name(value.get(0)) ?? '?';
    if (family === 'ICCBased') {
      const n = dictOf(value.get(1))?.get(PDFName.of('N'));
      return `ICCBased/${n instanceof PDFNumber ? n.asNumber() : '?'}`;
    }
    if (family === 'Indexed') return `Indexed/${describeSpace(value.get(1)) ?? '?'}`;
    // Separation and DeviceN: [family, name(s), alternate space, tint transform].
    if (family === 'Separation' || family === 'DeviceN') return `${family}/${describeSpace(value.get(2)) ?? '?'}`;
    return family;
  };
  const addSpace = (obj: PDFObject | undefined) => {
    const space = describeSpace(obj);
    if (space && space !== 'Pattern') spaces.add(space);
  };

  const scanContent = (stream: PDFObject | undefined) => {
    const value = resolve(stream);
    const streams = value instanceof PDFArray ? value.asArray().map(resolve) : [value];
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
      if (RGB_OPERATORS.test(text) || RGB_SPACE_OPERATOR.test(text)) spaces.add('DeviceRGB');
      if (/(?:^|\s)(?:[\d.]+\s+){4}(k|K)(?=\s|$)/.test(text)) spaces.add('DeviceCMYK');
    }
  };

  const visited = new Set<PDFDict>();
  const visitResources = (resources: PDFDict | undefined): void => {
    if (!resources || visited.has(resources)) return;
    visited.add(resources);
    for (const [, cs] of dictOf(resources.get(PDFName.of('ColorSpace')))?.entries() ?? []) addSpace(cs);
    for (const [, gsObj] of dictOf(resources.get(PDFName.of('ExtGState')))?.entries() ?? []) {
      const gs = dictOf(gsObj);
      if (!gs) continue;
      for (const key of ['ca', 'CA']) {
        const alpha = resolve(gs.get(PDFName.of(key)));
        if (alpha instanceof PDFNumber && alpha.asNumber() < 1) transparency.add(`${key}<1`);
      }
      const smask = resolve(gs.get(PDFName.of('SMask')));
      if (smask && name(smask) !== 'None') transparency.add('SMask');
      const bm = name(gs.get(PDFName.of('BM')));
      if (bm && bm !== 'Normal' && bm !== 'Compatible') transparency.add(`BM/${bm}`);
    }
    for (const [, sh] of dictOf(resources.get(PDFName.of('Shading')))?.entries() ?? []) addSpace(dictOf(sh)?.get(PDFName.of('ColorSpace')));
    for (const [, pattern] of dictOf(resources.get(PDFName.of('Pattern')))?.entries() ?? []) {
      const dict = dictOf(pattern);
      addSpace(dictOf(dict?.get(PDFName.of('Shading')))?.get(PDFName.of('ColorSpace')));
      visitResources(dictOf(dict?.get(PDFName.of('Resources'))));
      scanContent(pattern);
    }
    for (const [, xobj] of dictOf(resources.get(PDFName.of('XObject')))?.entries() ?? []) {
      const dict = dictOf(xobj);
      if (!dict) continue;
      const subtype = name(dict.get(PDFName.of('Subtype')));
      if (subtype === 'Image') {
        if (dict.get(PDFName.of('ImageMask')) === undefined) addSpace(dict.get(PDFName.of('ColorSpace')));
        if (dict.get(PDFName.of('SMask'))) transparency.add('SMask');
      } else if (subtype === 'Form') {
        if (name(dictOf(dict.get(PDFName.of('Group')))?.get(PDFName.of('S'))) === 'Transparency') transparency.add('Group/Transparency');
        visitResources(dictOf(dict.get(PDFName.of('Resources'))));
        scanContent(xobj);
      }
    }
  };

  if (name(dictOf(page.node.get(PDFName.of('Group')))?.get(PDFName.of('S'))) === 'Transparency') transparency.add('Group/Transparency');
  visitResources(page.node.Resources());
  scanContent(page.node.get(PDFName.of('Contents')));
  const list = [...spaces].sort();
  return { spaces: list, rgb: list.filter(isRgb), transparency: [...transparency].sort() };
}
