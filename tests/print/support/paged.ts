/**
 * Small pages laid out by the real Paged.js with the project's handlers: a folder served with
 * print/base.css, a browser, and a way to lay out a body in a new tab and read the result.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type BrowserSession } from '../../../src/browser/launch.ts';
import { loadPrintPage, paginate } from '../../../src/print/paginate.ts';
import { serveFolder, type StaticServer } from '../../../src/print/static-server.ts';

export interface PagedFixture {
  session: BrowserSession;
  server: StaticServer;
  dir: string;
}

export async function openPagedFixture(prefix: string): Promise<PagedFixture> {
  const dir = await mkdtemp(join(tmpdir(), `compendium-${prefix}-`));
  await copyFile(new URL('../../../print/base.css', import.meta.url), join(dir, 'base.css'));
  return { dir, server: await serveFolder(dir), session: await launchBrowser() };
}

export async function closePagedFixture(fixture: Partial<PagedFixture>): Promise<void> {
  await fixture.session?.close();
  await fixture.server?.close();
  if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
}

/** Writes `body` (with base.css) as `name`, lays it out in a new tab, and returns what `read` reads there. */
export async function layOut<T>(fixture: PagedFixture, name: string, body: string, read: (page: Page) => Promise<T>): Promise<T> {
  await writeFile(join(fixture.dir, name), `<!doctype html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="base.css"></head><body>${body}</body></html>`);
  const page = await fixture.session.browser.newPage();
  try {
    const loaded = await loadPrintPage(page, fixture.server.urlFor(name), { bleedMm: 3, cropMarks: false, timeoutMs: 10_000 });
    await paginate(page, loaded, { timeoutMs: 20_000 });
    return await read(page);
  } finally {
    await page.close();
  }
}
