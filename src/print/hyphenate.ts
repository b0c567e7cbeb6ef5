/**
 * French hyphenation for the print HTML: soft hyphens (U+00AD) inserted with TeX's French
 * patterns (the `hyphen` package). Chromium has no hyphenation dictionary offline, so
 * `hyphens: auto` does nothing in our headless builds; with soft hyphens and `hyphens: manual`
 * justified columns break words as a typesetter would. Print only: the web edition stays clean
 * for search and copy-paste.
 *
 * Where a typesetter would not break, no soft hyphen goes in: capitalised words (proper nouns,
 * « Moselle », « Département »), acronyms, compounds that have their own hyphen, URLs, e-mail
 * addresses and domain names (« Réemployez.fr »), words with digits, words under 6 letters,
 * and the last word of a paragraph (a last line of one syllable, « ment. », reads as a slip).
 * What the patterns cannot know — how many consecutive lines end in a hyphen — is decided in
 * the layout (print/handlers/hyphen-limit.js); soft hyphens a line did not use are taken out of
 * the PDF's text after layout (src/print/screen.ts).
 */
import { createRequire } from 'node:module';
import type { HyphenationFunctionSync } from 'hyphen';
import { parse, parseFragment, serialize } from 'parse5';

// `hyphen` is CommonJS with one folder per language: ESM cannot import a folder, require can.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/fr') as { hyphenateSync: HyphenationFunctionSync };

const SOFT_HYPHEN = '\u00AD';
const NO_BREAK_SPACE = '\u00A0';

/** Elements whose text is never hyphenated: code, metadata, headings, captions (set `hyphens: none`). */
const SKIPPED_ELEMENTS = new Set([
  'script', 'style', 'template', 'title', 'textarea', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption',
]);

/** Blocks whose last word is kept whole and glued to the one before when it is short. */
const PARAGRAPHS = new Set(['p', 'li', 'dd']);

/** French typography as a typesetter sets it: at least 3 letters before a break and 3 after. */
const LEFT_MIN = 3;
const RIGHT_MIN = 3;
/** Words shorter than this are left whole. */
const MIN_WORD_LENGTH = 6;
/** A last word shorter than this (punctuation included) would make a last line too short: it is glued to the word before. */
const MIN_LAST_LINE = 5;

/**
 * URLs, e-mail addresses, domain names (a letter, a dot, a letter: « Réemployez.fr »), words
 * with digits: breaking them would change them.
 */
const UNBREAKABLE = /@|:\/\/|^www\.|\p{L}\.\p{L}|\d/iu;
/** A word of letters (an elided article, « l’ », is a word of its own). */
const WORD = /\p{L}+/gu;

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

function hyphenateWord(word: string): string {
  // Capitalised: a proper noun or an acronym (« Moselle », « ESS »), or a sentence's first
  // word, which a typesetter leaves whole too.
  if (word.length < MIN_WORD_LENGTH || /^\p{Lu}/u.test(word)) return word;
  let out = hyphenated.get(word);
  if (out === undefined) {
    out = enforceMinima(hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LENGTH }));
    hyphenated.set(word, out);
  }
  return out;
}

/** Whether a whitespace-separated token may take soft hyphens at all. */
function breakable(token: string): boolean {
  // A compound breaks at its own hyphen (« socio-professionnel »), never inside a part.
  return !/\p{L}[-\u2010\u2011]\p{L}/u.test(token);
}

/** Hyphenates plain text (one text node): every long word gets its soft hyphens. */
export function hyphenateText(text: string): string {
  return text
    .split(/(\s+)/)
    .map((token) => (token.length < MIN_WORD_LENGTH || UNBREAKABLE.test(token) || !breakable(token) ? token : token.replace(WORD, hyphenateWord)))
    .join('');
}

/**
 * What Chromium would break after a hyphen of its own, where a typesetter would not: a domain
 * name or URL (« Ré-employez.fr »), and a capitalised compound (« Au-delà », « Saint-Avold »,
 * « Mieux-Être »): a proper noun or a title is not split.
 */
const HYPHENATED_ADDRESS = /(?<!\S)(?=\S*(?:@|:\/\/|\p{L}\.\p{L}))\S*\p{L}-\p{L}\S*|(?<![\p{L}\p{N}])\p{Lu}\p{L}*(?:-\p{L}+)+/gu;

interface Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  parentNode?: Node | null;
}

/**
 * The text node as nodes: its text hyphenated, and each hyphenated address in a span
 * (`white-space: nowrap`), so that it is never broken at its hyphen.
 */
