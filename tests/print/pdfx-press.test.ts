/**
 * The PDF/X-3 stage as a print shop receives it: black and dark grey on the black plate alone,
 * colours converted, no annotations, a project folder with accents and spaces, a title with
 * « ’ », a damaged ICC profile named in a French error. Each read back from the file made.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { operations } from '../../src/print/pdf/content-stream.ts';
import { IccProfileError, PdfxPreflightError } from '../../src/print/pdf/errors.ts';
import { kOnlyTint } from '../../src/print/pdf/ink.ts';
import { kOnlyContent } from '../../src/print/pdf/k-only.ts';
import { buildPdfx, FOGRA39_PROFILE } from '../../src/print/pdfx.ts';
import { poppler, requirePoppler } from './pdf-helpers.ts';
import { requireGhostscript, samplePrintPdf } from './support/pdfx-sample.ts';

const TITLE = 'Livret d’été : Metz – Orne';

const press = suite('PDF/X-3 for the press');

/** The colour operators of every page's content streams, as written. */
async function colourOperators(path: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const found: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef && doc.context.lookup(contents) instanceof PDFArray ? (doc.context.lookup(contents) as PDFArray).asArray() : [contents];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      for (const op of operations(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))) {
        if (['k', 'K', 'rg', 'RG', 'g', 'G', 'sc', 'scn'].includes(op.operator)) found.push(`${op.operands.map((o) => String(Number(Number(o).toFixed(2)))).join(' ')} ${op.operator}`);
      }
    }
  }
  return found;
}

press('the measured K ramp: body ink is 100 % K, the soft ink 83 % K, colours and light tints are not K-only', () => {
  assert.is(kOnlyTint(0x1f / 255, 0x1b / 255, 0x16 / 255), 1, '--ink #1f1b16');
  assert.is(kOnlyTint(0x57 / 255, 0x4d / 255, 0x43 / 255), 0.83, '--ink-soft #574d43');
  assert.is(kOnlyTint(0, 0, 0), 1);
  assert.is(kOnlyTint(0x8c / 255, 0x3b / 255, 0x1e / 255), undefined, '--accent is a colour');
  assert.is(kOnlyTint(0xdf / 255, 0xd2 / 255, 0xc1 / 255), undefined, '--line is light');
});

press('kOnlyContent rewrites colour operators only, not a string that looks like one', () => {
  const { text, changed } = kOnlyContent('.1216 .1059 .0863 RG .1216 .1059 .0863 rg BT (0 0 0 rg) Tj ET .549 .2314 .1176 rg');
  assert.is(changed, 2);
  assert.is(text, '0 0 0 1 K 0 0 0 1 k BT (0 0 0 rg) Tj ET .549 .2314 .1176 rg');
});

press('the content-stream lexer skips strings, comments, arrays and inline image data', () => {
  const text = '% 0 0 0 rg in a comment\nBT [(a) -20 (b\\) 1 0 0 rg \\(c)] TJ ET BI /W 1 /H 1 /CS /RGB /BPC 8 ID \x01 0 0 0 rg\nEI 0.5 g <</A (x)>> BDC 1 0 0 rg EMC';
  assert.equal(operations(text).map((op) => `${op.operands.join(' ')} ${op.operator}`.trim()), ['BT', '[(a) -20 (b\\) 1 0 0 rg \\(c)] TJ', 'ET', 'BI', '0.5 g', '<</A (x)>> BDC', '1 0 0 rg', 'EMC']);
});

press('a folder with « é », spaces, « % » and parentheses: the PDF/X-3 is made; black text and rules on K only, no annotation', async () => {
  if (!(await requireGhostscript())) return;
  const { dir, path } = await samplePrintPdf();
  const output = join(dir, 'livret-impression-pdfx3.pdf');
  const made = await buildPdfx({ input: path, output, title: TITLE });
  assert.ok(made.made, made.made ? '' : made.reason);
  if (!made.made) return;
  assert.ok(made.file.preflight.passed, 'the preflight passes');
  assert.is(made.file.annotationsRemoved, 2);
  assert.is(made.file.kOnlyColors, 8, 'per page: ink text, soft-ink text, soft-ink rule, ink rule');
  const ops = await colourOperators(output);
  assert.ok(ops.includes('0 0 0 1 k'), `body ink as 100 % K: ${ops.join(', ')}`);
  assert.ok(ops.includes('0 0 0 0.83 k') && ops.includes('0 0 0 0.83 K'), 'soft ink as 83 % K, text and rule');
  assert.not.ok(ops.some((op) => / (rg|RG)$/.test(op)), 'no RGB left');
  assert.ok(ops.some((op) => /^0\.\d+ 0\.\d+ 0\.\d+ 0\.\d+ k$/.test(op)), 'the accent is converted to four colours');
  const doc = await PDFDocument.load(await readFile(output), { updateMetadata: false });
  for (const page of doc.getPages()) assert.is(page.node.get(PDFName.of('Annots')), undefined);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const title = info.get(PDFName.of('Title'));
  assert.is(title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '', TITLE, 'the title keeps « ’ » and « – »');
  if (!requirePoppler()) return;
  assert.match(poppler('pdfinfo', [output]), /PDF version:\s+1\.3/);
});

