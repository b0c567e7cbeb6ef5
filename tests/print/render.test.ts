/**
 * The print engine end to end, on the synthetic brochure: real Chromium, real Paged.js, and
 * the PDFs read back with pdfjs, pdf-lib and (when installed) poppler — asserting what a reader
 * or a printer sees: page numbers, boxes, fonts, metadata, fit findings.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listFonts } from '../../src/print/pdf-fonts.ts';
import { PT_PER_MM } from '../../src/print/pdf-finish.ts';
import type { RenderProgress } from '../../src/print/progress.ts';
import { renderPrint, type RenderResult } from '../../src/print/render.ts';
import { hasPoppler, pdfInfo, pdfLines, poppler, printFixtureFolder, squash } from './pdf-helpers.ts';

const EPOCH = 1_700_000_000;
const metadata = { title: 'Innovation sociale en Moselle', author: 'Département de la Moselle', subject: 'Cahier d’essai' };
const TOC_TITLES = [
  'Première partie : solidarités',
  'Habitat inclusif et intergénérationnel',
  'Mobilité solidaire en milieu rural',
  'Deuxième partie : emploi',
  'Atelier des mains vertes',
  'Postface',
];

interface Context {
  dir: string;
  result: RenderResult;
  print: Uint8Array;
  screen: Uint8Array;
  printText: string[][];
  screenText: string[][];
  progress: RenderProgress[];
}

const render = suite<Context>('renderPrint (fixture brochure)');

render.before(async (ctx) => {
  ctx.dir = await printFixtureFolder();
  ctx.progress = [];
  ctx.result = await renderPrint({
    input: join(ctx.dir, 'brochure.html'),
    metadata,
    env: { SOURCE_DATE_EPOCH: String(EPOCH) },
    onProgress: (p) => ctx.progress.push(p),
  });
  ctx.print = await readFile(ctx.result.print?.path ?? '');
  ctx.screen = await readFile(ctx.result.screen?.path ?? '');
  ctx.printText = await pdfLines(ctx.print);
  ctx.screenText = await pdfLines(ctx.screen);
});

render.after(async (ctx) => {
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

/** 1-based number of the first page after `after` whose text contains `title` as written. */
function pageOf(text: string[][], title: string, after: number): number {
  const index = text.findIndex((lines, i) => i + 1 > after && squash(lines.join('')).includes(squash(title)));
  return index + 1;
}

render('paginates the brochure into the expected number of pages, the same in both PDFs', async ({ result, print, screen }) => {
  assert.ok(result.pageCount >= 10 && result.pageCount <= 14, `page count ${result.pageCount}`);
  assert.is((await PDFDocument.load(print)).getPageCount(), result.pageCount, 'print PDF pages');
  assert.is((await PDFDocument.load(screen)).getPageCount(), result.pageCount, 'screen PDF pages');
  assert.equal(result.trim, { widthMm: 210, heightMm: 297 });
  assert.is(result.pages.length, result.pageCount, 'one fact record per page');
});

render('each table-of-contents number is the page where that heading really is', ({ screenText, printText }) => {
  for (const text of [screenText, printText]) {
    const tocPage = text.findIndex((lines) => lines.some((line) => line.trim() === 'Sommaire')) + 1;
    assert.is(tocPage, 2, 'the table of contents is on page 2');
    const tocLines = (text[tocPage - 1] ?? []).map(squash);
    for (const title of TOC_TITLES) {
      const line = tocLines.find((l) => l.startsWith(squash(title)));
      assert.ok(line, `TOC line for ${title}`);
      const listed = Number(line.slice(squash(title).length));
      assert.is(listed, pageOf(text, title, tocPage), `TOC number of « ${title} »`);
    }
  }
});

render('running heads, folios, named pages and parity blank pages are what a reader sees', ({ screenText, result }) => {
  const habitat = pageOf(screenText, 'Habitat inclusif et intergénérationnel', 2);
  const next = screenText[habitat] ?? [];
  assert.ok(next.some((l) => squash(l) === squash('HABITAT INCLUSIF ET INTERGÉNÉRATIONNEL')), 'right-page running head from string-set');
  assert.ok(next.some((l) => l.trim() === String(habitat + 1)), 'folio from counter(page)');
  assert.ok((screenText[habitat - 1] ?? []).some((l) => squash(l) === squash('INNOVATION SOCIALE EN MOSELLE')), 'left-page running head');
  const cover = screenText[0] ?? [];
  assert.not.ok(cover.some((l) => /^\d+$/.test(l.trim())), 'no folio on the cover');
  const opener = pageOf(screenText, 'Deuxième partie : emploi', 2);
  assert.is(opener % 2, 1, 'a section opener is on a right-hand (odd) page');
  assert.not.ok((screenText[opener - 1] ?? []).some((l) => /^\d+$/.test(l.trim())), 'no folio on an opener');
  const blank = result.pages.filter((p) => p.blank).map((p) => p.number);
  assert.equal(blank, [opener - 1], 'one blank page, just before the opener');
  assert.equal(screenText[opener - 2], [], 'the blank page has no running head nor folio');
});

