/**
 * `{{ "/assets/css/site.css" | assetUrl }}` → `/assets/css/site.css?v=3f2a9c1e`: the URL of a
 * file under templates/assets/ with a hash of its content, so hosts may cache /assets/ for a
 * year (`_headers`, src/site/csp.ts): a changed file gets a new URL. Generated assets
 * (fonts.css) and the fonts pass their own text or file to `versioned`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/assets');
const hashes = new Map<string, string>();

/** `url?v=` + the first 8 hex digits of the SHA-256 of `content`. */
export function versioned(url: string, content: string | Buffer): string {
  return `${url}?v=${createHash('sha256').update(content).digest('hex').slice(0, 8)}`;
}

/** A file's hash is read once per process: the assets do not change during a build. */
export function fileVersioned(url: string, path: string): string {
  let v = hashes.get(path);
  if (!v) hashes.set(path, (v = versioned('', readFileSync(path)).slice(3)));
  return `${url}?v=${v}`;
}

export default function assetUrl(url: string): string {
  if (!url.startsWith('/assets/')) return url;
  return fileVersioned(url, join(ASSETS, url.slice('/assets/'.length)));
}
