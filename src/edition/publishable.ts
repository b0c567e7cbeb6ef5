/**
 * What may be published: editions not marked `brouillon`, and only the projects at least one
 * of them places. A new edition is prepared for weeks while the previous one stays online;
 * its new laureates must not appear on the site before it does.
 */
import type { Compendium } from '../model.ts';
import { TIERS } from '../model.ts';

export function publishable(c: Compendium, options: { drafts?: boolean } = {}): Compendium {
  if (options.drafts) return c;
  const editions = c.editions.filter((e) => e.brouillon !== true);
  const placed = new Set(editions.flatMap((e) => e.territoires.flatMap((t) => TIERS.flatMap((tier) => t[tier] ?? []))));
  return { ...c, editions, projets: c.projets.filter((p) => placed.has(p.id)) };
}
