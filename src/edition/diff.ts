/**
 * What changed between two editions, in the editor's words, for the review before
 * publishing: projects added, removed or moved; testimonials and partners added or removed,
 * by name; key figures added, removed or changed, by label; the edition's other fields, by
 * key and value; texts added, changed, or « retiré » when the edition no longer uses them
 * (the file may well still be in the folder: what counts is what the edition prints).
 */
import type { Compendium, LoadedEdition, Tier } from '../model.ts';
import { TIERS, TIER_TITLES } from '../model.ts';
import { staleMentions } from '../data/stale-figures.ts';

export interface Placement {
  territoire: string;
  tier: Tier;
  rank: number;
}

/** Lists of the edition compared item by item (the rest is compared field by field). */
export type ListName = 'temoignages' | 'partenaires' | 'chiffres';

export type Change =
  | { kind: 'ajoute'; projet: string; to: Placement }
  | { kind: 'retire'; projet: string; from: Placement }
  | { kind: 'deplace'; projet: string; from: Placement; to: Placement }
  | { kind: 'element'; liste: ListName; change: 'ajoute' | 'retire' | 'modifie'; id: string; avant?: string; apres?: string }
  | { kind: 'champ'; champ: string; avant: string; apres: string }
  | { kind: 'texte'; fichier: string; change: 'ajoute' | 'retire' | 'modifie'; avant: number; apres: number };

export function placements(ed: LoadedEdition): Map<string, Placement> {
  const out = new Map<string, Placement>();
  for (const et of ed.territoires) {
    for (const tier of TIERS) (et[tier] ?? []).forEach((id, rank) => out.set(id, { territoire: et.territoire, tier, rank }));
  }
  return out;
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Edition fields compared leaf by leaf (lists by item and texts by file are compared apart). */
const FIELDS: Array<keyof LoadedEdition> = ['titre', 'sous_titre', 'editeur', 'dates', 'format', 'couverture', 'edito', 'definitions', 'chiffres_cles', 'temoignages', 'politique', 'appel', 'partenaires', 'autres_politiques', 'credits_photos'];

/** Leaves of a value by path (« dates > publication »), skipping what is compared apart. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (path === 'partenaires' || path === 'temoignages > liste' || path === 'chiffres_cles > chiffres') return out;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path} > ${k}`, out);
  } else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    value.forEach((v, i) => leaves(v, `${path} > ${i + 1}`, out));
  } else out.set(path, value);
  return out;
}

/** Items of a list added and removed, by id (order changes are not the editor's question here). */
function items(liste: ListName, a: string[], b: string[]): Change[] {
  return [
    ...b.filter((id) => !a.includes(id)).map((id): Change => ({ kind: 'element', liste, change: 'ajoute', id })),
    ...a.filter((id) => !b.includes(id)).map((id): Change => ({ kind: 'element', liste, change: 'retire', id })),
  ];
}

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

  changes.push(...items('temoignages', a.temoignages?.liste ?? [], b.temoignages?.liste ?? []));
  changes.push(...items('partenaires', a.partenaires ?? [], b.partenaires ?? []));
  // Key figures are named by their label and scale (« salariés (Moselle) »); a changed value keeps them.
  const figures = (e: LoadedEdition) => new Map((e.chiffres_cles?.chiffres ?? []).map((f) => [`${f.libelle} (${f.echelle})`, f]));
  const fa = figures(a);
  const fb = figures(b);
  changes.push(...items('chiffres', [...fa.keys()], [...fb.keys()]));
  for (const [label, f] of fb) {
    const before = fa.get(label);
    if (before && JSON.stringify(before) !== JSON.stringify(f)) changes.push({ kind: 'element', liste: 'chiffres', change: 'modifie', id: label, avant: before.valeur, apres: f.valeur });
  }

  const la = new Map<string, unknown>();
  const lb = new Map<string, unknown>();
  for (const f of FIELDS) {
    leaves(a[f], f, la);
    leaves(b[f], f, lb);
  }
  for (const path of new Set([...la.keys(), ...lb.keys()])) {
    if (JSON.stringify(la.get(path)) !== JSON.stringify(lb.get(path))) changes.push({ kind: 'champ', champ: path, avant: show(la.get(path)), apres: show(lb.get(path)) });
  }

  const files = new Set([...Object.keys(a.textes), ...Object.keys(b.textes)]);
  for (const file of [...files].sort()) {
    const ta = a.textes[file];
    const tb = b.textes[file];
    if (ta === tb) continue;
    const change = ta === undefined ? 'ajoute' : tb === undefined ? 'retire' : 'modifie';
    changes.push({ kind: 'texte', fichier: file, change, avant: ta?.length ?? 0, apres: tb?.length ?? 0 });
  }
  return changes;
}

