import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith, VALID } from '../helpers/data.ts';

const images = suite('image files');

/** The valid fixture with Graoucoop's photo set to `bytes`. */
async function withPhoto(bytes: Buffer | string, name = 'graoucoop.jpg'): Promise<string[]> {
  const dir = dataWith({
    'projets/graoucoop.yaml': readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8').replace('  a_fournir: true', `  fichier: projets/${name}\n  alt: La façade du supermarché\n  credit: Corentin PRZYBYLSKI`),
  });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  writeFileSync(join(dir, 'images/projets', name), bytes);
  const r = await loadCompendium(dir);
  return r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`.replaceAll(`${dir}/`, ''));
}

images('a real photo passes', async () => {
  const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c0a080' } }).jpeg().toBuffer();
  assert.equal(await withPhoto(jpeg), []);
});

images('a text file renamed .jpg is named, at its line, with the data file', async () => {
  assert.equal(await withPhoto('ceci n’est pas une image\n'), ['projets/graoucoop.yaml:18:12 IMAGE_UNREADABLE images/projets/graoucoop.jpg : image illisible (fichier corrompu ou pas une image)']);
});

images('a truncated JPEG is unreadable', async () => {
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const [e] = await withPhoto(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  assert.match(e ?? '', 'IMAGE_UNREADABLE');
});

images('a huge image is refused with its size', async () => {
  const png = await sharp({ create: { width: 11_000, height: 10_000, channels: 3, background: '#ffffff' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
  assert.equal(await withPhoto(png, 'graoucoop.png'), ['projets/graoucoop.yaml:18:12 IMAGE_TOO_LARGE images/projets/graoucoop.png : image trop grande (11000 × 10000 pixels, 110 mégapixels ; 100 au plus)']);
});

images('a photo too small for print is a warning at its line, before any PDF (an outside editor learnt it only from the build)', async () => {
  const dir = dataWith({
    'projets/graoucoop.yaml': readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8').replace('  a_fournir: true', '  fichier: projets/petite.jpg\n  alt: La façade du supermarché'),
  });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  const photo = (width: number) => sharp({ create: { width, height: Math.round(width * 0.6), channels: 3, background: '#c0a080' } }).jpeg().toBuffer();
  writeFileSync(join(dir, 'images/projets/petite.jpg'), await photo(1600));
  const low = (await loadCompendium(dir)).warnings.filter((w) => w.code === 'IMAGE_LOW_RESOLUTION');
  assert.equal(low.map((w) => `${w.file.replaceAll(`${dir}/`, '')}:${w.line}:${w.column}`), ['projets/graoucoop.yaml:18:12']);
  assert.match(low[0]?.message ?? '', /1\u202F600 pixels de large : imprimée sur la largeur du texte \(17 cm\), elle n’aurait que 239 ppi/);
  assert.match(low[0]?.hint ?? '', /au moins 2\u202F010 pixels de large/);
  // Wide enough for the text width: nothing to say.
  writeFileSync(join(dir, 'images/projets/petite.jpg'), await photo(2100));
  assert.equal((await loadCompendium(dir)).warnings.filter((w) => w.code === 'IMAGE_LOW_RESOLUTION'), []);
});

images.run();
