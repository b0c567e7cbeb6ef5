/**
 * What a request to the preview asks for, read defensively: the preview faces whatever a
 * browser, an editor's tool or a curious colleague sends, and a request must never end the
 * server (`decodeURIComponent` threw a URIError on `GET /%E0%A4%A` and took it down). Every
 * target the server cannot serve is a status code here, never an exception.
 */
import { join, sep } from 'node:path';

/** Longer targets are refused (414): no page of the site has an address anywhere near it. */
export const MAX_TARGET = 4096;

export type Target =
  /** A path inside `base`, decoded and checked. */
  | { ok: true; pathname: string; path: string }
  /** Refused, with the status to answer and a French reason for the body. */
  | { ok: false; status: number; reason: string };

const refuse = (status: number, reason: string): Target => ({ ok: false, status, reason });

/** The URL path of a request target: origin-form (`/a/b?q`) or absolute-form (`http://h/a/b`). */
export function targetPathname(target: string | undefined): string | undefined {
  if (!target || target.length > MAX_TARGET) return undefined;
  // Origin-form must start with « / »; absolute-form is what a proxy sends (RFC 9112, 3.2.2).
  if (!target.startsWith('/') && !/^https?:\/\//i.test(target)) return undefined;
  try {
    // `//host/x` is a path here, not a host: only the path of the target is served.
    return new URL(target.startsWith('//') ? `http://localhost${target}` : target, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/**
 * The file under `base` that `pathname` (as given by `targetPathname`, still percent-encoded)
 * names. Each segment is decoded on its own, so an encoded « / » (`%2F`) stays inside its
 * segment instead of becoming a separator; a segment that decodes to a separator, `..` or a
 * NUL byte is refused rather than cleaned up, since no link of the site produces one.
 */
export function resolveUnder(base: string, pathname: string): Target {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'adresse mal encodée (un « % » n’est pas suivi de deux chiffres hexadécimaux valides)');
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || /[/\\\0]/.test(segment)) return refuse(400, 'adresse refusée : elle sort du site ou contient un caractère interdit');
    segments.push(segment);
  }
  const path = join(base, ...segments);
  if (path !== base && !path.startsWith(base + sep)) return refuse(400, 'adresse refusée : elle sort du site');
  return { ok: true, pathname, path };
}
