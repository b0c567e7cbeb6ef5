// « What validates prints » (issue 11): every image format validation accepts shows in the
// print PDF (a TIFF printed as a broken-image icon), and photos are embedded at 300 ppi at
// their placed size, not with all their pixels (a 99-megapixel photo made a 57 MB PDF).
// Real Chromium, the PDF read back with poppler's pdfimages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { renderPrintHtml } from '../../src/print/html.ts';
import { renderPrint } from '../../src/print/render.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith, VALID } from '../helpers/data.ts';
import { pdfImages, requirePoppler } from '../print/pdf-helpers.ts';


interface Context {
  dir: string;
  out: string;
  pdf: string;
  photoBytes: number;
}

const printed = suite<Context>('data safety: what validates prints', { dir: '', out: '', pdf: '', photoBytes: 0 });

/** A photo-like image (a gradient with noise: it does not compress to nothing). */
async function photo(width: number, height: number): Promise<sharp.Sharp> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i % 251) ^ (((i * 7919) >> 11) & 255);
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

printed.before(async (ctx) => {
  const project = readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8');
  const edition = readFileSync(join(VALID, 'editions/2025/edition.yaml'), 'utf8');
  ctx.dir = dataWith({
    'projets/graoucoop.yaml': project.replace('  a_fournir: true', '  fichier: projets/grande.jpg\n  alt: Une très grande photo\n  credit: X'),
    'editions/2025/edition.yaml': edition.replace('edito:\n', 'couverture:\n  fichier: couverture.tif\n  alt: La couverture\n  credit: X\nedito:\n'),
  });
  mkdirSync(join(ctx.dir, 'images/projets'), { recursive: true });
  // 7 000 × 4 700 pixels (33 megapixels) for a box of a few centimetres.
  await (await photo(7000, 4700)).jpeg({ quality: 90 }).toFile(join(ctx.dir, 'images/projets/grande.jpg'));
  await (await photo(1200, 1600)).tiff({ compression: 'lzw' }).toFile(join(ctx.dir, 'images/couverture.tif'));
  ctx.photoBytes = statSync(join(ctx.dir, 'images/projets/grande.jpg')).size;
  const loaded = await loadCompendium(ctx.dir);
  assert.equal(loaded.errors, [], 'TIFF and large JPEG pass validation');
  ctx.out = mkdtempSync(join(tmpdir(), 'compendium-data-print-'));
  const html = await renderPrintHtml({ dataDir: ctx.dir, outDir: join(ctx.out, 'html') });
  ctx.pdf = join(ctx.out, 'impression.pdf');
  const metadata = { title: 'Innovation sociale en Moselle', author: 'Département de la Moselle', subject: 'Essai' };
  await renderPrint({ input: html.htmlPath, printPdf: ctx.pdf, screenPdf: false, metadata });
});

printed.after((ctx) => {
  rmSync(ctx.out, { recursive: true, force: true });
  rmSync(ctx.dir, { recursive: true, force: true });
});

printed('a TIFF that passed validation is printed as an image (converted), not a broken icon', (ctx) => {
  if (!requirePoppler()) return;
  const images = pdfImages(ctx.pdf);
  const cover = images.filter((i) => i.page === 1);
  assert.is(cover.length, 1, `one image on the cover: ${JSON.stringify(images)}`);
  assert.ok(Math.abs(cover[0]!.width / cover[0]!.height - 1200 / 1600) < 0.01, 'the TIFF’s own picture, at its aspect ratio');
});

printed('a photo far larger than its box is embedded at 300 ppi at its placed size', (ctx) => {
  if (!requirePoppler()) return;
  // The cover is on page 1; the project's photo is the only other image of the data.
  const large = pdfImages(ctx.pdf).filter((i) => i.page !== 1);
  assert.is(large.length, 1, 'the large photo is printed once');
  const ppi = Math.min(large[0]!.xppi, large[0]!.yppi);
  assert.ok(ppi >= 299 && ppi <= 310, `${ppi} ppi at its printed size (300 wanted)`);
  assert.ok(large[0]!.width < 7000, `resampled: ${large[0]!.width} px wide`);
  const pdfBytes = statSync(ctx.pdf).size;
  assert.ok(pdfBytes < ctx.photoBytes / 4, `print PDF ${pdfBytes} B, the photo alone ${ctx.photoBytes} B`);
});

printed.run();
