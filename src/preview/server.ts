/**
 * `npm start`: serves the site on 127.0.0.1, rebuilds it when a data file or template
 * changes (builder.ts), and reloads the open pages that changed. While the data has errors,
 * every page is replaced by an error page naming the file and line — never a blank page, never
 * a stale one without warning; while it has warnings, each page shows them in a panel.
 *
 * Whatever a client sends, the server answers (4xx at worst) and stays up: targets are read
 * by request.ts, and a failure while answering is a 500 for that request only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Finding } from '../data/index.ts';
import { errorPage, preparingPage } from './error-page.ts';
import { CompendiumError } from '../errors.ts';
import { contentType } from '../mime.ts';
import { PreviewBuilder, PRINT_PAGES, type Changed } from './builder.ts';
import { resolveUnder, targetPathname } from './request.ts';
import { watchTrees } from './watch.ts';
import { PANEL_CSS, PANEL_CSS_URL, withWarningsPanel, type PanelWarnings } from './warnings-panel.ts';

/** Where the print preview is served, and Paged.js's polyfill for it. */
export const PRINT_URL = PRINT_PAGES;
const PAGED_URL = '/__apercu/paged.polyfill.js';
const PAGED_JS = resolve(import.meta.dirname, '../../node_modules/pagedjs/dist/paged.polyfill.js');
const EVENTS_URL = '/__apercu/evenements';

/**
 * Script added to HTML pages in preview only: reloads when the server says the page changed
 * (every page: `*`). A file, not an inline script: the site's Content-Security-Policy forbids
 * inline scripts.
 */
const RELOAD_URL = '/__apercu/recharger.js';
const RELOAD_JS = `new EventSource('${EVENTS_URL}').onmessage = (e) => {
  let pages = '*';
  try { pages = JSON.parse(e.data).pages; } catch {}
  const here = location.pathname.startsWith('${PRINT_URL}') ? '${PRINT_URL}' : location.pathname.replace(/index\\.html$/, '');
  if (pages === '*' || pages.includes(here) || pages.includes(here + '/')) location.reload();
};
`;
const RELOAD = `<script src="${RELOAD_URL}"></script>`;

/** A page of the site as the preview serves it: with the warnings panel and the reload script. */
export function previewPage(html: string, warnings: readonly Finding[] | PanelWarnings): string {
  return withWarningsPanel(html, warnings).replace('</body>', `${RELOAD}</body>`);
}

export interface PreviewOptions {
  dataDir?: string;
  port?: number;
  /** Folders whose changes trigger a rebuild (default: the data folder, templates/ and print/). */
  watchDirs?: string[];
  /** Poll the folders rather than use the system's watches (network shares). */
  poll?: boolean;
  log?: (line: string) => void;
}

export interface Preview {
  url: string;
  /** The print preview (Paged.js in the browser, the PDF's styles). */
  printUrl: string;
  /** Resolves when the changes seen so far are built (the watcher is given time to see them). */
  settled(): Promise<void>;
  /**
   * Resolves when every page is what a full build would make: after a quick rebuild (a
   * project's page alone), once the rest of the site has followed in the background.
   */
  upToDate(): Promise<void>;
  /** The errors shown instead of the site, if any. */
  errors(): readonly Finding[];
  /** The warnings shown in each page's panel. */
  warnings(): readonly Finding[];
  close(): Promise<void>;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** The port cannot be listened on: taken by another program (often another preview), or reserved. */
export class PreviewPortError extends CompendiumError {
  constructor(port: number, cause: NodeJS.ErrnoException) {
    super(
      'PREVIEW_PORT',
      cause.code === 'EADDRINUSE'
        ? `le port ${port} est déjà utilisé (un autre aperçu tourne peut-être) : arrêtez-le, ou choisissez un autre port, par exemple « --port ${port + 1} »`
        : `le port ${port} ne peut pas être ouvert (${cause.code ?? cause.message}) : choisissez un port entre 1024 et 65535 avec « --port »`,
      { cause },
    );
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE, ...headers });
  res.end(`${text}\n`);
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const log = options.log ?? (() => undefined);
  const root = resolve(import.meta.dirname, '../..');
  const work = await mkdtemp(join(tmpdir(), 'compendium-apercu-'));
  const clients = new Set<ServerResponse>();
  const notify = (pages: Changed): void => {
    for (const c of clients) c.write(`data: ${JSON.stringify({ pages })}\n\n`);
  };
  const builder = new PreviewBuilder({ dataDir, work, log, notify });

