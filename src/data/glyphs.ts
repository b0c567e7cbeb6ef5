/**
 * Characters the brochure's typefaces cannot draw. The fonts are @fontsource's Latin subsets
 * (src/site/fonts.ts): an emoji, an Arabic or a Chinese letter typed in the data printed as an
 * empty box, silently. Each font's character map is read from its WOFF file (the same glyphs
 * as the woff2 the editions load; WOFF tables are zlib streams, so Node reads them alone), and
 * a warning names the file, the line and the field of every text holding a character that one
 * of the faces lacks. Warning, not error: the site shows it with a system font.
 */
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { FONTS, type FontFile } from '../site/fonts.ts';
import type { Finding } from './finding.ts';
import type { Loaded } from './load.ts';
import { locate, nameOf } from './messages.ts';
import { LineCounter } from './positions.ts';
import { eachTextLine, eachYamlString } from './walk-strings.ts';
import { boundedMemo } from '../memo.ts';

/** The tables of a WOFF 1.0 file (W3C WOFF, §4–5), inflated when compressed. */
function woffTable(bytes: Buffer, wanted: string): Buffer | undefined {
  if (bytes.toString('latin1', 0, 4) !== 'wOFF') return undefined;
  const count = bytes.readUInt16BE(12);
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    if (bytes.toString('latin1', at, at + 4) !== wanted) continue;
    const offset = bytes.readUInt32BE(at + 4);
    const compressed = bytes.readUInt32BE(at + 8);
    const original = bytes.readUInt32BE(at + 12);
    const data = bytes.subarray(offset, offset + compressed);
    return compressed < original ? inflateSync(data) : data;
  }
  return undefined;
}

/** The code points of a `cmap` table (OpenType: subtables of format 4 and 12). */
export function cmapCodePoints(cmap: Buffer): Set<number> {
  const points = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const at = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const ranges = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(ranges + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = cmap.readUInt16BE(ranges + s * 2 + rangeOffset + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(at + 16 + g * 12);
        const end = cmap.readUInt32BE(at + 20 + g * 12);
        for (let c = start; c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

let coverage: Promise<Set<number>> | undefined;

/** Code points every face of the brochure draws (the intersection: a title and a text alike). */
export function fontCoverage(fonts: readonly FontFile[] = FONTS): Promise<Set<number>> {
  coverage ??= (async () => {
    let common: Set<number> | undefined;
    for (const font of fonts) {
      const woff = await readFile(font.path.replace(/\.woff2$/, '.woff'));
      const cmap = woffTable(woff, 'cmap');
      if (!cmap) throw new Error(`pas de table cmap dans ${font.path}`);
      const points = cmapCodePoints(cmap);
      common = common ? new Set([...common].filter((c) => points.has(c))) : points;
    }
    return common ?? new Set<number>();
  })();
  return coverage;
}

/**
 * The distinct characters of `text` no face draws. Spaces (the narrow no-break space U+202F
 * is not in the subset: Chromium takes its width from a fallback font, and nothing is drawn)
 * and invisible format characters are not glyphs, so they are not reported.
 */
export function missingGlyphs(text: string, covered: ReadonlySet<number>): string[] {
  const missing = new Set<string>();
  // Composed first: « e » + U+0301 from a Mac is drawn as « é ».
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    // Controls are no glyphs either: control-checks.ts reports them (both editions drop them).
    if (covered.has(code) || /[\s\p{Cf}\p{Cc}]/u.test(ch)) continue;
    missing.add(ch);
  }
  return [...missing];
}

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function describeMissing(chars: string[]): string {
  const shown = chars.slice(0, 5).map((ch) => `« ${ch} » (${codePoint(ch)})`).join(', ');
  return `${shown}${chars.length > 5 ? ` et ${chars.length - 5} autre${chars.length > 6 ? 's' : ''}` : ''}`;
}

/**
 * The missing characters of each text, remembered for one coverage: the preview checks every
 * text again after each save, nearly all of them unchanged.
 */
let remembered: { covered: ReadonlySet<number>; missing: (text: string, compute: () => string[]) => string[] } | undefined;
function missingIn(text: string, covered: ReadonlySet<number>): string[] {
  if (remembered?.covered !== covered) remembered = { covered, missing: boundedMemo<string[]>(200_000) };
  return remembered.missing(text, () => missingGlyphs(text, covered));
}

const HINT = 'Les polices de la brochure ne dessinent que l’alphabet latin : ces caractères s’imprimeraient comme des carrés vides. Remplacez-les par des mots (ou des caractères latins), ou supprimez-les.';

/**
 * Keys whose values are never printed as text; `textes` is not written in the YAML but added
 * to an edition by the loader (its Markdown texts, checked line by line below).
 */
const NOT_PRINTED = new Set(['id', 'fichier', 'slug', 'textes']);

/** One warning per YAML value, and per line of Markdown text, holding characters no face draws. */
export async function glyphWarnings(loaded: Loaded): Promise<Finding[]> {
  // Font files missing or damaged: the build stops on them with its own message (assertFontFiles).
  const covered = await fontCoverage().catch(() => undefined);
  if (!covered) {
    coverage = undefined;
    return [];
  }
  const out: Finding[] = [];
  eachYamlString(
    loaded,
    (doc, value, pointer) => {
      const missing = missingIn(value, covered);
      if (missing.length) out.push({ severity: 'avertissement', code: 'GLYPH_MISSING', file: doc.file, ...locate(doc, pointer), message: `${nameOf(pointer)} contient des caractères absents des polices de la brochure : ${describeMissing(missing)}`, hint: HINT });
    },
    NOT_PRINTED,
  );
  const counters = new Map<string, LineCounter>();
  eachTextLine(loaded, (file, text, line, number) => {
    const missing = missingIn(line, covered);
    if (!missing.length) return;
    const lines = counters.get(text) ?? new LineCounter(text);
    counters.set(text, lines);
    const column = Math.max(0, line.indexOf(missing[0]!)) + 1;
    out.push({ severity: 'avertissement', code: 'GLYPH_MISSING', file, line: number, column, source: lines.lineText(number), message: `le texte contient des caractères absents des polices de la brochure : ${describeMissing(missing)}`, hint: HINT });
  });
  return out;
}
