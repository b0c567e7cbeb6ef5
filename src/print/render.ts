/**
 * The print engine: one print HTML file in, two PDFs out (print and screen) from a single
 * Paged.js pagination, plus the fit findings and per-page facts for the build to report.
 *
 * Why one pagination and two editions from it: pagination is the slow, fragile part and must
 * not differ between editions. So the document is paginated once with the bleed (and marks)
 * and printed for the printer. Where a part has images larger than the screen needs, it is
 * switched in place to the screen edition — no bleed, no marks, images resampled to screen
 * resolution — and printed again: cut from the print PDF, it would keep the full-resolution
 * images (2.1 MB instead of 0.18 MB for the fixture). Every other part's screen pages are its
 * print pages cut to the trim box (the bleed and any marks stay outside it, unseen): printing
 * them again was a fifth of the whole build at 1 000 projects.
 *
 * Why it scales (bench/README.md): finished pages leave the document while Paged.js lays out
 * the next ones (print/handlers/finished-pages.js) and are measured then; page numbers of the
 * contents are resolved once at the end (print/handlers/target-counters.js); and the document
 * is printed a part of at most 150 pages at a time, in both editions, alone in the page
 * (src/print/sheets.ts), the parts' PDFs merged with their tags, outline and links
 * (src/print/pdf-merge.ts). Each step then costs the same per page at 50 or 5 000 projects.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Page } from 'puppeteer-core';
import { LAUNCH_TIMEOUT_MS, launchBrowser, type BrowserSession } from '../browser/launch.ts';
import { BrowserCrashError, BrowserFrozenError } from '../browser/errors.ts';
import { PdfOutputError, PrintInputNotFoundError } from './errors.ts';
import { guillemets, NBSP } from './french.ts';
import { fitFindings, type FitFinding, type FitOptions, type PageFacts } from './fit.ts';
import { hyphenateHtml } from './hyphenate.ts';
import { withNotesPages } from './layout/filler.ts';
import { deferContent, loadPrintPage, notesPagesFor, padPages, paginate } from './paginate.ts';
import { buildDate, finishPdf, PDF_LOAD, trimToBox, type PageGeometry, type PdfMetadata } from './pdf-finish.ts';
import { mergePdfParts } from './pdf-merge.ts';
import type { PdfFont } from './pdf-fonts.ts';
import { LABELS, type RenderProgress, type RenderStage } from './progress.ts';
import { collectLinkTexts, type LinkKey } from './pdf/link-descriptions.ts';
import { resampleScreenImages, screenImagesToResample, setScreenGeometry, settleTextLayer } from './screen.ts';
import { printResamples, usePrintImages, writePrintImages } from './pdf/print-images.ts';
import { collectRecords, installRecorder, partition, releasePart, showPart } from './sheets.ts';
import { serveFolder } from './static-server.ts';

export interface RenderOptions {
  /** The print HTML file. Its CSS, fonts and images are referenced by relative URLs. */
  input: string;
  /** Folder served to the browser (default: the input's folder). Must contain the input. */
  root?: string;
  /** Output paths; `false` skips that edition. Defaults: `<input>-impression.pdf`, `<input>-ecran.pdf`. */
  printPdf?: string | false;
  screenPdf?: string | false;
  metadata: PdfMetadata;
  /** Bleed of the print PDF, in mm (default 3). */
  bleedMm?: number;
  /** Crop marks on the print PDF (default false; adds 7 mm around the bleed). */
  cropMarks?: boolean;
  /** Insert French soft hyphens before pagination (default true). */
  hyphenate?: boolean;
  /**
   * The page count is brought to a multiple of this (4 for a saddle-stitched brochure; default
   * 1: no padding): by notes pages before the back cover, laid out in a second pagination
   * (src/print/layout/filler.ts), or, in a document without a notes page, by blank pages
   * before the last one.
   */
  padToMultipleOf?: number;
  /** Image resolution of the screen PDF (default 150 ppi). */
  screenImagePpi?: number;
  /**
   * Screen pages of a part with no image to resample are its print pages cut to the trim box
   * instead of being printed again (default true; false prints every part twice).
   */
  screenFromPrint?: boolean;
  /**
   * Also write the first page, cut to the trim box, as a JPEG of `coverWidthPx` pixels wide
   * (default 600): the cover the site shows beside the download links and in link previews.
   */
  coverImage?: string;
  coverWidthPx?: number;
  /** Pages printed per page.pdf() call, merged afterwards (default 150; see src/print/sheets.ts). */
  pagesPerPart?: number;
  /** Limits of each step, in ms (defaults: RENDER_TIMEOUTS). */
  timeouts?: Partial<RenderTimeouts>;
  /** One limit for the three steps, in ms, where `timeouts` does not say. */
  timeoutMs?: number;
  fit?: FitOptions;
  /** A browser to reuse (left open); otherwise one is launched and closed. */
  session?: BrowserSession;
  onProgress?: (progress: RenderProgress) => void;
  /** For SOURCE_DATE_EPOCH (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Books of fewer pages are never made to collect garbage: it costs time and they fit anyway. */
