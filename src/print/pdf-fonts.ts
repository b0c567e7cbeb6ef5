/**
 * Lists the fonts a PDF uses, the way `pdffonts` does, with pdf-lib only (poppler is not always
 * installed). A printer refuses Type 3 fonts (bitmap or procedure glyphs, no hinting) and any
 * font that is not embedded.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';

export interface PdfFont {
  /** BaseFont, e.g. `AAAAAA+DejaVuSerif`. */
  name: string;
  /** Subtype: Type0, TrueType, Type1, Type3… */
  subtype: string;
  /** A FontFile/FontFile2/FontFile3 stream is present (always true for Type 3, which draws its glyphs). */
  embedded: boolean;
}

/** Every distinct font referenced from the pages (and the form XObjects they draw). */
export async function listFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  return documentFonts(await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
}

/** The fonts of a document already parsed (see listFonts). */
export function documentFonts(doc: PDFDocument): PdfFont[] {
  const { context } = doc;
  const resolve = (obj: PDFObject | undefined): PDFObject | undefined => (obj instanceof PDFRef ? context.lookup(obj) : obj);
  const dictOf = (obj: PDFObject | undefined): PDFDict | undefined => {
    const value = resolve(obj);
    if (value instanceof PDFDict) return value;
    if (value instanceof PDFStream) return value.dict;
    return undefined;
  };
  const nameOf = (dict: PDFDict | undefined, key: string): string => {
    const value = dict?.get(PDFName.of(key));
    return value instanceof PDFName ? value.decodeText() : '';
  };

  const fonts = new Map<PDFDict, PdfFont>();
  const visited = new Set<PDFDict>();
  const visitResources = (resources: PDFDict | undefined): void => {
    if (!resources || visited.has(resources)) return;
    visited.add(resources);
    const fontDict = dictOf(resources.get(PDFName.of('Font')));
    for (const [, value] of fontDict?.entries() ?? []) {
      const font = dictOf(value);
      if (!font || fonts.has(font)) continue;
      const subtype = nameOf(font, 'Subtype');
      let descriptorOwner = font;
      if (subtype === 'Type0') {
        const descendants = resolve(font.get(PDFName.of('DescendantFonts')));
        descriptorOwner = (descendants instanceof PDFArray ? dictOf(descendants.get(0)) : undefined) ?? font;
      }
      const descriptor = dictOf(descriptorOwner.get(PDFName.of('FontDescriptor')));
      const embedded =
        subtype === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)) ?? false);
      fonts.set(font, { name: nameOf(font, 'BaseFont') || nameOf(font, 'Name'), subtype, embedded });
      if (subtype === 'Type3') visitResources(dictOf(font.get(PDFName.of('Resources'))));
    }
    const xobjects = dictOf(resources.get(PDFName.of('XObject')));
    for (const [, value] of xobjects?.entries() ?? []) {
      const xobject = dictOf(value);
      if (nameOf(xobject, 'Subtype') === 'Form') visitResources(dictOf(xobject?.get(PDFName.of('Resources'))));
    }
  };

  // Resources() follows inheritance from the page tree, as viewers do.
  for (const page of doc.getPages()) visitResources(page.node.Resources());
  return [...fonts.values()];
}
