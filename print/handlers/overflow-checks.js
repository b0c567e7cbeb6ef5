/* global Paged */
/**
 * Decides when Paged.js measures a page being filled, so that it measures it about twice
 * instead of after every element.
 *
 * Why: Paged.js appends the content node by node and, once `maxChars` characters are on the
 * page, checks for overflow after every node. Each check is a forced style recalculation and
 * layout (about 0.5 ms). Paged.js 0.4.3 means `maxChars` to be the average length of the last
 * pages, but it stores it once in settings shared by every page, so it stays the length of
 * page 1 — here the cover, a few dozen characters: every node of every page was a check, 15
 * a page and 40 % of the pagination at 1 000 projects (bench/README.md).
 *
 * Here the first check comes after the average length of the last pages (what Paged.js
 * meant), and a check that finds room left sets the next one where the text laid out so far
 * says the page will be full. Where the checks fall does not change where pages break: a
 * check finds the first node past the bottom of the page and removes everything after it, and
 * content appended later does not move content before it in a flow of blocks.
 */
class OverflowChecks extends Paged.Handler {
  onPageLayout(_wrapper, _breakToken, layout) {
    // Paged.js's own running average of the characters a page held (Chunker.recoredCharLength).
    if (this.chunker.maxChars > 0) layout.maxChars = this.chunker.maxChars;
  }

  onOverflow(overflow, rendered, bounds, layout) {
    if (overflow) return undefined;
    // Nothing changed since the check measured it: this reads the layout, it does not redo it.
    const { height } = rendered.getBoundingClientRect();
    const chars = rendered.textContent.length;
    if (height > 0 && chars > 0 && bounds.height > height) {
      const room = Math.ceil(((bounds.height - height) * chars) / height);
      layout.maxChars = chars + Math.max(1, room);
    }
    return undefined;
  }
}

Paged.registerHandlers(OverflowChecks);
