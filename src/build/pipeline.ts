/**
 * The whole build: validate the data, render each edition's PDFs, build the site with links
 * to them, and move the result into place only when every stage succeeded. One build at a
 * time per output folder; cancellable (Ctrl-C, SIGTERM) without touching the previous output.
 */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadCompendium, formatFinding } from '../data/index.ts';
import { displayPath } from '../data/load.ts';
import { InvalidDataError, CompendiumError } from '../errors.ts';
import type { PdfxOutcome } from '../print/build.ts';
import type { CoverIndex, PdfIndex } from '../site/view-model.ts';
import { publishable } from '../edition/publishable.ts';
import { assertFontFiles } from '../site/fonts.ts';
import { acquireLock } from './lock.ts';
import { stage } from './atomic.ts';
import type { BuildReport, PdfReport, StageTiming } from './report.ts';

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
  const outDir = resolve(options.outDir ?? '_site');
  const log = options.log ?? (() => undefined);
  const timings: StageTiming[] = [];
  const started = performance.now();
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    if (options.signal?.aborted) throw new BuildCancelledError();
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
  const staging = await stage(outDir);
  const onAbort = (): void => void staging.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const data = await timed('validation', async () => {
      log('Vérification des données…');
      const r = await loadCompendium(dataDir, { strict: options.strict });
      if (r.errors.length) throw new InvalidDataError(r.errors.map(formatFinding).join('\n\n'), r.errors.length);
      // Both editions use these files: a missing one would fail late, or print in a fallback font.
      await assertFontFiles();
      return r;
    });

    const pdfs: PdfReport[] = [];
    const index: PdfIndex = {};
    const covers: CoverIndex = {};
    const notes: string[] = [];
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
        if (result.pdfxPending) converting.push(result.pdfxPending.then((outcome) => ({ year: ed.annee, pages: result.pageCount, outcome })));
        if (options.strict && result.findings.length) throw new FitError(result.findings.map((f) => f.message));
        for (const f of result.findings) notes.push(`Mise en page ${ed.annee} : ${f.message}`);
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
    const drafts = options.drafts ? [] : data.compendium!.editions.filter((e) => e.brouillon).map((e) => e.annee);
    if (drafts.length) notes.push(`Édition${drafts.length > 1 ? 's' : ''} en brouillon, non publiée${drafts.length > 1 ? 's' : ''} : ${drafts.join(', ')} (supprimez « brouillon: true » dans edition.yaml pour publier).`);
    return {
      outDir: displayPath(outDir),
      summary: data.summary,
      warnings: data.warnings.length,
      sitePages: site.pages,
      searchPages: site.indexedPages,
      pdfs: pdfs.map((p) => ({ ...p, path: join(displayPath(outDir), p.path) })),
      notes,
      timings,
    };
  } catch (err) {
    // Ghostscript writes into the staging folder: let it finish (or die of the abort) first.
    await Promise.allSettled(converting);
    await staging.abort();
    if (options.signal?.aborted && !(err instanceof BuildCancelledError)) throw new BuildCancelledError();
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await lock.release();
  }
}