render('print PDF: TrimBox is inset by exactly the bleed (3 mm) from BleedBox = MediaBox on every page', async ({ print }) => {
  const bleed = 3 * PT_PER_MM;
  assert.ok(Math.abs(bleed - 8.504) < 0.001);
  const doc = await PDFDocument.load(print);
  for (const [i, page] of doc.getPages().entries()) {
    const trim = page.getTrimBox();
    const bleedBox = page.getBleedBox();
    const media = page.getMediaBox();
    const near = (a: number, b: number) => Math.abs(a - b) < 0.001;
    assert.ok(near(trim.x - bleedBox.x, bleed) && near(trim.y - bleedBox.y, bleed), `page ${i + 1}: left/bottom bleed`);
    assert.ok(near(bleedBox.width - trim.width, 2 * bleed) && near(bleedBox.height - trim.height, 2 * bleed), `page ${i + 1}: right/top bleed`);
    assert.ok(near(trim.width, 210 * PT_PER_MM) && near(trim.height, 297 * PT_PER_MM), `page ${i + 1}: trim is A4`);
    assert.equal(media, bleedBox, `page ${i + 1}: MediaBox = BleedBox`);
  }
});

render('screen PDF: trimmed to A4, all boxes equal, lighter images', async ({ screen, result }) => {
  const doc = await PDFDocument.load(screen);
  for (const [i, page] of doc.getPages().entries()) {
    const trim = page.getTrimBox();
    assert.equal(page.getBleedBox(), trim, `page ${i + 1}: BleedBox = TrimBox`);
    assert.equal(page.getMediaBox(), trim, `page ${i + 1}: MediaBox = TrimBox`);
    assert.ok(Math.abs(trim.width - 595.276) < 0.01 && Math.abs(trim.height - 841.89) < 0.01, `page ${i + 1}: A4`);
  }
  assert.is(result.screenImagesResampled, 1, 'the 2 500 px photo is resampled');
  const [printBytes, screenBytes] = [result.print?.bytes ?? 0, result.screen?.bytes ?? 0];
  assert.ok(screenBytes * 3 < printBytes, `screen ${screenBytes} B should be far lighter than print ${printBytes} B`);
});

render('fonts are embedded TrueType/CID fonts, never Type 3 (pdf-lib, and pdffonts when installed)', async ({ print, screen, result }) => {
  for (const bytes of [print, screen]) {
    const fonts = await listFonts(bytes);
    assert.ok(fonts.length > 0, 'the PDF uses fonts');
    for (const font of fonts) {
      assert.is.not(font.subtype, 'Type3', `${font.name} is not Type 3`);
      assert.ok(font.embedded, `${font.name} is embedded`);
    }
  }
  assert.ok(result.fonts.length > 0, 'the result lists the fonts');
  if (!hasPoppler()) {
    // CI must check with poppler too (install poppler-utils in .ci/run); elsewhere it is optional.
    assert.not.ok(process.env.CI === 'true', 'poppler-utils is required in CI (apt-get install -y poppler-utils)');
    return;
  }
  for (const path of [result.print?.path ?? '', result.screen?.path ?? '']) {
    const rows = poppler('pdffonts', [path]).trim().split('\n').slice(2);
    assert.ok(rows.length > 0, 'pdffonts lists fonts');
    for (const row of rows) {
      assert.not.match(row, /Type 3/, `pdffonts: ${row}`);
      // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID.
      assert.match(row, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/, `pdffonts says embedded: ${row}`);
    }
  }
});

render('screen PDF: French, titled, tagged, with an outline of the headings', async ({ screen, result }) => {
  const { info, outline, markInfo } = await pdfInfo(screen);
  assert.is(info.Language, 'fr');
  assert.is(info.Title, metadata.title);
  assert.is(info.Author, metadata.author);
  assert.is(info.Subject, metadata.subject);
  assert.ok(markInfo?.Marked, '/MarkInfo /Marked true');
  const catalog = (await PDFDocument.load(screen)).catalog;
  assert.ok(catalog.has(PDFName.of('StructTreeRoot')), '/StructTreeRoot');
  assert.ok(catalog.has(PDFName.of('Outlines')), '/Outlines');
  // h1 (cover, openers) at the top, h2 (chapters) under the opener before them; wrapped
  // headings keep their spaces (Chromium drops them, finishPdf puts them back).
  assert.equal(outline, [
    'Innovation sociale en Moselle',
    '  Sommaire',
    'Première partie : solidarités',
    '  Habitat inclusif et intergénérationnel',
    '  Mobilité solidaire en milieu rural',
    'Deuxième partie : emploi',
    '  Atelier des mains vertes',
    '  Postface',
  ]);
  if (hasPoppler()) assert.match(poppler('pdfinfo', [result.screen?.path ?? '']), /Tagged:\s+yes/);
});

