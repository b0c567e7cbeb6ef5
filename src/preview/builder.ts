/**
 * What the preview shows, kept up to date with the files: the built site, or the errors that
 * stop it, and the warnings beside it.
 *
 * Why a quick path: a full rebuild waits for every page (about 1 s at 56 projects, 5 s at
 * 1 000). Saving a project's file (or its organisation's) changes that project's page at once;
 * so when every change since the last full build is such a file and no project was added or
 * removed, only those projects' pages are rendered over the live site and announced. A full
 * build follows once the editor pauses (FOLLOW_UP_MS), in a child process (full-build.ts) that
 * the next save stops, into a fresh folder swapped in when it succeeds; it announces the pages
 * whose HTML it changed (lists, territory pages, search).
 * Which pages depend on a change is dependents.ts's. Each load reads and parses again only the
 * files that changed (the parse cache and its stamps) and still validates the whole data, so
 * the findings are validate's; the first build is followed by a warm-up, so that the first
 * save is as quick as the next ones. What the preview shows once
 * it has caught up is byte for byte a full build's (tests/reliability/preview-consistency).
 * The print preview is rendered when it is asked for, since few look at it after each save.
 *
 * Nothing here may end the preview: a failure of any step becomes an error shown in the page.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadCompendium, type Finding, type LoadResult, type ParseCache } from '../data/index.ts';
import { displayPath } from '../data/load.ts';
import type { Compendium } from '../model.ts';
import { startFullBuild, type FullBuildRun } from './full-build.ts';
import { changedPages, PRINT_PAGES, quickProjects, type Changed, type LiveSite } from './dependents.ts';
import { panelWarnings, type PanelWarnings } from './warnings-panel.ts';
import { errorCount } from '../plural.ts';

/** Quiet time after a change before rebuilding: a save is several events in a row. */
const SETTLE_MS = 40;
/** Quiet time after a quick rebuild before the full build that brings the rest of the site up to date. */
const FOLLOW_UP_MS = 1500;

export { PRINT_PAGES, type Changed } from './dependents.ts';

export interface BuilderOptions {
  dataDir: string;
  /** A private folder for the builds. */
  work: string;
  log: (line: string) => void;
  /** Called after each rebuild with the pages that changed. */
  notify: (pages: Changed) => void;
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** What the system's error codes mean, for an error that reaches the preview unexplained. */
const SYSTEM: Record<string, string> = {
  ENOENT: 'fichier ou dossier introuvable (un lien symbolique cassé ?)',
  ELOOP: 'lien symbolique qui tourne en rond',
  EACCES: 'lecture refusée (droits du fichier)',
  EPERM: 'opération refusée (droits du fichier)',
  ENOTDIR: 'un fichier se trouve là où un dossier est attendu',
  EISDIR: 'un dossier se trouve là où un fichier est attendu',
};

/** An unexpected failure, as a finding the error page shows (in French, without a stack). */
function failure(file: string, err: unknown): Finding {
  const e = err as NodeJS.ErrnoException;
  const system = typeof e?.code === 'string' ? SYSTEM[e.code] : undefined;
  return {
    severity: 'erreur',
    code: 'PREVIEW_FAILED',
    file: system && e.path ? displayPath(e.path) : file,
    message: system ?? (err instanceof Error ? err.message : String(err)),
    hint: 'Corrigez la cause et enregistrez à nouveau : l’aperçu reprendra tout seul.',
  };
}

/** A data file's text, to tell whether a save changed it (undefined: not a file, or too big to keep). */
async function textOf(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > 1024 * 1024) return undefined;
  return readFile(path, 'latin1').catch(() => undefined);
}

export class PreviewBuilder {
  readonly #o: BuilderOptions;
  readonly #dataDir: string;
  #site: LiveSite | undefined;
  #errors: readonly Finding[] = [];
  #warnings: readonly Finding[] = [];
  /** The same warnings as the panel shows them: new ones listed, inherited ones apart (as validate). */
  #panel: PanelWarnings = { fresh: [], inherited: [] };
  #compendium: Compendium | undefined;
  /** Parsed data files, kept across loads: after a save, only the changed file is parsed again. */
  readonly #parsed: ParseCache = new Map();
  #print: { dir: string; for: Compendium } | undefined;
  #generation = 0;
  /** Changed since the last rebuild started / the last render of the site / the last full build. */
  readonly #pending = new Set<string>();
  readonly #unrendered = new Set<string>();
  readonly #sinceFull = new Set<string>();
  /** The text of each changed file when last rebuilt from, to skip saves that changed nothing. */
  readonly #texts = new Map<string, string | undefined>();
  #queue: Promise<void> = Promise.resolve();
  #settle: NodeJS.Timeout | undefined;
  #followUp: NodeJS.Timeout | undefined;
  #background: FullBuildRun | undefined;
  /** Background builds stopped but not yet ended, and when each will have ended and been cleaned up. */
  readonly #stopping = new Set<Promise<void>>();
  readonly #ended = new WeakMap<FullBuildRun, Promise<void>>();
  /** Counts the changes seen, so that a background build started before one is not swapped in. */
  #changes = 0;
  #closed = false;

