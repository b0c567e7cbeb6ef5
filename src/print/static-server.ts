/**
 * A tiny read-only HTTP server for one folder, on 127.0.0.1 and a free port.
 *
 * Why not file://: Paged.js fetches every stylesheet with XMLHttpRequest to parse @page rules,
 * which Chromium refuses for file:// without --allow-file-access-from-files; a canvas drawn from
 * a file:// image is tainted, so screen-sized images could not be made in the page; and web
 * fonts from file:// hit CORS. Same-origin HTTP avoids all three, and binding to 127.0.0.1
 * keeps it invisible from the network.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { contentType } from '../mime.ts';

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** URL of a path relative to the served folder. */
  urlFor(relativePath: string): string;
  close(): Promise<void>;
}

/**
 * Serves `root` read-only. `overrides` maps URL paths (e.g. `/brochure.html`) to content served
 * instead of the file on disk — the hyphenated HTML is never written next to the source.
 */
export async function serveFolder(root: string, overrides: ReadonlyMap<string, string> = new Map()): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    };
    // Chromium 156 asks every page for /favicon.ico even headless; a 404 would be logged as a
    // page error and look like a missing image. No icon is an answer, not an error.
    const missing = (pathname: string) => (pathname === '/favicon.ico' ? void res.writeHead(204).end() : send(404, 'not found'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request');
    }
    const type = contentType(extname(pathname));
    const override = overrides.get(pathname);
    if (override !== undefined) {
      res.writeHead(200, { 'content-type': type });
      return void res.end(req.method === 'HEAD' ? undefined : override);
    }
    const file = resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden');
    stat(file).then(
      (info) => {
        if (!info.isFile()) return missing(pathname);
        res.writeHead(200, { 'content-type': type, 'content-length': info.size });
        if (req.method === 'HEAD') return void res.end();
        createReadStream(file).on('error', () => res.destroy()).pipe(res);
      },
      () => missing(pathname),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    urlFor: (relativePath) => new URL(relativePath.split(sep).map(encodeURIComponent).join('/'), `${origin}/`).href,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
