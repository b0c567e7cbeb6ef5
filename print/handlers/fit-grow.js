/* global Paged */
/**
 * Grows each `[data-fit-grow]` box (a territory opener, the notes after the last section) to
 * the foot of the page it ends on.
 *
 * Why: such a box starts where the previous section ends when its minimum height is left on
 * that page (print/brochure.css), else at the top of the next one. Grown to the foot of the
 * page, it fills what the section left: a page is never a third empty before an opener, and
 * an opener at the top of a page is a full page. Only the box's own page changes: it is
 * followed by a page break (or ends the content), so nothing after it moves.
 */
class FitGrow extends Paged.Handler {
  afterPageLayout(pageElement) {
    const area = pageElement.querySelector('.pagedjs_page_content');
    if (!area) return;
    const bottom = area.getBoundingClientRect().bottom;
    for (const box of area.querySelectorAll('[data-fit-grow]')) {
      const rect = box.getBoundingClientRect();
      const room = bottom - rect.bottom - parseFloat(window.getComputedStyle(box).marginBottom || '0');
      // A pixel short of the foot, so that rounding never makes the page overflow.
      if (room > 2) box.style.minHeight = `${rect.height + room - 1}px`;
    }
  }
}

Paged.registerHandlers(FitGrow);
