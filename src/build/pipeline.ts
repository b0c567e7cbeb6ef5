/**
 * The whole build: validate the data, render each edition's PDFs, build the site with links
 * to them, and move the result into place only when every stage succeeded. One build at a
 * time per output folder; cancellable (Ctrl-C, SIGTERM) without touching the previous output.
 */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadCompendium, formatFinding } from '../data/index.ts';
import { displayPath } from '../data/load.ts';
import { summarize } from '../data/summary.ts';
import { InvalidDataError, CompendiumError } from '../errors.ts';
import type { PdfxOutcome } from '../print/build.ts';
import type { CoverIndex, PdfIndex } from '../site/view-model.ts';
import { publishable } from '../edition/publishable.ts';
import { publishedPart, leftOutNote } from '../edition/drafts.ts';
import { assertFontFiles } from '../site/fonts.ts';
import { acquireLock } from './lock.ts';
import { stage } from './atomic.ts';
import { DiskFullError, isDiskFull } from './disk-full.ts';
import { checkOutputPath } from './output-path.ts';
import { formatBrowser, type BrowserUsed, type BuildReport, type PdfReport, type StageTiming } from './report.ts';

export interface BuildOptions {
  dataDir?: string;
  outDir?: string;
  strict?: boolean;
  pathPrefix?: string;
  siteUrl?: string;
  /** Skip the PDFs (a quicker build of the site alone). */
  pdf?: boolean;
  /** Build draft editions (`brouillon: true`) too, for a review copy; never for publishing. */
  drafts?: boolean;
  /** Cancels the build: the previous output stays as it was. */
  signal?: AbortSignal;
  /** Progress lines, in French. */
  log?: (line: string) => void;
}

export class BuildCancelledError extends CompendiumError {
  constructor() {
    super('BUILD_CANCELLED', 'construction interrompue : le site publié précédemment est resté intact.');
  }
}

export class FitError extends CompendiumError {
  constructor(messages: string[]) {
    super('FIT', `la mise en page a des problèmes (--strict) :\n${messages.map((m) => `  ${m}`).join('\n')}`);
  }
}

