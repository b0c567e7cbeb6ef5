/**
 * Opens the print HTML in Chromium and lets Paged.js paginate it: Paged.js (not Chromium's own
 * print layout) implements @page sizes and margins, named pages, string-set running heads,
 * counter(page), target-counter() and break-before: left/right. Chromium then only has to
 * print one already-laid-out `.pagedjs_page` per sheet.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { FontLoadError, PaginationError, PaginationTimeoutError, PrintLoadError } from './errors.ts';
import { notesPagesNeeded } from './layout/filler.ts';
import { NAME_SHIM } from './page-globals.ts';

const PAGED_JS = join(dirname(createRequire(import.meta.url).resolve('pagedjs')), '..', 'dist', 'paged.js');
const HANDLERS_DIR = fileURLToPath(new URL('../../print/handlers/', import.meta.url));

/** Room for crop marks outside the bleed, in mm (the slug: src/print/pdf/crop-marks.ts draws the marks in it). */
export const MARKS_SLUG_MM = 7;

export interface LoadOptions {
  /** Bleed of the print edition, in mm. */
  bleedMm: number;
  cropMarks: boolean;
  timeoutMs: number;
}

export interface LoadedPage {
  /**
   * What Paged.js adds around the trim box on every side, in mm: the bleed, plus room for the
   * crop marks when there are marks.
   */
  sheetBleedMm: number;
  /** Requests to anything but the local server, refused so that Chromium never waits on the network. */
  blockedRequests: string[];
  /** Errors the page logged (console.error, uncaught exceptions). */
  pageErrors: string[];
}

/**
 * Puts the body's content in the `<template data-ref="pagedjs-content">` Paged.js would
 * otherwise make itself after the page has loaded (Previewer.wrapContent).
 *
 * Why: served as it is, the whole document is styled and laid out once by Chromium as one long
 * page before Paged.js moves it away — at 5 000 projects that alone took minutes and 3 GB —
 * and Paged.js then copies it through innerHTML, parsing it a second time. Inside a template
 * it is parsed once and never laid out. Images in a template are not fetched: loadPrintPage
 * fetches them before pagination, as the `load` event used to.
 */
export function deferContent(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.lastIndexOf('</body>');
  if (!open || close < open.index) return html;
  const start = open.index + open[0].length;
  return `${html.slice(0, start)}<template data-ref="pagedjs-content">${html.slice(start, close)}</template>${html.slice(close)}`;
}

/** Runs in the page: fetches and decodes the images of the deferred content. Self-contained. */
async function preloadImages(): Promise<void> {
  const template = document.querySelector<HTMLTemplateElement>('body > template[data-ref="pagedjs-content"]');
  if (!template) return;
  const sources = new Set(Array.from(template.content.querySelectorAll('img[src]'), (img) => new URL(img.getAttribute('src') ?? '', document.baseURI).href));
  // Kept referenced until the page closes, so they stay in Chromium's memory cache: Paged.js's
  // copies of the <img> elements then get their size at once, as they did after `load`.
  window.__compendiumImages = await Promise.all(
    Array.from(sources, (src) => {
      const img = new Image();
      img.src = src;
      return img.decode().then(
        () => img,
        () => img,
      );
    }),
  );
}

/** `@page` rules the engine owns: bleed and marks come from the build settings, not from CSS. */
export function pageSetupCss(bleedMm: number, cropMarks: boolean): string {
  const sheetBleed = bleedMm + (cropMarks ? MARKS_SLUG_MM : 0);
  // Room only: the marks are drawn in registration colour when the PDF is finished
  // (src/print/pdf/crop-marks.ts); Paged.js's own would be RGB black.
  return `@page { bleed: ${sheetBleed}mm; }`;
}

/**
 * Loads `url` (served by the local static server at `origin`) and prepares it for Paged.js:
 * page-setup CSS, then Paged.js itself and our handlers. Nothing is laid out yet.
 */
