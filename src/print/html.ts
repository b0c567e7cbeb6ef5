/**
 * Renders the print edition's HTML with Eleventy, from the same data, view model, partials,
 * filters and font files as the web edition, into a self-contained folder that
 * `renderPrint()` paginates:
 *
 *     <outDir>/brochure.html
 *     <outDir>/css/{base,fonts,format,brochure}.css
 *     <outDir>/fonts/*.woff2        (src/site/fonts.ts: TrueType outlines, embedded in the PDF)
 *     <outDir>/images/…             (the original files as under data/images; TIFF, GIF, AVIF converted)
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { formatFinding, loadCompendium, type Finding } from '../data/index.ts';
import { InvalidDataError } from '../errors.ts';
import { checkDataFile } from '../data/files.ts';
import { MAX_IMAGE_BYTES, MAX_PIXELS } from '../data/crosscheck.ts';
import sharp from 'sharp';
import type { Compendium } from '../model.ts';
import { FONTS, assertFontFiles, fontFaceCss } from '../site/fonts.ts';
import { printFont, printFontFile, woffSource } from './font-unicode.ts';
import publication from '../../templates/_data/publication.js';
import { buildPrintDocument, type PrintDocument, type PrintImage } from './document.ts';
import { PrintImageError, PrintTemplateError } from './errors.ts';
import { formatCss } from './format.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INPUT = join(ROOT, 'templates/print');
const CONFIG = join(ROOT, 'print/eleventy.config.js');
const STYLESHEETS = ['base.css', 'brochure.css'];

export interface PrintHtmlOptions {
  /** The data folder: loaded and validated unless `compendium` is given; its images/ are copied. */
  dataDir: string;
  /** Data already loaded and validated (by the build), so it is not read twice. */
  compendium?: Compendium;
  /** Year of the edition (default: the latest). */
  edition?: number;
  /** Folder to write; emptied first. */
  outDir: string;
  /** A territory's booklet (territory id). */
  territory?: string;
  /** A theme's booklet (theme id). */
  theme?: string;
}

export interface PrintHtml {
  htmlPath: string;
  outDir: string;
  document: PrintDocument;
  /** Images copied, by their path in the folder. */
  images: PrintImage[];
  /** Editorial warnings of the data, when it was loaded here. */
  warnings: Finding[];
}

/** Every image of the document, each placement its own object (several may share a file). */
function allImages(doc: PrintDocument): PrintImage[] {
  return [
    doc.cover,
    doc.signaturePortrait,
    ...doc.projets.map((p) => p.image),
    ...Object.values(doc.partnerLogos),
    ...Object.values(doc.testimonialPhotos),
  ].filter((image): image is PrintImage => image !== undefined);
}

/** One image per file. */
function imagesOf(doc: PrintDocument): PrintImage[] {
  return [...new Map(allImages(doc).map((image) => [image.src, image])).values()];
}

/**
 * Formats Chromium draws, and so prints. Validation accepts TIFF, GIF and AVIF too (the site
 * converts every photo); those printed as a broken-image icon, so they are converted here.
 */
const PRINTABLE = new Set(['jpeg', 'png', 'webp']);

/**
 * Copies one image into the print folder: as it is when Chromium can draw it, else converted
 * with sharp (JPEG, or PNG when it has transparency; EXIF orientation applied). Returns the
 * path written, relative to the folder. `real` is the file validation checked (symlinks
 * followed inside data/). The print PDF's resolution is set later, at the placed size
 * (src/print/pdf/print-images.ts).
 */
async function copyImage(real: string, outDir: string, src: string): Promise<string> {
  const meta = await sharp(real, { limitInputPixels: MAX_PIXELS }).metadata();
  if (PRINTABLE.has(meta.format ?? '')) {
    await copyFile(real, join(outDir, decodeURIComponent(src)));
    return src;
  }
  const converted = `${src}.${meta.hasAlpha ? 'png' : 'jpg'}`;
  const image = sharp(real, { limitInputPixels: MAX_PIXELS, pages: 1 }).rotate();
  await (meta.hasAlpha ? image.png() : image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })).keepIccProfile().toFile(join(outDir, decodeURIComponent(converted)));
  return converted;
}

