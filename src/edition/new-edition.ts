/**
 * Scaffolds the next edition from the latest one: its editorial texts copied for rewriting,
 * the year and dates moved on, the tiers emptied for the editor to fill. Projects are not
 * touched: they belong to every edition that selects them.
 */
import { mkdir, readFile, writeFile, copyFile, stat, readdir, rm } from 'node:fs/promises';
import { checkDataFile } from '../data/files.ts';
import { MAX_FILE_BYTES } from '../data/yaml.ts';
import { join } from 'node:path';
import type { Compendium } from '../model.ts';
import { CompendiumError } from '../errors.ts';
import { setTopLevelScalar, replaceTopLevelBlock } from './yaml-edit.ts';

export class EditionExistsError extends CompendiumError {
  constructor(year: number, dir: string) {
    super('EDITION_EXISTS', `l’édition ${year} existe déjà (${dir}) : rien n’a été modifié. Pour la recommencer, supprimez d’abord ce dossier.`);
  }
}

export class NoBaseEditionError extends CompendiumError {
  constructor() {
    super('NO_BASE_EDITION', 'aucune édition existante à reprendre : créez la première à la main dans data/editions/<année>/edition.yaml (voir docs/guide-editeur.md).');
  }
}

export interface NewEditionResult {
  dir: string;
  from: number;
  files: string[];
}

/** Moves every AAAA in the dates block on by `years`. */
function shiftDates(text: string, years: number): string {
  return text.replace(/^(\s+(?:publication|appel_ouverture|appel_cloture):\s*["']?)(\d{4})/gm, (_m, head: string, y: string) => `${head}${Number(y) + years}`);
}

export async function newEdition(dataDir: string, c: Compendium, year: number): Promise<NewEditionResult> {
  const dir = join(dataDir, 'editions', String(year));
  if (await stat(dir).then(() => true, () => false)) throw new EditionExistsError(year, dir);
  const earlier = c.editions.filter((e) => e.annee < year);
  const base = earlier.length ? earlier[earlier.length - 1]! : c.editions[c.editions.length - 1];
  if (!base) throw new NoBaseEditionError();
  const baseDir = join(dataDir, 'editions', String(base.annee));

  let text = await readFile(join(baseDir, 'edition.yaml'), 'utf8');
  text = setTopLevelScalar(text, 'annee', String(year));
  text = shiftDates(text, year - base.annee);
  const tiers = base.territoires.map((t) => `  - territoire: ${t.territoire}\n    a_la_une: []\n    aussi_laureats: []\n    autres_laureats: []\n`).join('');
  text = replaceTopLevelBlock(text, 'territoires', `# Choisissez ici les projets de l’édition ${year}, territoire par territoire.\nterritoires:\n${tiers}`);
  text = `# Édition ${year}, créée à partir de l’édition ${base.annee} par « compendium new-edition ».\n# À faire : réécrire les textes (.md), vérifier les dates et les chiffres clés, choisir les projets.\n${text}`;
  // A draft until the editor publishes it: the site keeps showing the current edition.
  // (The base may itself still be a draft: its own marker goes first.)
  text = text.replace(/^# En préparation[^\n]*\n/m, '').replace(/^brouillon:.*\n/m, '');
  text = text.replace(/^annee: .*$/m, (line) => `${line}\n# En préparation : supprimez la ligne suivante pour publier l’édition.\nbrouillon: true`);

  await mkdir(dir, { recursive: true });
  try {
    const files = ['edition.yaml'];
    await writeFile(join(dir, 'edition.yaml'), text);
    for (const name of (await readdir(baseDir)).sort()) {
      if (!name.endsWith('.md')) continue;
      // Only regular files inside data/ (src/data/files.ts): a FIFO would block the copy, and a
      // symlink out of data/ would bring an outside file in as an ordinary text.
      const source = await checkDataFile(join(baseDir, name), { root: dataDir, maxBytes: MAX_FILE_BYTES });
      if (!source.ok) continue;
      await copyFile(source.path, join(dir, name));
      files.push(name);
    }
    return { dir, from: base.annee, files };
  } catch (err) {
    // Half an edition is worse than none: remove what was written.
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
