import { domainToUnicode } from 'node:url';
import { cleanText } from './clean-text.ts';

/**
 * Link safety: data and Markdown may only produce http(s), mailto and tel links. Anything
 * else (javascript:, data:, relative paths typed by mistake) is dropped, never emitted.
 */

/** The URL if it is an absolute http(s) address, otherwise undefined. */
export function webHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}$/i;

/** `mailto:` link for a plausible e-mail address, otherwise undefined. */
export function mailHref(email: string | undefined): string | undefined {
  const e = email?.trim();
  return e && EMAIL.test(e) ? `mailto:${e}` : undefined;
}

/** `tel:` link in international form (+33…) for a French number as printed, otherwise undefined. */
export function telHref(phone: string | undefined): string | undefined {
  const digits = phone?.replace(/[\s.\u00A0\u202F-]/g, '') ?? '';
  if (/^0\d{9}$/.test(digits)) return `tel:+33${digits.slice(1)}`;
  if (/^\+\d{6,15}$/.test(digits)) return `tel:${digits}`;
  return undefined;
}

/** Whether a Markdown link target is allowed (same rule as above, for any of the three). */
export function isAllowedLink(url: string): boolean {
  if (/^mailto:/i.test(url)) return mailHref(url.slice(7)) !== undefined;
  if (/^tel:/i.test(url)) return telHref(url.slice(4)) !== undefined;
  return webHref(url) !== undefined;
}

/**
 * A web address as people read it: without scheme, `www.` and trailing slash, and with the
 * letters the editor typed — the link's form (webHref) spells « café » « caf%C3%A9 » and
 * « mairie-évry.fr » « xn--mairie-vry-… », which the brochure and the site once printed.
 */
export function displayUrl(url: string): string {
  let shown = url.replace(/^(https?:\/\/)([^/?#]+)/i, (_m, scheme: string, host: string) => `${scheme}${host.split('.').map((label) => (/^xn--/i.test(label) ? domainToUnicode(label) : label)).join('.')}`);
  try {
    const decoded = decodeURI(shown);
    // Letters only: an escaped control character (%1B, %E2%80%AE) stays escaped.
    if (cleanText(decoded) === decoded && !/[\s<>"]/.test(decoded.replace(/ /g, ''))) shown = decoded;
  } catch {
    // A lone « % » is no escape: shown as it is.
  }
  return shown.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');
}
