/** Counts shown first by `compendium validate`: what the data holds, edition by edition. */
import type { Compendium, Tier } from '../model.ts';
import { TIERS } from '../model.ts';
import { escapeControls } from './finding.ts';

export interface TerritoryCount {
  id: string;
  nom: string;
  tiers: Record<Tier, number>;
}

export interface Summary {
  projets: number;
  organisations: number;
  partenaires: number;
  temoignages: number;
  contacts: number;
  editions: Array<{ annee: number; brouillon: boolean; projets: number; territoires: TerritoryCount[] }>;
}

export function summarize(c: Compendium): Summary {
  const names = new Map(c.territoires.map((t) => [t.id, t.nom]));
  const order = new Map(c.territoires.map((t) => [t.id, t.ordre]));
  return {
    projets: c.projets.length,
    organisations: c.organisations.length,
    partenaires: c.partenaires.length,
    temoignages: c.temoignages.length,
    contacts: c.contacts.length,
    editions: c.editions.map((ed) => {
      const territoires = [...ed.territoires]
        .sort((a, b) => (order.get(a.territoire) ?? 99) - (order.get(b.territoire) ?? 99))
        .map((et) => ({
          id: et.territoire,
          // Echoed by `validate` (terminal and JSON): control characters of the data escaped.
          nom: escapeControls(names.get(et.territoire) ?? et.territoire),
          tiers: Object.fromEntries(TIERS.map((t) => [t, et[t]?.length ?? 0])) as Record<Tier, number>,
        }));
      const projets = territoires.reduce((n, t) => n + TIERS.reduce((m, tier) => m + t.tiers[tier], 0), 0);
      return { annee: ed.annee, brouillon: ed.brouillon === true, projets, territoires };
    }),
  };
}
