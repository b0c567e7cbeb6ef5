/**
 * Builds the web edition: Eleventy renders the templates into `outDir`, then Pagefind
 * indexes the pages for the offline search. Used by `compendium build` and the tests.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import * as pagefind from 'pagefind';
import { CompendiumError } from '../errors.ts';
import { normalisePrefix, type PdfIndex } from './view-model.ts';
import { loadSite, type SiteSettings } from './load.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildSiteOptions {
  /** Data folder (default `data`). */
  dataDir?: string;
  /** Output folder (default `_site`); emptied of stale pages is not done: use a fresh folder. */
  outDir?: string;
  /** Sub-path the site is served under, e.g. `/innovation-sociale/` (default `/`). */
  pathPrefix?: string;
  /** Origin of the published site, for canonical URLs and the sitemap (default https://www.moselle.fr). */
  siteUrl?: string;
  /** PDFs of each edition, for the download links (hidden when absent). */
  pdfs?: PdfIndex;
  /** Publish draft editions (`brouillon: true`) too — for the preview. */
  drafts?: boolean;
  /** Show Eleventy's per-file log lines (default false). */
  verbose?: boolean;
}

export interface BuildSiteResult {
  /** HTML pages written. */
  pages: number;
  /** Absolute output folder. */
  outDir: string;
  /** Pages Pagefind indexed (pages marked data-pagefind-body: not the mirror, search or filter pages). */
  indexedPages: number;
  /** Every file Eleventy wrote (HTML, XML, JSON, CSV), as paths relative to outDir. */
  files: string[];
}

export class SearchIndexError extends CompendiumError {
  constructor(messages: string[], cause?: unknown) {
    super('SEARCH_INDEX', `l’index de recherche n’a pas pu être construit : ${messages.join(' ; ')}`, { cause });
  }
}

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildSiteResult> {
  const outDir = resolve(options.outDir ?? '_site');
  const settings: SiteSettings = {
    dataDir: resolve(options.dataDir ?? 'data'),
    siteUrl: options.siteUrl,
    pathPrefix: normalisePrefix(options.pathPrefix),
    pdfs: options.pdfs,
    drafts: options.drafts,
    outDir,
  };
  // Invalid data throws InvalidDataError here, with the validator's French report.
  const site = await loadSite(settings);
  settings.preloaded = () => site;
  // Eleventy resolves its input, includes and passthrough paths from the working folder.
  const cwd = process.cwd();
  process.chdir(root);
  let written: Array<{ outputPath: string | false }>;
  try {
    const elev = new Eleventy('templates', outDir, {
      configPath: join(root, '.eleventy.js'),
      pathPrefix: settings.pathPrefix,
      quietMode: !options.verbose,
      config: (cfg: { addGlobalData(name: string, value: unknown): void }) => cfg.addGlobalData('compendiumBuild', settings),
    });
    written = (await elev.write()) as Array<{ outputPath: string | false }>;
  } finally {
    process.chdir(cwd);
  }
  const files = written.flat().flatMap((r) => (typeof r?.outputPath === 'string' ? [r.outputPath] : []));
  const rel = files.map((f) => resolve(root, f).slice(outDir.length + 1)).sort();
  const indexedPages = await indexSearch(outDir);
  return { pages: rel.filter((f) => f.endsWith('.html')).length, outDir, indexedPages, files: rel };
}

/** Builds the Pagefind index and its UI into `<outDir>/pagefind/`. https://pagefind.app/docs/node-api/ */
async function indexSearch(outDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new SearchIndexError(errors);
  try {
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new SearchIndexError(added.errors);
    const out = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (out.errors.length) throw new SearchIndexError(out.errors);
    // page_count counts every HTML file read, even those without data-pagefind-body, which
    // Pagefind then leaves out: the pages really indexed are the fragments it wrote, one each.
    return (await readdir(join(outDir, 'pagefind', 'fragment'))).length;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}

/** Lists the HTML files of a built site, relative to it (for tests and reports). */
export async function htmlFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true });
  return entries.filter((f) => f.endsWith('.html')).sort();
}
