/* global Paged */
/**
 * Draws the notes pages' ruled lines as real lines: one empty block with a bottom rule per
 * 8 mm of the `.notes__lines` box, once the box has its final height (fit-grow.js grows it to
 * the foot of its page in the same hook, and sorts before this file).
 *
 * Why not a `repeating-linear-gradient` background: Chromium prints a gradient as a shading
 * rasterised by each viewer, and hairlines 8 mm apart came out one in three missing at screen
 * resolutions (pdftoppm at 50–150 dpi, the print shop's on-screen proof). Borders are vector
 * strokes: every line shows at every resolution, and prints as a line.
 */
const PITCH_MM = 8;

class RuledLines extends Paged.Handler {
  afterPageLayout(pageElement) {
    const pitch = (PITCH_MM * 96) / 25.4;
    for (const box of pageElement.querySelectorAll('.notes__lines')) {
      const count = Math.floor(box.getBoundingClientRect().height / pitch);
      box.replaceChildren(...Array.from({ length: count }, () => Object.assign(document.createElement('div'), { className: 'notes__line' })));
    }
  }
}

Paged.registerHandlers(RuledLines);