press('a damaged ICC profile: IccProfileError naming the file, not a RangeError', async () => {
  if (!(await requireGhostscript())) return;
  const { dir, path } = await samplePrintPdf();
  const bytes = await readFile(FOGRA39_PROFILE);
  // Cut 6 bytes into the `desc` tag: the old reader threw « RangeError: Offset is outside the bounds of the DataView ».
  const desc = Array.from({ length: bytes.readUInt32BE(128) }, (_, i) => 132 + i * 12).find((at) => bytes.toString('latin1', at, at + 4) === 'desc') ?? 0;
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['tronqué.icc', bytes.subarray(0, bytes.readUInt32BE(desc + 4) + 6), /fichier tronqué : \d+ octets sur les \d+ annoncés/],
    ['en-tête.icc', bytes.subarray(0, 100), /trop court/],
    ['pas-un-profil.icc', Buffer.from('Ceci n’est pas un profil ICC, mais un courriel enregistré sous ce nom.'.repeat(4)), /signature « acsp »/],
  ];
  // A tag table running past the end of the file (16 million tags announced).
  const table = Buffer.from(bytes);
  table.writeUInt32BE(0xffffff, 128);
  cases.push(['table.icc', table, /table des balises/]);
  const rgb = Buffer.from(bytes);
  rgb.write('RGB ', 16, 'latin1');
  cases.push(['rvb.icc', rgb, /profil RGB : un profil de sortie CMJN est attendu/]);
  for (const [name, content, detail] of cases) {
    const icc = join(dir, name);
    await writeFile(icc, content);
    const error = await buildPdfx({ input: path, output: join(dir, 'x.pdf'), title: TITLE, iccProfile: icc }).catch((e: unknown) => e);
    assert.instance(error, IccProfileError, name);
    assert.is((error as IccProfileError).code, 'ICC_PROFILE_INVALID');
    assert.ok((error as Error).message.includes(icc), `names the file: ${(error as Error).message}`);
    assert.match((error as Error).message.replace(/\u00A0/g, ' '), detail);
  }
  // The sound profile under a path with an accent works.
  const good = join(dir, 'profil imprimeur é.icc');
  await copyFile(FOGRA39_PROFILE, good);
  const made = await buildPdfx({ input: path, output: join(dir, 'x.pdf'), title: TITLE, iccProfile: good });
  assert.ok(made.made && made.file.profile.source === 'édition');
});

press('a PDF/X-3 that fails the preflight is a PdfxPreflightError with the report, and the file is kept', async () => {
  if (!(await requireGhostscript())) return;
  const { dir } = await samplePrintPdf();
  // 400 % ink in DeviceCMYK passes through Ghostscript untouched: the preflight stops it.
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  page.setTrimBox(10, 10, 280, 280);
  page.setBleedBox(5, 5, 290, 290);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream('1 1 1 1 k 20 20 100 100 re f')));
  const input = join(dir, 'encre.pdf');
  await writeFile(input, await doc.save());
  const output = join(dir, 'encre-pdfx3.pdf');
  const error = await buildPdfx({ input, output, title: TITLE }).catch((e: unknown) => e);
  assert.instance(error, PdfxPreflightError);
  assert.is((error as PdfxPreflightError).code, 'PDFX_PREFLIGHT_FAILED');
  assert.match((error as Error).message.replace(/\u00A0/g, ' '), /Page 1 \(encrage maximal 400 %\) :\n {2}✗ Encrage total ≤ 300 % : encrage de 400 % \(C100 M100 Y100 K100\)/);
  assert.ok((await readFile(output)).byteLength > 0, 'the file is there to be looked at');
});

press.run();
