/* global Paged */
/**
 * Sizes the text of a box to fill its page: every `[data-fit-fill]` element (a featured
 * project without a photo) gets the CSS variable `--fit`, the largest factor (1 to MAX) at
 * which it still fits the page area; print/brochure.css multiplies its text size and leading
 * by it. Without this, a page designed around a photo would be a third empty without one.
 *
 * Measured before Paged.js parses the content, once per box: each is laid out alone, off
 * screen, at the width of the page area, with the fonts loaded. A binary search of a few
 * steps; the margin keeps Paged.js's own rounding from pushing the box onto a second page.
 * Measured without hyphenation: hyphen-limit.js later takes back soft hyphens a line does not
 * need, which can only lengthen the text; measured with them, a box sized to the last
 * millimetre ran onto a second page (Graoucoop, p. 27–28). Without any, the height found is
 * the most the text can take.
 */
const MAX = 1.45;
const STEPS = 7;
const MARGIN_MM = 4;

class FitFill extends Paged.Handler {
  async beforeParsed(content) {
    const boxes = Array.from(content.querySelectorAll('[data-fit-fill]'));
    if (boxes.length === 0) return;
    const probe = document.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    probe.className = 'fit-fill-probe';
    const unhyphenated = document.createElement('style');
    unhyphenated.textContent = '.fit-fill-probe, .fit-fill-probe * { hyphens: none !important; }';
    probe.append(unhyphenated);
    probe.style.cssText = 'position: absolute; left: -10000px; top: 0; visibility: hidden; width: var(--area-width);';
    const area = document.createElement('div');
    area.style.cssText = `height: calc(var(--area-height) - ${MARGIN_MM}mm);`;
    probe.append(area);
    const clones = boxes.map((box) => {
      const clone = box.cloneNode(true);
      clone.removeAttribute('id');
      // Its own height, not the page's: the box is as tall as the page at least.
      clone.style.minHeight = '0';
      probe.append(clone);
      return clone;
    });
    document.body.append(probe);
    await document.fonts.ready;
    const room = area.getBoundingClientRect().height;
    boxes.forEach((box, i) => {
      const clone = clones[i];
      const fits = (factor) => {
        clone.style.setProperty('--fit', String(factor));
        return clone.getBoundingClientRect().height <= room;
      };
      if (!fits(1)) return;
      let low = 1;
      let high = MAX;
      if (fits(high)) low = high;
      else {
        for (let step = 0; step < STEPS; step++) {
          const middle = (low + high) / 2;
          if (fits(middle)) low = middle;
          else high = middle;
        }
      }
      box.style.setProperty('--fit', low.toFixed(3));
    });
    probe.remove();
  }
}

Paged.registerHandlers(FitFill);
