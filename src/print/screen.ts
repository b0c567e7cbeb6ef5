/**
 * Turns the paginated print document into the screen edition in place, without laying it out
 * again: the bleed and the crop marks are taken away around each page (the content area does
 * not move, so pagination is untouched) and images are resampled to screen resolution.
 *
 * A part of the document with no image to resample is not printed again at all: its screen
 * pages are its print pages cut to the trim box (src/print/render.ts, `trimToBox`).
 *
 * Both editions get a clean text layer (`settleTextLayer`): Chromium writes every soft hyphen
 * into the PDF's text, used or not, so « Mo\u00ADselle » could not be found by a search (28 of
 * 106 « Moselle » in the 2025 screen PDF before this) and copied text carried invisible
 * characters.
 */
import type { Page } from 'puppeteer-core';

const BLEED_VARS = ['top', 'right', 'bottom', 'left'].flatMap((side) => [
  `--pagedjs-bleed-${side}`,
  `--pagedjs-bleed-right-${side}`,
  `--pagedjs-bleed-left-${side}`,
]);

/** CSS that makes every sheet exactly the trim size (appended after Paged.js's own styles). */
export function screenGeometryCss(trimWidthMm: number, trimHeightMm: number): string {
  const w = `${trimWidthMm}mm`;
  const h = `${trimHeightMm}mm`;
  const vars = [
    ...BLEED_VARS.map((name) => `${name}: 0mm;`),
    ...['', '-right', '-left'].flatMap((suffix) => [`--pagedjs-width${suffix}: ${w};`, `--pagedjs-height${suffix}: ${h};`]),
    '--pagedjs-mark-crop-display: none;',
    '--pagedjs-mark-cross-display: none;',
  ];
  return `:root { ${vars.join(' ')} }\n@page { size: ${w} ${h}; margin: 0; }`;
}

/**
 * Runs in the page: resamples images larger than `ppi` at their printed size, or with `apply`
 * false only counts them. Self-contained.
 */
async function resampleImages(ppi: number, quality: number, apply: boolean): Promise<{ resampled: number }> {
  let resampled = 0;
  for (const img of Array.from(document.querySelectorAll<HTMLImageElement>('.pagedjs_pages img'))) {
    if (!img.complete || img.naturalWidth === 0 || /\.svg($|\?)/i.test(img.currentSrc)) continue;
    const rect = img.getBoundingClientRect();
    // CSS pixels are 1/96 in: the pixel count the screen edition needs at `ppi`.
    const width = Math.ceil((rect.width / 96) * ppi);
    const height = Math.ceil((rect.height / 96) * ppi);
    if (width === 0 || height === 0 || img.naturalWidth <= width * 1.2) continue;
    if (!apply) {
      resampled += 1;
      continue;
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) continue;
    context.imageSmoothingQuality = 'high';
    context.drawImage(img, 0, 0, width, height);
    // JPEG unless the image has transparency, which JPEG would paint black.
    const alpha = context.getImageData(0, 0, width, height).data;
    let opaque = true;
    for (let i = 3; i < alpha.length; i += 4) {
      if (alpha[i] !== 255) {
        opaque = false;
        break;
      }
    }
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    img.closest('picture')?.querySelectorAll('source').forEach((source) => source.remove());
    img.src = opaque ? canvas.toDataURL('image/jpeg', quality) : canvas.toDataURL('image/png');
    await img.decode().catch(() => undefined);
    resampled += 1;
  }
  return { resampled };
}

export interface ScreenOptions {
  trimWidthMm: number;
  trimHeightMm: number;
  /** Resolution of images in the screen PDF (default 150 ppi). */
  imagePpi?: number;
  /** JPEG quality, 0–1 (default 0.82). */
  jpegQuality?: number;
}

/**
 * Switches between the print geometry (`false`) and the screen one, back and forth: the engine
 * prints each part of the document in both editions before going on to the next.
 */
export async function setScreenGeometry(page: Page, options: ScreenOptions | false): Promise<void> {
  await page.evaluate((css: string | null) => {
    document.querySelector('style[data-compendium="screen"]')?.remove();
    if (css === null) return;
    const style = document.createElement('style');
    style.dataset.compendium = 'screen';
    style.textContent = css;
    document.head.append(style);
  }, options ? screenGeometryCss(options.trimWidthMm, options.trimHeightMm) : null);
}

/** Resamples the images of the pages shown (a part at a time, src/print/sheets.ts). */
export async function resampleScreenImages(page: Page, options: ScreenOptions): Promise<{ resampled: number }> {
  return page.evaluate(resampleImages, options.imagePpi ?? 150, options.jpegQuality ?? 0.82, true);
}