const GC_FROM_PAGES = 600;
const GC_EVERY_PAGES = 200;

/** How long each step may take, in ms. */
export interface RenderTimeouts {
  /** Loading the document, its styles, fonts, images and Paged.js. */
  load: number;
  /** The whole pagination (about 15 ms a page here: 2 400 pages in 40 to 80 s). */
  paginate: number;
  /** Each page.pdf() call, for a part of at most `pagesPerPart` pages (1 to 3 s here). */
  pdf: number;
  /**
   * How long the browser may go without a sign of life (a page laid out, an answer to a
   * trivial question asked every 2 s) before it is called frozen and killed. A frozen
   * renderer used to hold the build until a 180 s protocol timeout.
   */
  frozen: number;
}

/** Generous for this machine's figures (bench/README.md), short enough to end a hung build. */
export const RENDER_TIMEOUTS: RenderTimeouts = { load: 60_000, paginate: 600_000, pdf: 120_000, frozen: 30_000 };

/**
 * Rejects with BrowserFrozenError when the tab shows no sign of life for `frozenMs`: no
 * answer to a trivial evaluation (asked every 2 s, one at a time) and no `alive()` call.
 */
function watchFrozen(page: Page, session: BrowserSession, frozenMs: number, stage: () => RenderStage): { frozen: Promise<never>; alive(): void; stop(): void } {
  let last = Date.now();
  let asking = false;
  let timer: NodeJS.Timeout | undefined;
  const frozen = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      if (Date.now() - last > frozenMs) {
        clearInterval(timer);
        reject(new BrowserFrozenError(session.found.executablePath, LABELS[stage()], Math.round(frozenMs / 1000)));
        return;
      }
      if (asking) return;
      asking = true;
      // Any answer will do, an error included (a navigation in progress): the tab is alive.
      void page.evaluate(() => 1).then(
        () => ((last = Date.now()), (asking = false)),
        () => ((last = Date.now()), (asking = false)),
      );
    }, Math.min(2_000, frozenMs / 4));
  });
  frozen.catch(() => {});
  return { frozen, alive: () => void (last = Date.now()), stop: () => clearInterval(timer) };
}

export interface PdfFile {
  path: string;
  bytes: number;
}

/** The cover as an image (RenderOptions.coverImage). */
export interface CoverFile extends PdfFile {
  width: number;
  height: number;
}

/** Milliseconds spent in each stage. */
export type RenderTimings = Record<'launch' | 'load' | 'paginate' | 'fit' | 'pdfPrint' | 'pdfScreen' | 'postProcess' | 'total', number>;

export interface RenderResult {
  pageCount: number;
  print?: PdfFile;
  screen?: PdfFile;
  cover?: CoverFile;
  /** Trim size measured on the paginated pages, in mm. */
  trim: { widthMm: number; heightMm: number };
  timings: RenderTimings;
  pages: PageFacts[];
  findings: FitFinding[];
  /** Fonts of the print PDF (see `fontProblems`). */
  fonts: PdfFont[];
  /** Images resampled for the screen PDF. */
  screenImagesResampled: number;
  /** Requests to outside the served folder, refused. */
  blockedRequests: string[];
  /** Errors the page logged while loading or paginating. */
  pageErrors: string[];
  browser: { executablePath: string; source: string };
}

/** Fonts a printer would refuse: Type 3, or not embedded. French messages. */
export function fontProblems(fonts: readonly PdfFont[]): string[] {
  return fonts.flatMap((font) => [
    ...(font.subtype === 'Type3' ? [`Police Type 3 ${guillemets(font.name)}${NBSP}: refusée par les imprimeurs, utilisez une police OpenType ou TrueType.`] : []),
    ...(!font.embedded ? [`Police non incorporée ${guillemets(font.name)}${NBSP}: le PDF ne s’affichera pas de la même façon partout.`] : []),
  ]);
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<PdfFile> {
  await mkdir(dirname(path), { recursive: true });
  // Written aside then renamed: a failed build never leaves a truncated PDF under the real name.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    // A full disk: the half-written file goes, and gives its space back.
    await rm(temporary, { force: true });
    throw error;
  }
  return { path, bytes: (await stat(path)).size };
}

