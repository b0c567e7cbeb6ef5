/** The build report printed at the end of `compendium build`: counts, pages, sizes, browser, times. */
import type { FoundBrowser } from '../browser/find-chrome.ts';
import type { Summary } from '../data/summary.ts';
import { NBSP } from '../print/french.ts';

export interface StageTiming {
  stage: string;
  ms: number;
}

export interface PdfReport {
  edition: number;
  kind: 'ecran' | 'impression' | 'pdfx';
  path: string;
  bytes: number;
  pages: number;
}

/** The browser that printed the PDFs: its own name for itself (`browser.version()`) and where it was found. */
export interface BrowserUsed {
  /** As puppeteer's `browser.version()` says it: `Chrome/156.0.8078.129`, `HeadlessChrome/143.0.7499.0`. */
  version: string;
  path: FoundBrowser['executablePath'];
  source: FoundBrowser['source'];
}

export interface BuildReport {
  outDir: string;
  summary: Summary;
  warnings: number;
  sitePages: number;
  searchPages: number;
  pdfs: PdfReport[];
  /** The browsers that printed the PDFs (one, unless one crashed and a fresh one took over). */
  browsers: BrowserUsed[];
  notes: string[];
  timings: StageTiming[];
}

const KIND: Record<PdfReport['kind'], string> = { ecran: 'écran', impression: 'impression', pdfx: 'PDF/X-3 (CMJN)' };

/** 1,2 Mo / 840 ko, as French readers write sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} o`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000).toLocaleString('fr-FR')} ko`;
  return `${(bytes / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export const formatSeconds = (ms: number): string => `${(ms / 1000).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;

/**
 * « HeadlessChrome 143.0.7499.0 (CHROME_PATH : /tmp/chromium) »: which build printed the book
 * matters to whoever compares two PDFs (tests/print/browsers.test.ts: the same book from
 * either browser, byte for byte only from the same one).
 */
export const formatBrowser = (b: BrowserUsed): string => `${b.version.replace('/', ' ')} (${b.source}${NBSP}: ${b.path})`;

export function formatReport(r: BuildReport): string {
  const lines = ['', `Construction terminée dans ${r.outDir}`];
  for (const ed of r.summary.editions) lines.push(`  Édition ${ed.annee} : ${ed.projets} projets`);
  lines.push(`  Site : ${r.sitePages} pages (${r.searchPages} indexées pour la recherche)`);
  for (const p of r.pdfs) lines.push(`  PDF ${p.edition} ${KIND[p.kind]} : ${p.pages} pages, ${formatBytes(p.bytes)} — ${p.path}`);
  for (const b of r.browsers) lines.push(`  Navigateur${NBSP}: ${formatBrowser(b)}`);
  lines.push(`  Avertissements à relire : ${r.warnings} (détail : npm run validate)`);
  for (const n of r.notes) lines.push(`  ${n}`);
  const total = r.timings.find((t) => t.stage === 'total');
  lines.push(`  Durées : ${r.timings.filter((t) => t.stage !== 'total').map((t) => `${t.stage} ${formatSeconds(t.ms)}`).join(' · ')}${total ? ` — total ${formatSeconds(total.ms)}` : ''}`);
  return lines.join('\n');
}