async function writeAssets(doc: PrintDocument, dataDir: string, outDir: string): Promise<PrintImage[]> {
  await mkdir(join(outDir, 'css'), { recursive: true });
  await mkdir(join(outDir, 'fonts'), { recursive: true });
  for (const sheet of STYLESHEETS) await copyFile(join(ROOT, 'print', sheet), join(outDir, 'css', sheet));
  await writeFile(join(outDir, 'css/format.css'), formatCss(doc.format));
  // The web edition's faces, each as a TrueType file whose character map gives every glyph
  // one character (src/print/font-unicode.ts): what the PDF's text layer is read with.
  await writeFile(join(outDir, 'css/fonts.css'), `/* Generated from src/site/fonts.ts and src/print/font-unicode.ts. */\n${fontFaceCss((f) => `../fonts/${printFontFile(f.file)}`, 'swap', 'truetype')}\n`);
  await assertFontFiles();
  await assertFontFiles(FONTS.map((f) => ({ ...f, path: woffSource(f.path) })));
  for (const font of FONTS) await writeFile(join(outDir, 'fonts', printFontFile(font.file)), printFont(await readFile(woffSource(font.path))));

  const images = imagesOf(doc);
  const renamed = new Map<string, string>();
  for (const image of images) {
    try {
      await mkdir(dirname(join(outDir, decodeURIComponent(image.src))), { recursive: true });
      // Through the data's gate again (inside data/, a regular file): validation checked it,
      // but data given by a caller may not have been validated.
      const checked = await checkDataFile(join(dataDir, 'images', image.source), { root: dataDir, maxBytes: MAX_IMAGE_BYTES });
      if (!checked.ok) throw new Error(checked.issue.message);
      const written = await copyImage(checked.path, outDir, image.src);
      if (written !== image.src) renamed.set(image.src, written);
    } catch (error) {
      throw new PrintImageError(image.source, { cause: error });
    }
  }
  for (const image of allImages(doc)) image.src = renamed.get(image.src) ?? image.src;
  return imagesOf(doc);
}

/** Loads the data (unless given), builds the print document and writes the print folder. */
export async function renderPrintHtml(options: PrintHtmlOptions): Promise<PrintHtml> {
  const dataDir = resolve(options.dataDir);
  const outDir = resolve(options.outDir);
  let compendium = options.compendium;
  let warnings: Finding[] = [];
  if (!compendium) {
    const loaded = await loadCompendium(dataDir);
    if (loaded.errors.length > 0 || !loaded.compendium) {
      throw new InvalidDataError(loaded.errors.map(formatFinding).join('\n'), loaded.errors.length);
    }
    compendium = loaded.compendium;
    warnings = loaded.warnings;
  }
  const doc = buildPrintDocument(compendium, { edition: options.edition, territory: options.territory, theme: options.theme });

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const images = await writeAssets(doc, dataDir, outDir);

  let html: string;
  try {
    // Absolute paths: the build may run from any folder, and Eleventy must not depend on it.
    const elev = new Eleventy(INPUT, outDir, {
      configPath: CONFIG,
      quietMode: true,
      config: (cfg: { addGlobalData(name: string, value: unknown): void }) => {
        cfg.addGlobalData('doc', doc);
        cfg.addGlobalData('publication', publication);
      },
    });
    // toJSON, not write(): Eleventy prints « Wrote 1 file » on every write, quiet or not, and
    // the build reports its own progress.
    const pages = await elev.toJSON();
    const page = pages.find((p) => p.url.endsWith('/brochure.html') || p.outputPath.endsWith('brochure.html'));
    if (!page) throw new Error('brochure.njk n’a produit aucune page');
    html = page.content;
  } catch (error) {
    throw new PrintTemplateError({ cause: error });
  }
  const htmlPath = join(outDir, 'brochure.html');
  await writeFile(htmlPath, html);
  return { htmlPath, outDir, document: doc, images, warnings };
}
