/**
 * What several handlers measure on a laid-out page, written once. Loaded before them (handler
 * files load in file-name order, `_` before letters); they share one scope, and this file adds
 * one name to it, `compendiumPage`. src/print/paginate.ts stops if it fails to load.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by the handler files loaded after this one
const compendiumPage = {
  /**
   * Whether text precedes `element` in `container` (a page's area, or the fragment Paged.js is
   * filling). Not measured: a box Chromium's columns split has the union of its fragments for
   * bounding box, whose top is the page's.
   */
  hasTextBefore(element, container) {
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEndBefore(element);
    return range.toString().trim() !== '';
  },

  /**
   * The foot of a page's content, in px: the bottom of its lowest content box (Paged.js gives
   * each a data-ref; its own wrappers are as tall as the area) laid out in the page's own column
   * (what did not fit sits in a hidden column to the right). `withMargins`: each box's bottom
   * margin counts; `skip`: boxes inside these are left out.
   */
  contentBottom(area, { withMargins = false, skip } = {}) {
    const box = area.getBoundingClientRect();
    let bottom = box.top;
    for (const el of area.querySelectorAll('[data-ref]')) {
      if (skip && el.closest(skip)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.height > 0 && rect.left < box.right - 1) bottom = Math.max(bottom, rect.bottom + (withMargins ? parseFloat(window.getComputedStyle(el).marginBottom || '0') : 0));
    }
    return bottom;
  },
};
