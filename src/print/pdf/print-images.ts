/**
 * Photos of the print PDF at 300 ppi at their placed size. Chromium embeds an image with all
 * its pixels: a 99-megapixel photo made a 57 MB print PDF for a box a few centimetres wide.
 * The size of each box is only known once Paged.js has laid the book out, so after layout
 * (from the page facts of src/print/fit.ts) each image file larger than its largest placement
 * needs is resampled with sharp (Lanczos, EXIF orientation applied, ICC profile kept) into
 * the print folder, and the pages' <img> point at the copy before each part is printed.
 * The scale is uniform, so the image keeps its aspect ratio and the layout does not move.
 * The screen PDF then resamples these copies further (src/print/screen.ts).
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import sharp from 'sharp';
import type { PageFacts } from '../fit.ts';
import { PRINT_PPI } from '../image-check.ts';

/**
 * Below this excess (450 ppi for 300), resampling is not worth a generation of JPEG loss: the
 * file is at most 2.25 times the pixels it needs. Photos supplied for print (2 500 px for a
 * page-wide box, 374 ppi in the fixture brochure) are embedded as supplied.
 */
const SLACK = 1.5;

export interface PrintResample {
  /** Path of the image in the print folder as the pages name it (`/images/…`). */
  src: string;
  /** Pixel width of the copy (the height follows the aspect ratio). */
  width: number;
}

/**
 * For each image printed above `ppi` × SLACK at every one of its placements, the width its
 * most demanding placement needs at `ppi`. Pure: from the facts measured after layout.
 */
export function printResamples(pages: readonly PageFacts[], ppi = PRINT_PPI): PrintResample[] {
  const needed = new Map<string, { natural: number; width: number }>();
  for (const page of pages) {
    for (const image of page.images) {
      if (!(image.ppi > 0)) continue;
      // `ppi` is what the placement prints at (object-fit taken into account): the scale
      // that brings it to the target keeps every direction at least at the target.
      const width = Math.ceil(image.naturalWidth * (ppi / image.ppi));
      const known = needed.get(image.src);
      if (!known || width > known.width) needed.set(image.src, { natural: image.naturalWidth, width });
    }
  }
  return [...needed]
    .filter(([, n]) => n.natural > n.width * SLACK)
    .map(([src, n]) => ({ src, width: n.width }))
    .sort((a, b) => a.src.localeCompare(b.src, 'en'));
}

/** The copy's path beside the original: `images/x.jpg` → `images/x.jpg.300ppi.jpg`. */
const copyOf = (src: string, format: 'jpg' | 'png'): string => `${src}.${PRINT_PPI}ppi.${format}`;

/**
 * Writes the resampled copies into `root` (the print folder). Returns the new `src` of each
 * original, for `usePrintImages`.
 */
export async function writePrintImages(root: string, resamples: readonly PrintResample[]): Promise<Map<string, string>> {
  const renamed = new Map<string, string>();
  for (const { src, width } of resamples) {
    const file = join(root, decodeURIComponent(src));
    const meta = await sharp(file).metadata();
    const format = meta.hasAlpha ? 'png' : 'jpg';
    const image = sharp(file).rotate().resize({ width, kernel: 'lanczos3' }).keepIccProfile();
    await (format === 'png' ? image.png() : image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })).toFile(join(root, decodeURIComponent(copyOf(src, format))));
    renamed.set(src, copyOf(src, format));
  }
  return renamed;
}

/**
 * Runs in the page: points every <img> shown of a renamed file at its copy and waits for them.
 * Each image's box is pinned first: a box sized by the image's aspect ratio would otherwise
 * move by a fraction of a pixel (the copy's pixel size is rounded), enough to push the last
 * line of a laid-out page out of it. Hidden pages (other parts) are swapped when shown.
 * Self-contained.
 */
async function swapSources(pairs: Array<[string, string]>): Promise<number> {
  const map = new Map(pairs);
  const waits: Array<Promise<unknown>> = [];
  for (const img of Array.from(document.querySelectorAll<HTMLImageElement>('.pagedjs_pages img'))) {
    if (!img.currentSrc && !img.src) continue;
    const url = new URL(img.currentSrc || img.src);
    const to = map.get(url.pathname);
    if (!to || img.offsetWidth === 0) continue;
    // The used sizes, fractions of a pixel included (offsetWidth would round them).
    const { width, height } = getComputedStyle(img);
    img.style.width = width;
    img.style.height = height;
    img.removeAttribute('srcset');
    img.src = new URL(to, url).href;
    waits.push(img.decode().catch(() => undefined));
  }
  await Promise.all(waits);
  return waits.length;
}

/** Makes the pages shown use the resampled copies (call after each part is shown). */
export async function usePrintImages(page: Page, renamed: ReadonlyMap<string, string>): Promise<number> {
  if (renamed.size === 0) return 0;
  return page.evaluate(swapSources, [...renamed]);
}
