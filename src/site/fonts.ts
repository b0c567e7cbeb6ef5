/**
 * The typefaces of the compendium, self-hosted from @fontsource packages (Latin subset, which
 * covers French, « », ’ and the narrow no-break space). One list for the web and the print
 * stylesheet, so both editions use the very same files. Source Serif 4 for titles and quotes,
 * Source Sans 3 for text: open licence (SIL OFL 1.1), warm and legible, not the State's Marianne.
 */
import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FontFileMissingError } from '../errors.ts';

export interface FontFile {
  family: 'Source Sans 3' | 'Source Serif 4';
  weight: number;
  style: 'normal' | 'italic';
  /** Absolute path of the woff2 file in node_modules. */
  path: string;
  /** File name, as published under /assets/fonts/. */
  file: string;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const face = (family: FontFile['family'], weight: number, style: FontFile['style']): FontFile => {
  const slug = family.toLowerCase().replaceAll(' ', '-');
  const file = `${slug}-latin-${weight}-${style}.woff2`;
  return { family, weight, style, file, path: join(packageDir(`@fontsource/${slug}`), 'files', file) };
};

export const FONTS: readonly FontFile[] = [
  face('Source Sans 3', 400, 'normal'),
  face('Source Sans 3', 400, 'italic'),
  face('Source Sans 3', 600, 'normal'),
  face('Source Serif 4', 600, 'normal'),
  face('Source Serif 4', 400, 'italic'),
];

/**
 * The files worth preloading: what the first screen of every page draws — body text, the
 * navigation and labels (Source Sans 3 600), titles. A face that arrives after the first paint
 * moves the text it replaces: the navigation's 600 alone gave a layout shift of 0.24–0.26 on a
 * phone before it was preloaded.
 */
export const PRELOADED: readonly FontFile[] = FONTS.filter((f) => f.style === 'normal');

/** CSS font stacks (fallbacks with close metrics, should a file fail to load). */
export const STACKS = {
  sans: "'Source Sans 3', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  serif: "'Source Serif 4', Georgia, 'Times New Roman', serif",
};

/**
 * @font-face rules; `url(file)` gives each file's URL as the stylesheet must reference it.
 * `display`: « swap » for print (Chromium waits for every face before printing anyway);
 * « optional » on the web: a face that is not there by the first paint (preloaded ones
 * usually are) is not swapped in later, so text never moves under the reader (CLS).
 */
export function fontFaceCss(url: (font: FontFile) => string, display: 'swap' | 'optional' = 'swap', format: 'woff2' | 'truetype' = 'woff2'): string {
  return FONTS.map(
    (f) => `@font-face {
  font-family: '${f.family}';
  font-style: ${f.style};
  font-weight: ${f.weight};
  font-display: ${display};
  src: url('${url(f)}') format('${format}');
}`,
  ).join('\n');
}

/** Throws FontFileMissingError naming every font file that is missing or empty. */
export async function assertFontFiles(fonts: readonly FontFile[] = FONTS): Promise<void> {
  const missing: string[] = [];
  for (const font of fonts) {
    const size = await stat(font.path).then((s) => s.size, () => 0);
    if (size === 0) missing.push(font.path);
  }
  if (missing.length) throw new FontFileMissingError(missing);
}
