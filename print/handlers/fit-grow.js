/* global Paged, compendiumPage */
/**
 * Grows each `[data-fit-grow]` box (a territory opener, the notes after the last section) by
 * the room its page leaves at the foot.
 *
 * Why: such a box starts where the previous section ends when its content fits in the room
 * left on that page (print/brochure.css), else at the top of the next one. Grown, it fills
 * what the page left: a page is never a third empty before an opener, and an opener at the
 * top of a page is a full page. The room is measured under the page's last content, not under
 * the box: what follows the box on its page (a small section's entry) moves down with it and
 * stays on the page. Nothing on other pages moves: the page's break is already decided.
 */
class FitGrow extends Paged.Handler {
  afterPageLayout(pageElement) {
    const area = pageElement.querySelector('.pagedjs_page_content');
    if (!area) return;
    const areaRect = area.getBoundingClientRect();
    const boxes = Array.from(area.querySelectorAll('[data-fit-grow]'));
    if (boxes.length === 0) return;
    // The foot of the page's content, its last box's bottom margin included.
    const end = compendiumPage.contentBottom(area, { withMargins: true });
    // A pixel short of the foot, so that rounding never makes the page overflow.
    const room = areaRect.bottom - end - 1;
    if (room <= 1) return;
    const box = boxes[boxes.length - 1];
    box.style.minHeight = `${box.getBoundingClientRect().height + room}px`;
  }
}

Paged.registerHandlers(FitGrow);