render('fit check: the over-long project, the overset box and the near-empty last page, nothing on blank/cover/opener pages', ({ result, screenText }) => {
  const atelier = pageOf(screenText, 'Atelier des mains vertes', 2);
  const maxPages = result.findings.filter((f) => f.kind === 'max-pages');
  assert.equal(
    maxPages.map(({ page, name }) => ({ page, name })),
    [{ page: atelier, name: 'Atelier des mains vertes' }],
  );
  assert.is(
    maxPages[0]?.message,
    `«\u00A0Atelier des mains vertes\u00A0» occupe 2\u00A0pages (${atelier} à ${atelier + 1}) au lieu de 1 au plus\u00A0: raccourcissez le texte ou réduisez les images.`,
  );

  const encadre = pageOf(screenText, 'Chiffres clés', 2);
  const overflow = result.findings.filter((f) => f.kind === 'overflow');
  assert.equal(overflow.map(({ page, name }) => ({ page, name })), [{ page: encadre, name: 'Encadré chiffres clés' }]);
  assert.match(overflow[0]?.message ?? '', /^«\u00A0Encadré chiffres clés\u00A0» page \d+\u00A0: le texte dépasse de son cadre de [\d,]+\u00A0mm/);

  const last = result.pageCount;
  assert.ok(
    result.findings.some((f) => f.kind === 'empty-page' && f.page === last),
    'the one-line Postface page is reported as near-empty',
  );
  const quiet = result.pages.filter((p) => p.blank || p.name === 'cover' || p.name === 'opener' || p.number === 2).map((p) => p.number);
  for (const finding of result.findings) assert.not.ok(quiet.includes(finding.page), `no finding on page ${finding.page}: ${finding.message}`);
});

render('reports progress and timings, and refuses no request (the fixture is self-contained)', ({ result, progress }) => {
  const paginating = progress.filter((p) => p.stage === 'paginate').map((p) => p.pages);
  assert.ok(paginating.length >= result.pageCount, 'one progress report per laid-out page at least');
  assert.is(Math.max(...paginating), result.pageCount);
  assert.equal([...new Set(progress.map((p) => p.stage))], ['launch', 'load', 'paginate', 'fit', 'pdf-print', 'post-process', 'pdf-screen']);
  for (const key of ['launch', 'load', 'paginate', 'pdfPrint', 'pdfScreen', 'postProcess'] as const) {
    assert.ok(result.timings[key] >= 0, `timing ${key}`);
  }
  assert.ok(result.timings.total >= result.timings.paginate);
  assert.equal(result.blockedRequests, []);
  assert.equal(result.pageErrors, []);
});

render('is reproducible: SOURCE_DATE_EPOCH dates, a content-derived ID, byte-identical on a second run', async (ctx) => {
  const doc = await PDFDocument.load(ctx.print, { updateMetadata: false });
  assert.is(doc.getCreationDate()?.getTime(), EPOCH * 1000);
  assert.is(doc.getModificationDate()?.getTime(), EPOCH * 1000);
  assert.ok(doc.context.trailerInfo.ID, 'the trailer has an /ID');
  const again = await renderPrint({
    input: join(ctx.dir, 'brochure.html'),
    metadata,
    env: { SOURCE_DATE_EPOCH: String(EPOCH) },
    printPdf: join(ctx.dir, 'again.pdf'),
    screenPdf: false,
  });
  assert.is(again.screen, undefined);
  assert.ok(Buffer.from(await readFile(join(ctx.dir, 'again.pdf'))).equals(Buffer.from(ctx.print)), 'same bytes');
});

render('crop marks: the sheet grows by 7 mm around the bleed, the boxes stay exact; the cover is still 600 px wide', async (ctx) => {
  const path = join(ctx.dir, 'marks.pdf');
  const coverImage = join(ctx.dir, 'marks-cover.jpg');
  const marked = await renderPrint({ input: join(ctx.dir, 'brochure.html'), metadata, cropMarks: true, printPdf: path, screenPdf: false, coverImage });
  // The page box starts 37.8 CSS px in: rounded outward, the picture was 599 × 848.
  assert.is(marked.cover?.width, 600);
  assert.ok(Math.abs((marked.cover?.height ?? 0) - (600 * 297) / 210) <= 1, `A4 proportions: ${marked.cover?.height}`);
  const picture = await sharp(await readFile(coverImage)).metadata();
  assert.equal([picture.width, picture.height], [marked.cover?.width, marked.cover?.height], 'the size reported is the size of the file');
  const doc = await PDFDocument.load(await readFile(path));
  const near = (a: number, b: number) => Math.abs(a - b) < 0.001;
  for (const [i, page] of doc.getPages().entries()) {
    const [media, bleed, trim] = [page.getMediaBox(), page.getBleedBox(), page.getTrimBox()];
    assert.ok(near(trim.x - bleed.x, 3 * PT_PER_MM) && near(bleed.x - media.x, 7 * PT_PER_MM), `page ${i + 1}: left`);
    assert.ok(near(media.width - trim.width, 20 * PT_PER_MM) && near(media.height - trim.height, 20 * PT_PER_MM), `page ${i + 1}: size`);
    assert.ok(near(trim.width, 210 * PT_PER_MM), `page ${i + 1}: trim is A4`);
  }
});

render.run();
