/**
 * Drafts never block: an edition in preparation (`brouillon: true`) is full of unfinished
 * work for weeks, while the published editions must stay buildable (a correction to 2025
 * cannot wait for the 2026 texts). Errors that concern only drafts — in a draft's folder,
 * in a project no published edition places, or a draft's needs of a project — are set
 * aside with their draft, which is left out of the build; every other error still stops it.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Compendium } from '../model.ts';
import { TIERS } from '../model.ts';
import type { Finding } from '../data/finding.ts';
import type { LoadResult } from '../data/index.ts';

export interface PublishedPart {
  /** What may be built: every edition without errors; null when an error blocks. */
  compendium: Compendium | null;
  /** Errors that stop the build (they concern a published edition, or everything). */
  blocking: Finding[];
  /** Draft editions left out because of their errors, with those errors. */
  leftOut: Array<{ annee: number; errors: Finding[] }>;
}

/** Whether the edition.yaml of a year folder says `brouillon: true`, read as text: it may not parse. */
function markedDraft(dataDir: string, year: string): boolean {
  try {
    return /^brouillon:\s*(true|oui|yes)\b/im.test(readFileSync(join(dataDir, 'editions', year, 'edition.yaml'), 'utf8'));
  } catch {
    return false;
  }
}

/** Splits the errors of a load into those that block and those of drafts only. */
export function publishedPart(result: LoadResult): PublishedPart {
  const { dataDir } = result.loaded;
  const c = result.partial;
  const draftYears = new Set(c.editions.filter((e) => e.brouillon).map((e) => e.annee));
  for (const year of result.loaded.unreadEditions) if (markedDraft(dataDir, year)) draftYears.add(Number(year));
  const ids = (editions: Compendium['editions']): Set<string> => new Set(editions.flatMap((e) => e.territoires.flatMap((t) => TIERS.flatMap((tier) => t[tier] ?? []))));
  const inPublished = ids(c.editions.filter((e) => !draftYears.has(e.annee)));
  const inDrafts = ids(c.editions.filter((e) => draftYears.has(e.annee)));

  /** The draft a finding concerns alone, or undefined when it may concern a published edition. */
  const draftOf = (f: Finding): number | undefined => {
    if (f.edition !== undefined) return draftYears.has(f.edition) ? f.edition : undefined;
    const rel = relative(dataDir, resolve(f.file)).split(sep);
    if (rel[0] === 'editions' && rel.length >= 3 && draftYears.has(Number(rel[1]))) return Number(rel[1]);
    if (rel[0] === 'projets' && rel.length === 2) {
      const id = basename(f.file, '.yaml');
      if (!inPublished.has(id) && inDrafts.has(id)) {
        // The drafts that place it: left out together (in practice, the one in preparation).
        return c.editions.find((e) => draftYears.has(e.annee) && ids([e]).has(id))?.annee;
      }
    }
    return undefined;
  };

  const blocking: Finding[] = [];
  const byDraft = new Map<number, Finding[]>();
  for (const f of result.errors) {
    const year = draftOf(f);
    if (year === undefined) blocking.push(f);
    else byDraft.set(year, [...(byDraft.get(year) ?? []), f]);
  }
  const leftOut = [...byDraft].sort(([a], [b]) => a - b).map(([annee, errors]) => ({ annee, errors }));
  if (blocking.length) return { compendium: null, blocking, leftOut };
  if (leftOut.length === 0) return { compendium: result.compendium ?? c, blocking, leftOut };
  const out = new Set(leftOut.map((d) => d.annee));
  const editions = c.editions.filter((e) => !out.has(e.annee));
  // A draft's unfinished projects leave with it (their errors were set aside, not fixed).
  const kept = ids(editions);
  return { compendium: { ...c, editions, projets: c.projets.filter((p) => kept.has(p.id)) }, blocking, leftOut };
}

/** The report's line for drafts left out: « Édition 2026 (brouillon) laissée de côté : 3 erreurs… ». */
export function leftOutNote(leftOut: PublishedPart['leftOut']): string[] {
  return leftOut.map(({ annee, errors }) => {
    const n = errors.length;
    return `Édition ${annee} (brouillon) laissée de côté : ${n} erreur${n > 1 ? 's' : ''} à corriger (« npm run validate » les détaille) ; les éditions publiées ont été construites.`;
  });
}
