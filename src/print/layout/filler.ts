/**
 * Reaching a whole number of sheets by layout, not by a pile of blank pages.
 *
 * A saddle-stitched brochure has a multiple of 4 pages. The back cover is the last, left-hand
 * page (print/base.css), so Paged.js already leaves the page before it blank when the content
 * ends on a left-hand page: that one blank page is where a designer puts it, the inside back
 * cover. Any other missing page becomes a « Notes » page (templates/print/brochure.njk holds
 * its markup, hidden, as `data-page-filler`), laid out by Paged.js itself in a second
 * pagination: the contents page, the running heads and the folios then count it like any other
 * page. Padding after the layout (what this replaces) left the contents pointing at the wrong
 * pages and up to three blank pages in a row.
 */

/** The attribute of the hidden notes page in the print HTML. */
export const FILLER_ATTRIBUTE = 'data-page-filler';

/**
 * How many notes pages go between the last page of content and the back cover, so that the
 * document ends on a multiple of `multiple` with at most one blank page (the inside back cover,
 * left by Paged.js for the back cover's parity). `lastContentPage` is the number of the last
 * page before the back cover that is not a parity blank.
 */
export function notesPagesNeeded(lastContentPage: number, multiple: number): number {
  if (multiple <= 1) return 0;
  // The back cover goes on the first page after the content that ends the document on a
  // multiple; between them, every page but the inside back cover is a notes page.
  const backCover = Math.ceil((lastContentPage + 1) / multiple) * multiple;
  const between = backCover - lastContentPage - 1;
  // A left-hand back cover (even page) is preceded by a right-hand page: when that page has no
  // notes to hold, Paged.js leaves it blank. So the last page between is never a notes page.
  return Math.max(0, between - 1);
}

/**
 * The print HTML with `count` notes pages shown in place of the hidden one, or `undefined` when
 * the document has no notes page to show (then it cannot be padded by layout).
 */
export function withNotesPages(html: string, count: number): string | undefined {
  const pattern = new RegExp(`<(\\w+)[^>]*\\s${FILLER_ATTRIBUTE}(?:\\s[^>]*)?>[\\s\\S]*?</\\1>`);
  const found = pattern.exec(html);
  if (!found) return undefined;
  const shown = found[0].replace(/\shidden(?=[\s>])/, '');
  return `${html.slice(0, found.index)}${shown.repeat(count)}${html.slice(found.index + found[0].length)}`;
}
