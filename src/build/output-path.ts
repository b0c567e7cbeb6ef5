/**
 * Where compendium may write: an output folder is replaced whole by a build (src/build/atomic.ts),
 * so a wrong `--sortie` would destroy whatever is there. `--sortie data` once replaced the data
 * with the site, and `--sortie .` moved the project aside. So every output path is checked,
 * before anything is moved or deleted, after following symlinks (`data/`, `./data`, a link to
 * data and `data/../data` are the same folder):
 *
 * - it may not be, or contain, the data folder, the project (the tool's own folder), the current
 *   folder, the home folder or `/`;
 * - it may not lie inside the data folder (it would be read as data) or inside one of the
 *   project's source folders (templates, schemas…);
 * - an existing folder must be empty, or written by compendium: each output folder gets a
 *   marker file (MARKER), and a folder inside a marked one is ours too (as is a site built
 *   before the marker existed: an index.html beside Pagefind's index).
 */
import { lstat, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompendiumError } from '../errors.ts';

/** The file that says « compendium wrote this folder ». */
export const MARKER = '.compendium-sortie';

const MARKER_TEXT = 'Dossier écrit par compendium\u00A0: il est remplacé en entier à chaque construction. N’y rangez rien d’autre.\n';

/** The tool's own folder (where templates/ and package.json are). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Folders of the project that are read as sources: an output inside one would be read back. */
const PROJECT_SOURCES = ['templates', 'src', 'schemas', 'print', 'bin', 'docs', 'tests', 'node_modules', '.git'];

/** An output path that would overwrite or mix with something that is not a compendium output. Exit code 2. */
export class UnsafeOutputError extends CompendiumError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super('UNSAFE_OUTPUT', `dossier de sortie refusé «\u00A0${path}\u00A0»\u00A0: ${reason}. Rien n’a été modifié. Indiquez avec --sortie un dossier neuf, vide ou déjà écrit par compendium, par exemple --sortie _site.`);
  }
}

/** The real path of `path`: symlinks followed as far as the path exists, the rest appended. */
export async function realPathLoose(path: string): Promise<string> {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

const within = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const isFile = (path: string): Promise<boolean> => lstat(path).then((s) => s.isFile(), () => false);

/** A folder compendium wrote: marked, or a site built before outputs were marked (its home page beside Pagefind's index). */
const written = async (dir: string): Promise<boolean> =>
  (await isFile(join(dir, MARKER))) || ((await isFile(join(dir, 'index.html'))) && (await isFile(join(dir, 'pagefind', 'pagefind.js'))));

/** Whether an existing folder may be replaced: empty, ours or inside one of ours, or holding only folders of ours. */
async function isOurs(dir: string, entries: string[]): Promise<boolean> {
  if (entries.length === 0) return true;
  for (let d = dir; ; d = dirname(d)) {
    if (await written(d)) return true;
    if (dirname(d) === d) break;
  }
  for (const entry of entries) if (!(await isFile(join(dir, entry, MARKER)))) return false;
  return true;
}

export interface OutputCheck {
  /** The data folder the build reads. */
  dataDir: string;
  /** Default process.cwd(). */
  cwd?: string;
  /** Default os.homedir(). */
  home?: string;
}

/**
 * Throws UnsafeOutputError when `out` may not be written (see the top of this file); returns its
 * real path otherwise. Reads only: call it before anything is created, moved or deleted.
 */
export async function checkOutputPath(out: string, check: OutputCheck): Promise<string> {
  const shown = out;
  if (out.trim() === '') throw new UnsafeOutputError(shown, 'le chemin est vide');
  const real = await realPathLoose(out);
  const data = await realPathLoose(check.dataDir);
  const places: Array<[string, string]> = [
    [data, 'le dossier des données'],
    [await realPathLoose(PROJECT_ROOT), 'le dossier du projet compendium'],
    [await realPathLoose(check.cwd ?? process.cwd()), 'le dossier courant'],
    [await realPathLoose(check.home ?? homedir()), 'votre dossier personnel'],
    [sep, 'la racine du système (/)'],
  ];
  for (const [place, name] of places) if (real === place) throw new UnsafeOutputError(shown, `c’est ${name}`);
  for (const [place, name] of places) if (within(place, real)) throw new UnsafeOutputError(shown, `il contient ${name}`);
  if (within(real, data)) throw new UnsafeOutputError(shown, 'il est dans le dossier des données, qui ne doit contenir que des données');
  for (const source of PROJECT_SOURCES) {
    const place = await realPathLoose(join(PROJECT_ROOT, source));
    if (within(real, place)) throw new UnsafeOutputError(shown, `il est dans le dossier «\u00A0${source}\u00A0» du projet, qui est lu à chaque construction`);
  }
  const info = await stat(real).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UnsafeOutputError(shown, 'c’est un fichier, pas un dossier');
  if (info) {
    const entries = await readdir(real);
    if (!(await isOurs(real, entries))) {
      throw new UnsafeOutputError(shown, `ce dossier existe, n’est pas vide (${entries.length} élément${entries.length > 1 ? 's' : ''}) et n’a pas été écrit par compendium`);
    }
  }
  return real;
}

/** Marks a folder as a compendium output (see checkOutputPath). */
export async function markOutput(dir: string): Promise<void> {
  await writeFile(join(dir, MARKER), MARKER_TEXT);
}
