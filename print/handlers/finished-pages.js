/* global Paged */
/**
 * Takes finished pages out of the document while Paged.js lays out the next ones, and puts
 * them back, in order, when the layout is done.
 *
 * Why: every page Paged.js adds is measured many times (one getBoundingClientRect per node it
 * places), and each measurement made Chromium re-style and re-count (CSS counters: the folios)
 * over every page laid out so far — the cost of a page grew with the number of pages before it
 * (4 → 60 ms of style recalculation per page between page 50 and page 450 at 1 000 projects;
 * see bench/README.md). Hidden pages (`display: none`) still cost half of that; pages out of the
 * document cost nothing, and their layout objects are freed. A detached page keeps its DOM, its
 * classes and its running-head variables, so nothing is lost.
 *
 * The last KEEP pages stay: Paged.js's Splits handler looks at the page before the current one
 * to mark where a split element continues. Handlers that query every page during layout
 * (target-counter, target-text) must run after `afterRendered` instead: see target-counters.js.
 *
 * When the layout is done the pages go back into `.pagedjs_pages`, which is hidden
 * (`display: none`, so nothing is laid out: at 2 000 pages that alone is seconds and a gigabyte)
 * until src/print/paginate.ts shows every page, or src/print/sheets.ts a part at a time.
 */
const KEEP = 2;

class FinishedPages extends Paged.Handler {
  constructor(chunker, polisher, caller) {
    super(chunker, polisher, caller);
    this.parked = document.createDocumentFragment();
  }

  afterPageLayout(_pageElement, _page, _breakToken, chunker) {
    const finished = chunker.pages[chunker.pages.length - 1 - KEEP];
    if (!finished || finished.element.parentNode === this.parked) return;
    // Measured now, while it is laid out (src/print/sheets.ts installs the measure).
    if (typeof window.__compendiumRecord === 'function') window.__compendiumRecords.set(finished.element, window.__compendiumRecord(finished.element));
    // Its resize observer would report the detached page as emptied and make Paged.js measure it.
    finished.removeListeners();
    this.parked.append(finished.element);
  }

  afterRendered(_pages, chunker) {
    chunker.pagesArea.style.display = 'none';
    chunker.pagesArea.prepend(this.parked);
  }
}

// First in the list, so that pages are back before any other handler's afterRendered runs.
Paged.registeredHandlers.unshift(FinishedPages);
