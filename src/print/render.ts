/**
 * The print engine: one print HTML file in, two PDFs out (print and screen) from a single
 * Paged.js pagination, plus the fit findings and per-page facts for the build to report.
 *
 * Why one pagination and two page.pdf() calls: pagination is the slow, fragile part and must
 * not differ between editions, while printing is cheap (measured on the 12-page fixture:
 * paginate ≈ 0.25 s, each page.pdf() ≈ 0.1 s). So the document is paginated once with the
 * bleed (and marks), printed for the printer, then switched in place to the screen edition —
 * no bleed, no marks, images resampled to screen resolution — and printed again. Deriving the
 * screen PDF by cropping the print one would save 0.1 s but keep the full-resolution images
 * (2.1 MB instead of 0.18 MB for the fixture) and the marks hidden outside the crop box.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type BrowserSession } from '../browser/launch.ts';
import { PdfOutputError, PrintInputNotFoundError } from './errors.ts';
import { guillemets, NBSP } from './french.ts';
import { collectPageFacts, fitFindings, type FitFinding, type FitOptions, type PageFacts } from './fit.ts';
import { hyphenateHtml } from './hyphenate.ts';
import { loadPrintPage, padPages, paginate } from './paginate.ts';
import { buildDate, finishPdf, type PageGeometry, type PdfMetadata } from './pdf-finish.ts';
import { listFonts, type PdfFont } from './pdf-fonts.ts';
import type { RenderProgress, RenderStage } from './progress.ts';
import { prepareScreenEdition } from './screen.ts';
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
   * Blank pages are added (before the last page) up to a multiple of this (4 for a
   * saddle-stitched brochure; default 1: no padding).
   */
  padToMultipleOf?: number;
  /** Image resolution of the screen PDF (default 150 ppi). */
  screenImagePpi?: number;
  /** Limit for loading, for pagination and for each page.pdf(), in ms (default 120 000). */
  timeoutMs?: number;
  fit?: FitOptions;
  /** A browser to reuse (left open); otherwise one is launched and closed. */
  session?: BrowserSession;
  onProgress?: (progress: RenderProgress) => void;
  /** For SOURCE_DATE_EPOCH (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface PdfFile {
  path: string;
  bytes: number;
}

/** Milliseconds spent in each stage. */
export type RenderTimings = Record<'launch' | 'load' | 'paginate' | 'fit' | 'pdfPrint' | 'pdfScreen' | 'postProcess' | 'total', number>;

export interface RenderResult {
  pageCount: number;
  print?: PdfFile;
  screen?: PdfFile;
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
  await writeFile(temporary, bytes);
  await rename(temporary, path);
  return { path, bytes: (await stat(path)).size };
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
  const timeoutMs = options.timeoutMs ?? 120_000;
  const bleedMm = options.bleedMm ?? 3;
  const cropMarks = options.cropMarks ?? false;
  const input = resolve(options.input);
  const root = resolve(options.root ?? dirname(input));
  const timings: RenderTimings = { launch: 0, load: 0, paginate: 0, fit: 0, pdfPrint: 0, pdfScreen: 0, postProcess: 0, total: 0 };
  let pagesSoFar = 0;
  let clock = Date.now();
  const enter = (stage: RenderStage) => options.onProgress?.({ stage, pages: pagesSoFar, elapsedMs: Date.now() - started });
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
  const session = options.session ?? (await launchBrowser({ timeoutMs: Math.min(timeoutMs, 60_000), protocolTimeoutMs: timeoutMs + 60_000 }));
  lap('launch');
  const entryPath = `/${relative(root, input).split(sep).join('/')}`;
  const server = await serveFolder(root, new Map([[entryPath, options.hyphenate === false ? html : hyphenateHtml(html)]]));
  const page = await session.browser.newPage();
  try {
    enter('load');
    const loaded = await loadPrintPage(page, server.urlFor(entryPath.slice(1)), { bleedMm, cropMarks, timeoutMs });
    lap('load');

    enter('paginate');
    const laidOut = await paginate(page, loaded, {
      timeoutMs,
      onPage: (count) => {
        pagesSoFar = count;
        enter('paginate');
      },
    });
    const pageCount = laidOut + (await padPages(page, options.padToMultipleOf ?? 1));
    lap('paginate');

    enter('fit');
    const pages = await collectPageFacts(page);
    const findings = fitFindings(pages, options.fit);
    // Trim size as laid out. Paged.js works in 1/64 px, so round to 0.01 mm to get A4 back exactly.
    const trimPx = await page.evaluate(() => {
      const box = document.querySelector('.pagedjs_pagebox')?.getBoundingClientRect();
      return { width: box?.width ?? 0, height: box?.height ?? 0 };
    });
    const toMm = (px: number) => Math.round((px * 2540) / 96) / 100;
    // innerText, not textContent: a <br> in a heading must become a space in the outline.
    const headings = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages :is(h1, h2, h3, h4, h5, h6)'), (h) =>
        h.innerText.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim(),
      ),
    );
    const trim = { widthMm: toMm(trimPx.width), heightMm: toMm(trimPx.height) };
    lap('fit');

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

    const printPath = options.printPdf === undefined ? defaultOutput(input, 'impression') : options.printPdf;
    if (printPath !== false) {
      enter('pdf-print');
      const raw = await printPdf(page, 'impression', timeoutMs);
      lap('pdfPrint');
      enter('post-process');
      const finished = await finishPdf(raw, { metadata, geometry: geometry(bleedMm, loaded.sheetBleedMm), date, headings });
      result.print = await writeAtomically(printPath, finished);
      result.fonts = await listFonts(finished);
      lap('postProcess');
    }

    const screenPath = options.screenPdf === undefined ? defaultOutput(input, 'ecran') : options.screenPdf;
    if (screenPath !== false) {
      enter('pdf-screen');
      const screen = await prepareScreenEdition(page, {
        trimWidthMm: trim.widthMm,
        trimHeightMm: trim.heightMm,
        ...(options.screenImagePpi ? { imagePpi: options.screenImagePpi } : {}),
      });
      result.screenImagesResampled = screen.resampled;
      const raw = await printPdf(page, 'écran', timeoutMs);
      lap('pdfScreen');
      enter('post-process');
      const finished = await finishPdf(raw, { metadata, geometry: geometry(0, 0), date, headings });
      result.screen = await writeAtomically(screenPath, finished);
      if (printPath === false) result.fonts = await listFonts(finished);
      lap('postProcess');
    }

    timings.total = Date.now() - started;
    return result;
  } finally {
    await page.close().catch(() => {});
    await server.close();
    if (!options.session) await session.close();
  }
}
