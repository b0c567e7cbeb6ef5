/**
 * A missing or broken typeface stops the build with a French message, instead of a brochure
 * printed in a fallback font that nobody is told about.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FontFileMissingError } from '../../src/errors.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { renderPrint } from '../../src/print/render.ts';
import { assertFontFiles, FONTS } from '../../src/site/fonts.ts';
import { printFontFile } from '../../src/print/font-unicode.ts';
import { fixtureData, tempDir } from './support/fixture.ts';

const fonts = suite('fonts');

fonts('the bundled font files are all there', async () => {
  await assertFontFiles();
});

fonts('a font file missing from node_modules is named, with the fix', async () => {
  const gone = join(await tempDir('fonts-missing'), 'source-sans-3-latin-400-normal.woff2');
  const error = await assertFontFiles([{ ...FONTS[0]!, path: gone }]).then(() => undefined, (e: unknown) => e);
  assert.instance(error, FontFileMissingError);
  assert.is((error as FontFileMissingError).code, 'FONT_MISSING');
  assert.match((error as Error).message, gone);
  assert.match((error as Error).message, /npm ci/);
});

fonts('a corrupt font file fails the PDF in French, naming the face', async () => {
  const outDir = join(await tempDir('fonts-corrupt'), 'out');
  const html = await renderPrintHtml({ dataDir: await fixtureData(), outDir });
  try {
    // What an interrupted download leaves: a file with the right name and no font in it.
    await writeFile(join(outDir, 'fonts', printFontFile(FONTS[0]!.file)), 'pas une police');
    const error = await renderPrint({ input: html.htmlPath, metadata: { title: 'Essai', author: 'Département de la Moselle', subject: 'Polices' } }).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'the render must fail');
    assert.is((error as { code?: string }).code, 'FONT_LOAD_FAILED');
    assert.match((error as Error).message, /Source Sans 3 400/);
    assert.match((error as Error).message, /police de remplacement/);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

fonts.run();
