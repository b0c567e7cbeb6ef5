/**
 * `compendium preflight` on files made to break one rule each: a compliant PDF/X-3 (made by
 * the PDF/X-3 stage from a small print PDF) passes; each variant, edited with pdf-lib, fails
 * that rule and that rule only, with its French message, and exit code 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.ts';
import { preflight, type CheckId } from '../../src/print/pdf/preflight.ts';
import { buildPdfx } from '../../src/print/pdfx.ts';
import { requireGhostscript, samplePrintPdf } from './support/pdfx-sample.ts';

interface Context {
  /** The compliant PDF/X-3 every variant starts from; undefined without Ghostscript (outside CI). */
  base?: Uint8Array;
  dir: string;
}

const checks = suite<Context>('preflight');

checks.before(async (ctx) => {
  const { dir, path } = await samplePrintPdf();
  ctx.dir = dir;
  if (!(await requireGhostscript())) return;
  const made = await buildPdfx({ input: path, output: join(dir, 'base-pdfx3.pdf'), title: 'Base' });
  if (!made.made) throw new Error(made.reason);
  ctx.base = await readFile(made.file.path);
});

/** Runs `compendium preflight` on the file: exit code and what it printed. */
async function cli(path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let [stdout, stderr] = ['', ''];
  const code = await main(['preflight', path], { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`) });
  return { code, stdout: stdout.replace(/\u00A0/g, ' '), stderr: stderr.replace(/\u00A0/g, ' ') };
}

/** Appends a content stream to the first page (its resources as they are, plus `resources`). */
function draw(doc: PDFDocument, content: string): void {
  const page = doc.getPages()[0]!;
  page.node.addContentStream(doc.context.register(doc.context.flateStream(content)));
}

/** The name of the first page's first font (Ghostscript's subset of Helvetica). */
const firstFont = (doc: PDFDocument): string => doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys()[0]!.decodeText();

const VARIANTS: Array<{ rule: CheckId; what: string; page?: number; version?: string; message: RegExp; edit: (doc: PDFDocument) => void | Promise<void> }> = [
  {
    rule: 'annotations', what: 'a link annotation', page: 1, message: /1 annotation \(Link ×1\) : le PDF\/X n’en admet pas/,
    edit: (doc) => doc.getPages()[0]!.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, 40, 90, 60] }))])),
  },
  { rule: 'rgb', what: 'RGB text', page: 1, message: /couleurs RVB \(DeviceRGB\), dont 1 passage de texte : tout doit être en CMJN/, edit: (doc) => draw(doc, `BT /${firstFont(doc)} 12 Tf 1 0 0 rg 40 300 Td (Rouge) Tj ET`) },
  { rule: 'black-text', what: 'four-colour black text', page: 1, message: /1 passage de texte noir ou gris foncé en quadrichromie \(C66 M66 Y71 K78\) : sur le noir seul \(K\) attendu/, edit: (doc) => draw(doc, `BT /${firstFont(doc)} 9 Tf .66 .66 .71 .78 k 40 300 Td (Noir riche) Tj ET`) },
  { rule: 'black-rules', what: 'a four-colour black hairline', page: 1, message: /1 filet noir ou gris foncé en quadrichromie \(C60 M50 Y50 K90\)/, edit: (doc) => draw(doc, '.6 .5 .5 .9 K 0.5 w 40 280 m 300 280 l S') },
  { rule: 'tac', what: '400 % ink in a colour operator', page: 1, message: /encrage de 400 % \(C100 M100 Y100 K100\) dans les couleurs de la page : 300 % au plus/, edit: (doc) => draw(doc, '1 1 1 1 k 100 100 80 80 re f') },
  {
    rule: 'tac', what: '340 % ink in a CMYK image (seen only by the rendering)', page: 1, message: /encrage de 340 % mesuré au rendu \(images comprises\)/,
    edit: (doc) => {
      const image = doc.context.register(doc.context.stream(new Uint8Array([255, 255, 178, 179]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceCMYK', BitsPerComponent: 8 }));
      doc.getPages()[0]!.node.Resources()!.set(PDFName.of('XObject'), doc.context.obj({ Im9: image }));
      draw(doc, 'q 80 0 0 80 100 100 cm /Im9 Do Q');
    },
  },
  {
    rule: 'transparency', what: 'a soft mask', page: 1, message: /transparence \(SMask\) : le PDF\/X-3 n’en admet pas/,
    edit: (doc) => {
      const mask = doc.context.register(doc.context.flateStream('1 g 0 0 10 10 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], Group: { S: 'Transparency', CS: 'DeviceGray' } }));
      doc.getPages()[0]!.node.Resources()!.set(PDFName.of('ExtGState'), doc.context.obj({ GSm: { Type: 'ExtGState', SMask: { S: 'Luminosity', G: mask } } }));
      draw(doc, '/GSm gs 0 0 0 .5 k 40 40 50 50 re f');
    },
  },
  { rule: 'transparency', what: 'a transparency group on the page', page: 2, message: /transparence \(Group\/Transparency\)/, edit: (doc) => doc.getPages()[1]!.node.set(PDFName.of('Group'), doc.context.obj({ S: 'Transparency', CS: 'DeviceCMYK' })) },
  {
    rule: 'fonts', what: 'a font that is not embedded', page: 1, message: /police non incorporée « Helvetica-Bold »/,
    edit: async (doc) => {
      const font = await doc.embedFont(StandardFonts.HelveticaBold);
      const name = doc.getPages()[0]!.node.newFontDictionary('FNE', font.ref).decodeText();
      draw(doc, `BT /${name} 12 Tf 0 0 0 1 k 40 300 Td (Gras) Tj ET`);
    },
  },
  { rule: 'boxes', what: 'no TrimBox', page: 2, message: /TrimBox absente \(le format fini\)/, edit: (doc) => void doc.getPages()[1]!.node.delete(PDFName.of('TrimBox')) },
  {
    rule: 'boxes', what: 'a TrimBox outside the MediaBox', page: 1, message: /TrimBox hors de la MediaBox\n.*TrimBox hors de la BleedBox/,
    edit: (doc) => {
      const page = doc.getPages()[0]!;
      const media = page.getMediaBox();
      page.setTrimBox(media.x - 10, media.y, media.width, media.height);
    },
  },
  { rule: 'output-intent', what: 'no OutputIntent', message: /aucun OutputIntent \/GTS_PDFX dans le catalogue/, edit: (doc) => void doc.catalog.delete(PDFName.of('OutputIntents')) },
  {
    rule: 'output-intent', what: 'an OutputIntent without its profile', message: /profil ICC non incorporé \(DestOutputProfile absent\)/,
    edit: (doc) => void doc.context.lookup(doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).get(0), PDFDict).delete(PDFName.of('DestOutputProfile')),
  },
  { rule: 'trapped', what: 'no /Trapped', message: /\/Trapped absent du dictionnaire Info \(True ou False attendu\)/, edit: (doc) => void doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).delete(PDFName.of('Trapped')) },
  { rule: 'trapped', what: '/Trapped /Unknown', message: /\/Trapped vaut « Unknown », True ou False attendu/, edit: (doc) => doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of('Trapped'), PDFName.of('Unknown')) },
  { rule: 'id', what: 'no document ID', message: /pas d’identifiant \/ID/, edit: (doc) => void delete doc.context.trailerInfo.ID },
  { rule: 'declaration', what: 'no GTS_PDFXVersion', message: /GTS_PDFXVersion absent du dictionnaire Info/, edit: (doc) => void doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).delete(PDFName.of('GTS_PDFXVersion')) },
  { rule: 'version', what: 'PDF 1.7', version: '1.7', message: /PDF 1\.7 : PDF\/X-3:2002 demande la version 1\.4 au plus/, edit: () => {} },
];

checks('the PDF/X-3 the stage makes passes, page by page, exit code 0', async ({ base, dir }) => {
  if (!base) return;
  const path = join(dir, 'conforme.pdf');
  await writeFile(path, base);
  const { code, stdout } = await cli(path);
  assert.is(code, 0, stdout);
  assert.match(stdout, /^Contrôle avant impression PDF\/X-3:2002 : .*conforme\.pdf \(2 pages\)\nDocument : conforme\nPage 1 : conforme \(encrage maximal \d+ %\)\nPage 2 : conforme/);
  assert.match(stdout, /Résultat : conforme \(13 règles vérifiées\)\.\n$/);
});

for (const variant of VARIANTS) {
  checks(`fails on ${variant.what}: « ${variant.rule} » only, exit code 1`, async ({ base, dir }) => {
    if (!base) return;
    const doc = await PDFDocument.load(base, { updateMetadata: false });
    await variant.edit(doc);
    const path = join(dir, `${variant.what.replace(/\W+/g, '-')}.pdf`);
    const bytes = await doc.save({ useObjectStreams: false });
    // pdf-lib writes « %PDF-1.7 » whatever it read; Ghostscript wrote 1.3 (same length: no offset moves).
    bytes.set(Buffer.from(`%PDF-${variant.version ?? '1.3'}`, 'latin1'), 0);
    await writeFile(path, bytes);
    const report = await preflight(path);
    assert.equal([...new Set(report.findings.map((f) => f.check))], [variant.rule], report.findings.map((f) => f.message).join('\n'));
    assert.equal([...new Set(report.findings.map((f) => f.page))], [variant.page], 'reported where it is');
    const { code, stdout } = await cli(path);
    assert.is(code, 1);
    assert.match(stdout, variant.message);
    assert.match(stdout, /Résultat : non conforme, \d+ problèmes? (sur \d+ pages? )?\.|Résultat : non conforme, \d+ problèmes?( sur \d+ pages?)?\./);
  });
}

checks('usage: no file or two files exit 2, a file that is not a PDF exits 1, all in French', async ({ dir }) => {
  assert.is((await cli('')).code, 2);
  let out = { stdout: '', stderr: '' };
  const code = await main(['preflight'], { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) });
  assert.is(code, 2);
  assert.match(out.stderr, /compendium preflight : indiquez le fichier PDF à contrôler/);
  out = { stdout: '', stderr: '' };
  assert.is(await main(['preflight', 'a.pdf', 'b.pdf'], { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) }), 2);
  assert.match(out.stderr, /un seul fichier PDF à la fois/);
  const missing = await cli(join(dir, 'absent.pdf'));
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /fichier introuvable « .*absent\.pdf »/);
  const notPdf = join(dir, 'notes.txt');
  await writeFile(notPdf, 'pas un PDF');
  const unreadable = await cli(notPdf);
  assert.is(unreadable.code, 1);
  assert.match(unreadable.stderr, /Impossible de lire .*notes\.txt comme un PDF : ce n’est pas un PDF lisible/);
  // A PDF header over garbage, and a folder: French reasons, never pdf-lib's English or a stack.
  const broken = join(dir, 'abime.pdf');
  await writeFile(broken, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7)]));
  const damaged = await cli(broken);
  assert.is(damaged.code, 1);
  assert.match(damaged.stderr, /abime\.pdf comme un PDF : (fichier PDF endommagé|ce n’est pas un PDF lisible)/);
  const folder = await cli(dir);
  assert.is(folder.code, 1);
  assert.match(folder.stderr, /c’est un dossier, pas un fichier/);
  for (const r of [unreadable, damaged, folder]) assert.not.match(r.stderr, /Failed to parse|Cannot read|undefined| {4}at /);
});

checks.run();
