/**
 * The print build on the small fixture (tests/fixtures/print-edition/ with generated photos
 * and budget probes): the fit check reports the over-long project and the small photo and
 * nothing else, photos print at 300 ppi or more, the PDF/X-3 variant is CMYK. Also the A5
 * format with crop marks, --strict, cancellation and a missing Ghostscript.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BUDGETS } from '../../src/budgets.ts';
import { buildPrint, type BuildPrintResult } from '../../src/print/build.ts';
import { PrintCancelledError, PrintFitError } from '../../src/print/errors.ts';
import { PT_PER_MM } from '../../src/print/pdf-finish.ts';
import { buildPdfx, FOGRA39_PROFILE, ghostscriptVersion, GS_MISSING } from '../../src/print/pdfx.ts';
import { pdfImages, pdfOutline, poppler, requirePoppler, squash } from './pdf-helpers.ts';
import { ENV, fixtureBuild, fixtureData, probeLengths, tempDir } from './support/fixture.ts';

const NB = '\u00A0';

interface Context {
  result: BuildPrintResult & { outDir: string; dataDir: string };
  /** Page where each featured project starts (from the screen PDF's outline). */
  starts: Map<string, number>;
}

const fixture = suite<Context>('buildPrint (print fixture)');

fixture.before(async (ctx) => {
  ctx.result = await fixtureBuild();
  const outline = await pdfOutline(await readFile(ctx.result.screen.path));
  ctx.starts = new Map(outline.map((e) => [squash(e.title), e.page]));
});

fixture('the over-long project is reported by name and page; the budget probes fit on one page', ({ result, starts }) => {
  const maxPages = result.findings.filter((f) => f.kind === 'max-pages' || f.kind === 'overflow');
  const page = starts.get(squash('Mobilité pour tous en Pays Thionvillois')) ?? 0;
  assert.ok(page > 0);
  assert.equal(
    maxPages.map(({ kind, name, page: p }) => ({ kind, name, page: p })),
    [{ kind: 'max-pages', name: 'Mobilité pour tous en Pays Thionvillois', page }],
  );
  assert.is(
    maxPages[0]?.message,
    `«${NB}Mobilité pour tous en Pays Thionvillois${NB}» occupe 2${NB}pages (${page} à ${page + 1}) au lieu de ${BUDGETS.a_la_une.pages} au plus${NB}: raccourcissez le texte ou réduisez les images.`,
  );
  for (const probe of probeLengths()) {
    const name = `Plateforme d’accompagnement vers l’emploi des jeunes (${probe.field.replaceAll('_', ' ')})`;
    assert.ok(starts.has(squash(name)), `${probe.id} is printed`);
    assert.not.ok(result.findings.some((f) => f.name === name), `${probe.id} (${JSON.stringify(probe.lengths)}) holds on its page`);
  }
});

fixture('a photo under 300 ppi at its printed size is reported, with the size it needs', ({ result }) => {
  const images = result.findings.filter((f) => f.kind === 'image-resolution');
  assert.is(images.length, 1);
  assert.is(images[0]?.name, 'La Cantine des Quatre Saisons');
  assert.match(images[0]?.message ?? '', new RegExp(`^Image «${NB}projets/petite-photo\\.jpg${NB}» \\(La Cantine des Quatre Saisons\\) page \\d+${NB}: \\d+${NB}ppi à sa taille imprimée \\([\\d,]+${NB}×${NB}[\\d,]+${NB}mm\\), il en faut 300\\. Fournissez une image d’au moins \\d+${NB}×${NB}\\d+${NB}pixels\\.$`));
});

fixture('print PDF: photos at 300 ppi or more at their printed size, embedded as supplied; screen PDF lighter', async ({ result }) => {
  const facts = result.pageFacts.flatMap((p) => p.images);
  assert.ok(facts.length >= 6, `${facts.length} photos printed`);
  for (const image of facts) {
    if (image.src.includes('petite-photo')) continue;
    assert.ok(image.ppi >= 299, `${image.src}: ${Math.round(image.ppi)} ppi`);
    assert.is(image.naturalWidth, 2500, 'the original 2 500 px file');
  }
  assert.ok(result.screen.bytes < result.print.bytes / 2, `screen ${result.screen.bytes} < print ${result.print.bytes} / 2`);
  if (!requirePoppler()) return;
  const printed = pdfImages(result.print.path);
  assert.is(printed.length, facts.length, 'one image per photo placed');
  for (const row of printed.filter((r) => r.width === 2500)) assert.ok(Math.min(row.xppi, row.yppi) >= 300, `pdfimages page ${row.page}: ${row.xppi}×${row.yppi} ppi`);
  const screen = pdfImages(result.screen.path);
  assert.ok(screen.every((r) => r.width < 2500), 'the screen PDF has resampled photos');
});

