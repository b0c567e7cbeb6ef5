/* global Paged */
/**
 * Puts a section's testimonial (`[data-section-quote]`, templates/print/_includes/print/
 * territory.njk: the words of one of its laureates, also printed with the testimonials) at the
 * foot of the section's last page when that page would otherwise be left short, and nowhere
 * else.
 *
 * Why: a section's last page ends where its last entry ends; when the next section's opener
 * does not fit under it, the rest stays white (the Thionville section of the 2025 brochure, a
 * third of a page: its photos are to be supplied, and the next opener needs 106 mm where 72
 * were left). Its laureate's own words fill it with what the book already says, beside the
 * project they speak of.
 *
 * How: each quote is taken out of the content before Paged.js parses it, so that it never
 * changes a page break. After a page's layout, when a section ends on that page (the next
 * page does not start inside it), the page is filled to less than FROM of its height and the
 * quote fits under the section's last entry, a copy is put there: one a page, the first
 * section's that fits, what follows it on the page moving down with it. The page's break is already
 * decided: the quote only takes room the page had left, or is taken out again.
 */
{
  /** Pages filled to this share of their height or more keep their white. */
  const FROM = 0.8;

  const quotes = new Map();
  const used = new Set();

  /** The bottom of the page's lowest content box, in px (Paged.js's overflow columns left out). */
  const contentBottom = (area, box) => {
    let bottom = box.top;
    for (const el of area.querySelectorAll('[data-ref]')) {
      const rect = el.getBoundingClientRect();
      if (rect.height > 0 && rect.left < box.right - 1) bottom = Math.max(bottom, rect.bottom);
    }
    return bottom;
  };

  class SectionQuote extends Paged.Handler {
    beforeParsed(content) {
      for (const quote of content.querySelectorAll('[data-section-quote]')) {
        const section = quote.closest('[data-section]');
        if (section) quotes.set(section.dataset.section, quote);
        quote.remove();
      }
    }

    afterPageLayout(pageElement, _page, breakToken) {
      if (quotes.size === used.size) return;
      const area = pageElement.querySelector('.pagedjs_page_content');
      if (!area) return;
      // Where the next page starts, in the content: inside a section, that section goes on.
      const next = breakToken?.node;
      const nextElement = next && (next.nodeType === 1 ? next : next.parentElement);
      const goesOn = nextElement?.closest?.('[data-section]')?.dataset.section;
      const box = area.getBoundingClientRect();
      for (const section of area.querySelectorAll('[data-section]')) {
        const key = section.dataset.section;
        const quote = quotes.get(key);
        if (!quote || used.has(key) || key === goesOn) continue;
        if (contentBottom(area, box) - box.top >= FROM * box.height) return;
        const copy = quote.cloneNode(true);
        delete copy.dataset.sectionQuote;
        section.append(copy);
        if (contentBottom(area, box) > box.bottom - 1 || copy.getBoundingClientRect().bottom > box.bottom - 1) {
          copy.remove();
        } else {
          // One testimonial a page: two stacked would read as a chapter of their own.
          used.add(key);
          return;
        }
      }
    }
  }

  Paged.registerHandlers(SectionQuote);
}
