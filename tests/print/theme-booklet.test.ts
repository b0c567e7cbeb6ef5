/**
 * A theme booklet as Paged.js lays it out, read in the paginated page (real Chromium): the
 * spacing and rules between entries as the CSS means them, after Paged.js rewrote its `A + B`
 * selectors (their padding was lost); no contact line alone at the head of a page.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { hyphenateHtml } from '../../src/print/hyphenate.ts';
import { deferContent, loadPrintPage, paginate } from '../../src/print/paginate.ts';
import { serveFolder } from '../../src/print/static-server.ts';
import { BUNDLED_DATA } from './support/fixture.ts';

interface Context {
  dir: string;
  session: BrowserSession;
  pages: Map<string, Page>;
  close: Array<() => Promise<void>>;
}

const booklet = suite<Context>('theme booklets as laid out (citoyenneté, habitat)');

booklet.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'compendium-theme-'));
  ctx.session = await launchBrowser();
  ctx.pages = new Map();
  ctx.close = [];
  for (const theme of ['citoyennete-et-inclusion', 'habitat-adapte-et-bien-vieillir']) {
    const html = await renderPrintHtml({ dataDir: BUNDLED_DATA, outDir: join(ctx.dir, theme), theme });
    const entry = html.htmlPath.slice(html.outDir.length + 1);
    const server = await serveFolder(html.outDir, new Map([[`/${entry}`, deferContent(hyphenateHtml(await readFile(html.htmlPath, 'utf8')))]]));
    ctx.close.push(() => server.close());
    const page = await ctx.session.browser.newPage();
    const loaded = await loadPrintPage(page, server.urlFor(entry), { bleedMm: 3, cropMarks: false, timeoutMs: 60_000 });
    await paginate(page, loaded, { timeoutMs: 120_000 });
    ctx.pages.set(theme, page);
  }
});

booklet.after(async (ctx) => {
  await ctx.session?.close();
  for (const close of ctx.close ?? []) await close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

booklet('an entry after another has its rule with 4.5 mm above and below it, none at the head of a page', async ({ pages }) => {
  const page = pages.get('citoyennete-et-inclusion');
  assert.ok(page);
  const entries = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.territory--compact .tier > .also'), (el) => {
      const style = getComputedStyle(el);
      return { name: el.dataset.fitName ?? '', top: el.dataset.pageTop !== undefined, mt: parseFloat(style.marginTop), pt: parseFloat(style.paddingTop), rule: parseFloat(style.borderTopWidth) };
    }),
  );
  assert.ok(entries.length >= 2, `${entries.length} entries after a first one`);
  // 4.5 mm is 17 px.
  const wrong = entries.filter((e) => (e.top ? e.mt + e.pt + e.rule !== 0 : e.mt < 16.5 || e.pt < 16.5 || e.rule < 0.5));
  assert.equal(wrong, []);
});

booklet('no page starts with a featured project’s contact line alone: the last lines of its text come with it', async ({ pages }) => {
  for (const [theme, page] of pages) {
    const alone = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.pagedjs_page')).flatMap((sheet, i) => {
        const area = sheet.querySelector('.pagedjs_page_content');
        const contacts = area?.querySelector('.contact--featured');
        if (!area || !contacts) return [];
        const range = document.createRange();
        range.setStart(area, 0);
        range.setEndBefore(contacts);
        return range.toString().trim() === '' ? [i + 1] : [];
      }),
    );
    assert.equal(alone, [], `${theme}: pages starting with a contact line`);
  }
});

booklet('a lead split by a page break goes on as a lead: same face, size and width on the next page', async ({ pages }) => {
  const page = pages.get('citoyennete-et-inclusion');
  assert.ok(page);
  const split = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.featured__lead[data-split-from]'), (rest) => {
      const first = document.querySelector<HTMLElement>(`.featured__lead[data-ref="${rest.dataset.ref}"]:not([data-split-from])`);
      const style = (el: HTMLElement | null) => (el ? `${getComputedStyle(el).fontFamily} ${getComputedStyle(el).fontSize} ${Math.round(el.getBoundingClientRect().width)}` : 'missing');
      return { first: style(first), rest: style(rest) };
    }),
  );
  // « Au-delà du miroir » p. 4 → 5 (its continuation was body text in the narrow column).
  assert.ok(split.length >= 1, 'a lead split across two pages');
  for (const { first, rest } of split) assert.is(rest, first);
});

booklet('notes that start a page have their title at the head of the area, as a whole notes page does', async ({ pages }) => {
  const page = pages.get('habitat-adapte-et-bien-vieillir');
  assert.ok(page);
  const heights = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.pagedjs_page')).flatMap((sheet) => {
      const area = sheet.querySelector('.pagedjs_page_content');
      const title = area?.querySelector('.notes__title');
      if (!area || !title) return [];
      const range = document.createRange();
      range.setStart(area, 0);
      range.setEndBefore(title);
      // Notes after content on the same page are not at the head of it.
      if (range.toString().trim() !== '') return [];
      return [Math.round(title.getBoundingClientRect().top - area.getBoundingClientRect().top)];
    }),
  );
  // A whole notes page (src/print/layout/filler.ts, shown after this first layout) has its
  // title at the head of the area: so must the notes that start a page after the last section.
  assert.ok(heights.length >= 1, `${heights.length} notes at the head of a page`);
  assert.equal(heights, heights.map(() => 0), `title heights ${heights.join(', ')} px`);
});

booklet.run();