/**
 * The first page (shown), cut to its trim box, as a JPEG `width` pixels wide. The box is
 * rounded inward to whole CSS pixels first: Puppeteer rounds a clip anyway, and rounding it
 * outward would let a sliver of bleed in and make the image a pixel narrower than asked.
 */
async function pictureCover(page: Page, width: number): Promise<Uint8Array> {
  // The page box is the trim box: the bleed is drawn around it (Paged.js's .pagedjs_bleed-*).
  const box = await page.evaluate(() => {
    const rect = document.querySelector('.pagedjs_page .pagedjs_pagebox')?.getBoundingClientRect();
    return rect ? { left: rect.left + window.scrollX, top: rect.top + window.scrollY, right: rect.right + window.scrollX, bottom: rect.bottom + window.scrollY } : null;
  });
  if (!box) throw new Error('pictureCover: the document has no page box');
  const x = Math.ceil(box.left);
  const y = Math.ceil(box.top);
  const clip = { x, y, width: Math.floor(box.right) - x, height: Math.floor(box.bottom) - y };
  return page.screenshot({ type: 'jpeg', quality: 85, clip: { ...clip, scale: width / clip.width }, captureBeyondViewport: true });
}

function defaultOutput(input: string, suffix: string): string {
  return join(dirname(input), `${basename(input, extname(input))}-${suffix}.pdf`);
}

async function printPdf(page: Page, edition: 'écran' | 'impression', timeoutMs: number): Promise<Uint8Array> {
  try {
    // Tagged and with an outline in both editions: --export-tagged-pdf tags everything anyway,
    // and bookmarks help whoever checks the print proof too.
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: timeoutMs });
  } catch (error) {
    throw new PdfOutputError(edition, { cause: error });
  }
}