export async function loadPrintPage(page: Page, url: string, options: LoadOptions): Promise<LoadedPage> {
  const origin = new URL(url).origin;
  const loaded: LoadedPage = {
    sheetBleedMm: options.bleedMm + (options.cropMarks ? MARKS_SLUG_MM : 0),
    blockedRequests: [],
    pageErrors: [],
  };
  page.on('console', (message) => {
    if (message.type() === 'error') loaded.pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => loaded.pageErrors.push(error instanceof Error ? error.message : String(error)));

  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const target = request.url();
    // Caught: a request still pending when the page closes rejects, and an unhandled
    // rejection would end the whole process.
    if (target.startsWith(`${origin}/`) || target.startsWith('data:') || target.startsWith('blob:')) {
      request.continue().catch(() => {});
    } else {
      loaded.blockedRequests.push(target);
      request.abort('blockedbyclient').catch(() => {});
    }
  });
  await page.evaluateOnNewDocument(NAME_SHIM);
  // No emulateMediaType('print'): Paged.js itself unwraps `@media print` blocks and drops
  // screen-only ones, and its own print rules must not apply while it measures pages.

  try {
    await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
  } catch (error) {
    throw new PrintLoadError(url, { cause: error });
  }
  // First in the head, not last: Paged.js merges @page rules across sheets but only applies
  // the bleed when it meets a `size` that differs from the previous one, so the bleed must be
  // known before base.css declares A4. (A later `bleed` in the document would still win.)
  await page.evaluate(preloadImages);
  await page.evaluate((css: string) => {
    const style = document.createElement('style');
    style.dataset.compendium = 'page-setup';
    style.textContent = css;
    document.head.prepend(style);
  }, pageSetupCss(options.bleedMm, options.cropMarks));
  await page.addScriptTag({ path: PAGED_JS });
  const handlers = (await readdir(HANDLERS_DIR)).filter((name) => name.endsWith('.js')).sort();
  for (const name of handlers) {
    // A handler that throws while loading (two top-level declarations of one name in these
    // shared-scope scripts) would be left out without a word, and its layout rule with it.
    const errors = loaded.pageErrors.length;
    await page.addScriptTag({ path: join(HANDLERS_DIR, name) });
    if (loaded.pageErrors.length > errors) throw new Error(`print/handlers/${name} failed to load: ${loaded.pageErrors.slice(errors).join('; ')}`);
  }
  return loaded;
}

export interface PaginateOptions {
  timeoutMs: number;
  /** Called with the number of pages laid out so far. */
  onPage?: (pages: number) => void;
  /**
   * Leave the pages hidden, for the caller to show them a part at a time (src/print/sheets.ts).
   * Default false: every page is shown, as Paged.js leaves them.
   */
  hidden?: boolean;
}

