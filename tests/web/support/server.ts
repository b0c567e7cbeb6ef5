/**
 * A tiny static server for a built site, on 127.0.0.1 and a free port, mounted under the
 * site's path prefix like the real host: `/prefix/x/` serves `x/index.html`, unknown paths get
 * the site's 404.html with status 404. Like Netlify or Cloudflare Pages, it sends the headers
 * of the site's `_headers` file (so the browser tests run under the real Content-Security-
 * Policy header too, workers included). Every request is recorded for the privacy test.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

interface HeaderRule {
  pattern: RegExp;
  headers: Array<[string, string]>;
}

/** Reads a `_headers` file: a path pattern (`*` matches anything) then indented `Name: value` lines; `#` starts a comment. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    rules[rules.length - 1]?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

export async function serveSite(root: string, pathPrefix = '/'): Promise<SiteServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const rules = parseHeaders(await readFile(join(base, '_headers'), 'utf8').catch(() => ''));
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
    const headers: Record<string, string> = { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' };
    for (const rule of rules) if (rule.pattern.test(pathname)) for (const [name, value] of rule.headers) headers[name.toLowerCase()] = value;
    res.writeHead(status, headers);
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