/** Paginates `options.input` once and writes the print and screen PDFs. */
export async function renderPrint(options: RenderOptions): Promise<RenderResult> {
  const started = Date.now();
  const fallback = options.timeoutMs;
  const limits: RenderTimeouts = {
    load: options.timeouts?.load ?? fallback ?? RENDER_TIMEOUTS.load,
    paginate: options.timeouts?.paginate ?? fallback ?? RENDER_TIMEOUTS.paginate,
    pdf: options.timeouts?.pdf ?? fallback ?? RENDER_TIMEOUTS.pdf,
    frozen: options.timeouts?.frozen ?? RENDER_TIMEOUTS.frozen,
  };
  const longest = Math.max(limits.load, limits.paginate, limits.pdf);
  const bleedMm = options.bleedMm ?? 3;
  const cropMarks = options.cropMarks ?? false;
  const input = resolve(options.input);
  const root = resolve(options.root ?? dirname(input));
  const timings: RenderTimings = { launch: 0, load: 0, paginate: 0, fit: 0, pdfPrint: 0, pdfScreen: 0, postProcess: 0, total: 0 };
  let pagesSoFar = 0;
  let clock = Date.now();
  let current: RenderStage = 'launch';
  let onSign = (): void => {};
  const enter = (stage: RenderStage) => {
    current = stage;
    onSign();
    options.onProgress?.({ stage, pages: pagesSoFar, elapsedMs: Date.now() - started });
  };
  const lap = (key: keyof RenderTimings) => {
    const now = Date.now();
    timings[key] += now - clock;
    clock = now;
  };

  let html: string;
  try {
    html = await readFile(input, 'utf8');
  } catch (error) {
    throw new PrintInputNotFoundError(input, { cause: error });
  }

  enter('launch');
  const session = options.session ?? (await launchBrowser({ timeoutMs: Math.min(limits.load, LAUNCH_TIMEOUT_MS), protocolTimeoutMs: longest + 60_000 }));
  lap('launch');
  const entryPath = `/${relative(root, input).split(sep).join('/')}`;
  const prepare = (source: string) => deferContent(options.hyphenate === false ? source : hyphenateHtml(source));
  const served = new Map([[entryPath, prepare(html)]]);
  const server = await serveFolder(root, served);
  let page: Page | undefined;
  // The tab of a second pagination (notes pages, src/print/layout/filler.ts), closed like the first.
  let padded: Page | undefined;
  // A dead browser or tab fails whatever step is waiting on it, as a BrowserCrashError (the
  // build tries once more with a fresh browser). Not every pending call would notice.
  let onDisconnected = (): void => {};
  const crash = new Promise<never>((_resolve, reject) => {
    onDisconnected = () => reject(new BrowserCrashError({ cause: new Error('Chromium s’est fermé') }));
    session.browser.once('disconnected', onDisconnected);
    if (!session.browser.connected) onDisconnected();
  });
  crash.catch(() => {});
  /** Loads `path` in `page` and paginates it. */
  const layOut = async (page: Page, path: string) => {
    enter('load');
    const loaded = await loadPrintPage(page, server.urlFor(path.slice(1)), { bleedMm, cropMarks, timeoutMs: limits.load });
    await installRecorder(page);
    lap('load');

    enter('paginate');
    // A long book leaves garbage faster than Chromium collects it (at 5 000 projects, 1.2 GB in
    // the renderer after pagination, 0.87 GB after a collection): past GC_FROM_PAGES, collect
    // every GC_EVERY_PAGES pages and after each part printed, so memory follows the part.
    const cdp = await page.createCDPSession();
    let collecting = false;
    let collectedAt = 0;
    const collectGarbage = async (): Promise<void> => {
      if (collecting) return;
      collecting = true;
      await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
      collecting = false;
    };
    const laidOut = await paginate(page, loaded, {
      timeoutMs: limits.paginate,
      hidden: true,
      onPage: (count) => {
        pagesSoFar = count;
        enter('paginate');
        if (count >= GC_FROM_PAGES && count - collectedAt >= GC_EVERY_PAGES) {
          collectedAt = count;
          void collectGarbage();
        }
      },
    });
    return { loaded, laidOut, collectGarbage };
  };
  const work = async (tab: Page): Promise<RenderResult> => {
    let page = tab;
    let { loaded, laidOut, collectGarbage } = await layOut(page, entryPath);
    // A whole number of sheets by layout: notes pages before the back cover, laid out by
    // Paged.js in a second pagination so that the contents and folios count them.
    const multiple = options.padToMultipleOf ?? 1;
    const notes = await notesPagesFor(page, multiple);
    const notesHtml = notes > 0 ? withNotesPages(html, notes) : undefined;
    if (notesHtml !== undefined) {
      const path = entryPath.replace(/(\.html?)?$/, '-notes$1');
      served.set(path, prepare(notesHtml));
      padded = await session.browser.newPage();
      await page.close();
      page = padded;
      ({ loaded, laidOut, collectGarbage } = await layOut(page, path));
    }
    const pageCount = laidOut + (await padPages(page, multiple));
    // The blank pages added for binding are pages of the PDFs: progress counts them from here.
    pagesSoFar = pageCount;
    lap('paginate');

    // A part at a time (src/print/sheets.ts): measured (mostly during pagination), then
    // printed, alone in the document.
    enter('fit');
    const { pages, headings, box } = await collectRecords(page, options.pagesPerPart);
    lap('fit');
    const parts = partition(pageCount, options.pagesPerPart);
    const printPath = options.printPdf === undefined ? defaultOutput(input, 'impression') : options.printPdf;
    const screenPath = options.screenPdf === undefined ? defaultOutput(input, 'ecran') : options.screenPdf;
    const findings = fitFindings(pages, options.fit);
    // Photos at 300 ppi at their placed size, not at their full size (src/print/pdf/print-images.ts).
    const printImages = printPath === false ? new Map<string, string>() : await writePrintImages(root, printResamples(pages));
    // Trim size as laid out. Paged.js works in 1/64 px, so round to 0.01 mm to get A4 back exactly.
    const toMm = (px: number) => Math.round((px * 2540) / 96) / 100;
    const trim = { widthMm: toMm(box.width), heightMm: toMm(box.height) };

    const metadata = options.metadata;
    const date = buildDate(options.env);
    const result: RenderResult = {
      pageCount,
      trim,
      timings,
      pages,
      findings,
      fonts: [],
      screenImagesResampled: 0,
      blockedRequests: loaded.blockedRequests,
      pageErrors: loaded.pageErrors,
      browser: { executablePath: session.found.executablePath, source: session.found.source },
    };
    const geometry = (bleed: number, sheet: number): PageGeometry => ({
      trimWidthMm: trim.widthMm,
      trimHeightMm: trim.heightMm,
      bleedMm: bleed,
      sheetBleedMm: sheet,
    });
    const screenOptions = {
      trimWidthMm: trim.widthMm,
      trimHeightMm: trim.heightMm,
      ...(options.screenImagePpi ? { imagePpi: options.screenImagePpi } : {}),
    };

    // Each part in both editions, then let go (sheets.ts): the renderer holds one part at a
    // time. The print edition first: the screen one resamples the part's images in place.
    const printParts: PDFDocument[] = [];
    const links = new Map<LinkKey, string[]>();
    const screenParts: PDFDocument[] = [];
    let cover: Uint8Array | undefined;
    for (const [from, to] of parts) {
      await showPart(page, from, to);
      await usePrintImages(page, printImages);
      await settleTextLayer(page);
      let printed: Uint8Array | undefined;
      if (printPath !== false) {
        enter('pdf-print');
        printed = await printPdf(page, 'impression', limits.pdf);
        lap('pdfPrint');
        enter('post-process');
        printParts.push(await PDFDocument.load(printed, PDF_LOAD));
        lap('postProcess');
      }
      if (from === 0 && options.coverImage) {
        // Kept in memory until the PDFs are written: a build that fails later leaves no new
        // cover beside the previous PDFs.
        cover = await pictureCover(page, options.coverWidthPx ?? 600);
        lap('postProcess');
      }
      if (screenPath !== false) {
        enter('pdf-screen');
        if (printed && options.screenFromPrint !== false && (await screenImagesToResample(page, screenOptions)) === 0) {
          // Nothing to resample: the screen pages are the print pages cut to the trim box, the
          // same content at the same place, for a fraction of the cost of printing them again.
          const cut = await PDFDocument.load(printed, PDF_LOAD);
          trimToBox(cut, geometry(bleedMm, loaded.sheetBleedMm));
          screenParts.push(cut);
          lap('pdfScreen');
        } else {
          await setScreenGeometry(page, screenOptions);
          result.screenImagesResampled += (await resampleScreenImages(page, screenOptions)).resampled;
          const raw = await printPdf(page, 'écran', limits.pdf);
          await setScreenGeometry(page, false);
          lap('pdfScreen');
          enter('post-process');
          screenParts.push(await PDFDocument.load(raw, PDF_LOAD));
          lap('postProcess');
        }
      }
      await collectLinkTexts(page, links);
      await releasePart(page, from, to);
      if (pageCount >= GC_FROM_PAGES) await collectGarbage();
    }

    enter('post-process');
    const finish = async (docs: PDFDocument[], pdfGeometry: PageGeometry) =>
      finishPdf(await mergePdfParts(docs.splice(0)), { metadata, geometry: pdfGeometry, date, headings, links });
    if (printPath !== false) {
      const finished = await finish(printParts, geometry(bleedMm, loaded.sheetBleedMm));
      result.print = await writeAtomically(printPath, finished.bytes);
      result.fonts = finished.fonts;
    }
    if (screenPath !== false) {
      const finished = await finish(screenParts, geometry(0, 0));
      result.screen = await writeAtomically(screenPath, finished.bytes);
      if (printPath === false) result.fonts = finished.fonts;
    }
    if (cover && options.coverImage) {
      const { width = 0, height = 0 } = await sharp(cover).metadata();
      result.cover = { ...(await writeAtomically(options.coverImage, cover)), width, height };
    }
    lap('postProcess');

    timings.total = Date.now() - started;
    return result;
  };
  let watch: ReturnType<typeof watchFrozen> | undefined;
  try {
    page = await Promise.race([session.browser.newPage(), crash]);
    const tab = page;
    const tabCrash = new Promise<never>((_resolve, reject) => tab.once('error', (error: unknown) => reject(new BrowserCrashError({ cause: error }))));
    tabCrash.catch(() => {});
    watch = watchFrozen(tab, session, limits.frozen, () => current);
    onSign = watch.alive;
    const working = work(tab);
    working.catch(() => {});
    return await Promise.race([working, crash, tabCrash, watch.frozen]);
  } catch (error) {
    if (!(error instanceof BrowserCrashError) && !session.browser.connected) throw new BrowserCrashError({ cause: error });
    throw error;
  } finally {
    watch?.stop();
    session.browser.off('disconnected', onDisconnected);
    // Bounded: a tab stuck in a layout may never answer; the browser's owner kills it anyway.
    for (const tab of [page, padded]) {
      if (tab && session.browser.connected) await Promise.race([tab.close().catch(() => {}), new Promise((done) => setTimeout(done, 5_000).unref())]);
    }
    await server.close();
    if (!options.session) await session.close();
  }
}
