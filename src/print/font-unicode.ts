/**
 * The print edition's fonts, with one ambiguity of their character maps taken out.
 *
 * Why: Source Serif 4 and Source Sans 3 draw the apostrophe ’ (U+2019) and the modifier letter
 * apostrophe ʼ (U+02BC) with one glyph, and ‘ (U+2018) and ʻ (U+02BB) with another. Chromium
 * writes one Unicode value per glyph in the PDF's ToUnicode map — the lowest, U+02BC — and an
 * ActualText for the real one: poppler and Acrobat read ’, pdf.js (Firefox's viewer) reads ʼ,
 * so a search for « Trait d’Union » there missed the headings (188 apostrophes of the 2025
 * brochure). Without U+02BB and U+02BC in the map, which French text never uses, each glyph
 * has one character. The web edition keeps the published files untouched.
 *
 * How: the WOFF 1.0 file the @fontsource package ships beside each WOFF2 (zlib, which Node
 * reads) is unpacked to a plain TrueType file whose cmap is rebuilt as one format 4 subtable
 * without those two code points; every other table is copied as it is.
 */
import { inflateSync } from 'node:zlib';

/** The print folder's file for a face published as `file` (a .woff2): TrueType. */
export const printFontFile = (file: string): string => file.replace(/\.woff2$/, '.ttf');

/** The WOFF 1.0 file @fontsource ships beside a face's WOFF2: what the print font is made from. */
export const woffSource = (path: string): string => path.replace(/\.woff2$/, '.woff');

/** Code points left out of the print fonts' character map, and the one each would shadow. */
export const SHADOWING: ReadonlyMap<number, number> = new Map([
  [0x02bc, 0x2019],
  [0x02bb, 0x2018],
]);

/** The tables of a WOFF 1.0 file, uncompressed, and its sfnt flavour. */
export function unpackWoff(woff: Buffer): { flavor: number; tables: Map<string, Buffer> } {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 44 + 20 * i;
    const tag = woff.toString('latin1', at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    tables.set(tag, compressed < length ? inflateSync(raw) : Buffer.from(raw));
  }
  return { flavor, tables };
}

/** Code point → glyph of a format 4 cmap subtable (the one every Latin font has). */
export function readFormat4(cmap: Buffer): Map<number, number> {
  const count = cmap.readUInt16BE(2);
  let at = -1;
  for (let i = 0; i < count; i++) {
    const offset = cmap.readUInt32BE(4 + 8 * i + 4);
    if (cmap.readUInt16BE(offset) === 4) at = offset;
  }
  if (at < 0) throw new Error('no format 4 cmap subtable');
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  const map = new Map<number, number>();
  for (let s = 0; s < segments; s++) {
    const start = cmap.readUInt16BE(starts + 2 * s);
    const end = cmap.readUInt16BE(ends + 2 * s);
    const delta = cmap.readInt16BE(deltas + 2 * s);
    const range = cmap.readUInt16BE(ranges + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (range === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = cmap.readUInt16BE(ranges + 2 * s + range + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** A cmap table with one format 4 subtable for `map` (BMP only), for (0,3) and (3,1). */
export function writeCmap(map: ReadonlyMap<number, number>): Buffer {
  const codes = [...map.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b);
  // Runs of consecutive code points whose glyphs follow them one for one: one segment each.
  const segments: Array<{ start: number; end: number; delta: number }> = [];
  for (const c of codes) {
    const delta = (map.get(c)! - c) & 0xffff;
    const last = segments.at(-1);
    if (last && last.end === c - 1 && last.delta === delta) last.end = c;
    else segments.push({ start: c, end: c, delta });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segments.length;
  const length = 16 + 8 * n;
  const sub = Buffer.alloc(length);
  const power = 2 ** Math.floor(Math.log2(n));
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(length, 2);
  sub.writeUInt16BE(0, 4);
  sub.writeUInt16BE(2 * n, 6);
  sub.writeUInt16BE(2 * power, 8);
  sub.writeUInt16BE(Math.log2(power), 10);
  sub.writeUInt16BE(2 * n - 2 * power, 12);
  segments.forEach((s, i) => {
    sub.writeUInt16BE(s.end, 14 + 2 * i);
    sub.writeUInt16BE(s.start, 16 + 2 * n + 2 * i);
    sub.writeUInt16BE(s.delta, 16 + 4 * n + 2 * i);
    sub.writeUInt16BE(0, 16 + 6 * n + 2 * i);
  });
  const header = Buffer.alloc(4 + 8 * 2);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(2, 2);
  for (const [i, [platform, encoding]] of [[0, 3], [3, 1]].entries()) {
    header.writeUInt16BE(platform!, 4 + 8 * i);
    header.writeUInt16BE(encoding!, 6 + 8 * i);
    header.writeUInt32BE(header.length, 8 + 8 * i);
  }
  return Buffer.concat([header, sub]);
}

const checksum = (data: Buffer): number => {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
};

/** A TrueType/OpenType file from its tables (checksums and head.checkSumAdjustment recomputed). */
export function writeSfnt(flavor: number, tables: ReadonlyMap<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const power = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * power, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(16 * n - 16 * power, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  let headAt = -1;
  tags.forEach((tag, i) => {
    const data = Buffer.from(tables.get(tag)!);
    if (tag === 'head') {
      data.writeUInt32BE(0, 8);
      headAt = offset;
    }
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(checksum(data), 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(data.length, 24 + 16 * i);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  if (headAt >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/**
 * The TrueType file the print edition uses for a WOFF 1.0 font: its character map without the
 * code points of SHADOWING that share a glyph with the character they would shadow.
 */
export function printFont(woff: Buffer): Buffer {
  const { flavor, tables } = unpackWoff(woff);
  const map = readFormat4(tables.get('cmap')!);
  for (const [shadow, real] of SHADOWING) if (map.get(shadow) === map.get(real)) map.delete(shadow);
  tables.set('cmap', writeCmap(map));
  return writeSfnt(flavor, tables);
}
