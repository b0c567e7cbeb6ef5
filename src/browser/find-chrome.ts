/**
 * Finds a Chromium or Chrome to print with, in this order: the CHROME_PATH environment
 * variable, the usual install locations, then (Linux x64 only) the Chromium that the
 * @sparticuz/chromium package ships inside node_modules — so a fresh clone can print with no
 * system browser and no download.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { guillemets } from '../print/french.ts';
import { BrowserNotFoundError } from './errors.ts';

/** `chrome`: a full browser (new headless mode); `headless-shell`: chrome-headless-shell. */
export type BrowserKind = 'chrome' | 'headless-shell';

export interface FoundBrowser {
  executablePath: string;
  kind: BrowserKind;
  /** Where it came from, for messages: `CHROME_PATH`, `système` or `@sparticuz/chromium`. */
  source: 'CHROME_PATH' | 'système' | '@sparticuz/chromium';
}

export interface FindChromeOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Override the standard locations (tests). */
  candidates?: readonly string[];
  /** Whether to fall back on @sparticuz/chromium (default: true). */
  bundled?: boolean;
}

const LINUX_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

const MAC_CANDIDATES = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The standard locations for a platform, most common first. */
export function standardLocations(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return [...MAC_CANDIDATES];
  if (platform === 'linux') return [...LINUX_CANDIDATES];
  return [];
}

/**
 * Why `path` cannot be run as a browser (French), or undefined when it can. A folder passes
 * access(X_OK) (and so does any file for root): spawning it then failed with an unhandled
 * EACCES and a stack trace.
 */
async function notExecutable(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'aucun fichier ne s’y trouve';
  if (info.isDirectory()) return 'c’est un dossier, pas le programme du navigateur (par exemple /usr/bin/chromium)';
  if (!info.isFile()) return 'ce n’est pas un fichier ordinaire';
  if ((info.mode & 0o111) === 0) return 'le fichier n’est pas exécutable';
  return access(path, constants.X_OK).then(
    () => undefined,
    () => 'le fichier n’est pas exécutable',
  );
}

const isExecutable = async (path: string): Promise<boolean> => (await notExecutable(path)) === undefined;

/** Resolves the browser to launch, or throws a BrowserNotFoundError saying what was tried. */
export async function findChrome(options: FindChromeOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;

  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    // An explicit choice that does not work is an error, not a reason to pick another browser.
    const why = await notExecutable(fromEnv);
    if (!why) {
      const kind = /headless/i.test(basename(fromEnv)) ? 'headless-shell' : 'chrome';
      return { executablePath: fromEnv, kind, source: 'CHROME_PATH' };
    }
    if (why === 'aucun fichier ne s’y trouve') throw new BrowserNotFoundError([`CHROME_PATH=${fromEnv}`], `CHROME_PATH indique ${guillemets(fromEnv)}, mais aucun exécutable ne s’y trouve.`);
    throw new BrowserNotFoundError([`CHROME_PATH=${fromEnv}`], `CHROME_PATH indique ${guillemets(fromEnv)}, mais ${why}.`, {
      fix: `Donnez à CHROME_PATH le chemin complet du programme du navigateur, par exemple CHROME_PATH=/usr/bin/chromium (sous macOS\u00A0: CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"), ou supprimez la variable (unset CHROME_PATH) pour que compendium le cherche lui-même.`,
    });
  }

  const tried: string[] = ['CHROME_PATH (non défini)'];
  for (const candidate of options.candidates ?? standardLocations(platform)) {
    tried.push(candidate);
    if (await isExecutable(candidate)) return { executablePath: candidate, kind: 'chrome', source: 'système' };
  }

  if ((options.bundled ?? true) && platform === 'linux' && arch === 'x64') {
    tried.push('@sparticuz/chromium');
    try {
      // Imported lazily: the package is only useful (and only works) on Linux x64. It inflates
      // its brotli-packed browser into the temp folder once, then reuses it.
      const { default: chromium } = await import('@sparticuz/chromium');
      const path = await chromium.executablePath();
      if (await isExecutable(path)) return { executablePath: path, kind: 'headless-shell', source: '@sparticuz/chromium' };
    } catch (error) {
      throw new BrowserNotFoundError(tried, undefined, { cause: error });
    }
  }

  throw new BrowserNotFoundError(tried);
}
