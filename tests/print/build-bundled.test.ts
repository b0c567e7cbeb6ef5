/**
 * The print build on the bundled 2025 data (data/), rendered once for every assertion: what a
 * reader, a proof-reader and a printer check in the PDFs, read back with poppler (pdfinfo,
 * pdffonts, pdftotext through pdfjs) and pdf-lib.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { operations } from '../../src/print/pdf/content-stream.ts';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BuildPrintResult } from '../../src/print/build.ts';
import { PT_PER_MM } from '../../src/print/pdf-finish.ts';
import { main } from '../../src/cli/main.ts';
import { isDarkNeutralCmyk, isKOnly } from '../../src/print/pdf/ink.ts';
import { pagePaint } from '../../src/print/pdf/page-paint.ts';
import { formatPreflight } from '../../src/print/pdf/preflight.ts';
import { ghostscriptVersion } from '../../src/print/pdfx.ts';
import { pageTexts, pdfBoxes, pdfFonts, pdfInfo, pdfLines, pdfLists, pdfOutline, poppler, requirePoppler, squash, tocNumbers, type OutlineEntry } from './pdf-helpers.ts';
import { bundledBuild } from './support/fixture.ts';

interface Context {
  result: BuildPrintResult & { outDir: string };
  print: Uint8Array;
  screen: Uint8Array;
  text: string[][];
  /** Each page's text in reading order (columns apart). */
  pages: string[];
  outline: OutlineEntry[];
}

const bundled = suite<Context>('buildPrint (bundled data, 2025)');

bundled.before(async (ctx) => {
  ctx.result = await bundledBuild();
  ctx.print = await readFile(ctx.result.print.path);
  ctx.screen = await readFile(ctx.result.screen.path);
  ctx.text = await pdfLines(ctx.screen);
  ctx.outline = await pdfOutline(ctx.screen);
  ctx.pages = await pageTexts(ctx.result.screen.path, ctx.screen);
});

bundled('writes the print and screen PDFs under their published names, same page count, A4', async ({ result, print, screen }) => {
  assert.is(basename(result.print.path), 'innovation-sociale-moselle-2025-impression.pdf');
  assert.is(basename(result.screen.path), 'innovation-sociale-moselle-2025-ecran.pdf');
  assert.ok(result.pageCount >= 40 && result.pageCount <= 64, `page count ${result.pageCount}`);
  assert.is(result.pageCount % 4, 0, 'a multiple of 4 (saddle stitching)');
  assert.is((await PDFDocument.load(print)).getPageCount(), result.pageCount);
  assert.is((await PDFDocument.load(screen)).getPageCount(), result.pageCount);
  assert.equal(result.trim, { widthMm: 210, heightMm: 297 });
  for (const key of ['html', 'launch', 'load', 'paginate', 'fit', 'pdfPrint', 'pdfScreen', 'postProcess', 'pdfx', 'total'] as const) {
    assert.type(result.timings[key], 'number', `timing ${key}`);
  }
});

bundled('the fit check finds nothing to correct in the real brochure (pages under 75 %: layout-bundled.test.ts)', ({ result }) => {
  assert.equal(result.findings.filter((f) => f.kind !== 'sparse-page').map((f) => f.message), []);
  assert.equal(result.fontProblems, []);
});

bundled('each table-of-contents number is the page where its entry really starts', ({ result, text, outline }) => {
  const toc = tocNumbers(text, result);
  assert.ok(toc.length >= 20, `${toc.length} numbered entries`);
  for (const { titre, number } of toc) {
    const title = squash(titre);
    const entry = outline.find((e) => squash(e.title) === title);
    assert.ok(entry, `outline entry for ${titre}`);
    assert.is(number, entry?.page, `TOC number of « ${titre} »`);
    assert.ok(squash((text[number - 1] ?? []).join('')).includes(title), `« ${titre} » is printed on page ${number}`);
  }
});

