/**
 * What changed between two editions, for the editors' review before publishing: projects
 * added or removed, moved between tiers or territories, reordered, and the edition's own
 * fields and texts that differ.
 */
import type { Compendium, LoadedEdition, Tier } from '../model.ts';
import { TIERS, TIER_TITLES } from '../model.ts';

export interface Placement {
  territoire: string;
  tier: Tier;
  rank: number;
}

export type Change =
  | { kind: 'ajoute'; projet: string; to: Placement }
  | { kind: 'retire'; projet: string; from: Placement }
  | { kind: 'deplace'; projet: string; from: Placement; to: Placement }
  | { kind: 'champ'; champ: string; avant: string; apres: string }
  | { kind: 'texte'; fichier: string; avant: number; apres: number };

export function placements(ed: LoadedEdition): Map<string, Placement> {
  const out = new Map<string, Placement>();
  for (const et of ed.territoires) {
    for (const tier of TIERS) (et[tier] ?? []).forEach((id, rank) => out.set(id, { territoire: et.territoire, tier, rank }));
  }
  return out;
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Edition fields compared one by one (texts are compared separately, by file). */
const FIELDS: Array<keyof LoadedEdition> = ['titre', 'sous_titre', 'editeur', 'dates', 'format', 'couverture', 'edito', 'definitions', 'chiffres_cles', 'temoignages', 'politique', 'appel', 'partenaires', 'autres_politiques', 'credits_photos'];

export function diffEditions(a: LoadedEdition, b: LoadedEdition): Change[] {
  const changes: Change[] = [];
  const pa = placements(a);
  const pb = placements(b);
  for (const [id, to] of pb) {
    const from = pa.get(id);
    if (!from) changes.push({ kind: 'ajoute', projet: id, to });
    else if (from.territoire !== to.territoire || from.tier !== to.tier) changes.push({ kind: 'deplace', projet: id, from, to });
  }
  for (const [id, from] of pa) if (!pb.has(id)) changes.push({ kind: 'retire', projet: id, from });
  for (const f of FIELDS) {
    if (JSON.stringify(a[f]) !== JSON.stringify(b[f])) changes.push({ kind: 'champ', champ: f, avant: show(a[f]), apres: show(b[f]) });
  }
  const files = new Set([...Object.keys(a.textes), ...Object.keys(b.textes)]);
  for (const file of [...files].sort()) {
    const ta = a.textes[file];
    const tb = b.textes[file];
    if (ta !== tb) changes.push({ kind: 'texte', fichier: file, avant: ta?.length ?? 0, apres: tb?.length ?? 0 });
  }
  return changes;
}

/** The report printed by `compendium diff`, in French. */
export function formatDiff(c: Compendium, a: LoadedEdition, b: LoadedEdition, changes: Change[]): string {
  const name = (id: string): string => {
    const p = c.projets.find((x) => x.id === id);
    // A one-line laureate may have no project name: the brochure prints its organisation's.
    const shown = p?.nom ?? c.organisations.find((o) => o.id === p?.organisation)?.nom;
    return shown ? `${shown} (${id})` : id;
  };
  const terr = (id: string): string => c.territoires.find((t) => t.id === id)?.nom ?? id;
  const where = (p: Placement): string => `${TIER_TITLES[p.tier]}, ${terr(p.territoire)}`;
  const lines = [`Différences entre l’édition ${a.annee} et l’édition ${b.annee}`];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length})`, ...items.map((i) => `  ${i}`));
  };
  section('Projets ajoutés', changes.flatMap((x) => (x.kind === 'ajoute' ? [`+ ${name(x.projet)} — ${where(x.to)}`] : [])));
  section('Projets retirés', changes.flatMap((x) => (x.kind === 'retire' ? [`- ${name(x.projet)} — était dans ${where(x.from)}`] : [])));
  section('Projets déplacés', changes.flatMap((x) => (x.kind === 'deplace' ? [`~ ${name(x.projet)} — ${where(x.from)} → ${where(x.to)}`] : [])));
  section('Champs de l’édition modifiés', changes.flatMap((x) => (x.kind === 'champ' ? [`~ ${x.champ}`] : [])));
  section(
    'Textes modifiés',
    changes.flatMap((x) => (x.kind === 'texte' ? [`~ ${x.fichier} (${x.avant.toLocaleString('fr-FR')} → ${x.apres.toLocaleString('fr-FR')} caractères)`] : [])),
  );
  if (changes.length === 0) lines.push('', 'Aucune différence.');
  return lines.join('\n');
}
