/**
 * The print build: print HTML (Eleventy, src/print/html.ts) → one pagination, two PDFs
 * (src/print/render.ts) → the PDF/X-3 variant when Ghostscript is installed (src/print/pdfx.ts).
 * Reports pages, sizes, time per stage and what a proof-reader would circle: content that does
 * not fit (by project name and page) and photos below 300 ppi. `strict` turns those into an
 * error, after the files are written so they can be looked at.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserCrashError } from '../browser/errors.ts';
import { LAUNCH_TIMEOUT_MS, launchBrowser, type BrowserSession } from '../browser/launch.ts';
import type { BrowserUsed } from '../build/report.ts';
import type { Compendium } from '../model.ts';
import { PrintCancelledError, PrintFitError } from './errors.ts';
import { NBSP } from './french.ts';
import type { FitFinding, PageFacts } from './fit.ts';
import { renderPrintHtml, type PrintHtml } from './html.ts';
import { imageFindings } from './image-check.ts';
import { buildPdfx, type PdfxFile } from './pdfx.ts';
import { progressLine, type BuildProgress } from './progress.ts';
import { fontProblems, renderPrint, type CoverFile, type PdfFile, type RenderResult, type RenderTimeouts, type RenderTimings } from './render.ts';

export interface BuildPrintOptions {
  /** The data folder (images, ICC profile; loaded unless `compendium` is given). */
  dataDir: string;
  compendium?: Compendium;
  /** Year of the edition (default: the latest). */
  edition?: number;
  /** Where the PDFs are written. */
  outDir: string;
  /** A territory's booklet (territory id), or a theme's (theme id). */
  territory?: string;
  theme?: string;
  /** Crop marks and slug (default: the edition's `format.traits_de_coupe`). */
  cropMarks?: boolean;
  /** Fit and image findings become an error (PrintFitError), thrown after the files are written. */
  strict?: boolean;
  /**
   * Make the PDF/X-3 variant when Ghostscript is installed (default true). `'deferred'`: start
   * Ghostscript and return at once, with `pdfxPending`, so the caller can build something else
   * on the other core meanwhile (the whole build makes the site while Ghostscript converts).
   */
  pdfx?: boolean | 'deferred';
  /** Keep the print HTML folder here (default: a temporary folder, removed afterwards). */
  htmlDir?: string;
  /** One French line each time a stage starts (« Mise en page : 12 pages (3,1 s) »). */
  onProgress?: (line: string) => void;
  /** Every step, pages included, for a live display (createProgressReporter in progress.ts). */
  onStage?: (progress: BuildProgress) => void;
  /** Cancels the build (PrintCancelledError); the browser is closed at once. */
  signal?: AbortSignal;
  /** A browser to reuse across several builds (booklets); left open. */
  session?: BrowserSession;
  /** For SOURCE_DATE_EPOCH (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Limits of loading, pagination and each PDF part, in ms (defaults: RENDER_TIMEOUTS). */
  timeouts?: Partial<RenderTimeouts>;
}

/** What became of the PDF/X-3 variant: the file, or why there is none (French). */
export interface PdfxOutcome {
  pdfx?: PdfxFile;
  pdfxSkipped?: string;
}

export type BuildTimings = RenderTimings & { html: number; pdfx: number };

export interface BuildPrintResult {
  /** What was printed: `innovation-sociale-moselle-2025`, `…-2025-thionville`. */
  fileBase: string;
  title: string;
  pageCount: number;
  trim: { widthMm: number; heightMm: number };
  print: PdfFile;
  screen: PdfFile;
  /** The cover as a JPEG (600 px wide), for the site and link previews. */
  cover: CoverFile;
  /** The PDF/X-3 variant (CMYK), when Ghostscript made it. */
  pdfx?: PdfxFile;
  /** Why there is no PDF/X-3 variant (French, for the build report), when there is none. */
  pdfxSkipped?: string;
  /** With `pdfx: 'deferred'`: the variant in the making. Rejects if its file cannot be written or fails the preflight. */
  pdfxPending?: Promise<PdfxOutcome>;
  timings: BuildTimings;
  /** Content that does not fit and photos under 300 ppi, by name and page (French messages). */
  findings: FitFinding[];
  /** Type 3 or non-embedded fonts (should never happen with our fonts). */
  fontProblems: string[];
  pageFacts: PageFacts[];
  html: PrintHtml;
  /** The browser that printed the PDFs, for the build report (always known when buildPrint launched it). */
  browser?: BrowserUsed;
}


