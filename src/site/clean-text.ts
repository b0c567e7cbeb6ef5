/**
 * Characters that have no place in published text, removed from every data string before the
 * site is built (they come from copy-paste out of PDFs and word processors, or from a
 * deliberately hostile file):
 * - C0 and C1 control characters except tab and line breaks, and DEL: invisible, invalid in
 *   HTML and forbidden in XML (one in a project name would make the sitemap unreadable);
 * - explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 *   French text never needs them, and an unclosed RIGHT-TO-LEFT OVERRIDE reverses the display
 *   of everything after it on the line — the classic trick to disguise a name or a link;
 * - lone UTF-16 surrogates, which cannot be written as UTF-8 (replaced by U+FFFD).
 * Emoji, accents and every other character are kept.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string without the characters above. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(UNWANTED, '');
}

/** A copy of a JSON-like value (the loaded data) with every string cleaned. */
export function cleanData<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanData) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanData(v)])) as T;
  }
  return value;
}
