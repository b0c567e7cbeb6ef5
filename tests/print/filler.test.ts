/**
 * A whole number of sheets by layout (src/print/layout/filler.ts): how many notes pages go
 * before the back cover, and the print HTML that shows them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { notesPagesNeeded, withNotesPages } from '../../src/print/layout/filler.ts';

const filler = suite('notes pages');

filler('the back cover ends the document on a multiple of 4, with at most one blank page before it', () => {
  // Last page of content → notes pages; Paged.js leaves the page before the back cover blank
  // when the content ends on a left-hand page (the back cover is a left-hand page).
  const cases: Array<[number, number]> = [
    [3, 0], // back cover p4
    [6, 0], // blank p7, back cover p8
    [5, 1], // notes p6, blank p7, back cover p8
    [12, 2], // notes p13–14, blank p15, back cover p16
    [45, 1],
  ];
  for (const [last, notes] of cases) {
    assert.is(notesPagesNeeded(last, 4), notes, `content to p${last}`);
    // Notes, then at most one blank page, then the back cover: a multiple of 4.
    const backCover = last + notes + 1 + ((last + notes) % 2 === 0 ? 1 : 0);
    assert.is(backCover % 4, 0, `content to p${last}: back cover p${backCover}`);
  }
  assert.is(notesPagesNeeded(5, 1), 0, 'no padding asked');
});

filler('shows the hidden notes page as many times as needed, or says there is none', () => {
  const html = '<body><main>x</main><section class="notes" data-page-filler hidden><p>Notes</p></section><section class="back-cover"></section></body>';
  const two = withNotesPages(html, 2) ?? '';
  assert.is(two.match(/data-page-filler/g)?.length, 2);
  assert.not.match(two, /hidden/);
  assert.ok(two.indexOf('data-page-filler') < two.indexOf('back-cover'), 'before the back cover');
  assert.is(withNotesPages('<body><p>no notes page</p></body>', 1), undefined);
});

filler.run();
