/* global Paged */
/**
 * Lets Paged.js fill most of a page before it starts measuring it, as Paged.js means to.
 *
 * Why: Paged.js appends the content node by node and, once `maxChars` characters are on the
 * page, checks for overflow after every node. Each check is a forced style recalculation and
 * layout. Paged.js 0.4.3 means `maxChars` to be the average length of the last pages, but it
 * stores it once in settings shared by every page, so it stays the length of page 1 — here
 * the cover, a few dozen characters: every node of every page was a check (12 a page on the
 * bundled brochure, 4 with this handler; pagination at 1 000 projects takes 5.2–5.5 s with it,
 * 7.5–7.9 s without, see bench/README.md). Here each page starts checking after Paged.js's
 * own running average.
 *
 * Where the checks start does not change where pages break: a check finds the first node past
 * the bottom of the page and removes everything after it, and content appended later does not
 * move content before it in a flow of blocks. (Spacing the later checks out too was tried: no
 * faster, the cost is in laying out the nodes, not in how often the page is measured.)
 */
class OverflowChecks extends Paged.Handler {
  onPageLayout(_wrapper, _breakToken, layout) {
    // Paged.js's own running average of the characters a page held (Chunker.recoredCharLength).
    if (this.chunker.maxChars > 0) layout.maxChars = this.chunker.maxChars;
  }
}

Paged.registerHandlers(OverflowChecks);
