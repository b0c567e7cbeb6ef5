/* global Paged, compendiumPage */
/**
 * Closes a section's last page, when that page would otherwise be left short, with the
 * section's testimonial (`[data-section-quote]`, templates/print/_includes/print/territory.njk:
 * the words of one of its laureates, under a « Parole de lauréat » label), and nowhere else.
 *
 * Why: a section's last page ends where its last entry ends; when the next section's opening
 * block does not fit under it, the rest stays white (the Thionville section of the 2025
 * brochure, a third of a page: its photos are to be supplied, and the next opener needs
 * 106 mm where 72 were left). Its laureate's own words fill it with what the book says of that
 * project, beside it.
 *
 * How: each quote is taken out of the content before Paged.js parses it, so that it never
 * changes a page break. After a page's layout, when a section ends on that page (the next page
 * does not start inside it), the page's content reaches less than FROM of its height and the
 * quote fits under the section's last entry, a copy is put there: one a page, the first
 * section's that fits; what follows it on the page moves down with it. The page's break is
 * already decided: the quote only takes room the page had left, or is taken out again.
 *
 * Before fit-grow.js (file-name order): the notes after the last section are filler, not
 * content: they grow under the quote, or give way to it when both do not fit (the notes pages
 * after them stay). A page that holds a territory opener is left alone: the opener grows to its
 * foot.
 */
{
  /** Pages whose content reaches this share of their height keep their white. */
  const FROM = 0.8;
  /** What fit-grow.js grows to fill a page: not content of its own. */
  const FILLER = '.notes';

  /** Each section's candidates, in order; the sections closed and the quotes printed. */
  const quotes = new Map();
  const closed = new Set();
  const printed = new Set();

  /**
   * How many boxes of the page, filler included, are not inside its area. Paged.js lays a page
   * out in a column as tall as the area: what a taller page pushes out goes on in a second
   * column, to the right of the area, not under it.
   */
  const outside = (area, box) =>
    Array.from(area.querySelectorAll('[data-ref], [data-closing-quote]')).filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.height > 0 && (rect.right > box.right + 1 || rect.bottom > box.bottom - 1);
    }).length;

  class ClosingQuote extends Paged.Handler {
    beforeParsed(content) {
      for (const quote of content.querySelectorAll('[data-section-quote]')) {
        const key = quote.closest('[data-section]')?.dataset.section;
        if (key) quotes.set(key, [...(quotes.get(key) ?? []), quote]);
        quote.remove();
      }
    }

    afterPageLayout(pageElement, _page, breakToken) {
      if (quotes.size === closed.size) return;
      const area = pageElement.querySelector('.pagedjs_page_content');
      if (!area || area.querySelector(`[data-fit-grow]:not(${FILLER})`)) return;
      // Where the next page starts, in the content: inside a section, that section goes on.
      const next = breakToken?.node;
      const nextElement = next && (next.nodeType === 1 ? next : next.parentElement);
      const goesOn = nextElement?.closest?.('[data-section]')?.dataset.section;
      const box = area.getBoundingClientRect();
      for (const section of area.querySelectorAll('[data-section]')) {
        const key = section.dataset.section;
        const candidates = (quotes.get(key) ?? []).filter((quote) => !printed.has(quote.dataset.sectionQuote));
        if (candidates.length === 0 || closed.has(key) || key === goesOn) continue;
        if (compendiumPage.contentBottom(area, { skip: FILLER }) - box.top >= FROM * box.height) return;
        const before = outside(area, box);
        for (const quote of candidates) {
          const copy = quote.cloneNode(true);
          delete copy.dataset.sectionQuote;
          copy.dataset.closingQuote = '';
          section.append(copy);
          // The notes' block gives way when only it does not fit: a reader gets the notes pages
          // that follow, and the section its closing word (the Thionville booklet's p. 5).
          const notes = outside(area, box) > before ? area.querySelector(FILLER) : null;
          if (notes) notes.style.display = 'none';
          if (outside(area, box) > before) {
            copy.remove();
            if (notes) notes.style.removeProperty('display');
            continue;
          }
          // One testimonial a page (two stacked would read as a chapter of their own), once in
          // the document (an organisation with laureates in two sections).
          closed.add(key);
          printed.add(quote.dataset.sectionQuote);
          return;
        }
      }
    }
  }

  Paged.registerHandlers(ClosingQuote);
}
