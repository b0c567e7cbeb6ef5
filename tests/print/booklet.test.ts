/**
 * A territory's booklet from the bundled data: its own cover, contents and page numbers from 1,
 * the same layout as the brochure, its own file names and title.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BuildPrintResult } from '../../src/print/build.ts';
import { pdfInfo, pdfLines, pdfOutline, squash } from './pdf-helpers.ts';
import { BUNDLED_DATA, sharedBuild } from './support/fixture.ts';

const booklet = suite<{ result: BuildPrintResult; text: string[][] }>('buildPrint (booklet: Territoire de Thionville)');

booklet.before(async (ctx) => {
  ctx.result = await sharedBuild('thionville', async () => ({ dataDir: BUNDLED_DATA, territory: 'thionville', pdfx: false }));
  ctx.text = await pdfLines(await readFile(ctx.result.screen.path));
});

booklet('has its own files, title and cover', async ({ result, text }) => {
  assert.is(basename(result.print.path), 'innovation-sociale-moselle-2025-thionville-impression.pdf');
  assert.is(basename(result.screen.path), 'innovation-sociale-moselle-2025-thionville-ecran.pdf');
  const { info } = await pdfInfo(await readFile(result.screen.path));
  assert.is(info.Title, 'Innovation Sociale en Moselle 2025 — Territoire de Thionville');
  const cover = squash((text[0] ?? []).join(''));
  assert.ok(cover.startsWith(squash('DÉPARTEMENT DE LA MOSELLE Territoire de Thionville Innovation Sociale en Moselle 2025')), cover);
  assert.not.ok((text[0] ?? []).some((l) => /^\d+$/.test(l.trim())), 'no folio on the cover');
});

booklet('numbers its pages from 1 and its contents point to them', async ({ result, text }) => {
  assert.ok(result.pageCount >= 6 && result.pageCount <= 12, `${result.pageCount} pages`);
  assert.is(result.pageCount % 4, 0);
  assert.ok((text[1] ?? []).some((l) => l.trim() === '2'), 'page 2 is numbered 2');
  const outline = await pdfOutline(await readFile(result.screen.path));
  assert.equal(
    outline.filter((e) => e.depth === 0).map((e) => e.title),
    ['Sommaire', 'Introduction', 'Territoire de Thionville', 'Vos contacts au Département'],
  );
  const toc = (text[1] ?? []).map((l) => l.trim());
  const territory = outline.find((e) => e.title === 'Territoire de Thionville');
  assert.ok(toc.some((l) => squash(l) === squash(`Territoire de Thionville ${territory?.page}`)), `the contents say page ${territory?.page}`);
});

booklet('holds the territory’s five laureates and nothing else, with nothing to correct', ({ result, text }) => {
  const all = squash(text.flat().join(''));
  for (const p of result.html.document.projets) assert.ok(all.includes(squash(p.titre.charAt(0).toUpperCase() + p.titre.slice(1))), p.titre);
  assert.is(result.html.document.projets.length, 5);
  assert.not.ok(all.includes('Graoucoop'), 'no project of another territory');
  // Pages under 75 % are checked, with their known exceptions, by layout-bundled.test.ts.
  assert.equal(result.findings.filter((f) => f.kind !== 'sparse-page').map((f) => f.message), []);
});

booklet.run();
