/**
 * The print fonts' character maps (src/print/font-unicode.ts): the shipped WOFF unpacked, its
 * cmap read and written back, the ambiguous code points left out and nothing else changed.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FONTS } from '../../src/site/fonts.ts';
import { printFont, readFormat4, SHADOWING, unpackWoff, writeCmap } from '../../src/print/font-unicode.ts';

const fonts = suite('print fonts: one character per glyph');

fonts('every face: ’ and ‘ keep their glyph, ʼ and ʻ are gone where they shared it, every other code point is kept', () => {
  for (const face of FONTS) {
    const woff = readFileSync(face.path.replace(/\.woff2$/, '.woff'));
    const before = readFormat4(unpackWoff(woff).tables.get('cmap')!);
    // Source Serif 4 shares the glyphs (the ambiguity this removes); Source Sans 3 does not.
    if (face.family === 'Source Serif 4') assert.is(before.get(0x02bc), before.get(0x2019), `${face.file}: ʼ and ’ share a glyph`);
    const shared = new Set([...SHADOWING].filter(([shadow, real]) => before.get(shadow) === before.get(real)).map(([shadow]) => shadow));
    const font = printFont(woff);
    assert.is(font.readUInt32BE(0), 0x00010000, 'a TrueType file');
    // Read the cmap back from the written file's table directory.
    const count = font.readUInt16BE(4);
    let cmap: Buffer | undefined;
    for (let i = 0; i < count; i++) {
      if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') cmap = font.subarray(font.readUInt32BE(20 + 16 * i), font.readUInt32BE(20 + 16 * i) + font.readUInt32BE(24 + 16 * i));
    }
    const after = readFormat4(cmap!);
    for (const shadow of shared) assert.not.ok(after.has(shadow), `${face.file}: U+${shadow.toString(16)}`);
    const expected = new Map([...before].filter(([c]) => !shared.has(c)));
    assert.equal(after, expected, `${face.file}: the rest of the map as it was`);
  }
});

fonts('a written cmap reads back the same, runs and lone code points alike', () => {
  const map = new Map([[0x20, 3], [0x21, 4], [0x22, 5], [0x41, 36], [0xe9, 200], [0x2019, 169], [0xfb01, 400]]);
  assert.equal(readFormat4(writeCmap(map)), map);
});

fonts.run();