  /** Serves a file of a built folder, with the reload script (and the panel) in its HTML. */
  const serveFile = async (res: ServerResponse, base: string, rel: string, printing: boolean): Promise<void> => {
    const target = resolveUnder(base, rel);
    if (!target.ok) return plain(res, target.status, target.reason);
    let path = target.path;
    if (await stat(path).then((s) => s.isDirectory(), () => false)) path = join(path, 'index.html');
    const body = await readFile(path).catch(() => undefined);
    if (!body) {
      const notFound = await readFile(join(builder.siteDir!, '404.html'), 'utf8').catch(() => '<!doctype html><html lang="fr"><title>Page introuvable</title><body><h1>Page introuvable</h1></body></html>');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...NO_STORE });
      res.end(previewPage(notFound, builder.panelWarnings));
      return;
    }
    const type = contentType(extname(path));
    res.writeHead(200, { 'content-type': type, ...NO_STORE });
    if (!type.startsWith('text/html')) return void res.end(body);
    const html = body.toString('utf8');
    // Paged.js paginates the print preview once its stylesheets are loaded, like the engine
    // does; the panel stays out of it (it would be paginated with the book).
    if (printing) res.end(html.replace('</head>', `<script src="${PAGED_URL}"></script></head>`).replace('</body>', `${RELOAD}</body>`));
    else res.end(previewPage(html, builder.panelWarnings));
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'méthode non prise en charge : l’aperçu ne sert que GET et HEAD', { allow: 'GET, HEAD' });
    const pathname = targetPathname(req.url);
    if (pathname === undefined) return plain(res, (req.url?.length ?? 0) > 4096 ? 414 : 400, 'adresse de la requête invalide');
    if (pathname === EVENTS_URL) {
      res.writeHead(200, { 'content-type': 'text/event-stream', ...NO_STORE, connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (pathname === RELOAD_URL) return void res.writeHead(200, { 'content-type': contentType('.js'), ...NO_STORE }).end(RELOAD_JS);
    if (pathname === PANEL_CSS_URL) return void res.writeHead(200, { 'content-type': contentType('.css'), ...NO_STORE }).end(PANEL_CSS);
    if (builder.errors.length) {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', ...NO_STORE });
      return void res.end(errorPage(builder.errors, RELOAD));
    }
    if (!builder.siteDir) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', ...NO_STORE, 'retry-after': '2' });
      return void res.end(preparingPage(RELOAD));
    }
    if (pathname === PAGED_URL) return void res.writeHead(200, { 'content-type': contentType('.js'), ...NO_STORE }).end(await readFile(PAGED_JS));
    if (pathname === PRINT_URL.slice(0, -1) || pathname.startsWith(PRINT_URL)) {
      const printDir = await builder.printDir();
      if (!printDir || builder.errors.length) return plain(res, 503, 'l’aperçu de l’impression n’est pas disponible : voyez la page d’erreur de l’aperçu');
      return serveFile(res, printDir, pathname.slice(PRINT_URL.length) || 'brochure.html', true);
    }
    return serveFile(res, builder.siteDir, pathname, false);
  };

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((err: unknown) => {
      log(`Aperçu : la requête ${JSON.stringify(req.url?.slice(0, 200))} a échoué (${err instanceof Error ? err.message : String(err)}).`);
      if (!res.headersSent) plain(res, 500, 'erreur de l’aperçu en servant cette page : voyez le terminal');
      else res.destroy();
    });
  });
  // A request Node cannot even parse (a malformed request line, headers too large): answer
  // 400 (431 for headers) and close, as Node would — but never let it reach the terminal.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'HPE_URI_TOO_LONG' ? '414 URI Too Long' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  // Listen first: a port already taken is said at once, not after the first build.
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, '127.0.0.1', ok);
  }).catch(async (err: NodeJS.ErrnoException) => {
    await rm(work, { recursive: true, force: true });
    throw new PreviewPortError(options.port ?? 8080, err);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 8080;
  await builder.start();
  const watcher = watchTrees(options.watchDirs ?? [dataDir, join(root, 'templates'), join(root, 'print')], (path) => builder.changed(path), { poll: options.poll });
  await watcher.ready();

  return {
    url: `http://127.0.0.1:${port}/`,
    printUrl: `http://127.0.0.1:${port}${PRINT_URL}`,
    settled: async () => {
      // Give the watcher time to report the last writes, then wait for the builds they cause.
      await new Promise((r) => setTimeout(r, 300));
      await builder.settled();
    },
    upToDate: async () => {
      await new Promise((r) => setTimeout(r, 300));
      await builder.upToDate();
    },
    errors: () => builder.errors,
    warnings: () => builder.warnings,
    close: async () => {
      watcher.close();
      for (const c of clients) c.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await builder.close();
      await rm(work, { recursive: true, force: true, maxRetries: 3 }).catch((err: unknown) => log(`Aperçu : le dossier temporaire ${work} n’a pas pu être supprimé (${err instanceof Error ? err.message : String(err)}).`));
    },
  };
}
