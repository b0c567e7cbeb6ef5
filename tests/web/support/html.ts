/** Small helpers to read built HTML in tests: text content, attributes, ids. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00A0' };

/** Text of an HTML fragment: tags removed, entities decoded, every kind of space as one space. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();
}

/** The same normalisation for a plain string. */
export function spaces(text: string): string {
  return text.replace(/[\s\u00A0\u202F]+/g, ' ').trim();
}

/** The inner HTML of the first element matching an opening-tag pattern (no nesting of the same tag). */
export function element(html: string, open: RegExp, tag: string): string | undefined {
  const m = open.exec(html);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = html.indexOf(`</${tag}>`, start);
  return end < 0 ? undefined : html.slice(start, end);
}

/** Every value of an attribute on elements of the page (href, src, srcset…). */
export function attributes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Every id defined in the page. */
export function ids(html: string): Set<string> {
  return new Set(attributes(html, 'id'));
}
