/**
 * Total area coverage as the plates will carry it: every page rendered by Ghostscript into
 * CMYK (36 dpi, cut to the BleedBox so the registration marks in the slug do not count, output
 * intent as the device profile) and the heaviest pixel kept. The colour operators
 * (page-paint.ts) miss photographs and shadings; the rendering sees everything. 36 dpi is
 * 0.7 mm a pixel: finer than any area a print shop's TAC check looks at, and it takes about a
 * tenth of a second a page. Without antialiasing (Ghostscript's default) a pixel is one colour
 * of the page, never a blend.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './run-tool.ts';

export const TAC_DPI = 36;

/** The heaviest ink (C+M+Y+K, in %) of each page; undefined when Ghostscript is not installed. */
export async function renderedInk(pdfPath: string, gs = 'gs'): Promise<number[] | undefined> {
  const work = await mkdtemp(join(tmpdir(), 'compendium-tac-'));
  try {
    const result = await runTool(gs, ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pamcmyk32', `-r${TAC_DPI}`, '-dUseBleedBox', '-dUsePDFX3Profile', `-sOutputFile=${join(work.replace(/%/g, '%%'), 'p%05d.pam')}`, pdfPath]);
    if (result.missing) return undefined;
    if (result.code !== 0) throw new Error(`Ghostscript (${gs}) n’a pas pu rendre ${pdfPath} : ${result.stderr.trim().split('\n').slice(-2).join(' ')}`);
    const files = (await readdir(work)).sort();
    return Promise.all(files.map(async (file) => maxCoverage(await readFile(join(work, file)))));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The heaviest pixel of a PAM CMYK image (8 bits a component), as C+M+Y+K in %. */
export function maxCoverage(pam: Buffer): number {
  const header = pam.indexOf('ENDHDR\n');
  if (header < 0) throw new Error('image PAM sans en-tête');
  let max = 0;
  for (let i = header + 7; i + 3 < pam.length; i += 4) {
    const sum = (pam[i] ?? 0) + (pam[i + 1] ?? 0) + (pam[i + 2] ?? 0) + (pam[i + 3] ?? 0);
    if (sum > max) max = sum;
  }
  return Math.round((max / 255) * 100);
}
