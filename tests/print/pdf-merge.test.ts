/**
 * mergePdfParts numbers the parent tree keys from what each part's pages and links use, not
 * from what the browser wrote. Chromium 156 numbers a page's key then its links' keys, from 0;
 * Chromium 143 (@sparticuz/chromium) numbers the pages 0…n−1, the links from 100 000, and
 * writes /ParentTreeNextKey n. The parts here are printed by this run's browser, then given
 * each numbering, so that both are checked whichever browser runs the tests.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { withBrowser } from '../../src/browser/launch.ts';
import { mergePdfParts } from '../../src/print/pdf-merge.ts';
import { pdfLinks, pdfTags } from './pdf-helpers.ts';

const merge = suite<{ printed: Uint8Array }>('mergePdfParts: parent tree keys');

/** Three pages, five links on the first: more links than pages, so shifted keys would collide. */
const HTML = `<!doctype html><html lang="fr"><body>
<h1 id="a">Sommaire</h1><ul>${[1, 2, 3, 4, 5].map((n) => `<li><a href="#${n % 2 ? 'b' : 'c'}">Entrée ${n}</a></li>`).join('')}</ul>
<section style="break-before: page"><h2 id="b">Deux</h2><p>Texte et <a href="#a">retour</a>.</p></section>
<section style="break-before: page"><h2 id="c">Trois</h2><p>Fin.</p></section></body></html>`;

merge.before(async (ctx) => {
  ctx.printed = await withBrowser(async ({ browser }) => {
    const page = await browser.newPage();
    await page.setContent(HTML);
    return page.pdf({ tagged: true, outline: true });
  });
});

const root = (doc: PDFDocument) => doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);

/** The part's keys, renumbered by `keyOf(kind, index)`; /ParentTreeNextKey set to `next`. */
function renumber(doc: PDFDocument, keyOf: (kind: 'page' | 'link', index: number) => number, next: (keys: number[]) => number): void {
  const parentTree = root(doc).lookup(PDFName.of('ParentTree'), PDFDict);
  const nums = parentTree.lookup(PDFName.of('Nums'), PDFArray);
  const old = new Map<number, PDFObject>();
  for (let i = 0; i < nums.size(); i += 2) old.set((nums.lookup(i) as PDFNumber).asNumber(), nums.get(i + 1));
  const entries: Array<[number, PDFObject]> = [];
  let links = 0;
  const move = (dict: PDFDict, name: string, key: number) => {
    const was = (dict.get(PDFName.of(name)) as PDFNumber).asNumber();
    dict.set(PDFName.of(name), PDFNumber.of(key));
    entries.push([key, old.get(was)!]);
  };
  doc.getPages().forEach((page, i) => {
    move(page.node, 'StructParents', keyOf('page', i));
    for (const annot of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const dict = doc.context.lookup(annot, PDFDict);
      if (dict.has(PDFName.of('StructParent'))) move(dict, 'StructParent', keyOf('link', links++));
    }
  });
  entries.sort(([a], [b]) => a - b);
  parentTree.set(PDFName.of('Nums'), doc.context.obj(entries.flat()));
  root(doc).set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(next(entries.map(([key]) => key))));
}

const NUMBERINGS = {
  'Chromium 143: pages 0…n−1, links from 100 000, next key n': (doc: PDFDocument) =>
    renumber(doc, (kind, i) => (kind === 'page' ? i : 100_000 + i), () => doc.getPageCount()),
  'sparse keys (pages 0, 10, 20, links between) and a next key far above them': (doc: PDFDocument) =>
    renumber(doc, (kind, i) => (kind === 'page' ? 10 * i : 10 * i + 5), (keys) => Math.max(...keys) + 1_000),
};

for (const [name, numbering] of Object.entries(NUMBERINGS)) {
  merge(`three parts numbered as ${name}: one consistent parent tree`, async ({ printed }) => {
    const parts = await Promise.all([1, 2, 3].map(() => PDFDocument.load(printed)));
    parts.forEach(numbering);
    const merged = await (await mergePdfParts(parts)).save();
    const tags = await pdfTags(merged);
    assert.equal(tags.problems, []);
    // One Document element holding each part's elements, the links of the three parts under it.
    const single = (await pdfTags(printed)).tree;
    assert.is(tags.tree.filter((line) => line.startsWith('0 ')).length, 1, 'one top element');
    assert.is(tags.tree.length, 1 + 3 * (single.length - 1));
    assert.is(tags.tree.filter((line) => line.includes('/OBJR')).length, 3 * 6);
    // Every key once, from 0: 3 pages and 6 links a part.
    const doc = await PDFDocument.load(merged);
    assert.is((root(doc).get(PDFName.of('ParentTreeNextKey')) as PDFNumber).asNumber(), 3 * (3 + 6));
    assert.equal((await pdfLinks(merged)).slice(0, 3), await pdfLinks(printed), 'the first part’s links unchanged');
  });
}

merge('one part is kept as printed, its keys numbered the same way', async ({ printed }) => {
  const part = await PDFDocument.load(printed);
  NUMBERINGS['Chromium 143: pages 0…n−1, links from 100 000, next key n'](part);
  const merged = await (await mergePdfParts([part])).save();
  assert.equal((await pdfTags(merged)).problems, []);
  assert.equal((await pdfTags(merged)).tree, (await pdfTags(printed)).tree);
  assert.equal(await pdfLinks(merged), await pdfLinks(printed));
});

merge.run();