fixture('the PDF/X-3 variant: CMYK photos and colours, no transparency, boxes kept', async ({ result }) => {
  if (!(await ghostscriptVersion())) {
    if (process.env.CI) throw new Error('Ghostscript is required in CI (apt-get install -y ghostscript)');
    assert.is(result.pdfxSkipped, GS_MISSING);
    return;
  }
  const pdfx = result.pdfx;
  assert.ok(pdfx, result.pdfxSkipped);
  assert.equal(pdfx?.colors.rgb, []);
  assert.equal(pdfx?.colors.transparency, []);
  assert.ok(pdfx?.boxesKept);
  assert.is(pdfx?.profile.source, 'FOGRA39');
  assert.match(pdfx?.profile.description ?? '', /FOGRA39/);
  // The output intent a preflight reads: FOGRA39, with the bundled profile embedded as is.
  const doc = await PDFDocument.load(await readFile(pdfx?.path ?? ''), { updateMetadata: false });
  const intent = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
  assert.is(intent.lookup(PDFName.of('S'))?.toString(), '/GTS_PDFX');
  assert.is(intent.lookup(PDFName.of('OutputConditionIdentifier'))?.toString(), '(FOGRA39)');
  const icc = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
  assert.instance(icc, PDFRawStream);
  assert.ok(Buffer.from(decodePDFRawStream(icc as PDFRawStream).decode()).equals(await readFile(FOGRA39_PROFILE)), 'the bundled FOGRA39 profile, byte for byte');
  if (!requirePoppler()) return;
  const images = pdfImages(pdfx?.path ?? '');
  assert.ok(images.length >= 6);
  for (const row of images) assert.is(row.color, 'cmyk', `pdfimages page ${row.page}: ${row.color}`);
  assert.match(poppler('pdfinfo', [pdfx?.path ?? '']), /PDF subtype:\s+PDF\/X-3:2002/);
  // Ghostscript's own opinion of every page: CMYK separations only.
  const inkcov = poppler('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', pdfx?.path ?? '']);
  assert.is(inkcov.trim().split('\n').filter((l) => / CMYK OK$/.test(l)).length, result.pageCount);
});

fixture.run();

const variants = suite('buildPrint (fixture variants)');

variants('A5 with 5 mm bleed and crop marks: A5 trim, boxes from the edition’s format', async () => {
  const dataDir = await fixtureData();
  const editionFile = join(dataDir, 'editions/2025/edition.yaml');
  const yaml = await readFile(editionFile, 'utf8');
  await writeFile(editionFile, yaml.replace('editeur: Département de la Moselle\n', 'editeur: Département de la Moselle\nformat:\n  page: A5\n  fond_perdu_mm: 5\n  traits_de_coupe: true\n'));
  const result = await buildPrint({ dataDir, outDir: await tempDir('a5'), territory: 'metz-orne', pdfx: false, env: ENV });
  assert.equal(result.trim, { widthMm: 148, heightMm: 210 });
  const near = (a: number, b: number) => Math.abs(a - b) < 0.02;
  for (const [i, page] of (await PDFDocument.load(await readFile(result.print.path))).getPages().entries()) {
    const [media, bleed, trim] = [page.getMediaBox(), page.getBleedBox(), page.getTrimBox()];
    assert.ok(near(trim.width, 148 * PT_PER_MM) && near(trim.height, 210 * PT_PER_MM), `page ${i + 1}: A5 trim`);
    assert.ok(near(trim.x - bleed.x, 5 * PT_PER_MM), `page ${i + 1}: 5 mm bleed`);
    assert.ok(near(bleed.x - media.x, 7 * PT_PER_MM), `page ${i + 1}: room for the crop marks`);
  }
  // On A5 a featured project may take two pages: the budget probes still fit.
  assert.equal(result.findings.filter((f) => f.kind === 'max-pages' || f.kind === 'overflow'), []);
});

variants('--strict: the findings become a PrintFitError, after the PDFs are written', async () => {
  const dataDir = await fixtureData();
  const outDir = await tempDir('strict');
  const error = await buildPrint({ dataDir, outDir, territory: 'thionville', strict: true, pdfx: false, env: ENV }).catch((e: unknown) => e);
  assert.instance(error, PrintFitError);
  const e = error as PrintFitError;
  assert.is(e.code, 'PRINT_FIT');
  assert.match(e.message, new RegExp(`^Mise en page à revoir \\(${e.findings.length}${NB}problèmes?, mode strict\\)${NB}:\\n`));
  assert.match(e.message, new RegExp(`\\n  – «${NB}Mobilité pour tous en Pays Thionvillois${NB}» occupe 2${NB}pages \\(4 à 5\\)`), 'by name and page, numbered in the booklet');
  const written = (e.result as BuildPrintResult).print.path;
  assert.ok((await readFile(written)).byteLength > 0, 'the PDFs were written, to be looked at');
});

variants('--strict with a deferred PDF/X-3: the variant is finished, not left running, when the error comes', async () => {
  const outDir = await tempDir('strict-deferred');
  const error = await buildPrint({ dataDir: await fixtureData(), outDir, territory: 'thionville', strict: true, pdfx: 'deferred', env: ENV }).catch((e: unknown) => e);
  assert.instance(error, PrintFitError);
  const result = (error as PrintFitError).result as BuildPrintResult;
  assert.is(result.pdfxPending, undefined, 'nothing left for the caller to wait for');
  if (await ghostscriptVersion()) assert.ok(result.pdfx && (await readFile(result.pdfx.path)).byteLength > 0, 'the PDF/X-3 file is complete');
  else if (process.env.CI) throw new Error('Ghostscript is required in CI');
  else assert.is(result.pdfxSkipped, GS_MISSING);
});

variants('a cancelled build stops before rendering, with PrintCancelledError', async () => {
  const controller = new AbortController();
  controller.abort();
  const error = await buildPrint({ dataDir: await fixtureData(), outDir: await tempDir('cancel'), signal: controller.signal }).catch((e: unknown) => e);
  assert.instance(error, PrintCancelledError);
  assert.is((error as PrintCancelledError).message, 'Production des PDF interrompue.');
});

variants('without Ghostscript the PDF/X-3 variant is skipped with a French message, never an error', async () => {
  const result = await buildPdfx({ input: '/nulle/part.pdf', output: '/nulle/part-x.pdf', title: 't', gs: '/nulle/part/gs' });
  assert.equal(result, { made: false, reason: `Ghostscript absent${NB}: la variante PDF/X-3 n’est pas produite. Installez-le${NB}: sudo apt-get install ghostscript` });
});

variants.run();