  constructor(options: BuilderOptions) {
    this.#o = options;
    this.#dataDir = resolve(options.dataDir);
  }

  get siteDir(): string | undefined {
    return this.#site?.dir;
  }
  get errors(): readonly Finding[] {
    return this.#errors;
  }
  get warnings(): readonly Finding[] {
    return this.#warnings;
  }
  get panelWarnings(): PanelWarnings {
    return this.#panel;
  }

  /** The first build (pages opened meanwhile reload when it is done). */
  start(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#full();
      const changes = this.#changes;
      // Once the editor has the site, while they read it: the first save is then as quick as the
      // next ones (at 1 000 projects, 2 s instead of 0.5 s on a busy machine).
      this.#followUp = setTimeout(() => {
        this.#followUp = undefined;
        if (changes === this.#changes) void this.#enqueue(() => this.#warmUp());
      }, FOLLOW_UP_MS);
    });
  }

  /** A file changed (or appeared, or went away). */
  changed(path: string): void {
    if (this.#closed) return;
    this.#pending.add(path);
    this.#changes++;
    this.#stopBackground();
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.#enqueue(() => this.#rebuild()), SETTLE_MS);
  }

  /** Resolves when no change waits and no build runs. */
  async settled(): Promise<void> {
    for (;;) {
      const queue = this.#queue;
      await queue;
      if (this.#settle === undefined && queue === this.#queue) return;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }

  /**
   * Resolves when every page is what a full build of the data would make: no change waiting,
   * and after a quick rebuild, the rest of the site has followed (or the errors are shown).
   */
  async upToDate(): Promise<void> {
    for (;;) {
      await this.settled();
      const run = this.#background;
      if (run) await this.#ended.get(run);
      else if (this.#followUp) await new Promise((r) => setTimeout(r, SETTLE_MS));
      else if (this.#settle === undefined) return;
    }
  }

  /** The print preview's folder for the current data, rendered if it is not yet. */
  async printDir(): Promise<string | undefined> {
    await this.#enqueue(async () => {
      const compendium = this.#compendium;
      if (!compendium || this.#print?.for === compendium) return;
      const dir = join(this.#o.work, `impression-${++this.#generation}`);
      const { renderPrintHtml } = await import('../print/html.ts');
      // The same print HTML and styles as the PDF, paginated by Paged.js in the reader's
      // browser (no bleed: the engine adds it only when it prints).
      await renderPrintHtml({ dataDir: this.#dataDir, compendium, outDir: dir });
      const old = this.#print?.dir;
      this.#print = { dir, for: compendium };
      if (old) await rm(old, { recursive: true, force: true });
    });
    return this.#print?.dir;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#settle);
    this.#stopBackground();
    await this.#queue;
    await Promise.all(this.#stopping);
  }

  #stopBackground(): void {
    clearTimeout(this.#followUp);
    this.#followUp = undefined;
    const run = this.#background;
    this.#background = undefined;
    if (!run) return;
    run.cancel();
    // Its folder is removed once it has ended (see #startBackground); close() waits for that.
    const ended = this.#ended.get(run) ?? Promise.resolve();
    this.#stopping.add(ended);
    void ended.then(() => this.#stopping.delete(ended));
  }

  /** The full build after a quick one, in its own process; swapped in if nothing changed meanwhile. */
  #startBackground(): void {
    if (this.#closed || this.#pending.size || this.#settle) return;
    const started = performance.now();
    const dir = join(this.#o.work, `site-${++this.#generation}`);
    const run = startFullBuild(this.#dataDir, dir);
    const changes = this.#changes;
    this.#background = run;
    const current = (): boolean => this.#background === run && this.#changes === changes && !this.#closed;
    const ended = run.done.then(
      (result) =>
        this.#enqueue(async () => {
          if (!current()) return void (await rm(dir, { recursive: true, force: true }));
          this.#background = undefined;
          const old = this.#site;
          this.#site = { dir, projects: result.projects, pages: result.pages };
          this.#sinceFull.clear();
          this.#o.notify(await changedPages(old, this.#site));
          if (old) await rm(old.dir, { recursive: true, force: true });
          this.#o.log(`Aperçu : le reste du site est à jour (${seconds(started)} s).`);
        }),
      async (err: unknown) => {
        await rm(dir, { recursive: true, force: true });
        if (!current()) return;
        // Something only a full build meets (an image of another page…): build here, where
        // its error is shown like any other.
        this.#background = undefined;
        this.#o.log(`Aperçu : la reconstruction complète a échoué (${err instanceof Error ? err.message : String(err)}) ; nouvel essai.`);
        void this.#enqueue(() => this.#full());
      },
    );
    this.#ended.set(
      run,
      ended.catch(() => undefined),
    );
  }

  /** Runs a job after the others; a failure becomes the error shown, never a rejection. */
  #enqueue(job: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      if (this.#closed) return;
      try {
        await job();
      } catch (err) {
        this.#errors = [failure('aperçu', err)];
        this.#o.log(`Aperçu : erreur inattendue (${this.#errors[0]!.message}).`);
        this.#o.notify('*');
      }
    });
    return this.#queue;
  }

  /**
   * A quick rebuild's work done ahead, changing nothing: every data file stamped, so that the
   * next load reads none of them again (the first load may find them just written, too fresh
   * to stamp), and the code of loading and of rendering a project's page compiled — by
   * rendering the first project's page again, as the build just made it.
   */
  async #warmUp(): Promise<void> {
    const loaded = await loadCompendium(this.#dataDir, { parsed: this.#parsed });
    const first = loaded.compendium?.projets[0];
    if (!first || this.#errors.length || !this.#site || this.#pending.size || this.#settle) return;
    const { buildSite } = await import('../site/build.ts');
    await buildSite({ dataDir: this.#dataDir, outDir: this.#site.dir, drafts: true, loaded, onlyProjects: new Set([first.id]) });
  }

  /** Loads and validates the data; on errors, shows them and returns undefined. */
  async #load(): Promise<LoadResult | undefined> {
    const loaded = await loadCompendium(this.#dataDir, { parsed: this.#parsed });
    this.#warnings = loaded.warnings;
    this.#panel = await panelWarnings(loaded, this.#dataDir);
    if (loaded.errors.length === 0) return loaded;
    this.#errors = loaded.errors;
    this.#o.log(`Aperçu : ${errorCount(loaded.errors.length)} dans les données — la page d’erreur est affichée.`);
    return undefined;
  }

  async #rebuild(): Promise<void> {
    this.#settle = undefined;
    // One save is often several events (truncate, write, close; vim's renames), and an editor
    // may save without a change: when every changed path is a file whose text is the same as
    // at the last rebuild, there is nothing to do.
    if (this.#pending.size === 0) return;
    let same = true;
    for (const p of this.#pending) {
      const text = await textOf(p);
      if (text === undefined || this.#texts.get(p) !== text) same = false;
      this.#texts.set(p, text);
    }
    if (same) return void this.#pending.clear();
    for (const p of this.#pending) {
      this.#unrendered.add(p);
      this.#sinceFull.add(p);
    }
    this.#pending.clear();
    const started = performance.now();
    const before = { errors: this.#errors.length, warnings: this.#warnings.map((w) => JSON.stringify(w)).join('\n') };
    const loaded = await this.#load();
    if (!loaded) return this.#o.notify('*');
    const quick = quickProjects(loaded, { dataDir: this.#dataDir, site: this.#site, sinceFull: this.#sinceFull, unrendered: this.#unrendered });
    if (!quick) return this.#full(loaded);

    const { buildSite } = await import('../site/build.ts');
    try {
      await buildSite({ dataDir: this.#dataDir, outDir: this.#site!.dir, drafts: true, loaded, onlyProjects: quick });
    } catch (err) {
      this.#errors = [failure('construction du site', err)];
      this.#o.log(`Aperçu : la construction a échoué (${this.#errors[0]!.message}).`);
      return this.#o.notify('*');
    }
    this.#unrendered.clear();
    this.#errors = [];
    this.#compendium = loaded.compendium!;
    const warningsChanged = before.warnings !== this.#warnings.map((w) => JSON.stringify(w)).join('\n');
    const urls = loaded.compendium!.projets.filter((p) => quick.has(p.id)).map((p) => `/projets/${p.id}/`);
    this.#o.notify(before.errors || warningsChanged ? '*' : [...urls, PRINT_PAGES]);
    this.#o.log(`Aperçu : ${urls.length} page(s) de projet reconstruite(s) en ${seconds(started)} s.`);
    this.#followUp = setTimeout(() => {
      this.#followUp = undefined;
      this.#startBackground();
    }, FOLLOW_UP_MS);
  }

  /** Builds the whole site into a fresh folder and swaps it in. */
  async #full(given?: LoadResult): Promise<void> {
    this.#stopBackground();
    const started = performance.now();
    const sinceFull = new Set(this.#sinceFull);
    const loaded = given ?? (await this.#load());
    if (!loaded) return this.#o.notify('*');
    const dir = join(this.#o.work, `site-${++this.#generation}`);
    let pages: string[];
    try {
      const { buildSite } = await import('../site/build.ts');
      pages = (await buildSite({ dataDir: this.#dataDir, outDir: dir, drafts: true, loaded })).files.filter((f) => f.endsWith('.html'));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      this.#errors = [failure('construction du site', err)];
      this.#o.log(`Aperçu : la construction a échoué (${this.#errors[0]!.message}).`);
      return this.#o.notify('*');
    }
    const old = this.#site;
    const hadErrors = this.#errors.length > 0;
    this.#site = { dir, projects: loaded.compendium!.projets.map((p) => p.id).join('\n'), pages };
    this.#errors = [];
    this.#compendium = loaded.compendium!;
    for (const p of sinceFull) this.#sinceFull.delete(p);
    this.#unrendered.clear();
    // After a quick rebuild, only the pages this build changed reload; otherwise every page.
    this.#o.notify(given || hadErrors ? '*' : await changedPages(old, this.#site));
    if (old) await rm(old.dir, { recursive: true, force: true });
    this.#o.log(`Aperçu reconstruit en ${seconds(started)} s.`);
  }
}
