/**
 * The handlers that make Paged.js faster must not change what it lays out: the bundled
 * brochure paginated with and without print/handlers/overflow-checks.js breaks its pages at
 * the same places, and print/handlers/page-scheduler.js paginates with no animation frame at
 * all (Paged.js alone waits for one before each page).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { hyphenateHtml } from '../../src/print/hyphenate.ts';
import { deferContent, loadPrintPage, paginate } from '../../src/print/paginate.ts';
import { serveFolder } from '../../src/print/static-server.ts';

interface Context {
  dir: string;
  session: BrowserSession;
  server: Awaited<ReturnType<typeof serveFolder>>;
  url: string;
}

const handlers = suite<Context>('pagination handlers: faster, the same pages');

handlers.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'compendium-handlers-'));
  const html = await renderPrintHtml({ dataDir: 'data', outDir: ctx.dir });
  const entry = html.htmlPath.slice(html.outDir.length + 1);
  ctx.server = await serveFolder(html.outDir, new Map([[`/${entry}`, deferContent(hyphenateHtml(await readFile(html.htmlPath, 'utf8')))]]));
  ctx.url = ctx.server.urlFor(entry);
  ctx.session = await launchBrowser();
});

handlers.after(async (ctx) => {
  await ctx.session?.close();
  await ctx.server?.close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

/** Paginates the brochure in a new tab, after `prepare` ran in it, and returns each page's text. */
async function pagesOf(browser: Browser, url: string, prepare: () => void = () => {}): Promise<string[]> {
  const page = await browser.newPage();
  try {
    const loaded = await loadPrintPage(page, url, { bleedMm: 3, cropMarks: false, timeoutMs: 60_000 });
    await page.evaluate(prepare);
    await paginate(page, loaded, { timeoutMs: 60_000 });
    return await page.evaluate(() => Array.from(document.querySelectorAll('.pagedjs_page'), (sheet) => sheet.textContent ?? ''));
  } finally {
    await page.close();
  }
}

handlers('overflow-checks.js changes when a page is measured, not where it breaks', async ({ session, url }) => {
  const withChecks = await pagesOf(session.browser, url);
  const without = await pagesOf(session.browser, url, () => {
    const registered = (window as unknown as { Paged: { registeredHandlers: Array<{ name: string }> } }).Paged.registeredHandlers;
    const index = registered.findIndex((handler) => handler.name === 'OverflowChecks');
    if (index < 0) throw new Error('OverflowChecks is not registered');
    registered.splice(index, 1);
  });
  // One pagination, before the notes pages that make a whole number of sheets (src/print/layout/filler.ts).
  assert.is(withChecks.length, 42, 'the bundled brochure paginates to 42 pages');
  assert.is(without.length, withChecks.length, 'as many pages without the handler');
  // Soft hyphens and word joiners aside: print/handlers/hyphen-limit.js decides at the checks
  // which soft hyphens a paragraph keeps, and may decide otherwise when measured at other times.
  const words = (text: string | undefined) => text?.replace(/[\u00AD\u2060]/g, '');
  withChecks.forEach((text, i) => assert.is(words(text), words(without[i]), `page ${i + 1}`));
});

handlers('page-scheduler.js: pagination needs no animation frame', async ({ session, url }) => {
  const pages = await pagesOf(session.browser, url, () => {
    // A frame that never comes: Paged.js's own queue would wait for it forever.
    window.requestAnimationFrame = () => 0;
  });
  assert.is(pages.length, 42);
});

handlers.run();
