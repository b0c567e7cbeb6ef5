/* global Paged */
/**
 * Sizes the text of a box to fill its page: every `[data-fit-fill]` element (a featured
 * project without a photo, a partner, the édito, the other policies, a booklet's introduction)
 * gets the CSS variable `--fit`, the largest factor (1 to its maximum) at which it still fits
 * the page area; print/brochure.css multiplies its text size and leading by it. Without this,
 * a page designed around a photo would be a third empty without one, and a short partner's
 * text would leave half its page between the text and the quote.
 *
 * The attribute's value, when there is one, is the box's own maximum (MAX otherwise): a text
 * page a reader turns to (the édito) stays nearer the body size than a featured page's lead.
 * `data-fit-fill-after="<selector>"`: the box shares its page with that element, set above it
 * (a booklet's contents, then its introduction): the room is what that element leaves.
 *
 * A text in two columns that is still short at the maximum is set in one column
 * (`data-fit-columns="1"`, print/brochure.css), at the factor that fills the page, when that
 * factor is at least ONE_COLUMN_MIN: the larger type keeps the wider line near 80 characters.
 * Half a page of two short columns under a heading is what a designer would not sign.
 *
 * `data-fit-share`: a box too short to fill its page even so shares it. With the next box
 * when that one is sized to fill too (two short text-only featured projects, two partners):
 * both are set at one size, the largest at which they fit on one page together, and marked
 * `data-fit-pair` (print/brochure.css lets the second follow the first). Else it keeps its
 * natural size (factor 1, two columns), so that what follows it (the other policies after
 * the last partner) may come up onto its page, where the template lets it.
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
/** Under this share of the room at its maximum, a two-column text tries one column. */
const SHORT = 0.9;
/** The least factor a text set in one column gets (9.5 pt → 11.4 pt: about 80 characters a line). */
const ONE_COLUMN_MIN = 1.2;

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
    document.body.append(probe);

    /** A page of the probe holding clones of `elements` (and what the first shares its page with). */
    const stack = (elements, pair = false) => {
      // A block formatting context: the margins of what it holds count in its height.
      const page = document.createElement('div');
      page.style.display = 'flow-root';
      const after = elements[0].dataset.fitFillAfter;
      const before = after ? content.querySelector(after) : null;
      if (before) {
        const above = before.cloneNode(true);
        above.removeAttribute('id');
        page.append(above);
      }
      const clones = elements.map((element, i) => {
        const clone = element.cloneNode(true);
        clone.removeAttribute('id');
        // Its own height, not the page's: the box is as tall as the page at least. The last
        // one's bottom margin is the room before what follows, none at the foot of a page.
        clone.style.minHeight = '0';
        if (i === elements.length - 1) clone.style.marginBottom = '0';
        if (pair) clone.dataset.fitPair = i === 0 ? 'first' : 'second';
        page.append(clone);
        return clone;
      });
      probe.append(page);
      const height = (factor) => {
        for (const clone of clones) clone.style.setProperty('--fit', String(factor));
        return page.getBoundingClientRect().height;
      };
      /** The largest factor from `low` to `max` at which it fits, or 0 if none. */
      const largest = (low, max) => {
        if (height(low) > room) return 0;
        let high = max;
        if (height(high) <= room) return high;
        for (let step = 0; step < STEPS; step++) {
          const middle = (low + high) / 2;
          if (height(middle) <= room) low = middle;
          else high = middle;
        }
        return low;
      };
      const oneColumn = () => {
        for (const clone of clones) clone.dataset.fitColumns = '1';
      };
      const twoColumns = () => clones.some((clone) => Array.from(clone.querySelectorAll('*')).some((el) => window.getComputedStyle(el).columnCount === '2'));
      return { height, largest, oneColumn, twoColumns };
    };
    const maxOf = (box) => Number(box.dataset.fitFill) || MAX;
    const set = (box, factor, columns) => {
      box.style.setProperty('--fit', factor.toFixed(3));
      if (columns === 1) box.dataset.fitColumns = '1';
    };

    // Every box in the probe before waiting for the fonts: a face is only loaded once some
    // laid-out text uses it (the content itself is not laid out yet).
    const alones = boxes.map((box) => stack([box]));
    await document.fonts.ready;
    const room = area.getBoundingClientRect().height;
    const paired = new Set();
    for (const [i, box] of boxes.entries()) {
      if (paired.has(box)) continue;
      const max = maxOf(box);
      const alone = alones[i];
      const factor = alone.largest(1, max);
      if (factor === 0) continue;
      const tall = alone.height(factor);
      const short = factor === max && tall < SHORT * room;
      if (short && box.hasAttribute('data-fit-share')) {
        // Even at its largest it leaves room: shared with the next box when that one is sized
        // to fill too (both at one size, on one page: data-fit-pair, print/brochure.css)…
        const next = box.nextElementSibling;
        if (next?.hasAttribute('data-fit-fill') && !next.dataset.fitFillAfter) {
          const both = stack([box, next], true).largest(1, Math.min(max, maxOf(next)));
          if (both > 0) {
            set(box, both);
            set(next, both);
            box.dataset.fitPair = 'first';
            next.dataset.fitPair = 'second';
            paired.add(next);
            continue;
          }
        }
        // … else in one column if that fills it, else at its own size: what follows (a
        // partner's next partner, the other policies) may come up onto its page.
        if (alone.twoColumns()) {
          alone.oneColumn();
          const single = alone.largest(ONE_COLUMN_MIN, max);
          if (single > 0 && alone.height(single) >= SHORT * room) set(box, single, 1);
        }
        continue;
      }
      if (short && alone.twoColumns()) {
        alone.oneColumn();
        const single = alone.largest(ONE_COLUMN_MIN, max);
        // One column only where it fills more (run-in heads and balanced columns can make two
        // columns the taller setting).
        if (single > 0 && alone.height(single) > tall) {
          set(box, single, 1);
          continue;
        }
      }
      set(box, factor);
    }
    probe.remove();
  }
}

Paged.registerHandlers(FitFill);