/** How many images of the pages shown the screen edition would resample (none: nothing to print again). */
export async function screenImagesToResample(page: Page, options: ScreenOptions): Promise<number> {
  return (await page.evaluate(resampleImages, options.imagePpi ?? 150, options.jpegQuality ?? 0.82, false)).resampled;
}

/**
 * Runs in the page: on the pages shown, takes out every soft hyphen (and word joiner, see
 * print/handlers/hyphen-limit.js) that no line ends at, and writes the ones a line does end at
 * as the hyphen-minus Chromium draws there. Self-contained.
 *
 * Why it cannot move a line: a soft hyphen not used is an empty break opportunity, and
 * Chromium breaks lines greedily, so a line never ends earlier for want of one it did not
 * take; a used one is drawn with the font's U+002D, the character that replaces it. Each
 * change is measured anyway and undone if its line moved. Why a real hyphen at a used break:
 * pdftotext joins « objec- / tif » back into « objectif », and pdf.js's search does too,
 * where « objec\u00AD- / tif » stayed « objec\u00ADtif ».
 */
function settleBreaks(): { removed: number; hyphens: number } {
  const range = document.createRange();
  // Every box of one character (a character after a used soft hyphen also reports the hyphen).
  const rects = (node: Text, offset: number): DOMRect[] => {
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return Array.from(range.getClientRects());
  };
  let removed = 0;
  let hyphens = 0;
  for (const sheet of Array.from(document.querySelectorAll('.pagedjs_pages > .pagedjs_page'))) {
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/[\u00AD\u2060]/.test((node as Text).data)) nodes.push(node as Text);
    // Every decision on the layout as it is, before any text changes.
    const plans = nodes.map((node) => {
      const used: { at: number; top: number }[] = [];
      for (let i = node.data.indexOf('\u00AD'); i !== -1; i = node.data.indexOf('\u00AD', i + 1)) {
        // Used: the next character is on another line — a later one, or the first of the next
        // column, higher up (« per-|met » at the foot of a two-column text's first column was
        // taken for unused, and the paragraph, which moved without it, kept all its soft
        // hyphens) — or on the next page (Paged.js cut the text there). Not « it has a
        // width »: inside a ligature, « dif\u00ADfé », it has a share.
        const before = rects(node, i - 1).filter((rect) => rect.width > 0).pop();
        if (!before) continue;
        const after = i + 1 < node.data.length ? rects(node, i + 1).filter((rect) => rect.width > 0).pop() : undefined;
        if (i + 1 === node.data.length || (after && Math.abs(after.top - before.top) > 1)) used.push({ at: i, top: before.top });
      }
      return { node, before: node.data, used };
    });
    // Whether the line still ends at `at`, after the character whose top was `top`.
    const breaksAt = (node: Text, at: number, top: number): boolean => {
      const before = rects(node, at - 1).filter((rect) => rect.width > 0).pop();
      const after = at + 1 < node.data.length ? rects(node, at + 1).filter((rect) => rect.width > 0).pop() : undefined;
      return before !== undefined && Math.abs(before.top - top) < 0.5 && (at + 1 === node.data.length || (after !== undefined && Math.abs(after.top - top) > 1));
    };
    for (const plan of plans) {
      const usedAt = new Set(plan.used.map((u) => u.at));
      // Tried in turn, each measured again: used soft hyphens as hyphen-minus, then left as
      // they are; if lines still moved (a ligature the word joiners had split, re-formed),
      // the text is left untouched.
      const settled = ['-', '\u00AD'].some((hyphen) => {
        let out = '';
        const positions: number[] = [];
        for (let i = 0; i < plan.before.length; i++) {
          const char = plan.before[i]!;
          if (char === '\u2060' || (char === '\u00AD' && !usedAt.has(i))) continue;
          if (char === '\u00AD') positions.push(out.length);
          out += char === '\u00AD' ? hyphen : char;
        }
        plan.node.data = out;
        if (!positions.every((at, index) => breaksAt(plan.node, at, plan.used[index]!.top))) return false;
        removed += plan.before.length - out.length;
        if (hyphen === '-') hyphens += positions.length;
        return true;
      });
      if (!settled) plan.node.data = plan.before;
    }
  }
  return { removed, hyphens };
}

/**
 * Makes the text of the pages shown searchable and copyable in both PDFs: no soft hyphen
 * inside a word, a hyphen-minus where a line ends in the middle of one (see `settleBreaks`).
 */
export async function settleTextLayer(page: Page): Promise<{ removed: number; hyphens: number }> {
  return page.evaluate(settleBreaks);
}