/** Runs Paged.js on the loaded page and waits until the last page is laid out. Returns the page count. */
export async function paginate(page: Page, loaded: LoadedPage, options: PaginateOptions): Promise<number> {
  let pagesSoFar = 0;
  await page.exposeFunction('__compendiumProgress', (pages: number) => {
    pagesSoFar = pages;
    options.onPage?.(pages);
  });

  await page.evaluate(() => {
    const state = { done: false, error: null as string | null, pages: 0 };
    window.__compendiumPaged = state;
    if (!window.Paged) {
      state.error = 'Paged.js n’est pas chargé';
      return;
    }
    new window.Paged.Previewer().preview().then(
      (flow) => {
        state.pages = flow.total;
        state.done = true;
      },
      (error: unknown) => {
        state.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      },
    );
  });

  try {
    await page.waitForFunction(() => window.__compendiumPaged?.done || window.__compendiumPaged?.error, {
      timeout: options.timeoutMs,
      polling: 100,
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new PaginationTimeoutError(options.timeoutMs, pagesSoFar);
    throw new PaginationError(error instanceof Error ? error.message : String(error), { cause: error });
  }

  const state = await page.evaluate(() => window.__compendiumPaged);
  if (!state || state.error) throw new PaginationError(state?.error ?? 'état inconnu');
  // Paged.js gives up silently (a console.error) on content that fits on no page: the rest of
  // the document would be missing from the PDF, so this is a failure, not a warning.
  const repeated = loaded.pageErrors.find((text) => text.startsWith('Layout repeated'));
  if (repeated) throw new PaginationError(`un élément ne tient sur aucune page, la suite du document est perdue (${repeated}).`);

  // Laid-out pages hold clones of the images and text: wait until they are decoded and the
  // fonts are ready, or Chromium could print blank boxes. Then show the pages, unless the
  // caller shows them a part at a time (print/handlers/finished-pages.js hid them).
  const failedFonts = await page.evaluate(async (hidden: boolean) => {
    // The source is laid out: its copy in the template (the whole book, once more) can go.
    document.querySelector('body > template[data-ref="pagedjs-content"]')?.remove();
    await document.fonts.ready;
    await Promise.all(
      Array.from(document.images, (img) => (img.complete ? undefined : img.decode().catch(() => undefined))),
    );
    if (!hidden) document.querySelector<HTMLElement>('.pagedjs_pages')?.style.removeProperty('display');
    // A face that failed to load (a corrupt or truncated file) leaves its text in a fallback
    // font, laid out with other metrics: nothing a proofreader would be told about.
    return Array.from(document.fonts)
      .filter((face) => face.status === 'error')
      .map((face) => `${face.family.replace(/^["']|["']$/g, '')} ${face.weight}${face.style === 'normal' ? '' : ` ${face.style}`}`);
  }, options.hidden === true);
  if (failedFonts.length) throw new FontLoadError(failedFonts);
  options.onPage?.(state.pages);
  return state.pages;
}

/**
 * Runs in the page: the number of the last page of content before the last page (the back
 * cover), not counting the page Paged.js left blank for the back cover's parity. Self-contained.
 */
function lastContentPage(): number {
  const pages = Array.from(document.querySelectorAll('.pagedjs_pages > .pagedjs_page'));
  let last = pages.length - 1;
  while (last > 0 && pages[last - 1]?.classList.contains('pagedjs_blank_page')) last--;
  return last;
}

/**
 * How many notes pages the document needs before its back cover to end on a multiple of
 * `multiple` (src/print/layout/filler.ts), judged on a first pagination.
 */
export async function notesPagesFor(page: Page, multiple: number): Promise<number> {
  return multiple > 1 ? notesPagesNeeded(await page.evaluate(lastContentPage), multiple) : 0;
}

/** Runs in the page: adds blank pages so the count is a multiple of `multiple`. Self-contained. */
function insertBlankPages(multiple: number): number {
  const container = document.querySelector('.pagedjs_pages');
  if (!container) return 0;
  const pages = Array.from(container.querySelectorAll<HTMLElement>(':scope > .pagedjs_page'));
  const missing = (multiple - (pages.length % multiple)) % multiple;
  const last = pages[pages.length - 1];
  if (missing === 0 || !last) return 0;
  // An even number goes before the last page (the back cover keeps its side); otherwise at the end.
  const before = missing % 2 === 0 ? last : null;
  const firstIndex = before ? pages.length - 1 : pages.length;
  for (let i = 0; i < missing; i++) {
    // Page 1 is a right-hand page: even 0-based indexes are right, odd ones left.
    const side = (firstIndex + i) % 2 === 0 ? 'right' : 'left';
    const model =
      pages.find((p) => p.classList.contains(`pagedjs_${side}_page`) && p.classList.contains('pagedjs_blank_page')) ??
      pages.find((p) => p.classList.contains(`pagedjs_${side}_page`) && !p.classList.contains('pagedjs_named_page'));
    if (!model) return i;
    const blank = model.cloneNode(true) as HTMLElement;
    blank.querySelector('.pagedjs_page_content')?.replaceChildren();
    blank.classList.add('pagedjs_blank_page');
    blank.id = `pagedjs-padding-${i + 1}`;
    container.insertBefore(blank, before);
  }
  return missing;
}

/**
 * Pads the paginated document with blank pages up to a multiple of `multiple`: only for a
 * document without a notes page to show (src/print/layout/filler.ts), such as a hand-made
 * print HTML. Added after the layout, they are not counted by its contents page. Blank pages
 * carry no running head nor folio (`@page :blank`).
 */
export async function padPages(page: Page, multiple: number): Promise<number> {
  return multiple > 1 ? page.evaluate(insertBlankPages, multiple) : 0;
}
