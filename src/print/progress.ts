/**
 * Progress of a print render, for people waiting on it: a live line on a terminal, a single
 * quiet line in logs (not a TTY, or CI set) so CI output is not flooded with redraws.
 */
import { NBSP, number, pages } from './french.ts';

export type RenderStage = 'launch' | 'load' | 'paginate' | 'fit' | 'pdf-print' | 'pdf-screen' | 'post-process';

/** The print build's stages: the print HTML before the render, the PDF/X-3 variant after. */
export type BuildStage = 'html' | RenderStage | 'pdfx';

/** Where a print build is. */
export interface BuildProgress {
  stage: BuildStage;
  /** Pages laid out so far. */
  pages: number;
  /** Since the render (or the build) started, in ms. */
  elapsedMs: number;
}

/** Where a render is (the engine's stages only). */
export interface RenderProgress extends BuildProgress {
  stage: RenderStage;
}

/** What each stage is called in progress lines and error messages. */
export const LABELS: Record<BuildStage, string> = {
  html: 'Composition du document',
  pdfx: 'Variante PDF/X-3',
  launch: 'Démarrage du navigateur',
  load: 'Chargement du document',
  paginate: 'Mise en page',
  fit: 'Contrôle de la mise en page',
  'pdf-print': 'PDF impression',
  'pdf-screen': 'PDF écran',
  'post-process': 'Finition des PDF',
};

/** One line describing where the render is, e.g. « Mise en page : 42 pages (3,1 s) ». */
export function progressLine(p: BuildProgress): string {
  const count = p.pages > 0 ? ` ${pages(p.pages)}` : '';
  return `${LABELS[p.stage]}${NBSP}:${count} (${number(p.elapsedMs / 1000)}${NBSP}s)`;
}

export interface ProgressReporter {
  update(progress: BuildProgress): void;
  /** Ends the live line (or prints the single quiet line) with a summary. */
  done(summary: string): void;
}

/** Writes progress to `stream` (usually stderr): live on a TTY, one final line otherwise. */
export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): ProgressReporter {
  const live = stream.isTTY === true && !env.CI;
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      if (!live) return;
      const now = Date.now();
      // Redraw at most ten times a second: Paged.js lays out a page every few milliseconds.
      if (now - last < 100 && progress.stage === 'paginate') return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${progressLine(progress)}`);
    },
    done(summary) {
      stream.write(`${live && shown ? '\r\x1b[2K' : ''}${summary}\n`);
    },
  };
}

/** File size in French units: « 181 ko », « 2,1 Mo ». */
export function fileSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${number(bytes / 1_000_000)}${NBSP}Mo` : `${Math.max(1, Math.round(bytes / 1000))}${NBSP}ko`;
}

/** The line to print when a render ends, e.g. « PDF : 12 pages en 0,9 s — impression 2,1 Mo, écran 181 ko ». */
export function renderSummary(result: {
  pageCount: number;
  timings: { total: number };
  print?: { bytes: number };
  screen?: { bytes: number };
}): string {
  const files = [
    ...(result.print ? [`impression ${fileSize(result.print.bytes)}`] : []),
    ...(result.screen ? [`écran ${fileSize(result.screen.bytes)}`] : []),
  ];
  return `PDF${NBSP}: ${pages(result.pageCount)} en ${number(result.timings.total / 1000)}${NBSP}s${files.length ? ` — ${files.join(', ')}` : ''}`;
}
