/**
 * Printing part by part (src/print/sheets.ts) and merging the PDFs (src/print/pdf-merge.ts)
 * gives what one page.pdf() of the whole document gives: the fixture brochure printed in parts
 * of 3 pages against the same brochure printed at once. Compared the way a reader and a
 * screen reader meet them: text per page, folios, outline, links and where they lead, tags.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderPrint } from '../../src/print/render.ts';
import { hasPoppler, pdfInfo, pdfLines, pdfOutline, poppler, printFixtureFolder, squash } from './pdf-helpers.ts';

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

/** Each page's link annotations: where they lead (a named destination resolved to its page, or a URI). */
async function links(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  const pageOf = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  return doc.getPages().map((page) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((ref) => {
      const annot = doc.context.lookup(ref, PDFDict);
      const name = annot.get(PDFName.of('Dest'));
      if (name instanceof PDFName) {
        const target = dests?.lookupMaybe(name, PDFArray);
        return `${name.decodeText()} → page ${target ? pageOf.get(String(target.get(0))) : 'introuvable'}`;
      }
      return String(annot.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI')) ?? 'autre');
    }),
  );
}

/** The structure tree as element types (and marked-content ids with their page), depth first; and parent tree problems. */
async function tags(bytes: Uint8Array): Promise<{ tree: string[]; problems: string[] }> {
  const doc = await PDFDocument.load(bytes);
  const pageOf = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const tree: string[] = [];
  const walk = (object: unknown, depth: number, page?: number): void => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object;
    if (value instanceof PDFNumber) tree.push(`${depth} mcid p${page}`);
    else if (value instanceof PDFArray) value.asArray().forEach((kid) => walk(kid, depth, page));
    else if (value instanceof PDFDict) {
      const pg = value.get(PDFName.of('Pg'));
      const at = pg ? pageOf.get(String(pg)) : page;
      const type = String(value.get(PDFName.of('Type')) ?? '');
      if (type === '/OBJR' || type === '/MCR') tree.push(`${depth} ${type} p${at}`);
      else {
        tree.push(`${depth} ${String(value.get(PDFName.of('S')))}`);
        walk(value.get(PDFName.of('K')), depth + 1, at);
      }
    }
  };
  walk(root.get(PDFName.of('K')), 0);
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  const keys = new Map<number, unknown>();
  for (let i = 0; i < nums.size(); i += 2) keys.set((nums.lookup(i) as PDFNumber).asNumber(), nums.get(i + 1));
  const problems: string[] = [];
  doc.getPages().forEach((page, i) => {
    const key = page.node.get(PDFName.of('StructParents'));
    if (!(key instanceof PDFNumber)) return;
    const entry = keys.get(key.asNumber());
    const elements = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
    if (!(elements instanceof PDFArray)) problems.push(`page ${i + 1}: /StructParents ${key.asNumber()} absent de /ParentTree`);
    for (const element of elements instanceof PDFArray ? elements.asArray() : []) {
      const pg = doc.context.lookup(element, PDFDict).get(PDFName.of('Pg'));
      if (pg && pageOf.get(String(pg)) !== i + 1) problems.push(`page ${i + 1}: élément de la page ${pageOf.get(String(pg))}`);
    }
  });
  const next = root.get(PDFName.of('ParentTreeNextKey'));
  if (!(next instanceof PDFNumber) || next.asNumber() <= Math.max(...keys.keys())) problems.push('/ParentTreeNextKey trop petit');
  return { tree, problems };
}

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
  assert.equal(b.problems, []);
  assert.equal(b.tree, a.tree);
  assert.ok((await pdfInfo(merged)).markInfo?.Marked, '/MarkInfo /Marked');
  if (hasPoppler()) assert.match(poppler('pdfinfo', [join(dir, 'parts.pdf')]), /Tagged:\s+yes/);
});

parts.run();