const count = (n: number): string => n.toLocaleString('fr-FR');
const clip = (s: string): string => (s.length > 70 ? `${s.slice(0, 67)}…` : s);

/** The report printed by `compendium diff`, in French. */
export function formatDiff(c: Compendium, a: LoadedEdition, b: LoadedEdition, changes: Change[]): string {
  const name = (id: string): string => {
    const p = c.projets.find((x) => x.id === id);
    // A one-line laureate may have no project name: the brochure prints its organisation's.
    const shown = p?.nom ?? c.organisations.find((o) => o.id === p?.organisation)?.nom;
    return shown ? `${shown} (${id})` : id;
  };
  const named: Record<ListName, (id: string) => string> = {
    temoignages: (id) => {
      const t = c.temoignages.find((x) => x.id === id);
      return t ? `${t.personne} (${id})` : id;
    },
    partenaires: (id) => {
      const p = c.partenaires.find((x) => x.id === id);
      return p ? `${p.nom} (${id})` : id;
    },
    chiffres: (label) => `« ${label} »`,
  };
  const terr = (id: string): string => c.territoires.find((t) => t.id === id)?.nom ?? id;
  const where = (p: Placement): string => `${TIER_TITLES[p.tier]}, ${terr(p.territoire)}`;
  const lines = [`Différences entre l’édition ${a.annee} et l’édition ${b.annee}`];
  const section = (title: string, list: string[]): void => {
    if (list.length === 0) return;
    lines.push('', `${title} (${list.length})`, ...list.map((i) => `  ${i}`));
  };
  section('Projets ajoutés', changes.flatMap((x) => (x.kind === 'ajoute' ? [`+ ${name(x.projet)} — ${where(x.to)}`] : [])));
  section('Projets retirés', changes.flatMap((x) => (x.kind === 'retire' ? [`- ${name(x.projet)} — était dans ${where(x.from)}`] : [])));
  // A change of territory is said in words: it is the move an editor must notice (the project's
  // file now names its new territory; the earlier edition keeps it where it was).
  const moved = (from: Placement, to: Placement): string =>
    from.territoire === to.territoire
      ? `${where(from)} → ${where(to)}`
      : `déplacé de ${terr(from.territoire)} vers ${terr(to.territoire)} (${from.tier === to.tier ? TIER_TITLES[to.tier] : `${TIER_TITLES[from.tier]} → ${TIER_TITLES[to.tier]}`})`;
  section('Projets déplacés', changes.flatMap((x) => (x.kind === 'deplace' ? [`~ ${name(x.projet)} — ${moved(x.from, x.to)}`] : [])));
  const listTitles: Record<ListName, string> = { temoignages: 'Témoignages', partenaires: 'Partenaires', chiffres: 'Chiffres clés' };
  for (const liste of ['temoignages', 'partenaires', 'chiffres'] as const) {
    section(
      listTitles[liste],
      changes.flatMap((x) => {
        if (x.kind !== 'element' || x.liste !== liste) return [];
        if (x.change === 'ajoute') return [`+ ${named[liste](x.id)} — ajouté`];
        if (x.change === 'retire') return [`- ${named[liste](x.id)} — retiré`];
        return [`~ ${named[liste](x.id)} : ${x.avant} → ${x.apres}`];
      }),
    );
  }
  // A changed figure whose old value a copied text still states (validate warns on the line too).
  section(
    `Textes qui disent encore un chiffre clé de ${a.annee}`,
    staleMentions(a, b).map((m) => `! ${m.file}:${m.line}:${m.column} « ${m.excerpt} » — « ${m.after.libelle} » vaut ${m.after.valeur} en ${b.annee} (${m.before.valeur} en ${a.annee})`),
  );
  section('Autres champs de l’édition modifiés', changes.flatMap((x) => (x.kind === 'champ' ? [`~ ${x.champ} : « ${clip(x.avant)} » → « ${clip(x.apres)} »`] : [])));
  section(
    'Textes',
    changes.flatMap((x) => {
      if (x.kind !== 'texte') return [];
      if (x.change === 'ajoute') return [`+ ${x.fichier} — ajouté (${count(x.apres)} caractères)`];
      if (x.change === 'retire') return [`- ${x.fichier} — retiré (l’édition ${b.annee} ne l’utilise plus)`];
      return [`~ ${x.fichier} — modifié (${count(x.avant)} → ${count(x.apres)} caractères)`];
    }),
  );
  if (changes.length === 0) lines.push('', 'Aucune différence.');
  return lines.join('\n');
}
