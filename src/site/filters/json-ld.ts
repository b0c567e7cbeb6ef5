/**
 * `{{ data | jsonLd }}`: JSON for a <script type="application/ld+json">. `<`, `>`, `&` and the
 * JS line separators are written as \u escapes, so no data string can close the script
 * element (`</script>`) or open a comment; JSON parsers read the escapes back unchanged.
 */
import nunjucks from 'nunjucks';

export function toJsonLd(data: unknown): string {
  return JSON.stringify(data, null, 0)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export default function jsonLd(data: unknown): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(toJsonLd(data));
}
