/* global Paged, compendiumPage */
/**
 * Marks a box that starts a page (`data-page-top`), where print/brochure.css drops the space
 * and rule above it: an entry of a theme booklet (the rule between two entries is drawn above
 * the second, and a rule at the head of a page, over nothing, reads as a stray line), and the
 * notes after the last section (their title sat 8 mm lower than on the notes page after them).
 *
 * After the page's layout: taking the rule and its space away only shortens the page's
 * content, and the page's break is already decided. Named to run before fit-grow.js (handlers
 * load in file-name order), which then grows the notes to the foot of the page they start.
 */
class PageTop extends Paged.Handler {
  afterPageLayout(pageElement) {
    const area = pageElement.querySelector('.pagedjs_page_content');
    if (!area) return;
    for (const entry of area.querySelectorAll('.territory--compact .also, .notes')) {
      if (!compendiumPage.hasTextBefore(entry, area)) entry.dataset.pageTop = '';
    }
  }
}

Paged.registerHandlers(PageTop);
