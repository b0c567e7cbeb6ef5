/**
 * Builds the web edition: Eleventy renders the templates into `outDir` while Pagefind indexes
 * the pages for the offline search (search-index.ts). Used by `compendium build` and the tests.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { SearchIndexer, SearchIndexError } from './search-index.ts';
import { silenceBenchmarks } from './quiet.ts';
import { normalisePrefix, type CoverIndex, type PdfIndex } from './view-model.ts';
import { loadSite, type SiteSettings } from './load.ts';
import type { LoadResult } from '../data/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildSiteOptions {
  /** Data folder (default `data`). */
  dataDir?: string;
  /** Output folder (default `_site`); emptied of stale pages is not done: use a fresh folder. */
  outDir?: string;
  /** Sub-path the site is served under, e.g. `/innovation-sociale/` (default `/`). */
  pathPrefix?: string;
  /** Origin of the published site, for canonical URLs and the sitemap (default: data/site.yaml's « adresse », else none). */
  siteUrl?: string;
  /** PDFs of each edition, for the download links (hidden when absent). */
  pdfs?: PdfIndex;
  /** The covers of the PDFs, for the editions page and link previews (none when absent). */
  covers?: CoverIndex;
  /** Publish draft editions (`brouillon: true`) too — for the preview. */
  drafts?: boolean;
  /** Show Eleventy's per-file log lines (default false). */
  verbose?: boolean;
  /**
   * The preview's quick path after a project's file is saved: render only the pages of these
   * projects, over a site already built in `outDir` (no other page, no search index).
   */
  onlyProjects?: ReadonlySet<string>;
  /** The data as the caller (the preview) already loaded and validated it: not loaded again. */
  loaded?: LoadResult;
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
  /** What the editor should know about this build, in French (e.g. no site address). */
  notes: string[];
}

/** Said by every build without a site address, so nobody publishes it unaware. */
export const NO_SITE_URL_NOTE = 'Adresse du site inconnue : ni plan du site (sitemap.xml) ni adresse absolue dans les pages. Indiquez-la dans data/site.yaml (« adresse: https://… ») ou avec --url.';

export { SearchIndexError };

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildSiteResult> {
  const outDir = resolve(options.outDir ?? '_site');
  const settings: SiteSettings = {
    dataDir: resolve(options.dataDir ?? 'data'),
    siteUrl: options.siteUrl,
    pathPrefix: normalisePrefix(options.pathPrefix),
    pdfs: options.pdfs,
    covers: options.covers,
    drafts: options.drafts,
    outDir,
  };
  // Invalid data throws InvalidDataError here, with the validator's French report.
  const site = await loadSite(settings, options.loaded);
  const only = options.onlyProjects;
  settings.preloaded = only ? () => ({ ...site, projets: site.projets.filter((p) => only.has(p.id)) }) : () => site;
  // The search index takes the pages as they are rendered (see search-index.ts): the project
  // pages in the view model's order, the order Eleventy paginates them in.
  const search = only ? undefined : await SearchIndexer.start(site.projets.map((p) => p.url));
  try {
    // Eleventy resolves its input, includes and passthrough paths from the working folder.
    const cwd = process.cwd();
    process.chdir(root);
    let written: Array<{ outputPath: string | false }>;
    try {
      const elev = new Eleventy(only ? 'templates/projet.njk' : 'templates', outDir, {
        configPath: join(root, '.eleventy.js'),
        pathPrefix: settings.pathPrefix,
        quietMode: !options.verbose,
        config: (cfg: EleventyProgrammaticConfig) => {
          cfg.addGlobalData('compendiumBuild', settings);
          if (!options.verbose) silenceBenchmarks(cfg);
          // Added after .eleventy.js and Eleventy's own HTML transform (path prefix): it sees
          // each page as it is written, and returns it unchanged.
          cfg.addTransform('compendium/search-index', function (this: { page: { outputPath: string | false; url: string | false } }, content: string) {
            const { outputPath, url } = this.page;
            if (search && typeof outputPath === 'string') search.page(relativeTo(outDir, outputPath), url, content);
            return content;
          });
        },
      });
      // « [11ty] Wrote 118 files » is forced past quiet mode: the build reports its own counts.
      if (!options.verbose) (elev as unknown as { disableLogger(): void }).disableLogger();
      written = (await elev.write()) as Array<{ outputPath: string | false }>;
    } finally {
      process.chdir(cwd);
    }
    const files = written.flat().flatMap((r) => (typeof r?.outputPath === 'string' ? [r.outputPath] : []));
    const rel = files.map((f) => relativeTo(outDir, f)).sort();
    const indexedPages = search ? await search.write(outDir) : 0;
    const notes = site.siteUrl ? [] : [NO_SITE_URL_NOTE];
    return { pages: rel.filter((f) => f.endsWith('.html')).length, outDir, indexedPages, files: rel, notes };
  } finally {
    await search?.close();
  }
}

/** What the `config` option of Eleventy's constructor receives (the part used here). */
interface EleventyProgrammaticConfig {
  addGlobalData(name: string, value: unknown): void;
  addTransform(name: string, transform: (this: never, content: string) => string): void;
}

/** An output path of Eleventy (relative to the project's root, or absolute) relative to `outDir`. */
function relativeTo(outDir: string, outputPath: string): string {
  return resolve(root, outputPath).slice(outDir.length + 1);
}

/** Lists the HTML files of a built site, relative to it (for tests and reports). */
export async function htmlFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true });
  return entries.filter((f) => f.endsWith('.html')).sort();
}
