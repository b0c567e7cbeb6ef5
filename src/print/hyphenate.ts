/**
 * French hyphenation for the print HTML: soft hyphens (U+00AD) inserted with TeX's French
 * patterns (the `hyphen` package). Chromium has no hyphenation dictionary offline, so
 * `hyphens: auto` does nothing in our headless builds; with soft hyphens and `hyphens: manual`
 * justified columns break words as a typesetter would. Print only: the web edition stays clean
 * for search and copy-paste.
 */
import { createRequire } from 'node:module';
import type { HyphenationFunctionSync } from 'hyphen';
import { parse, parseFragment, serialize } from 'parse5';

// `hyphen` is CommonJS with one folder per language: ESM cannot import a folder, require can.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/fr') as { hyphenateSync: HyphenationFunctionSync };

const SOFT_HYPHEN = '\u00AD';

/** Elements whose text is never hyphenated: code, metadata, headings (set `hyphens: none`). */
const SKIPPED_ELEMENTS = new Set([
  'script', 'style', 'template', 'title', 'textarea', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

/** French typographic minima (as babel-french): 2 letters before a break, 3 after. */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;
/** Words shorter than this are left whole. */
const MIN_WORD_LENGTH = 6;

/** URLs, e-mail addresses, domain names, words with digits: breaking them would change them. */
const UNBREAKABLE = /@|:\/\/|^www\.|\.[a-z]{2,}(\/|$)|\d/i;

const LETTERS_AND_SOFT_HYPHENS = /[\p{L}\u00AD]+/gu;

function enforceMinima(word: string): string {
  const parts = word.split(SOFT_HYPHEN);
  if (parts.length === 1) return word;
  const total = parts.join('').length;
  let before = 0;
  let out = '';
  parts.forEach((part, index) => {
    if (index > 0 && before >= LEFT_MIN && total - before >= RIGHT_MIN) out += SOFT_HYPHEN;
    out += part;
    before += part.length;
  });
  return out;
}

/**
 * Words already hyphenated: a brochure says « association » or « accompagnement » hundreds of
 * times, and the patterns cost far more than a lookup (a third of the time at 1 000 projects).
 */
const hyphenated = new Map<string, string>();

/** Hyphenates plain text (one text node): every long word gets its soft hyphens. */
export function hyphenateText(text: string): string {
  return text
    .split(/(\s+)/)
    .map((token) => {
      if (token.length < MIN_WORD_LENGTH || /^\s+$/.test(token) || UNBREAKABLE.test(token)) return token;
      let word = hyphenated.get(token);
      if (word === undefined) {
        word = hyphenateSync(token, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LENGTH }).replace(LETTERS_AND_SOFT_HYPHENS, enforceMinima);
        hyphenated.set(token, word);
      }
      return word;
    })
    .join('');
}

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

function walk(node: Node): void {
  if (node.nodeName === '#text') {
    node.value = hyphenateText(node.value ?? '');
    return;
  }
  if (SKIPPED_ELEMENTS.has(node.nodeName)) return;
  if (node.attrs?.some((attr) => attr.name === 'data-no-hyphens')) return;
  for (const child of node.childNodes ?? []) walk(child);
}

/**
 * Returns `html` with soft hyphens in its French text, except in URLs, e-mail addresses, code,
 * headings, words under 6 letters and elements marked `data-no-hyphens`. Accepts a whole
 * document or a fragment.
 */
export function hyphenateHtml(html: string): string {
  const whole = /^\s*(<!doctype|<html)/i.test(html);
  const tree = whole ? parse(html) : parseFragment(html);
  walk(tree as unknown as Node);
  return serialize(tree);
}
