/** `compendium new-edition <année> [--sans-laureats] [--data dossier | dossier]`. */
import { loadCompendium, formatFinding } from '../data/index.ts';
import { newEdition } from '../edition/new-edition.ts';
import { BASELINE_FILE, writeBaseline } from '../edition/baseline.ts';
import { dataFolder, parse, UsageError } from './args.ts';
import type { Output } from './output.ts';
import { errorCount } from '../plural.ts';

export async function newEditionCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { data: { type: 'string' }, 'sans-laureats': { type: 'boolean' } });
  const year = Number(positionals[0]);
  if (positionals.length < 1 || !Number.isInteger(year) || year < 2019 || year > 2100) throw new UsageError('indiquez l’année de la nouvelle édition, par exemple : compendium new-edition 2026');
  const dataDir = dataFolder(positionals.slice(1), values.data as string | undefined);
  const result = await loadCompendium(dataDir);
  if (result.errors.length) {
    for (const f of result.errors) out.stderr(formatFinding(f));
    out.stderr(`\nCorrigez d’abord ${result.errors.length > 1 ? `les ${errorCount(result.errors.length)}` : 'l’erreur'} des données.`);
    return 1;
  }
  const made = await newEdition(dataDir, result.partial, year, { laureates: values['sans-laureats'] ? 'vider' : 'reprendre' });
  // What is already there is the published edition's: validate lists what comes after first.
  await writeBaseline(made.dir, result.warnings, dataDir, made.from);
  out.stdout(`Édition ${year} créée à partir de l’édition ${made.from} dans ${made.dir} :`);
  for (const f of [...made.files, BASELINE_FILE]) out.stdout(`  ${f}`);
  out.stdout(
    made.carried
      ? `\nLes ${made.carried} lauréats de l’édition ${made.from} sont repris à leur place (--sans-laureats pour partir de listes vides).`
      : `\nLes listes de projets sont vides : remplissez-les territoire par territoire.`,
  );
  out.stdout(`À faire : réécrire les textes, puis choisir les projets de chaque territoire dans ${made.dir}/edition.yaml.\nAjoutez les nouveaux lauréats avec « compendium add-project ». L’édition reste en brouillon jusqu’à ce que vous supprimiez la ligne « brouillon: true ».`);
  return 0;
}
