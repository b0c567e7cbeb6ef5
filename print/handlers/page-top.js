/* global Paged */
/**
 * Marks an entry of a theme booklet that starts a page (`data-page-top`): print/brochure.css
 * draws the rule between two entries above the second, and a rule at the head of a page,
 * over nothing, reads as a stray line.
 *
 * After the page's layout: taking the rule and its space away only shortens the page's
 * content, and the page's break is already decided.
 */
class PageTop extends Paged.Handler {
  afterPageLayout(pageElement) {
    const area = pageElement.querySelector('.pagedjs_page_content');
    if (!area) return;
    for (const entry of area.querySelectorAll('.territory--compact .also')) {
      const range = document.createRange();
      range.setStart(area, 0);
      range.setEndBefore(entry);
      if (range.toString().trim() === '') entry.dataset.pageTop = '';
    }
  }
}

Paged.registerHandlers(PageTop);