function textNodes(node: Node): Node[] {
  const text = node.value ?? '';
  const out: Node[] = [];
  let last = 0;
  const textNode = (value: string, parent: Node | null | undefined): Node => ({ nodeName: '#text', value, parentNode: parent ?? null });
  for (const match of text.matchAll(HYPHENATED_ADDRESS)) {
    if (match.index > last) out.push(textNode(hyphenateText(text.slice(last, match.index)), node.parentNode));
    const span: Node = { nodeName: 'span', tagName: 'span', namespaceURI: 'http://www.w3.org/1999/xhtml', attrs: [{ name: 'style', value: 'white-space: nowrap' }], childNodes: [], parentNode: node.parentNode ?? null };
    span.childNodes!.push(textNode(match[0], span));
    out.push(span);
    last = match.index + match[0].length;
  }
  if (last === 0) return [{ ...node, value: hyphenateText(text) }];
  if (last < text.length) out.push(textNode(hyphenateText(text.slice(last)), node.parentNode));
  return out;
}

function walk(node: Node): void {
  if (SKIPPED_ELEMENTS.has(node.nodeName)) return;
  if (node.attrs?.some((attr) => attr.name === 'data-no-hyphens')) return;
  if (node.childNodes) node.childNodes = node.childNodes.flatMap((child) => (child.nodeName === '#text' ? textNodes(child) : (walk(child), [child])));
  if (PARAGRAPHS.has(node.nodeName)) settleLastWord(node);
}

/**
 * The last line of a paragraph is at least 5 characters: its last word keeps no soft hyphen,
 * and a short last word (« vie. ») is glued to the one before with a no-break space.
 */
export function settleLastWordText(text: string): string {
  const match = /(\s+)(\S+)(\s*)$/u.exec(text);
  if (!match) return text.replace(/\S+\s*$/u, (word) => word.replaceAll(SOFT_HYPHEN, ''));
  const [, space, word = '', trailing] = match;
  const whole = word.replaceAll(SOFT_HYPHEN, '');
  const glue = whole.length < MIN_LAST_LINE && space === ' ';
  return `${text.slice(0, match.index)}${glue ? NO_BREAK_SPACE : space}${whole}${trailing}`;
}

/**
 * The text nodes a paragraph's last line is made of, in order, through its inline elements
 * (links, emphasis, run-in heads): from its last `<br>` on. `null` stands for what cannot be
 * read as text (code, an image, a nested block): the last line is not looked at past it.
 */
function lineTexts(node: Node, out: Array<Node | null> = []): Array<Node | null> {
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#text') out.push(child);
    else if (child.nodeName === 'br') out.length = 0;
    else if (SKIPPED_ELEMENTS.has(child.nodeName) || PARAGRAPHS.has(child.nodeName) || !child.childNodes?.length) out.push(null);
    else lineTexts(child, out);
  }
  return out;
}

/** Where a line may break: an ordinary space, not a no-break one (« vie ! » is one word). */
const BREAK_SPACE = /[ \t\n\r]/;

/**
 * `settleLastWordText` for a whole paragraph, whatever elements its last words are in
 * (« … de la <em>vie</em>. » was left alone when only the last text node was looked at).
 */
function settleLastWord(block: Node): void {
  const texts = lineTexts(block);
  let length = 0;
  for (let n = texts.length - 1; n >= 0; n--) {
    const text = texts[n];
    if (!text) return;
    let value = text.value ?? '';
    for (let i = value.length - 1; i >= 0; i--) {
      const char = value[i]!;
      if (char === SOFT_HYPHEN) {
        value = value.slice(0, i) + value.slice(i + 1);
        continue;
      }
      if (!BREAK_SPACE.test(char)) {
        length += 1;
        continue;
      }
      if (length === 0) continue;
      // The space before the last word: a short word is glued to the one before it.
      const single = (i === 0 || !BREAK_SPACE.test(value[i - 1]!)) && char === ' ';
      if (length < MIN_LAST_LINE && single) value = `${value.slice(0, i)}${NO_BREAK_SPACE}${value.slice(i + 1)}`;
      text.value = value;
      return;
    }
    text.value = value;
  }
}

/**
 * Returns `html` with soft hyphens in its French text, except in URLs, e-mail addresses, code,
 * headings, captions, capitalised words, words under 6 letters, the last word of a paragraph
 * and elements marked `data-no-hyphens`. Accepts a whole document or a fragment.
 */
export function hyphenateHtml(html: string): string {
  const whole = /^\s*(<!doctype|<html)/i.test(html);
  const tree = whole ? parse(html) : parseFragment(html);
  walk(tree as unknown as Node);
  return serialize(tree);
}
