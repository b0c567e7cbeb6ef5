/**
 * `npm start`: serves the site on 127.0.0.1, rebuilds it when a data file or template
 * changes, and reloads open pages. While the data has errors, every page is replaced by an
 * error page naming the file and line — never a blank page, never a stale one without
 * warning. Rebuilds go to a fresh folder swapped in only when they succeed.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile, rm, stat, mkdtemp } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { loadCompendium, type Finding } from '../data/index.ts';
import { errorPage } from './error-page.ts';
import { contentType } from '../mime.ts';

/** Where the print preview is served, and Paged.js's polyfill for it. */
export const PRINT_URL = '/__apercu/impression/';
const PAGED_URL = '/__apercu/paged.polyfill.js';
const PAGED_JS = resolve(import.meta.dirname, '../../node_modules/pagedjs/dist/paged.polyfill.js');

/**
 * Script added to HTML pages in preview only: reloads when the server says the site changed.
 * A file, not an inline script: the site's Content-Security-Policy forbids inline scripts.
 */
const RELOAD_URL = '/__apercu/recharger.js';
const RELOAD_JS = `new EventSource('/__apercu/evenements').onmessage = () => location.reload();\n`;
const RELOAD = `<script src="${RELOAD_URL}"></script>`;

export interface PreviewOptions {
  dataDir?: string;
  port?: number;
  /** Folders whose changes trigger a rebuild (default: the data folder and templates/). */
  watchDirs?: string[];
  log?: (line: string) => void;
}

export interface Preview {
  url: string;
  /** The print preview (Paged.js in the browser, the PDF's styles). */
  printUrl: string;
  /** Resolves when the current rebuild (if any) is done. */
  settled(): Promise<void>;
  /** The errors shown instead of the site, if any. */
  errors(): readonly Finding[];
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const log = options.log ?? (() => undefined);
  const root = resolve(import.meta.dirname, '../..');
  const work = await mkdtemp(join(tmpdir(), 'compendium-apercu-'));
  let siteDir: string | undefined;
  let printDir: string | undefined;
  let errors: readonly Finding[] = [];
  let generation = 0;
  const clients = new Set<ServerResponse>();
  let building: Promise<void> = Promise.resolve();
  let pending = false;

  const rebuild = async (): Promise<void> => {
    const started = performance.now();
    const result = await loadCompendium(dataDir);
    if (result.errors.length) {
      errors = result.errors;
      log(`Aperçu : ${errors.length} erreur(s) dans les données — la page d’erreur est affichée.`);
    } else {
      const out = join(work, `site-${++generation}`);
      try {
        const { buildSite } = await import('../site/build.ts');
        const { renderPrintHtml } = await import('../print/html.ts');
        await buildSite({ dataDir, outDir: join(out, 'site'), drafts: true });
        // The print preview: the same print HTML and styles as the PDF, paginated by Paged.js
        // in the reader's browser (no bleed: the engine adds it only when it prints).
        await renderPrintHtml({ dataDir, compendium: result.compendium!, outDir: join(out, 'print') });
        const old = siteDir && join(siteDir, '..');
        siteDir = join(out, 'site');
        printDir = join(out, 'print');
        errors = [];
        if (old) await rm(old, { recursive: true, force: true });
        log(`Aperçu reconstruit en ${((performance.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s.`);
      } catch (err) {
        await rm(out, { recursive: true, force: true });
        errors = [{ severity: 'erreur', code: 'BUILD_FAILED', file: 'construction du site', message: err instanceof Error ? err.message : String(err) }];
        log(`Aperçu : la construction a échoué (${errors[0]!.message}).`);
      }
    }
    for (const c of clients) c.write('data: changement\n\n');
  };

  // Changes arrive in bursts (an editor saving, git checking out): coalesce them.
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    building = building.then(async () => {
      await new Promise((r) => setTimeout(r, 150));
      pending = false;
      await rebuild();
    });
  };

  building = rebuild();
  await building;

  const watchers: FSWatcher[] = (options.watchDirs ?? [dataDir, join(root, 'templates'), join(root, 'print')]).map((d) => watch(d, { recursive: true }, schedule));

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__apercu/evenements') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (errors.length || !siteDir) {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(errorPage(errors, RELOAD));
      return;
    }
    if (url.pathname === RELOAD_URL) {
      res.writeHead(200, { 'content-type': contentType('.js'), 'cache-control': 'no-store' });
      res.end(RELOAD_JS);
      return;
    }
    if (url.pathname === PAGED_URL) {
      res.writeHead(200, { 'content-type': contentType('.js'), 'cache-control': 'no-store' });
      res.end(await readFile(PAGED_JS));
      return;
    }
    const printing = url.pathname === PRINT_URL.slice(0, -1) || url.pathname.startsWith(PRINT_URL);
    const base = printing ? printDir! : siteDir;
    const rel = printing ? url.pathname.slice(PRINT_URL.length) || 'brochure.html' : url.pathname;
    let path = normalize(join(base, decodeURIComponent(rel)));
    if (!path.startsWith(base + sep) && path !== base) {
      res.writeHead(403).end();
      return;
    }
    if (await stat(path).then((s) => s.isDirectory(), () => false)) path = join(path, 'index.html');
    const body = await readFile(path).catch(() => undefined);
    const type = contentType(extname(path));
    if (!body) {
      const notFound = await readFile(join(siteDir, '404.html'), 'utf8').catch(() => '<!doctype html><title>Page introuvable</title><h1>Page introuvable</h1>');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound.replace('</body>', `${RELOAD}</body>`));
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    if (!type.startsWith('text/html')) {
      res.end(body);
      return;
    }
    const html = body.toString('utf8');
    // Paged.js paginates the print preview once its stylesheets are loaded, like the engine does.
    res.end(printing ? html.replace('</head>', `<script src="${PAGED_URL}"></script></head>`).replace('</body>', `${RELOAD}</body>`) : html.replace('</body>', `${RELOAD}</body>`));
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 8080, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 8080;

  return {
    url: `http://127.0.0.1:${port}/`,
    printUrl: `http://127.0.0.1:${port}${PRINT_URL}`,
    settled: async () => {
      // Wait for the watcher to fire and for every queued rebuild to finish.
      await new Promise((r) => setTimeout(r, 400));
      await building;
    },
    errors: () => errors,
    close: async () => {
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await building.catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    },
  };
}
