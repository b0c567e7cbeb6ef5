/* global Paged, Node, NodeFilter, compendiumPage */
/**
 * Lets a block that must not end a page (`.keep`: a theme booklet's section band with its
 * first entry, a featured project with its title) start at the foot of one when its opening
 * lines fit there: what comes before its text (the band, the title, an entry's side column)
 * and the first MIN_LINES lines of that text (`[data-keep-text]`) stay on the page, the rest
 * continues on the next.
 *
 * Why: kept whole, the block moved to the next page and left the page before it a third
 * empty (éducation p. 5, habitat p. 2, ruralité p. 3 in the 2025 theme booklets); cut where
 * Chromium's columns cut it, a section band ended the page alone (page 2 of 9 of the 11 theme
 * booklets, its featured project on page 3). Where the CSS lets such a block split (theme
 * booklets, print/brochure.css), this handler vetoes any break a designer would not sign and
 * moves the whole block to the next page instead:
 * - a break before the block's text starts (after a heading, in an entry's side column);
 * - text before the block's text (the side column: title, organisation, contacts) that does
 *   not end on the page;
 * - a break inside the block's text that leaves fewer than MIN_LINES lines of it on the page
 *   (the CSS sets orphans and widows to 2 there to match).
 *
 * Paged.js finds the break where Chromium's columns put the overflow; an `onOverflow` hook may
 * replace that range, and a range that starts at the block moves it whole.
 *
 * The same hook keeps a featured project's contact line (`.contact--featured`) from starting
 * a page alone, its rule over it (Silver Geek, habitat booklet p. 4): the last WIDOWS lines of
 * the text go to the next page with it (the whole last paragraph when it would keep fewer than
 * MIN_LINES here), found by Paged.js's own overflow search with the foot of the page raised to
 * the first of those lines.
 */
const MIN_LINES = 2;
const WIDOWS = 2;

/** The tops of the lines of the text under `element` that end on the page, top to bottom. */
function lineTops(element, bounds) {
  const tops = new Set();
  for (const rect of textRects(element)) if (onPage(rect, bounds)) tops.add(Math.round(rect.top));
  return [...tops].sort((a, b) => a - b);
}

const linesOnPage = (element, bounds) => lineTops(element, bounds).length;

/** The rectangles of the text under `root`, up to `stopAt` when given. */
function* textRects(root, stopAt) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (stopAt && (stopAt.contains(node) || stopAt.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) yield rect;
  }
}

/** Laid out in the page's own column (what does not fit goes to a column on the right) and above its foot. */
const onPage = (rect, bounds) => rect.left < bounds.right && rect.bottom <= bounds.bottom + 1;

function acceptable(keep, from, bounds) {
  const text = keep.querySelector('[data-keep-text]');
  if (!text) return false;
  const inside = text.contains(from);
  // A break before the text starts: after a heading, in the side column, in the facts.
  if (!inside && !(text.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
  for (const rect of textRects(keep, text)) if (!onPage(rect, bounds)) return false;
  // A break in the text leaves MIN_LINES of it on the page (counted on the page: Paged.js may
  // check before the rest of the text is appended); a break after it leaves all of it.
  return !inside || linesOnPage(text, bounds) >= MIN_LINES;
}

/**
 * A break before a featured project's contact line: the range that takes the last WIDOWS
 * lines of its text along, or `undefined` when the text leaves too few lines on the page (the
 * contact line then starts the page, as before) or is not on the page.
 */
function withLastLines(contacts, rendered, bounds, layout) {
  const text = contacts.parentElement?.querySelector(':scope > .featured__text');
  if (!text) return undefined;
  const tops = lineTops(text, bounds);
  let cut = tops[tops.length - WIDOWS];
  if (cut === undefined) return undefined;
  // The paragraph the cut falls in keeps MIN_LINES lines here too, or goes whole (a one-line
  // « La pérennisation du dispositif : » was left at the foot of habitat p. 3).
  const paragraph = Array.from(text.querySelectorAll('p, li'), (p) => lineTops(p, bounds)).find((lines) => lines.includes(cut)) ?? [];
  const before = paragraph.filter((top) => top < cut);
  if (before.length > 0 && before.length < MIN_LINES) cut = before[0];
  if (tops.filter((top) => top < cut).length < MIN_LINES) return undefined;
  // Paged.js breaks before the first word whose top is at or under the foot it is given.
  const foot = cut - 2;
  return layout.findOverflow(rendered, { left: bounds.left, right: bounds.right, top: bounds.top, width: bounds.width, bottom: foot, height: foot - bounds.top });
}

class KeepSplit extends Paged.Handler {
  onOverflow(overflow, rendered, bounds, layout) {
    if (!overflow) return undefined;
    const start = overflow.startContainer;
    const at = start.nodeType === Node.ELEMENT_NODE ? start.childNodes[overflow.startOffset] ?? start : start;
    const from = at.nodeType === Node.ELEMENT_NODE ? at : at.parentElement;
    const contacts = from?.closest('.contact--featured');
    if (contacts && !contacts.dataset.splitFrom) {
      const range = withLastLines(contacts, rendered, bounds, layout);
      if (range) return range;
    }
    const keep = from?.closest('.keep');
    // A break before the block, or in a block continued from the previous page: nothing to decide.
    if (!keep || keep === at || keep.dataset.splitFrom) return undefined;
    if (acceptable(keep, from, bounds)) return undefined;
    // The block at the top of its page would only move to the top of the next one.
    if (!compendiumPage.hasTextBefore(keep, rendered)) return undefined;
    const range = document.createRange();
    range.selectNode(keep);
    range.setEndAfter(rendered.lastChild);
    return range;
  }
}

Paged.registerHandlers(KeepSplit);