/** File name of an edition's PDF, stable across builds (links from other sites keep working). */
export const pdfName = (year: number, kind: 'ecran' | 'impression' | 'pdfx'): string =>
  `innovation-sociale-moselle-${year}-${kind === 'pdfx' ? 'impression-pdfx3' : kind}.pdf`;

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const dataDir = resolve(options.dataDir ?? 'data');
  // Before anything is created, moved or deleted: `--sortie data` once replaced the data.
  const outDir = await checkOutputPath(options.outDir ?? '_site', { dataDir });
  const log = options.log ?? (() => undefined);
  const timings: StageTiming[] = [];
  const started = performance.now();
  let current = 'préparation';
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    if (options.signal?.aborted) throw new BuildCancelledError();
    current = name;
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings.push({ stage: name, ms: performance.now() - t0 });
    }
  };

  const lock = await acquireLock(`${outDir}.lock`);
  // PDF/X-3 conversions still running (Ghostscript), each for an edition.
  const converting: Array<Promise<{ year: number; pages: number; outcome: PdfxOutcome }>> = [];
  const staging = await stage(outDir).catch(async (err: unknown) => {
    await lock.release();
    throw err;
  });
  // An interrupt does not remove the staging folder at once: Eleventy, Chromium and
  // Ghostscript may still be writing into it (a removal racing them failed with ENOTEMPTY).
  // Each stage stops at the signal, and the folder goes once they all have.
  try {
    const data = await timed('validation', async () => {
      log('Vérification des données…');
      const r = await loadCompendium(dataDir, { strict: options.strict });
      // A draft's errors leave the draft out; they never stop the published editions.
      const part = publishedPart(r);
      if (!part.compendium) throw new InvalidDataError(part.blocking.map(formatFinding).join('\n\n'), part.blocking.length);
      // Both editions use these files: a missing one would fail late, or print in a fallback font.
      await assertFontFiles();
      return { ...r, compendium: part.compendium, leftOut: part.leftOut };
    });

    const pdfs: PdfReport[] = [];
    const index: PdfIndex = {};
    const covers: CoverIndex = {};
    const notes: string[] = leftOutNote(data.leftOut);
    const browsers: BrowserUsed[] = [];
    if (options.pdf !== false) {
      const { buildPrint } = await import('../print/build.ts');
      const pdfDir = join(staging.dir, 'pdf');
      await mkdir(pdfDir, { recursive: true });
      for (const ed of publishable(data.compendium!, { drafts: options.drafts }).editions) {
        // The PDF/X-3 variant is Ghostscript's work, in its own process: it runs on the other
        // core while the next edition is laid out and the site is built (the site links only
        // the screen and print PDFs). Awaited before anything is published.
        const result = await timed(`PDF ${ed.annee}`, () =>
          buildPrint({ dataDir, compendium: data.compendium!, edition: ed.annee, outDir: pdfDir, strict: options.strict, signal: options.signal, onProgress: log, pdfx: 'deferred' }),
        );
        if (result.pdfxPending) {
          const pending = result.pdfxPending.then((outcome) => ({ year: ed.annee, pages: result.pageCount, outcome }));
          // A failed preflight rejects it while the site is built: awaited (and thrown) below, not « unhandled ».
          pending.catch(() => {});
          converting.push(pending);
        }
        if (options.strict && result.findings.length) throw new FitError(result.findings.map((f) => f.message));
        for (const f of result.findings) notes.push(`Mise en page ${ed.annee} : ${f.message}`);
        const { browser } = result;
        if (browser && !browsers.some((b) => formatBrowser(b) === formatBrowser(browser))) browsers.push(browser);
        for (const [kind, file] of [['ecran', result.screen], ['impression', result.print]] as const) {
          pdfs.push({ edition: ed.annee, kind, path: relative(staging.dir, file.path), bytes: file.bytes, pages: result.pageCount });
          (index[ed.annee] ??= []).push({ kind, href: `/${relative(staging.dir, file.path)}`, bytes: file.bytes, pages: result.pageCount });
        }
        covers[ed.annee] = { href: `/${relative(staging.dir, result.cover.path)}`, width: result.cover.width, height: result.cover.height };
      }
    }

    const site = await timed('site', async () => {
      log('Construction du site…');
      const { buildSite } = await import('../site/build.ts');
      return buildSite({ dataDir, outDir: staging.dir, pathPrefix: options.pathPrefix, siteUrl: options.siteUrl, pdfs: index, covers, drafts: options.drafts });
    });

    notes.push(...site.notes);
    for (const { year, pages, outcome } of converting.length ? await timed('PDF/X-3', () => Promise.all(converting)) : []) {
      if (outcome.pdfxSkipped) notes.push(outcome.pdfxSkipped);
      if (outcome.pdfx) pdfs.push({ edition: year, kind: 'pdfx', path: relative(staging.dir, outcome.pdfx.path), bytes: outcome.pdfx.bytes, pages });
    }
    pdfs.sort((a, b) => a.edition - b.edition);
    if (options.signal?.aborted) throw new BuildCancelledError();
    await timed('publication', () => staging.commit());
    timings.push({ stage: 'total', ms: performance.now() - started });
    const drafts = options.drafts ? [] : data.compendium.editions.filter((e) => e.brouillon).map((e) => e.annee);
    if (drafts.length) notes.push(`Édition${drafts.length > 1 ? 's' : ''} en brouillon, non publiée${drafts.length > 1 ? 's' : ''} : ${drafts.join(', ')} (supprimez « brouillon: true » dans edition.yaml pour publier).`);
    return {
      outDir: displayPath(outDir),
      // What was built: not the drafts left out, nor (without --brouillons) those not published.
      summary: summarize(publishable(data.compendium, { drafts: options.drafts })),
      warnings: data.warnings.length,
      sitePages: site.pages,
      searchPages: site.indexedPages,
      pdfs: pdfs.map((p) => ({ ...p, path: join(displayPath(outDir), p.path) })),
      browsers,
      notes,
      timings,
    };
  } catch (err) {
    // Ghostscript writes into the staging folder: let it finish (or die of the abort) first.
    await Promise.allSettled(converting);
    await staging.abort();
    if (options.signal?.aborted) throw err instanceof BuildCancelledError ? err : new BuildCancelledError();
    if (isDiskFull(err)) throw new DiskFullError(current, 'le site publié précédemment est resté intact.', { cause: err });
    throw err;
  } finally {
    await lock.release();
  }
}
