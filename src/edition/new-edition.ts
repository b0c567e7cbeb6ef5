/**
 * Scaffolds the next edition from the latest one: its editorial texts copied for rewriting,
 * the year and dates moved on, and its laureates carried over (the brochure's practice: the
 * 2025 brochure lists every laureate since 2019) or, when asked, tiers left empty for the
 * editor to fill. Projects are not touched: they belong to every edition that selects them.
 * No list is written `[]`: an item added under `key: []` is a YAML error, so an empty tier
 * is a commented key the editor uncomments like any other commented line.
 */
import { mkdir, readFile, writeFile, copyFile, stat, readdir, rm } from 'node:fs/promises';
import { checkDataFile } from '../data/files.ts';
import { MAX_FILE_BYTES } from '../data/yaml.ts';
import { join } from 'node:path';
import type { Compendium, Tier } from '../model.ts';
import { TIERS } from '../model.ts';
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
  /** How many laureates were carried over from the base edition (0 with `laureates: 'vider'`). */
  carried: number;
}

export interface NewEditionOptions {
  /** `reprendre` (default): the base edition's tiers as they were; `vider`: empty tiers. */
  laureates?: 'reprendre' | 'vider';
}

/** An empty tier: the key and an example item, commented, so uncommenting gives valid YAML. */
const emptyTier = (tier: Tier): string => `    # ${tier}:\n    #   - identifiant-du-projet\n`;

/** Moves every AAAA in the dates block on by `years`. */
function shiftDates(text: string, years: number): string {
  return text.replace(/^(\s+(?:publication|appel_ouverture|appel_cloture):\s*["']?)(\d{4})/gm, (_m, head: string, y: string) => `${head}${Number(y) + years}`);
}

export async function newEdition(dataDir: string, c: Compendium, year: number, options: NewEditionOptions = {}): Promise<NewEditionResult> {
  const dir = join(dataDir, 'editions', String(year));
  if (await stat(dir).then(() => true, () => false)) throw new EditionExistsError(year, dir);
  const earlier = c.editions.filter((e) => e.annee < year);
  const base = earlier.length ? earlier[earlier.length - 1]! : c.editions[c.editions.length - 1];
  if (!base) throw new NoBaseEditionError();
  const baseDir = join(dataDir, 'editions', String(base.annee));

  let text = await readFile(join(baseDir, 'edition.yaml'), 'utf8');
  text = setTopLevelScalar(text, 'annee', String(year));
  // The base's own header names its year: it now describes this edition.
  text = text.replace(new RegExp(`^# Édition ${base.annee}\\b`, 'm'), `# Édition ${year}`);
  text = shiftDates(text, year - base.annee);
  const carry = options.laureates !== 'vider';
  const tiers = base.territoires
    .map((t) => `  - territoire: ${t.territoire}\n${TIERS.map((tier) => (carry && t[tier]?.length ? `    ${tier}:\n${t[tier]!.map((id) => `      - ${id}\n`).join('')}` : emptyTier(tier))).join('')}`)
    .join('');
  const intro = carry
    ? `# Les lauréats de l’édition ${base.annee} sont repris, à leur place : déplacez-les, retirez-en,\n# ajoutez les nouveaux lauréats (« compendium add-project »). L’ordre des lignes est l’ordre d’affichage.`
    : `# Choisissez ici les projets de l’édition ${year}, territoire par territoire : pour remplir une\n# liste, enlevez le « # » et l’espace qui le suit au début de ses deux lignes, puis écrivez\n# un identifiant par ligne après « - ».`;
  text = replaceTopLevelBlock(text, 'territoires', `${intro}\nterritoires:\n${tiers}`);
  text = `# Édition ${year}, créée à partir de l’édition ${base.annee} par « compendium new-edition ».\n# À faire : réécrire les textes (.md), vérifier les dates et les chiffres clés, choisir les projets.\n${text}`;
  // A draft until the editor publishes it: the site keeps showing the current edition. The
  // comment sits on the marker's own line, so deleting the line leaves no orphan comment.
  // (The base may itself still be a draft: its own marker, and an older comment, go first.)
  text = text.replace(/^# En préparation[^\n]*\n/m, '').replace(/^brouillon:.*\n/m, '');
  text = text.replace(/^annee: .*$/m, (line) => `${line}\nbrouillon: true  # en préparation : supprimez cette ligne pour publier l’édition`);

  await mkdir(dir, { recursive: true });
  // The new cover and photos go there: created, so the editor need not.
  await mkdir(join(dataDir, 'images', 'projets'), { recursive: true });
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
    return { dir, from: base.annee, files, carried: carry ? base.territoires.reduce((n, t) => n + TIERS.reduce((m, tier) => m + (t[tier]?.length ?? 0), 0), 0) : 0 };
  } catch (err) {
    // Half an edition is worse than none: remove what was written.
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