bundled('every project appears inside its territory’s section, between its opener and the next', ({ result, text, pages }) => {
  const toc = tocNumbers(text, result);
  const pageOf = (titre: string) => toc.find((e) => e.titre === titre)?.number ?? 0;
  const territories = result.html.document.territoires;
  const starts = territories.map((t) => pageOf(t.intitule));
  const contacts = pageOf('Vos contacts au Département');
  territories.forEach((t, i) => {
    const from = starts[i] ?? 0;
    // An opener follows the previous section on its last page when it fits there: that page
    // belongs to both sections.
    const to = starts[i + 1] ?? contacts - 1;
    assert.ok(from > 0 && to >= from, `${t.id}: pages ${from}–${to}`);
    const section = squash(pages.slice(from - 1, to).join('')).replace(/\u00AD/g, '');
    for (const p of t.rangs.flatMap((r) => r.projets)) {
      const name = squash(p.titre.charAt(0).toLocaleUpperCase('fr') + p.titre.slice(1));
      assert.ok(section.includes(name), `« ${p.titre} » printed in ${t.intitule} (pages ${from + 1}–${to})`);
      // The year badge, spelled out as the brochure does.
      assert.ok(section.includes(`Lauréat${p.annee}`) || section.includes(`LAURÉAT${p.annee}`), `${p.id}: year badge`);
    }
  });
  assert.is(territories.flatMap((t) => t.rangs.flatMap((r) => r.projets)).length, 56);
});

bundled('running heads carry the section; no folio on the cover, the back cover and the blank pages', ({ result, text }) => {
  const facts = result.pageFacts;
  for (const page of facts) {
    const lines = text[page.number - 1] ?? [];
    const folio = lines.some((l) => l.trim() === String(page.number));
    const quiet = page.blank || page.name === 'cover' || page.name === 'back-cover' || page.name?.startsWith('opener');
    if (quiet) assert.not.ok(folio, `no folio on page ${page.number} (${page.name ?? 'blank'})`);
    else assert.ok(folio, `folio on page ${page.number}`);
    if (page.blank) assert.equal(lines, [], `blank page ${page.number} is clean`);
  }
  const graoucoop = text.findIndex((lines) => lines.some((l) => squash(l) === 'Graoucoop')) + 1;
  const page = text[graoucoop - 1] ?? [];
  const head = graoucoop % 2 === 0 ? 'INNOVATIONSOCIALEENMOSELLE2025' : squash('TERRITOIRE DE METZ – ORNE');
  assert.ok(page.some((l) => squash(l) === head), `running head of page ${graoucoop}: ${head}`);
  // Territory openers are tinted boxes sized to fit (print/handlers/fit-grow.js), on pages of
  // the flow, with running heads and folios: sparse by design, not named pages.
  assert.is(facts.filter((p) => p.sparseBox && !p.name).length >= result.html.document.territoires.length, true, 'a page per opener holds a box marked sparse by design');
});

bundled('print PDF: TrimBox is A4 and BleedBox is 3 mm around it on every page; screen PDF has no bleed', async ({ result, print, screen }) => {
  const near = (a: number, b: number) => Math.abs(a - b) < 0.02;
  for (const [i, page] of (await PDFDocument.load(print)).getPages().entries()) {
    const [bleed, trim] = [page.getBleedBox(), page.getTrimBox()];
    assert.ok(near(trim.width, 210 * PT_PER_MM) && near(trim.height, 297 * PT_PER_MM), `page ${i + 1}: trim is A4`);
    assert.ok(near(trim.x - bleed.x, 3 * PT_PER_MM) && near(bleed.width - trim.width, 6 * PT_PER_MM), `page ${i + 1}: 3 mm bleed`);
  }
  for (const page of (await PDFDocument.load(screen)).getPages()) assert.ok(near(page.getMediaBox().width, page.getTrimBox().width));
  if (!requirePoppler()) return;
  const boxes = pdfBoxes(result.print.path);
  assert.is(boxes.length, result.pageCount);
  for (const [i, b] of boxes.entries()) {
    const bleedMm = (b.TrimBox[0]! - b.BleedBox[0]!) / PT_PER_MM;
    assert.ok(Math.abs(bleedMm - 3) < 0.01, `pdfinfo -box page ${i + 1}: TrimBox and BleedBox 3 mm apart (${bleedMm})`);
    assert.ok(Math.abs((b.BleedBox[2]! - b.TrimBox[2]!) / PT_PER_MM - 3) < 0.01, `page ${i + 1}: right side`);
  }
});

