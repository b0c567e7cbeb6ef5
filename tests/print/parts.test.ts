/**
 * Printing part by part (src/print/sheets.ts) and merging the PDFs (src/print/pdf-merge.ts)
 * gives what one page.pdf() of the whole document gives: the fixture brochure printed in parts
 * of 3 pages against the same brochure printed at once. Compared the way a reader and a
 * screen reader meet them: text per page, folios, outline, links and where they lead, tags.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPrint } from '../../src/print/render.ts';
import { hasPoppler, pdfInfo, pdfLines, pdfLinks as links, pdfOutline, pdfTags as tags, poppler, printFixtureFolder, squash } from './pdf-helpers.ts';

interface Context {
  dir: string;
  whole: Uint8Array;
  parts: Uint8Array;
  pages: number;
}

const parts = suite<Context>('renderPrint in parts of 3 pages, merged');
const metadata = { title: 'Innovation sociale en Moselle', author: 'Département de la Moselle' };

parts.before(async (ctx) => {
  ctx.dir = await printFixtureFolder();
  const input = join(ctx.dir, 'brochure.html');
  const env = { SOURCE_DATE_EPOCH: '1700000000' };
  const whole = await renderPrint({ input, metadata, env, printPdf: false, screenPdf: join(ctx.dir, 'whole.pdf') });
  const inParts = await renderPrint({ input, metadata, env, printPdf: false, screenPdf: join(ctx.dir, 'parts.pdf'), pagesPerPart: 3 });
  assert.is(inParts.pageCount, whole.pageCount, 'same pagination');
  ctx.pages = whole.pageCount;
  ctx.whole = await readFile(join(ctx.dir, 'whole.pdf'));
  ctx.parts = await readFile(join(ctx.dir, 'parts.pdf'));
});

parts.after(async (ctx) => {
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

parts('the same text on every page, folios included', async ({ whole, parts: merged, pages }) => {
  const [a, b] = [await pdfLines(whole), await pdfLines(merged)];
  assert.is(b.length, pages);
  a.forEach((lines, i) => assert.is(squash((b[i] ?? []).join('')), squash(lines.join('')), `page ${i + 1}`));
});

parts('the same outline, entry by entry, to the same pages', async ({ whole, parts: merged }) => {
  assert.equal(await pdfOutline(merged), await pdfOutline(whole));
  assert.ok((await pdfOutline(merged)).some((e) => e.depth === 1), 'nested entries (h2 under h1) across parts');
});

parts('every link, across parts too (the contents on page 2 lead to pages 4 and after)', async ({ whole, parts: merged }) => {
  const [a, b] = [await links(whole), await links(merged)];
  assert.equal(b, a);
  assert.ok((b[1] ?? []).some((l) => /→ page ([4-9]|\d\d)$/.test(l)), `links of page 2: ${(b[1] ?? []).join(', ')}`);
  assert.not.ok(b.flat().some((l) => l.endsWith('introuvable')), 'every destination is defined');
});

parts('one structure tree: the same elements, each on its page, the parent tree consistent', async ({ dir, whole, parts: merged }) => {
  const [a, b] = [await tags(whole), await tags(merged)];
  assert.equal(b.problems, [], 'merged from parts');
  assert.equal(a.problems, [], 'printed at once');
  assert.equal(b.tree, a.tree);
  assert.ok((await pdfInfo(merged)).markInfo?.Marked, '/MarkInfo /Marked');
  if (hasPoppler()) assert.match(poppler('pdfinfo', [join(dir, 'parts.pdf')]), /Tagged:\s+yes/);
});

parts.run();
