/**
 * Photos through eleventy-img: AVIF, WebP and JPEG at a few widths, in a <picture> with
 * width/height (no layout shift), lazy loading below the fold. https://www.11ty.dev/docs/plugins/image/
 * Done once per photo while the site's data is loaded (async shortcodes cannot run inside
 * Nunjucks macros), giving each project the HTML of its photo in the two places it appears.
 * A real image without alt text stops the build: the RGAA requires it and editors must write it.
 * So does an image that cannot be read: a damaged file (a copy cut short), a file that is not
 * an image, one beyond sharp's pixel limit. The message names the data file and the image, in
 * French, without a stack trace (the cause is kept on the error for developers). EXIF
 * orientation is applied by eleventy-img (portrait photos from phones come out upright), and
 * output file names are a hash of the image's bytes and options: the same photo gives the same
 * names on every build.
 */
import { dirname, join } from 'node:path';
import Image, { generateHTML } from '@11ty/eleventy-img';
import { CompendiumError } from '../errors.ts';
import { displayPath } from '../data/load.ts';
import { checkDataFile } from '../data/files.ts';
import { MAX_IMAGE_BYTES } from '../data/crosscheck.ts';
import { typographize } from './typography.ts';
import type { Image as DataImage } from '../model.ts';

export class MissingAltError extends CompendiumError {
  constructor(dataFile: string, file: string) {
    super('IMAGE_ALT', `${dataFile} : image sans texte alternatif : ${file} (ajoutez « alt: … » à côté de « fichier: »)`);
  }
}

/** The image file cannot be decoded: damaged, truncated, or not an image at all. */
export class UnreadableImageError extends CompendiumError {
  constructor(dataFile: string, image: string, cause: unknown) {
    super('IMAGE_UNREADABLE', `${dataFile} : l’image ${image} est illisible (fichier corrompu ou pas une image)`, { cause });
  }
}

/** The image has more pixels than sharp agrees to decode (a safeguard against decompression bombs). */
export class OversizedImageError extends CompendiumError {
  constructor(dataFile: string, image: string, cause: unknown) {
    super('IMAGE_TOO_LARGE', `${dataFile} : l’image ${image} est trop grande pour être convertie (plus de 268 millions de pixels) : réduisez-la, par exemple à 4 000 pixels de large`, { cause });
  }
}

/** The image file is missing (the validator checks this first; kept for data it did not see). */
export class MissingImageError extends CompendiumError {
  constructor(dataFile: string, image: string) {
    super('IMAGE_NOT_FOUND', `${dataFile} : l’image ${image} est introuvable`);
  }
}

/** Where a photo is shown: how wide (the `sizes` attribute) and whether it is above the fold. */
export const PLACEMENTS = {
  /** The project page: first thing under the title, so loaded at once. */
  page: { sizes: '(min-width: 76rem) 42rem, (min-width: 60rem) 58vw, 100vw', eager: true },
  /** A card in a grid (home, territory): below the fold. */
  card: { sizes: '(min-width: 76rem) 23rem, (min-width: 40rem) 45vw, 100vw', eager: false },
} as const;

export type Placement = keyof typeof PLACEMENTS;
/** The <picture> HTML per placement, and the JPEG that link previews show (og:image). */
export type PictureSet = Record<Placement, string> & { share: { url: string; width: number; height: number } };

export interface PictureOptions {
  imagesDir: string;
  /** The site's output folder: files go to `<outDir>/img/`. */
  outDir: string;
}

/** Turns what sharp or the file system threw into the French error an editor can act on. */
function imageError(error: unknown, dataFile: string, path: string): CompendiumError {
  const image = displayPath(path);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ENOENT') return new MissingImageError(dataFile, image);
  if (typeof message === 'string' && /pixel limit/i.test(message)) return new OversizedImageError(dataFile, image, error);
  return new UnreadableImageError(dataFile, image, error);
}

/** The <picture> HTML of one data image in every placement; `dataFile` is the YAML file that names it. */
export async function pictureSet(image: DataImage & { fichier: string }, options: PictureOptions, dataFile: string): Promise<PictureSet> {
  const alt = image.alt?.trim();
  if (!alt) throw new MissingAltError(dataFile, image.fichier);
  const path = join(options.imagesDir, image.fichier);
  // Validation already refused paths out of data/, links out of it, FIFOs and oversized files;
  // data handed over without it goes through the same gate (src/data/files.ts).
  const checked = await checkDataFile(path, { root: dirname(options.imagesDir), maxBytes: MAX_IMAGE_BYTES });
  if (!checked.ok) throw checked.issue.code === 'FILE_NOT_FOUND' ? new MissingImageError(dataFile, displayPath(path)) : new UnreadableImageError(dataFile, displayPath(path), new Error(checked.issue.message));
  let metadata;
  try {
    metadata = await Image(checked.path, {
      widths: [480, 800, 1200, 1600],
      formats: ['avif', 'webp', 'jpeg'],
      outputDir: join(options.outDir, 'img'),
      // Root-relative: the HtmlBase plugin adds the path prefix to src and srcset.
      urlPath: '/img/',
      // A JPEG cut short stops the build (half a photo in grey is not a photo); the harmless
      // warnings many cameras' files raise (extra bytes after the image…) do not.
      sharpOptions: { failOn: 'truncated' },
      sharpJpegOptions: { quality: 78, progressive: true },
      sharpWebpOptions: { quality: 75 },
      sharpAvifOptions: { quality: 55 },
    });
  } catch (error) {
    throw imageError(error, dataFile, path);
  }
  const html = (p: Placement) =>
    generateHTML(metadata, {
      alt: typographize(alt),
      sizes: PLACEMENTS[p].sizes,
      loading: PLACEMENTS[p].eager ? 'eager' : 'lazy',
      decoding: PLACEMENTS[p].eager ? 'sync' : 'async',
      ...(PLACEMENTS[p].eager ? { fetchpriority: 'high' } : {}),
    });
  // Link previews want one JPEG of about 1 200 pixels: the largest at most that wide.
  const jpegs = (metadata.jpeg ?? []) as Array<{ url: string; width: number; height: number }>;
  const share = [...jpegs].reverse().find((j) => j.width <= 1200) ?? jpegs[0]!;
  return { page: html('page'), card: html('card'), share: { url: share.url, width: share.width, height: share.height } };
}

/**
 * Pictures of every item that has an available photo, by id; `dataFileOf` names the YAML file
 * of an item, for error messages. Converted together, but when several fail the one reported is
 * the first in the items' order, not whichever failed first: the same on every build.
 */
export async function pictureIndex<T extends { id: string; photo?: DataImage & { fichier: string } }>(
  items: T[],
  options: PictureOptions,
  dataFileOf: (item: T) => string,
): Promise<Record<string, PictureSet>> {
  const withPhoto = items.filter((i) => i.photo);
  const results = await Promise.allSettled(withPhoto.map((i) => pictureSet(i.photo!, options, dataFileOf(i))));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(withPhoto.map((item, n) => [item.id, (results[n] as PromiseFulfilledResult<PictureSet>).value]));
}
