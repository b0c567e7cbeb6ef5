/** `compendium validate [--strict] [--json] [dossier]`: checks the data and reports. */
import { loadCompendium, formatFinding, type LoadResult } from '../data/index.ts';
import { TIERS, TIER_TITLES } from '../model.ts';
import { dataFolder, parse } from './args.ts';
import { readBaseline, splitInherited } from '../edition/baseline.ts';
import type { Output } from './output.ts';
import { errorCount, plural } from '../plural.ts';
import { publishedPart } from '../edition/drafts.ts';

/** The summary block printed before the messages. */
export function formatSummary(result: LoadResult, dataDir: string): string {
  const s = result.summary;
  const lines = [`Données : ${dataDir}`];
  for (const ed of s.editions) {
    lines.push('', `Édition ${ed.annee}${ed.brouillon ? ' (brouillon, non publiée)' : ''} — ${plural(ed.projets, 'projet', 'projets')}`);
    const headers = ['Territoire', ...TIERS.map((t) => TIER_TITLES[t])];
    const rows = ed.territoires.map((t) => [t.nom, ...TIERS.map((tier) => String(t.tiers[tier]))]);
    const totals = ['Total', ...TIERS.map((tier) => String(ed.territoires.reduce((n, t) => n + t.tiers[tier], 0)))];
    const widths = headers.map((h, i) => Math.max(h.length, ...[...rows, totals].map((r) => r[i]!.length)));
    const fmt = (r: string[]): string => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ')}`.trimEnd();
    lines.push(fmt(headers), ...rows.map(fmt), fmt(totals));
  }
  lines.push(
    '',
    `Projets : ${s.projets} · Organisations : ${s.organisations} · Partenaires : ${s.partenaires} · Témoignages : ${s.temoignages} · Contacts : ${s.contacts}`,
    `${plural(result.errors.length, 'erreur', 'erreurs')}, ${plural(result.warnings.length, 'avertissement', 'avertissements')}`,
  );
  return lines.join('\n');
}

export async function validateCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { strict: { type: 'boolean' }, json: { type: 'boolean' }, tous: { type: 'boolean' } });
  const dataDir = dataFolder(positionals);
  const result = await loadCompendium(dataDir, { strict: values.strict === true });
  if (values.json) {
    out.stdout(JSON.stringify({ dataDir, summary: result.summary, errors: result.errors, warnings: result.warnings }, null, 2));
  } else {
    out.stdout(formatSummary(result, dataDir));
    // While a draft is prepared, the warnings inherited from the published edition are counted
    // after the new ones, not listed (--tous lists them): what the editor just broke stands out.
    const draft = result.summary.editions.filter((e) => e.brouillon).at(-1)?.annee;
    const baseline = draft !== undefined && values.tous !== true ? await readBaseline(dataDir, draft) : undefined;
    const { fresh, inherited } = baseline && draft !== undefined ? splitInherited(result.warnings, baseline, dataDir, draft) : { fresh: result.warnings, inherited: [] };
    for (const f of [...result.errors, ...fresh]) out.stdout(`\n${formatFinding(f)}`);
    if (inherited.length) {
      out.stdout(`\n${plural(inherited.length, 'autre avertissement', 'autres avertissements')} ${inherited.length > 1 ? 'étaient' : 'était'} déjà là dans l’édition ${baseline?.from ?? 'publiée'} (non ${inherited.length > 1 ? 'listés' : 'listé'} ici) : « compendium validate --tous » les montre tous.`);
    }
    if (result.errors.length === 0) out.stdout(`\n${result.warnings.length ? 'Données valides, avec des avertissements à relire.' : 'Données valides.'}`);
    else out.stdout(`\n${closingLine(result)}`);
  }
  return result.errors.length > 0 ? 1 : 0;
}

/**
 * The last line when there are errors: whether they stop the build, or concern only a draft,
 * which `build` leaves out while the published editions are built (as its report says).
 */
export function closingLine(result: LoadResult): string {
  const { blocking, leftOut } = publishedPart(result);
  const drafts = leftOut.map(({ annee, errors }) => `${errorCount(errors.length)} ${errors.length > 1 ? 'ne concernent' : 'ne concerne'} que l’édition ${annee} (brouillon)`);
  if (blocking.length === 0) {
    return `${drafts.join(' ; ')} : « build » construit les éditions publiées et laisse le brouillon de côté tant qu’${leftOut.length > 1 || (leftOut[0]?.errors.length ?? 0) > 1 ? 'elles ne sont pas corrigées' : 'elle n’est pas corrigée'}.`;
  }
  const stop = `${errorCount(blocking.length)} à corriger : rien n’est construit tant qu’${blocking.length > 1 ? 'elles restent' : 'elle reste'}`;
  return drafts.length ? `${stop} ; en plus, ${drafts.join(' ; ')}.` : `${stop}.`;
}