bundled('fonts: the web edition’s Source Sans 3 and Source Serif 4, embedded, no Type 3, no fallback font', async ({ result }) => {
  if (!requirePoppler()) return;
  for (const path of [result.print.path, result.screen.path]) {
    const fonts = pdfFonts(path);
    assert.ok(fonts.length >= 4, `${fonts.length} fonts`);
    for (const font of fonts) {
      assert.ok(font.embedded, `${font.name} embedded`);
      assert.not.match(font.type, /Type 3/, font.name);
      assert.match(font.name, /^[A-Z]{6}\+(SourceSans3|SourceSerif4)/, `${font.name}: one of ours`);
    }
  }
});

bundled('screen PDF: tagged, French, titled, with one outline entry per section', async ({ result, screen, outline, text }) => {
  const { info, markInfo } = await pdfInfo(screen);
  assert.is(info.Language, 'fr');
  assert.is(info.Title, 'Innovation Sociale en Moselle 2025');
  assert.is(info.Author, 'Département de la Moselle');
  assert.ok(markInfo?.Marked, '/MarkInfo /Marked');
  const doc = await PDFDocument.load(screen, { updateMetadata: false });
  assert.ok(doc.catalog.has(PDFName.of('StructTreeRoot')));
  // XMP too, where checkers and document managers read the title and language.
  const xmp = doc.catalog.lookup(PDFName.of('Metadata'));
  assert.ok(xmp instanceof PDFRawStream, 'an XMP metadata stream');
  const packet = Buffer.from(xmp.getContents()).toString('utf8');
  assert.match(packet, /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Innovation Sociale en Moselle 2025<\/rdf:li>/);
  assert.match(packet, /<dc:language><rdf:Bag><rdf:li>fr<\/rdf:li>/);
  assert.match(packet, /<dc:creator><rdf:Seq><rdf:li>Département de la Moselle<\/rdf:li>/);
  assert.not.match(packet, /pdfuaid/, 'no conformance claim');
  const sections = outline.filter((e) => e.depth === 0).map((e) => squash(e.title));
  const expected = ['Sommaire', ...tocNumbers(text, result).map((e) => e.titre)];
  assert.equal(sections, expected.map(squash), 'top-level outline = the sections of the table of contents');
  if (requirePoppler()) {
    const pdfinfo = poppler('pdfinfo', [result.screen.path]);
    assert.match(pdfinfo, /Tagged:\s+yes/);
    assert.match(pdfinfo, /Title:\s+Innovation Sociale en Moselle 2025/);
  }
});