/** Builds the print and screen PDFs (and the PDF/X-3 variant) of an edition or a booklet. */
export async function buildPrint(options: BuildPrintOptions): Promise<BuildPrintResult> {
  const started = Date.now();
  const outDir = resolve(options.outDir);
  const htmlDir = options.htmlDir ? resolve(options.htmlDir) : await mkdtemp(join(tmpdir(), 'compendium-print-'));
  let lastStage: BuildProgress['stage'] | undefined;
  const report = (stage: BuildProgress['stage'], pages = 0) => {
    const progress = { stage, pages, elapsedMs: Date.now() - started };
    options.onStage?.(progress);
    if (stage !== lastStage) options.onProgress?.(progressLine(progress));
    lastStage = stage;
  };
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new PrintCancelledError();
  };
  // Browsers we launched (closed at the end), and the one in use.
  const own: BrowserSession[] = [];
  let session = options.session;
  const onAbort = () => {
    // Our own browsers only: closing them makes the pagination in progress fail at once.
    for (const browser of own) void browser.close();
  };
  const launch = (): Promise<BrowserSession> => {
    const launching = launchBrowser({ timeoutMs: LAUNCH_TIMEOUT_MS, protocolTimeoutMs: 180_000 });
    void launching.then((browser) => {
      own.push(browser);
      if (options.signal?.aborted) void browser.close();
    }, () => {});
    return launching;
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Chromium starts while Eleventy writes the print HTML: two processes on two cores. A start
  // that fails is reported after the HTML (a missing browser is the same error either way).
  const launching = session ? undefined : launch();
  launching?.catch(() => {});
  try {
    checkCancelled();
    report('html');
    const htmlStarted = Date.now();
    const html = await renderPrintHtml({
      dataDir: options.dataDir,
      outDir: htmlDir,
      ...(options.compendium ? { compendium: options.compendium } : {}),
      ...(options.edition !== undefined ? { edition: options.edition } : {}),
      ...(options.territory ? { territory: options.territory } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
    });
    const htmlMs = Date.now() - htmlStarted;
    const doc = html.document;

    checkCancelled();
    report('launch');
    const launchStarted = Date.now();
    session ??= await launching;
    const launchMs = Date.now() - launchStarted;
    checkCancelled();

    const printPath = join(outDir, `${doc.fileBase}-impression.pdf`);
    const screenPath = join(outDir, `${doc.fileBase}-ecran.pdf`);
    const render = (browser: BrowserSession | undefined): Promise<RenderResult> =>
      renderPrint({
        input: html.htmlPath,
        printPdf: printPath,
        screenPdf: screenPath,
        coverImage: join(outDir, `${doc.fileBase}-couverture.jpg`),
        metadata: doc.metadata,
        bleedMm: doc.format.bleedMm,
        cropMarks: options.cropMarks ?? doc.format.cropMarks,
        // Saddle stitching takes sheets of four pages.
        padToMultipleOf: 4,
        ...(browser ? { session: browser } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        onProgress: (p) => report(p.stage, p.pages),
      });
    let rendered: RenderResult;
    try {
      rendered = await render(session);
    } catch (error) {
      if (options.signal?.aborted) throw new PrintCancelledError({ cause: error });
      if (!(error instanceof BrowserCrashError)) throw error;
      // A browser that dies under us (killed, out of memory) gets one more chance, in a fresh
      // browser of our own: the crashed one is closed first, so none of its processes stays.
      options.onProgress?.(`Le navigateur s’est arrêté${NBSP}: nouvel essai avec un autre navigateur.`);
      if (!options.session) await session?.close();
      checkCancelled();
      session = await launch();
      rendered = await render(session).catch((retryError: unknown) => {
        if (options.signal?.aborted) throw new PrintCancelledError({ cause: retryError });
        throw retryError;
      });
    }
    if (!rendered.print || !rendered.screen || !rendered.cover) throw new Error('renderPrint did not write both PDFs and the cover');
    const browser: BrowserUsed | undefined = session && { version: await session.browser.version(), path: session.found.executablePath, source: session.found.source };

    checkCancelled();
    const findings = [...rendered.findings, ...imageFindings(rendered.pages)].sort((a, b) => a.page - b.page);
    const failing = options.strict === true && findings.length > 0;
    const pdfxStarted = Date.now();
    const converting: Promise<PdfxOutcome> | undefined =
      options.pdfx === false
        ? undefined
        : buildPdfx({
            input: rendered.print.path,
            output: join(outDir, `${doc.fileBase}-impression-pdfx3.pdf`),
            title: doc.metadata.title,
            ...(doc.format.iccProfile ? { iccProfile: join(resolve(options.dataDir), doc.format.iccProfile) } : {}),
            ...(options.env ? { env: options.env } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          }).then((made) => (made.made ? { pdfx: made.file } : { pdfxSkipped: made.reason }));
    if (converting) report('pdfx', rendered.pageCount);
    // Not deferred when this build is about to throw PrintFitError: nobody would wait for
    // Ghostscript, still writing into a folder the caller is removing.
    const deferred = options.pdfx === 'deferred' && !failing ? converting : undefined;
    const { pdfx, pdfxSkipped }: PdfxOutcome = (deferred ? undefined : await converting) ?? {};
    const pdfxMs = deferred ? 0 : Date.now() - pdfxStarted;

    const result: BuildPrintResult = {
      fileBase: doc.fileBase,
      title: doc.metadata.title,
      pageCount: rendered.pageCount,
      trim: rendered.trim,
      print: rendered.print,
      screen: rendered.screen,
      cover: rendered.cover,
      ...(pdfx ? { pdfx } : {}),
      ...(pdfxSkipped ? { pdfxSkipped } : {}),
      ...(deferred ? { pdfxPending: deferred } : {}),
      timings: { ...rendered.timings, launch: launchMs, html: htmlMs, pdfx: pdfxMs, total: Date.now() - started },
      findings,
      fontProblems: fontProblems(rendered.fonts),
      pageFacts: rendered.pages,
      html,
      ...(browser ? { browser } : {}),
    };
    if (failing) throw new PrintFitError(findings, result);
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await launching?.catch(() => undefined);
    await Promise.all(own.map((browser) => browser.close()));
    if (!options.htmlDir) await rm(htmlDir, { recursive: true, force: true });
  }
}
