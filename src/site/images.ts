/**
 * Photos through eleventy-img: AVIF, WebP and JPEG at a few widths, in a <picture> with
 * width/height (no layout shift), lazy loading below the fold. https://www.11ty.dev/docs/plugins/image/
 * Done once per photo while the site's data is loaded (async shortcodes cannot run inside
 * Nunjucks macros), giving each project the HTML of its photo in the two places it appears.
 * A real image without alt text stops the build: the RGAA requires it and editors must write it.
 */
import { join } from 'node:path';
import Image, { generateHTML } from '@11ty/eleventy-img';
import { CompendiumError } from '../errors.ts';
import { typographize } from './typography.ts';
import type { Image as DataImage } from '../model.ts';

export class MissingAltError extends CompendiumError {
  constructor(file: string) {
    super('IMAGE_ALT', `image sans texte alternatif : ${file} (ajoutez « alt: … » à côté de « fichier: »)`);
  }
}

export class ImageError extends CompendiumError {
  constructor(file: string, cause: unknown) {
    super('IMAGE_PROCESSING', `image illisible ou impossible à convertir : ${file}`, { cause });
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
export type PictureSet = Record<Placement, string>;

export interface PictureOptions {
  imagesDir: string;
  /** The site's output folder: files go to `<outDir>/img/`. */
  outDir: string;
}

/** The <picture> HTML of one data image in every placement. */
export async function pictureSet(image: DataImage & { fichier: string }, options: PictureOptions): Promise<PictureSet> {
  const alt = image.alt?.trim();
  if (!alt) throw new MissingAltError(image.fichier);
  let metadata;
  try {
    metadata = await Image(join(options.imagesDir, image.fichier), {
      widths: [480, 800, 1200, 1600],
      formats: ['avif', 'webp', 'jpeg'],
      outputDir: join(options.outDir, 'img'),
      // Root-relative: the HtmlBase plugin adds the path prefix to src and srcset.
      urlPath: '/img/',
      sharpJpegOptions: { quality: 78, progressive: true },
      sharpWebpOptions: { quality: 75 },
      sharpAvifOptions: { quality: 55 },
    });
  } catch (error) {
    throw new ImageError(image.fichier, error);
  }
  const html = (p: Placement) =>
    generateHTML(metadata, {
      alt: typographize(alt),
      sizes: PLACEMENTS[p].sizes,
      loading: PLACEMENTS[p].eager ? 'eager' : 'lazy',
      decoding: PLACEMENTS[p].eager ? 'sync' : 'async',
      ...(PLACEMENTS[p].eager ? { fetchpriority: 'high' } : {}),
    });
  return { page: html('page'), card: html('card') };
}

/** Pictures of every item that has an available photo, by id. */
export async function pictureIndex<T extends { id: string; photo?: DataImage & { fichier: string } }>(items: T[], options: PictureOptions): Promise<Record<string, PictureSet>> {
  const entries = await Promise.all(items.filter((i) => i.photo).map(async (i) => [i.id, await pictureSet(i.photo!, options)] as const));
  return Object.fromEntries(entries);
}