bundled('screen PDF read aloud: every link describes itself with its text on the page, every structure type is known to PDF 1.7', async ({ screen }) => {
  const doc = await PDFDocument.load(screen, { updateMetadata: false });
  const described: string[] = [];
  let links = 0;
  for (const page of doc.getPages()) {
    for (const ref of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const annot = doc.context.lookup(ref, PDFDict);
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      links += 1;
      const contents = annot.lookup(PDFName.of('Contents'));
      if (contents instanceof PDFHexString || contents instanceof PDFString) described.push(contents.decodeText());
    }
  }
  assert.ok(links > 100, `${links} links`);
  assert.is(described.filter((d) => d.trim().length > 0).length, links, 'links with a /Contents');
  // As printed: the contents page's entries with their page numbers, the e-mail addresses.
  for (const text of ['Édito, page 3', 'Territoire de Thionville, page 32', 'Vos contacts au Département, page 44', 'boulakdour.mohamed@gmail.com']) assert.ok(described.includes(text), `${text} in ${described.slice(0, 30).join(' | ')}`);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const roles = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const standard = new Set('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '));
  const types = new Set<string>();
  const seen = new Set<unknown>();
  const stack: unknown[] = [root.get(PDFName.of('K'))];
  while (stack.length) {
    const item = stack.pop();
    const node = item === undefined ? undefined : doc.context.lookup(item as PDFDict);
    if (node instanceof PDFArray) stack.push(...node.asArray());
    else if (node instanceof PDFDict && !seen.has(node)) {
      seen.add(node);
      const type = node.get(PDFName.of('S'));
      if (type instanceof PDFName) types.add(type.decodeText());
      stack.push(node.get(PDFName.of('K')));
    }
  }
  assert.ok(types.has('Strong'), 'Chromium tags <strong> as /Strong');
  const unknown = [...types].filter((type) => !standard.has(type) && !(roles?.lookup(PDFName.of(type)) instanceof PDFName && standard.has((roles.lookup(PDFName.of(type)) as PDFName).decodeText())));
  assert.equal(unknown, [], 'non-standard structure types without a standard role');
});

bundled('screen and print PDFs: every mark on a page is tagged content or an artifact (running heads, folios, rules, tints)', async ({ screen, print }) => {
  for (const [edition, bytes] of [['screen', screen], ['print', print]] as const) {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    let untagged = 0;
    let artifacts = 0;
    let pagesWithArtifacts = 0;
    for (const page of doc.getPages()) {
      const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
      const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
      const text = streams.map((stream) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '')).join('\n');
      // What covers a mark: a sequence with an MCID (tagged) or an artifact; a span with only
      // an ActualText (Chromium's, around a no-break space) does not.
      const open: boolean[] = [];
      for (const op of operations(text)) {
        if (op.operator === 'BMC' || op.operator === 'BDC') {
          open.push(op.operands[0] === '/Artifact' || /\/MCID\s/.test(op.operands[1] ?? ''));
          if (op.operands[0] === '/Artifact') artifacts += 1;
        } else if (op.operator === 'EMC') open.pop();
        else if (['Tj', 'TJ', "'", '"', 'f', 'F', 'S', 's', 'B', 'B*', 'f*', 'b', 'b*', 'Do', 'sh'].includes(op.operator) && !open.includes(true)) untagged += 1;
      }
      if (text.includes('/Artifact BMC')) pagesWithArtifacts += 1;
    }
    assert.is(untagged, 0, `${edition}: marks neither tagged nor artifact`);
    assert.ok(artifacts > 100, `${edition}: ${artifacts} artifacts`);
    // Every page but the blank inside back cover has a running head or a folio.
    assert.ok(pagesWithArtifacts >= doc.getPageCount() - 1, `${edition}: ${pagesWithArtifacts} pages with artifacts of ${doc.getPageCount()}`);
  }
});

bundled('every « autres lauréats » entry is a list item with its heading in the tagged PDF', async ({ result, screen }) => {
  // The tier's first entry is laid out apart (with the tier's title) and a list continued on
  // the next page is another list: the items are counted, not the lists. (Joining them with
  // aria-owns left 14 headings empty in Chromium's tags.)
  const others = result.html.document.territoires.flatMap((t) => t.rangs.filter((r) => r.key === 'autres_laureats')).reduce((n, r) => n + r.projets.length, 0);
  const steps = result.html.document.source.appel?.etapes?.length ?? 0;
  const items = (await pdfLists(screen)).filter((list) => list.types.has('/H3')).reduce((n, list) => n + list.items, 0);
  assert.is(items, others + steps);
});

