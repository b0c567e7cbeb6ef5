/**
 * Which pages depend on what changed: the preview's own dependency map. A project's file, or
 * its organisation's, is on that project's page at once (the quick path); anything else may be
 * on any page, and only a full build tells which pages it changed (by comparing the HTML).
 *
 * Why not Eleventy's incremental mode: it follows templates, includes and data files, not which
 * record of the data a page shows — a change in the data renders again every template that
 * reads it, and the 1 000 project pages are one template paginated over every project.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { LoadResult } from '../data/index.ts';

/** Pages to reload: every page, or these paths (`/projets/x/`). */
export type Changed = '*' | string[];

/** The print preview's pages, as announced in a change. */
export const PRINT_PAGES = '/__apercu/impression/';

/** The site the preview serves, as its last full build made it. */
export interface LiveSite {
  dir: string;
  /** Project ids of the last full build, in order: the quick path cannot add or remove one. */
  projects: string;
  /** Its HTML files, relative to `dir`, to tell which pages a later full build changed. */
  pages: string[];
}

export interface Changes {
  /** The absolute data folder. */
  dataDir: string;
  site: LiveSite | undefined;
  /** Files changed since the last full build. */
  sinceFull: ReadonlySet<string>;
  /** Files changed since the site was last rendered (by either path). */
  unrendered: ReadonlySet<string>;
}

/**
 * The projects whose pages are all that changed, when every change since the last full build
 * is in projets/ or organisations/ and the projects are the same ones, in the same order;
 * otherwise undefined (a full build is needed). `loaded` must be valid.
 */
export function quickProjects(loaded: LoadResult, changes: Changes): Set<string> | undefined {
  const { dataDir, site } = changes;
  const c = loaded.compendium!;
  if (!site || site.projects !== c.projets.map((p) => p.id).join('\n')) return undefined;
  // A file of projets/ or organisations/ that is not a .yaml file is not read by the loader
  // (a tool's temporary file, saved then renamed over the real one: sed, gedit): no page
  // depends on it. Any other file may be on any page.
  const inQuickFolder = (path: string): boolean => dirname(dirname(path)) === dataDir && ['projets', 'organisations'].includes(basename(dirname(path)));
  if (![...changes.sinceFull].every(inQuickFolder)) return undefined;
  const files = new Set([...changes.unrendered].map((p) => resolve(p)));
  const fileOf = (collection: string, i: number): string => resolve(loaded.loaded.sources.records.get(collection)?.[i]?.doc.file ?? '');
  const orgs = new Set(c.organisations.filter((_, i) => files.has(fileOf('organisations', i))).map((o) => o.id));
  return new Set(c.projets.filter((p, i) => files.has(fileOf('projets', i)) || orgs.has(p.organisation)).map((p) => p.id));
}

/** `projets/x/index.html` → `/projets/x/`. */
const pageUrl = (file: string): string => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** The pages whose HTML differs between two builds (and the print preview), or every page. */
export async function changedPages(old: LiveSite | undefined, now: LiveSite): Promise<Changed> {
  if (!old) return '*';
  const all = new Set([...old.pages, ...now.pages]);
  const changed: string[] = [PRINT_PAGES];
  for (const file of all) {
    const [a, b] = await Promise.all([readFile(join(old.dir, file)).catch(() => undefined), readFile(join(now.dir, file)).catch(() => undefined)]);
    if (!a || !b || !a.equals(b)) changed.push(pageUrl(file));
  }
  return changed;
}
