/**
 * A tiny static server for a built site, on 127.0.0.1 and a free port, mounted under the
 * site's path prefix like the real host: `/prefix/x/` serves `x/index.html`, unknown paths get
 * the site's 404.html with status 404. Every request is recorded for the privacy test.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface SiteServer {
  origin: string;
  /** Absolute URL of a site path (`/laureats/` → http://127.0.0.1:port/prefix/laureats/). */
  url(path: string): string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

export async function serveSite(root: string, pathPrefix = '/'): Promise<SiteServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(pathname);
    let file: string | undefined;
    if (pathname.startsWith(pathPrefix)) {
      const rel = pathname.slice(pathPrefix.length);
      const candidate = resolve(base, `.${sep}${rel}`);
      if (candidate === base || candidate.startsWith(base + sep)) {
        if (await isFile(candidate)) file = candidate;
        else if (await isFile(join(candidate, 'index.html'))) file = join(candidate, 'index.html');
      }
    }
    const status = file ? 200 : 404;
    file ??= join(base, '404.html');
    res.writeHead(status, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${pathPrefix}${path.replace(/^\//, '')}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
