/**
 * Black and dark grey on the black plate alone, for the PDF/X-3 variant.
 *
 * Why: Chromium writes every colour as DeviceRGB, and Ghostscript converts RGB through the
 * FOGRA39 profile colorimetrically, so the body text (#1f1b16) came out C66 M66 Y71 K78 — 280 %
 * of ink on 2 212 text runs, fuzzy at the slightest misregistration. Printers want text and
 * thin rules that are black or grey on K only.
 *
 * What was measured (Ghostscript 10, the 2025 brochure):
 * - Ghostscript's colour options: `-dBlackText` / `-dBlackVector` turn *all* text or vectors
 *   black, coloured headings included; `-dKPreserve` acts on CMYK→CMYK links only, not on our
 *   RGB source; a device link (RGB→CMYK with K-only greys) needs ArgyllCMS at build time and
 *   pdfwrite applies object-type links unevenly. None kept.
 * - DeviceCMYK and DeviceGray colours pass through pdfwrite untouched with
 *   `ColorConversionStrategy=CMYK` (a `0 0 0 1 k` comes out `0 0 0 1 k`).
 * So the print PDF's content streams are rewritten before Ghostscript sees them: every RGB
 * colour operator whose colour is black or dark grey (CIELAB L* ≤ 50, C* ≤ 15: the design's
 * --ink #1f1b16 and --ink-soft #574d43, not the brown accent) becomes a K-only CMYK colour of
 * the same lightness, from the K ramp measured on FOGRA39 (src/print/pdf/ink.ts): --ink → K 100,
 * --ink-soft → K 83. Fills and strokes both, so rules drawn in those colours follow the text.
 * Photographs and light or coloured tints keep the profile's conversion.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { contentText, numbers, operations, replaceContent } from './content-stream.ts';
import { kOnlyTint } from './ink.ts';

const RGB_OPERATORS: Record<string, string> = { rg: 'k', RG: 'K' };

/** The stream with its black and dark grey RGB colour operators made K-only CMYK; how many changed. */
export function kOnlyContent(text: string): { text: string; changed: number } {
  let out = '';
  let from = 0;
  let changed = 0;
  for (const op of operations(text)) {
    const cmyk = RGB_OPERATORS[op.operator];
    if (!cmyk || op.operands.length !== 3) continue;
    const [r, g, b] = numbers(op);
    const k = kOnlyTint(r ?? NaN, g ?? NaN, b ?? NaN);
    if (k === undefined) continue;
    out += `${text.slice(from, op.start)}0 0 0 ${k} ${cmyk}`;
    from = op.end;
    changed++;
  }
  return { text: changed ? out + text.slice(from) : text, changed };
}

/**
 * Rewrites every content stream of the document (pages, forms, tiling patterns) with
 * kOnlyContent, in place. Returns the number of colour operators changed.
 */
export function mapDarkNeutralsToK(doc: PDFDocument): number {
  const { context } = doc;
  const seen = new Set<string>();
  let changed = 0;
  const rewrite = (ref: PDFObject | undefined): void => {
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) return;
    seen.add(ref.toString());
    const stream = context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return;
    const result = kOnlyContent(contentText(stream));
    if (!result.changed) return;
    changed += result.changed;
    replaceContent(context, ref, stream, result.text);
  };
  const visitedResources = new Set<PDFDict>();
  const visitResources = (resources: PDFObject | undefined): void => {
    const dict = resources instanceof PDFRef ? context.lookup(resources) : resources;
    if (!(dict instanceof PDFDict) || visitedResources.has(dict)) return;
    visitedResources.add(dict);
    for (const key of ['XObject', 'Pattern']) {
      const group = context.lookup(dict.get(PDFName.of(key)));
      if (!(group instanceof PDFDict)) continue;
      for (const [, ref] of group.entries()) {
        const target = context.lookup(ref);
        if (!(target instanceof PDFStream)) continue;
        const subtype = target.dict.get(PDFName.of('Subtype'));
        if (key === 'XObject' && subtype !== PDFName.of('Form')) continue;
        visitResources(target.dict.get(PDFName.of('Resources')));
        rewrite(ref);
      }
    }
  };
  for (const page of doc.getPages()) {
    visitResources(page.node.get(PDFName.of('Resources')));
    const contents = page.node.get(PDFName.of('Contents'));
    const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
    if (resolved instanceof PDFArray) resolved.asArray().forEach(rewrite);
    else rewrite(contents);
  }
  return changed;
}
