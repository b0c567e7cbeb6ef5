/**
 * A small print PDF as Chromium writes ours (DeviceRGB colours, a link annotation, TrimBox and
 * BleedBox), made with pdf-lib in a folder whose name has an accent, spaces, a « % » and
 * parentheses: what the PDF/X-3 stage and the preflight tests start from.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { PT_PER_MM } from '../../../src/print/pdf-finish.ts';
import { ghostscriptVersion } from '../../../src/print/pdfx.ts';
import { tempDir } from './fixture.ts';

/** Colours of print/brochure.css, as Chromium writes them (0–1). */
export const INK = '.1216 .1059 .0863';
export const INK_SOFT = '.3412 .302 .2627';
export const ACCENT = '.549 .2314 .1176';

export async function samplePrintPdf(): Promise<{ dir: string; path: string }> {
  const dir = join(await tempDir('pdfx-sample'), 'clone-é 100% (copie)');
  await mkdir(dir, { recursive: true });
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [bleed, trimW, trimH] = [3 * PT_PER_MM, 148 * PT_PER_MM, 210 * PT_PER_MM];
  for (let n = 0; n < 2; n++) {
    const page = doc.addPage([trimW + 2 * bleed, trimH + 2 * bleed]);
    page.setBleedBox(0, 0, trimW + 2 * bleed, trimH + 2 * bleed);
    page.setTrimBox(bleed, bleed, trimW, trimH);
    const name = page.node.newFontDictionary('F', font.ref).decodeText();
    const content = [
      `q ${INK} rg BT /${name} 10 Tf 40 500 Td (Texte courant, encre du corps) Tj ET Q`,
      `q ${INK_SOFT} rg BT /${name} 8 Tf 40 480 Td (Légende en gris foncé) Tj ET Q`,
      `q ${ACCENT} rg BT /${name} 14 Tf 40 520 Td (Titre en couleur) Tj ET Q`,
      `q ${INK_SOFT} RG 0.5 w 40 470 m 300 470 l S Q`,
      `q ${INK} rg 40 460 260 0.6 re f Q`,
      `q .92 .86 .80 rg 0 0 ${trimW + 2 * bleed} 100 re f Q`,
    ].join('\n');
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
    const link = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, 495, 200, 510], Border: [0, 0, 0], A: { S: 'URI', URI: 'https://www.moselle.fr/' } }));
    page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
  }
  const path = join(dir, 'livret-impression.pdf');
  await writeFile(path, await doc.save({ useObjectStreams: false }));
  return { dir, path };
}

/** Whether Ghostscript is here; in CI it must be (the test fails rather than skips). */
export async function requireGhostscript(): Promise<boolean> {
  if (await ghostscriptVersion()) return true;
  if (process.env.CI) throw new Error('Ghostscript is required in CI (apt-get install -y ghostscript)');
  return false;
}