bundled('the cover as an image for the site: the first page to its trim, 600 px wide, in the cover\'s colour', async ({ result }) => {
  const { cover } = result;
  assert.is(basename(cover.path), 'innovation-sociale-moselle-2025-couverture.jpg');
  const image = sharp(await readFile(cover.path));
  const meta = await image.metadata();
  assert.is(meta.format, 'jpeg');
  assert.equal([meta.width, meta.height], [cover.width, cover.height], 'the size reported is the size of the file');
  assert.is(cover.width, 600);
  assert.ok(Math.abs(cover.height - (600 * 297) / 210) <= 1, `A4 proportions: ${cover.height}`);
  // Corners in the cover's brick (#8c3b1e): cut at the trim, no white bleed or page edge around it.
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  for (const [x, y] of [[2, 2], [info.width - 3, 2], [2, info.height - 3], [info.width - 3, info.height - 3]] as const) {
    const at = (y * info.width + x) * info.channels;
    const rgb = [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0];
    assert.ok(Math.abs(rgb[0]! - 0x8c) < 16 && Math.abs(rgb[1]! - 0x3b) < 16 && Math.abs(rgb[2]! - 0x1e) < 16, `corner ${x},${y}: rgb(${rgb.join(', ')})`);
  }
});

bundled('the PDF/X-3 variant, when Ghostscript is here, is CMYK only and keeps the boxes', async ({ result }) => {
  const gs = await ghostscriptVersion();
  if (!gs) {
    if (process.env.CI) throw new Error('Ghostscript is required in CI (apt-get install -y ghostscript)');
    assert.match(result.pdfxSkipped ?? '', /^Ghostscript absent/);
    return;
  }
  const pdfx = result.pdfx;
  assert.ok(pdfx, `made (${result.pdfxSkipped ?? ''})`);
  assert.is(basename(pdfx?.path ?? ''), 'innovation-sociale-moselle-2025-impression-pdfx3.pdf');
  assert.equal(pdfx?.colors.rgb, [], 'no RGB colour space left');
  assert.equal(pdfx?.colors.transparency, [], 'no transparency (PDF/X-3 forbids it)');
  assert.ok(pdfx?.colors.spaces.includes('DeviceCMYK'));
  assert.ok(pdfx?.boxesKept, 'TrimBox and BleedBox kept');
  if (!requirePoppler()) return;
  const pdfinfo = poppler('pdfinfo', [pdfx?.path ?? '']);
  assert.match(pdfinfo, /PDF subtype:\s+PDF\/X-3:2002/);
  assert.match(pdfinfo, new RegExp(`Pages:\\s+${result.pageCount}\\b`));
  for (const font of pdfFonts(pdfx?.path ?? '')) assert.ok(font.embedded && !/Type 3/.test(font.type), font.name);
});

bundled('the PDF/X-3 passes the preflight: no annotation, text runs black on K alone, `compendium preflight` exits 0', async ({ result }) => {
  const pdfx = result.pdfx;
  if (!pdfx) return; // the test above says why
  assert.ok(pdfx.preflight.passed, formatPreflight(pdfx.preflight));
  assert.ok(pdfx.annotationsRemoved > 100, `the links were taken out (${pdfx.annotationsRemoved})`);
  const doc = await PDFDocument.load(await readFile(pdfx.path), { updateMetadata: false });
  const runs = doc.getPages().flatMap((page) => pagePaint(doc.context, page).text);
  const count = (test: (values: number[]) => boolean) => runs.filter((r) => r.color.kind === 'cmyk' && test(r.color.values)).reduce((sum, r) => sum + r.count, 0);
  assert.ok(count((v) => v.join(' ') === '0 0 0 1') > 1000, 'body text in 100 % K, read from the content streams');
  assert.is(count((v) => isDarkNeutralCmyk(v) && !isKOnly(v)), 0, 'no text run in four-colour black');
  let stdout = '';
  assert.is(await main(['preflight', pdfx.path], { stdout: (t) => (stdout += t), stderr: () => {} }), 0, stdout);
});

bundled.run();
