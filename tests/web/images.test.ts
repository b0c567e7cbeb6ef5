import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { CompendiumError, InvalidDataError } from '../../src/errors.ts';
import { displayPath } from '../../src/data/load.ts';
import { pictureSet, UnreadableImageError } from '../../src/site/images.ts';
import { build, fixtureData, tempDir } from './support/fixtures.ts';

/**
 * Bad image files: each builds correctly or stops the build with a French message that names
 * the data file and the image, with a code and no stack trace. The validator (src/data) reads
 * every image first; the site's conversion (src/site/images.ts) has its own error too. The
 * files are made here, in a copy of tests/fixtures/web, in place of atelier-velo's photo.
 */
const PHOTO = 'images/projets/atelier-velo.jpg';

/** A JPEG cut in half, as an interrupted copy leaves it. */
async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#7a9a6b' } }).jpeg().toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length / 2));
}

/** A fixture copy whose photo is replaced by what `write` puts at the given path. */
async function withPhoto(write: (path: string) => Promise<void>): Promise<string> {
  const dataDir = await fixtureData();
  await write(join(dataDir, PHOTO));
  return dataDir;
}

/** Builds and returns the error, failing if the build succeeds. */
async function failure(dataDir: string): Promise<CompendiumError> {
  try {
    await build({ dataDir });
  } catch (error) {
    assert.instance(error, CompendiumError, `a CompendiumError, not ${String(error)}`);
    return error as CompendiumError;
  }
  assert.unreachable('the build should have failed');
  throw new Error('unreachable');
}

/** What an editor reads: French, the data file and the image named, one finding, no stack trace. */
function assertReadable(error: CompendiumError, dataDir: string, what: RegExp): void {
  assert.instance(error, InvalidDataError);
  assert.is(error.code, 'INVALID_DATA');
  const yaml = displayPath(join(dataDir, 'projets/atelier-velo.yaml'));
  assert.ok(error.message.startsWith(`Les données contiennent 1 erreur :\n${yaml}:`), error.message);
  assert.match(error.message, what);
  assert.not.match(error.message, /\sat\s\S+:\d+|Error:|sharp|Vips/, 'no stack trace, no library jargon');
}

const images = suite('bad image files');

images('a corrupt JPEG (a copy cut short) stops the build with a French message', async () => {
  const dataDir = await withPhoto(async (path) => writeFile(path, await truncatedJpeg()));
  assertReadable(await failure(dataDir), dataDir, /— erreur : \S*\/images\/projets\/atelier-velo\.jpg : image illisible \(fichier corrompu ou pas une image\)/);
});

images('a text file named .jpg stops the build with the same message', async () => {
  const dataDir = await withPhoto((path) => writeFile(path, 'Ceci n’est pas une image.\n'));
  assertReadable(await failure(dataDir), dataDir, /— erreur : \S*\/images\/projets\/atelier-velo\.jpg : image illisible \(fichier corrompu ou pas une image\)/);
});

images('a huge image (12 000 × 12 000 px PNG) stops the build: it is a mistake, said in French', async () => {
  const dataDir = await withPhoto(async (path) => {
    await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#c8855a' } }).png({ compressionLevel: 1 }).toFile(path);
  });
  assertReadable(await failure(dataDir), dataDir, /image trop grande \(12000 × 12000 pixels, 144 mégapixels ; 100 au plus\)/);
});

images('past the validator, an image sharp cannot decode is still a French error naming both files', async () => {
  // The site's own check, for an image that changed after validation or that only the
  // conversion chokes on: the same words, an error class with a code, the cause kept.
  const dir = join(await tempDir('img'), 'images');
  await mkdir(join(dir, 'projets'), { recursive: true });
  for (const bytes of [await truncatedJpeg(), Buffer.from('Ceci n’est pas une image.\n')]) {
    await writeFile(join(dir, 'projets/x.jpg'), bytes);
    try {
      await pictureSet({ fichier: 'projets/x.jpg', alt: 'Une photo.' }, { imagesDir: dir, outDir: join(dir, '..', 'site') }, 'data/projets/x.yaml');
      assert.unreachable('the conversion should have failed');
    } catch (error) {
      assert.instance(error, UnreadableImageError);
      assert.is((error as UnreadableImageError).code, 'IMAGE_UNREADABLE');
      assert.is((error as Error).message, `data/projets/x.yaml : l’image ${displayPath(join(dir, 'projets/x.jpg'))} est illisible (fichier corrompu ou pas une image)`);
      assert.ok((error as Error).cause, 'the cause is kept for developers');
    }
  }
});

images('a photo with an EXIF orientation is shown upright', async () => {
  // 1200 × 800 as stored, « rotate 90° » in EXIF (orientation 6): a portrait photo from a phone.
  const dataDir = await withPhoto(async (path) => {
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#7a9a6b' } }).withMetadata({ orientation: 6 }).jpeg().toFile(path);
  });
  assert.is((await sharp(await readFile(join(dataDir, PHOTO))).metadata()).orientation, 6);
  const site = await build({ dataDir });
  const html = await site.read('projets/atelier-velo/index.html');
  const img = /<img [^>]+>/.exec(html.slice(html.indexOf('project__media')))![0];
  assert.match(img, /width="800" height="1200"/, 'portrait, as the photographer held the phone');
  const src = /src="\/([^"]+)"/.exec(img)![1]!;
  const meta = await sharp(join(site.outDir, src)).metadata();
  assert.ok(meta.height! > meta.width!, `${meta.width}×${meta.height}`);
  assert.ok(!meta.orientation || meta.orientation === 1, 'the rotation is applied to the pixels, not left to the browser');
});

images.run();
