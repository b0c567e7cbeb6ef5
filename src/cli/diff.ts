/** `compendium diff <année-a> <année-b> [--data dossier | dossier] [--json]`. */
import { loadCompendium } from '../data/index.ts';
import { diffEditions, formatDiff } from '../edition/diff.ts';
import { dataFolder, parse, UnknownValueError, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function diffCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { data: { type: 'string' }, json: { type: 'boolean' } });
  const [a, b] = positionals.slice(0, 2).map(Number);
  if (positionals.length < 2 || !Number.isInteger(a) || !Number.isInteger(b)) throw new UsageError('indiquez deux années, par exemple : compendium diff 2025 2026');
  const result = await loadCompendium(dataFolder(positionals.slice(2), values.data as string | undefined));
  const c = result.partial;
  const ea = c.editions.find((e) => e.annee === a);
  const eb = c.editions.find((e) => e.annee === b);
  const missing = [ea ? null : a, eb ? null : b].filter((x) => x !== null);
  if (!ea || !eb) {
    // An edition.yaml with errors is not « introuvable »: name the real cause.
    const unread = missing.filter((y) => result.loaded.unreadEditions.includes(String(y)));
    if (unread.length) {
      out.stderr(`compendium diff : l’édition ${unread.join(', ')} contient des erreurs : corrigez-les d’abord (« npm run validate » les détaille).`);
      return 1;
    }
    // A year typed wrong is a usage error (exit 2), with the years there are: the line and a
    // hint help, the whole usage screen below them would bury both.
    const years = c.editions.map((e) => e.annee);
    throw new UnknownValueError(
      `édition introuvable : ${missing.join(', ')} (éditions présentes : ${years.join(', ') || 'aucune'})`,
      years.length >= 2 ? `Comparez deux éditions présentes, par exemple\u00A0: compendium diff ${years.at(-2)} ${years.at(-1)}` : 'Il faut deux éditions pour les comparer\u00A0: «\u00A0compendium new-edition <année>\u00A0» prépare la suivante.',
    );
  }
  const changes = diffEditions(ea, eb);
  out.stdout(values.json ? JSON.stringify({ de: a, a: b, changements: changes }, null, 2) : formatDiff(c, ea, eb, changes));
  return 0;
}
