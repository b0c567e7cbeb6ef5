/** `compendium build`: validates, then builds the site and the PDFs (wired as stages land). */
import { loadCompendium, formatFinding } from '../data/index.ts';
import { parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function buildCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { strict: { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError('un seul dossier de données à la fois');
  const dataDir = positionals[0] ?? 'data';
  const result = await loadCompendium(dataDir, { strict: values.strict === true });
  for (const f of [...result.errors, ...result.warnings]) out.stderr(formatFinding(f));
  if (result.errors.length > 0) {
    out.stderr(`\nConstruction arrêtée : ${result.errors.length} erreur(s) dans les données.`);
    return 1;
  }
  out.stdout(`Données valides (${result.warnings.length} avertissement(s)).`);
  return 0;
}
