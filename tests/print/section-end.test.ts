/**
 * What a section's last page gets when it ends short, laid out by the real Paged.js with our
 * handlers: its laureate's testimonial (print/handlers/closing-quote.js) where it fits and only
 * there; nothing moves to another page for it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closePagedFixture, layOut, openPagedFixture, type PagedFixture } from './support/paged.ts';

const ends = suite<{ fixture: PagedFixture }>('section ends: a laureate’s testimonial on a short last page');

ends.before(async (ctx) => {
  ctx.fixture = await openPagedFixture('section-end');
});

ends.after(async (ctx) => {
  await closePagedFixture(ctx.fixture ?? {});
});

/** Lays out `body` (with base.css) and returns each page's text. */
const pageTexts = (ctx: { fixture: PagedFixture }, name: string, body: string): Promise<string[]> =>
  layOut(ctx.fixture, name, body, (page) =>
    page.evaluate(() =>
      // innerText: what shows (a block the layout hid is not read).
      Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page_content'), (area) => area.innerText.replace(/\s*«/g, ' «').replace(/\s+/g, ' ').trim()),
    ),
  );

const quote = (who: string, height = '') =>
  `<div class="section-quote" data-section-quote="q-${who}" style="margin-top: 10mm${height ? `; height: ${height}` : ''}"><blockquote><p>« Citation ${who} »</p></blockquote></div>`;
/** A block of `mm` millimetres that never splits. */
const block = (mm: number, text: string) => `<div style="height: ${mm}mm; break-inside: avoid">${text}</div>`;

ends('a section that ends on a short page gets its testimonial there, once', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'short.html',
    `<section data-section="a">${block(140, 'Texte A.')}${quote('A')}</section>` +
      `<section data-section="b">${block(130, 'Texte B.')}</section>`,
  );
  assert.is(pages.length, 2, 'the quote adds no page');
  assert.equal(pages, ['Texte A. « Citation A »', 'Texte B.'], 'under the section’s last entry; the next section where it was');
});

ends('the next section, started on the same page, moves down under the testimonial', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'shared.html',
    `<section data-section="a">${block(100, 'Texte A.')}${quote('A')}</section>\n<section data-section="b">${block(80, 'Texte B.')}${quote('B')}</section>` +
      `<section data-section="c">${block(200, 'Texte C.')}</section>`,
  );
  // Page 1 (71 %) ends sections A and B: one testimonial a page, A's, and B under it. Section
  // C, 200 mm, starts page 2 as it did.
  assert.equal(pages, ['Texte A. « Citation A » Texte B.', 'Texte C.']);
});

ends('the notes grow under the testimonial; a page that holds an opener gets none', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'filler.html',
    `<section data-section="a">${block(120, 'Texte A.')}${quote('A')}</section>\n<div data-fit-grow data-fit-allow-sparse>Ouverture B</div>` +
      `\n<section data-section="b">${block(150, 'Texte B.')}</section>` +
      `<section data-section="c">${block(120, 'Texte C.')}${quote('C')}</section>\n<section class="notes" data-fit-grow><p>Notes</p></section>`,
  );
  // Page 1: section A ends beside an opener that grows to the foot. Page 3: section C ends,
  // its words, then the notes.
  assert.equal(pages, ['Texte A. Ouverture B', 'Texte B.', 'Texte C. « Citation C » Notes']);
});

ends('the notes give way to the testimonial when both do not fit', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'give-way.html',
    `<section data-section="c">${block(180, 'Texte C.')}${quote('C')}</section>\n<section class="notes" data-fit-grow style="min-height: 60mm"><p>Notes</p></section>`,
  );
  assert.equal(pages, ['Texte C. « Citation C »']);
});

ends('a testimonial two sections share prints once, where it is needed first', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'shared-quote.html',
    // Section A ends on a full page (84 %); B and C end on short ones: B takes X, C has no other.
    `<section data-section="a">${block(215, 'Texte A.')}${quote('X')}</section>` +
      `\n<section data-section="b">${block(140, 'Texte B.')}${quote('X')}</section>` +
      `\n<section data-section="c">${block(140, 'Texte C.')}${quote('X')}</section>`,
  );
  assert.equal(pages, ['Texte A.', 'Texte B. « Citation X »', 'Texte C.']);
});

ends('a full page, a section that goes on, a quote too tall: no testimonial', async (ctx) => {
  const pages = await pageTexts(
    ctx,
    'no-room.html',
    // Page 1: 84 % filled. Page 2: 39 %, but section C goes on to page 3 (its next block does
    // not fit), which ends it at 78 % and takes its quote. Page 4: 74 %, and a quote of 60 mm
    // does not fit in the 65 mm left.
    `<section data-section="a">${block(215, 'Texte A.')}${quote('A')}</section>` +
      `<section data-section="c">${block(100, 'Début C.')}${block(200, 'Suite C.')}${quote('C')}</section>` +
      `<section data-section="d">${block(190, 'Texte D.')}${quote('D', '60mm')}</section>`,
  );
  assert.equal(pages, ['Texte A.', 'Début C.', 'Suite C. « Citation C »', 'Texte D.']);
});

ends.run();
