/**
 * The paginated document, a part at a time: only the pages of a part are in the document, the
 * others wait outside it, so measuring and printing a part costs what that part costs, whatever
 * the length of the book.
 *
 * Why: Chromium's page.pdf() lays out and paints the whole document, and its cost per page grows
 * with the length (measured on the same 2 392 laid-out pages: 125 s for one untagged PDF, 52 ms a
 * page, against 6 ms a page at 488 pages; printing only pages 1–100 with `pageRanges` still took
 * 16 s). Hidden pages (`display: none`) still cost twice as much as pages out of the document.
 * Printing part by part and merging the PDFs (src/print/pdf-merge.ts) keeps both the time per page
 * and Chromium's memory flat.
 *
 * Each page is also measured (fit facts, headings) while Paged.js still has it laid out, just
 * before print/handlers/finished-pages.js sets it aside: measuring it again later would cost a
 * second layout. Only pages that change after that are measured again here: those holding
 * page-number links (filled in when the layout is done), the last ones, and the blank padding.
 *
 * Folios stay right: each page's number is computed once, as Paged.js counts them (its
 * counter-reset and counter-increment), and the first page shown starts the `page` counter there.
 */
import type { Page } from 'puppeteer-core';
import { measurePages, type PageFacts } from './fit.ts';

/** The default size of a part, in pages: large enough that page.pdf()'s fixed cost is small. */
export const PAGES_PER_PART = 150;

/** [from, to) page indexes (0-based) of consecutive parts of at most `size` pages. */
export function partition(count: number, size = PAGES_PER_PART): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  for (let from = 0; from < count; from += size) parts.push([from, Math.min(count, from + size)]);
  return parts;
}

/** What is measured of a page: fit facts (numbered later), headings as a reader sees them, page box size in CSS px. */
export interface PageRecord {
  facts: PageFacts;
  headings: string[];
  box: { width: number; height: number };
}

interface SheetState {
  /** Every page in order; a page printed in both editions is let go (undefined). */
  pages: Array<HTMLElement | undefined>;
  numbers: number[];
  /** Every id an internal link of the document points to. */
  targets: Set<string>;
  first?: HTMLElement;
}

declare global {
  interface Window {
    __compendiumSheets?: SheetState;
    /** Measures one page (installed by installRecorder, called by print/handlers/finished-pages.js). */
    __compendiumRecord?: (page: HTMLElement) => PageRecord;
    __compendiumRecords?: Map<HTMLElement, PageRecord>;
  }
}

/** Runs in the page: the text of the headings under `root`, as a reader sees it. Self-contained. */
function headingsOf(root: ParentNode): string[] {
  // innerText, not textContent: a <br> in a heading must become a space in the outline.
  return Array.from(root.querySelectorAll<HTMLElement>(':is(h1, h2, h3, h4, h5, h6)'), (h) =>
    h.innerText.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim(),
  );
}

