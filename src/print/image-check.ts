/**
 * Resolution of the photos in the print PDF: a printer wants 300 ppi at the printed size.
 * The print folder holds the original files and Chromium embeds them as they are, so the
 * resolution printed is the original's pixels over the size of its box on the page.
 */
import type { FitFinding, PageFacts } from './fit.ts';
import { guillemets, NBSP, number } from './french.ts';

/** Print resolution asked for by printers (and by the editor's guide). */
export const PRINT_PPI = 300;

/** One finding per image below `minPpi` (each image once, at its first page). */
export function imageFindings(pages: readonly PageFacts[], minPpi = PRINT_PPI): FitFinding[] {
  const seen = new Set<string>();
  const findings: FitFinding[] = [];
  for (const page of pages) {
    for (const image of page.images) {
      // 1 ppi of slack: rounding of the box in CSS pixels must not turn 300 into 299,8.
      if (image.ppi >= minPpi - 1 || seen.has(image.src)) continue;
      seen.add(image.src);
      // The data's own name: a TIFF, GIF or AVIF is printed from a converted copy (html.ts).
      const file = decodeURIComponent(image.src.replace(/^\/(images\/)?/, '').replace(/(\.(?:tiff?|gif|avif))\.(?:jpg|png)$/i, '$1'));
      const needW = Math.ceil((image.widthMm / 25.4) * minPpi);
      const needH = Math.ceil((image.heightMm / 25.4) * minPpi);
      const size = `${number(image.widthMm)}${NBSP}×${NBSP}${number(image.heightMm)}${NBSP}mm`;
      findings.push({
        kind: 'image-resolution',
        page: page.number,
        ...(image.name ? { name: image.name } : {}),
        message:
          `Image ${guillemets(file)}${image.name ? ` (${image.name})` : ''} page ${page.number}${NBSP}: ${Math.floor(image.ppi)}${NBSP}ppi à sa taille imprimée (${size}), ` +
          `il en faut ${minPpi}. Fournissez une image d’au moins ${needW}${NBSP}×${NBSP}${needH}${NBSP}pixels.`,
      });
    }
  }
  return findings;
}
