/**
 * French typography applied at render time, through typograf (locale fr). Typograf 7 ships
 * no French spacing rules and, worse, its common rules delete the space before « : ; ! ? % »,
 * so we switch those off and add our own: narrow no-break space (U+202F) before ; ! ? %,
 * no-break space (U+00A0) before : and €, narrow no-break spaces as thousands separators.
 * Typograf already turns "..." into « … » with inner narrow spaces and ' into ’.
 * Used by the web edition (the `typo` filter) and meant for the print edition too.
 */
import TypografModule from 'typograf';
import { boundedMemo } from './memo.ts';

// At run time `typograf` resolves to its ES build, whose default export is the class; its
// type declarations are read as CommonJS under NodeNext, where the class is `.default`.
const Typograf = TypografModule as unknown as (typeof TypografModule)['default'];

const NNBSP = '\u202F';
const NBSP = '\u00A0';

/** A space (any kind) or none, before a high punctuation mark that ends a word. */
// The mark must not be followed by a word character or URL syntax, so `?a=b` and `https://`
// are left alone; tags are hidden from rules behind private-use characters, which pass. The
// `;` that ends an HTML entity (&amp;) is not punctuation: the lookbehind skips it.
const HIGH_PUNCT = /(?<!&#?[A-Za-z0-9]*)([^\s\u00A0\u202F])[ \u00A0\u202F]*([;!?])(?![\w=&/%#-])/g;
const COLON = /([^\s\u00A0\u202F\d/:])[ \u00A0\u202F]*:(?![\w/=-])/g;
const PERCENT = /(\d)[ \u00A0\u202F]*%/g;
const EURO = /(\d)[ \u00A0\u202F]*€/g;
const THOUSANDS = /(^|[^\d.,])(\d{1,3})((?: \d{3})+)(?![\d,])/g;
/** A short number and the word after it (« des 4 Bornes », « 15 personnes »), not a year or a phone number. */
const COUNT = /(^|[\s(«])(\d{1,3}) (?=\p{L})/gu;

const LOCAL_RULES = [
  {
    name: 'fr/nbsp/highPunctuation',
    // A `?` or `!` right after another one keeps no space between them (« ?! »).
    handler: (text: string) => text.replace(HIGH_PUNCT, (_m, before: string, mark: string) => (/[!?]/.test(before) ? before + mark : `${before}${NNBSP}${mark}`)),
  },
  // Typograf misses an apostrophe before a tag (« qu'<a> ») or a digit: any ' after a letter.
  { name: 'fr/punctuation/apostrophe', handler: (text: string) => text.replace(/(\p{L})'/gu, '$1’') },
  { name: 'fr/nbsp/colon', handler: (text: string) => text.replace(COLON, `$1${NBSP}:`) },
  // A hyphen between spaces is a dash: « association - loi 1901 - » → « association – loi 1901 – ».
  // An en dash between spaces never starts a line (« Sarreguemines – Bitche »).
  { name: 'fr/dash/spaced', handler: (text: string) => text.replace(/(\S)[ \u00A0][-–][ \u00A0](?=\S)/g, `$1${NBSP}– `) },
  { name: 'fr/nbsp/percent', handler: (text: string) => text.replace(PERCENT, `$1${NNBSP}%`) },
  { name: 'fr/nbsp/euro', handler: (text: string) => text.replace(EURO, `$1${NBSP}€`) },
  // A number is not left at the end of a line without what it counts (« Culture des 4 /
  // Bornes »). Typograf's own rule (common/nbsp/afterNumber) binds years and long numbers too.
  { name: 'fr/nbsp/count', handler: (text: string) => text.replace(COUNT, `$1$2${NBSP}`) },
  {
    name: 'fr/nbsp/thousands',
    handler: (text: string) => text.replace(THOUSANDS, (_m, lead: string, head: string, groups: string) => lead + head + groups.replaceAll(' ', NNBSP)),
  },
];

for (const rule of LOCAL_RULES) {
  // Typograf's rule registry is global: register once even if this module is loaded twice.
  if (!Typograf.getRule(rule.name)) Typograf.addRule(rule);
}

const typograf = new Typograf({
  locale: ['fr', 'en-US'],
  disableRule: ['common/space/delBeforePunctuation', 'common/space/delBeforePercent', 'common/nbsp/afterNumber'],
});

/**
 * Results by input. Typograf runs ~100 rules per call and the site asks for the same strings
 * over and over (a project's name, organisation and territory appear on its page, its
 * territory's pages, the laureate index and the filter pages: ~150 000 calls for 1 000
 * projects, 5 s of the web build, for a few thousand distinct strings). The rules are pure, so
 * a cached result is the result.
 */
const cached = boundedMemo(50_000);
const execute = (text: string): string => cached(text, () => typograf.execute(text));

/**
 * Typography for one plain-text data string. The result is still plain text (HTML-escape it
 * when rendering): Typograf treats `<…>` as tags and leaves them untouched.
 */
export function typographize(text: string): string {
  return execute(text);
}

/** Typography for an HTML fragment (rendered Markdown): tags, attributes and entities are kept. */
export function typographizeHtml(html: string): string {
  return execute(html);
}