/** Runs in the page: the size of a page's box (trim size), in CSS px. Self-contained. */
function boxOf(page: Element): { width: number; height: number } {
  const box = page.querySelector('.pagedjs_pagebox')?.getBoundingClientRect();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

/** Installs the page measure that print/handlers/finished-pages.js calls. Before pagination. */
export async function installRecorder(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const measurePages = ${measurePages.toString()};
    const headingsOf = ${headingsOf.toString()};
    const boxOf = ${boxOf.toString()};
    window.__compendiumRecords = new Map();
    window.__compendiumRecord = (page) => ({ facts: measurePages(0, [page])[0], headings: headingsOf(page), box: boxOf(page) });
  })()`);
}

/** Runs in the page: remembers every page, its number and the link targets, once. Self-contained. */
function initSheets(): number {
  if (window.__compendiumSheets) return window.__compendiumSheets.pages.length;
  const area = document.querySelector<HTMLElement>('.pagedjs_pages');
  const pages = area ? Array.from(area.querySelectorAll<HTMLElement>(':scope > .pagedjs_page')) : [];
  // Page numbers as Paged.js counts them (see print/handlers/target-counters.js). Read while
  // every page is still in the document; the area is hidden, so this styles, lays out nothing.
  let number = 0;
  const numbers = pages.map((page) => {
    const style = getComputedStyle(page);
    const reset = style.counterReset.replace('page', '').trim();
    const increment = style.counterIncrement.replace('page', '').trim();
    if (reset !== 'none') number = parseInt(reset, 10);
    if (increment !== 'none') number += parseInt(increment, 10);
    return number;
  });
  const targets = new Set<string>();
  for (const link of Array.from(area?.querySelectorAll('a[href^="#"]') ?? [])) {
    try {
      const id = decodeURIComponent(link.getAttribute('href')?.slice(1) ?? '');
      if (id) targets.add(id);
    } catch {
      // Not a valid escape: Chromium makes no link of it either.
    }
  }
  window.__compendiumSheets = { pages, numbers, targets };
  return pages.length;
}

/** Runs in the page: puts the pages at `indexes` (ascending) alone in `.pagedjs_pages`. Self-contained. */
function showSheets(indexes: number[]): number {
  const area = document.querySelector<HTMLElement>('.pagedjs_pages');
  const state = window.__compendiumSheets;
  if (!area || !state) return 0;
  state.first?.style.removeProperty('--pagedjs-page-counter-increment');
  const shown = indexes.flatMap((i) => state.pages[i] ?? []);
  area.replaceChildren(...shown);
  // The `page` counter starts at 0 on .pagedjs_pages and each page adds this variable (1 by
  // default): on the first page shown, add its whole number.
  state.first = shown[0];
  const firstNumber = state.numbers[indexes[0] ?? 0];
  if (firstNumber !== undefined) state.first?.style.setProperty('--pagedjs-page-counter-increment', String(firstNumber));

  // Internal links across parts. Chromium writes a link as `/Dest /id` only when an element
  // with that id is in the document, and names a destination only for the ids some link in
  // the document points to. So next to the part go, hidden (neither painted nor tagged): an
  // empty element for each id a shown link points to in another part, and a link to each
  // shown element another part points to. The merge unites the names (src/print/pdf-merge.ts).
  document.querySelector('[data-compendium-anchors]')?.remove();
  const anchors = document.createElement('div');
  anchors.hidden = true;
  anchors.dataset.compendiumAnchors = '';
  for (const link of Array.from(area.querySelectorAll('a[href^="#"]'))) {
    let id: string;
    try {
      id = decodeURIComponent(link.getAttribute('href')?.slice(1) ?? '');
    } catch {
      continue;
    }
    if (!id || document.getElementById(id)) continue;
    const anchor = document.createElement('span');
    anchor.id = id;
    anchors.append(anchor);
  }
  for (const id of state.targets) {
    if (!area.contains(document.getElementById(id))) continue;
    const link = document.createElement('a');
    link.href = `#${encodeURIComponent(id)}`;
    anchors.append(link);
  }
  if (anchors.childElementCount > 0) document.body.append(anchors);
  area.style.removeProperty('display');
  return shown.length;
}

/** Runs in the page: lets pages [from, to) go (printed in both editions, never shown again). Self-contained. */
function releaseSheets(from: number, to: number): void {
  const state = window.__compendiumSheets;
  if (!state) return;
  for (let i = from; i < to; i++) {
    state.pages[i]?.remove();
    state.pages[i] = undefined;
  }
}

/** Lets pages [from, to) go once both PDFs hold them: the renderer's memory follows the part, not the book. */
export async function releasePart(page: Page, from: number, to: number): Promise<void> {
  await page.evaluate(releaseSheets, from, to);
}

/** Shows only pages [from, to) (0-based) of the paginated document. Returns how many. */
export async function showPart(page: Page, from: number, to: number): Promise<number> {
  await page.evaluate(initSheets);
  return page.evaluate(
    showSheets,
    Array.from({ length: to - from }, (_, i) => from + i),
  );
}

/** Runs in the page: the record of every page, or null where it must be measured again. Self-contained. */
function recordedSheets(): Array<PageRecord | null> {
  const state = window.__compendiumSheets;
  const records = window.__compendiumRecords;
  return (state?.pages ?? []).map((page) => {
    const record = page && records?.get(page);
    // Page-number links are filled in after the layout: their page changed since.
    return record && !page?.querySelector('a[href^="#"]') ? record : null;
  });
}

/** Runs in the page: measures the pages shown. Self-contained. */
function recordShown(): PageRecord[] {
  const measure = window.__compendiumRecord;
  return measure ? Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'), (page) => measure(page)) : [];
}

/**
 * The fit facts (numbered 1…), headings and trim size of the whole document: recorded during
 * pagination, and measured here for the pages recorded too early or not at all.
 */
export async function collectRecords(page: Page, pagesPerPart = PAGES_PER_PART): Promise<{ pages: PageFacts[]; headings: string[]; box: PageRecord['box'] }> {
  await page.evaluate(initSheets);
  const records = await page.evaluate(recordedSheets);
  const missing = records.flatMap((record, i) => (record ? [] : [i]));
  for (let at = 0; at < missing.length; at += pagesPerPart) {
    const indexes = missing.slice(at, at + pagesPerPart);
    await page.evaluate(showSheets, indexes);
    (await page.evaluate(recordShown)).forEach((record, i) => (records[indexes[i] ?? -1] = record));
  }
  // Measured pages are let go with their part: so are their records.
  await page.evaluate(() => window.__compendiumRecords?.clear());
  const complete = records.filter((record): record is PageRecord => record !== null);
  return {
    pages: complete.map((record, i) => ({ ...record.facts, number: i + 1 })),
    headings: complete.flatMap((record) => record.headings),
    box: complete[0]?.box ?? { width: 0, height: 0 },
  };
}
