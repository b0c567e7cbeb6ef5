/**
 * Deterministic synthetic data for benchmarks: N laureate projects spread over the six
 * territories, with the tier mix and French text lengths of the real 2025 brochure. The
 * words come from the real texts, drawn by a seeded generator, so the same (N, seed) always
 * writes the same files. Editorial pages, partners and testimonials are the real ones.
 */
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { loadCompendium } from '../src/data/index.ts';
import type { Project, Tier } from '../src/model.ts';

/** mulberry32: a tiny, well-known seeded PRNG (reproducible across platforms). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lengths (characters) per field and tier, as in the 2025 brochure: [min, max]. */
const LENGTHS: Record<Tier, Record<string, [number, number]>> = {
  a_la_une: { description: [250, 726], besoin_social: [150, 459], apport_departement: [100, 342], partenariats: [90, 325], perennisation: [140, 429] },
  aussi_laureats: { description: [200, 692] },
  autres_laureats: { resume: [40, 311] },
};
/** Share of each tier among the 56 real projects: 18 / 16 / 22. */
const TIER_SHARE: Array<[Tier, number]> = [
  ['a_la_une', 18 / 56],
  ['aussi_laureats', 16 / 56],
  ['autres_laureats', 22 / 56],
];

export interface GenerateOptions {
  /** The real data folder, source of editorial pages and vocabulary. */
  realData: string;
  outDir: string;
  projects: number;
  seed?: number;
}

export async function generate(options: GenerateOptions): Promise<{ projects: number; files: number }> {
  const real = await loadCompendium(options.realData);
  if (!real.compendium) throw new Error('the real data must be valid to seed the generator');
  const c = real.compendium;
  const random = rng(options.seed ?? 2025);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = ([lo, hi]: [number, number]): number => Math.round(lo + random() * (hi - lo));

  const corpus = c.projets.flatMap((p) => [p.description ?? '', p.resume ?? '', ...Object.values(p.rubriques ?? {}).map((v) => v ?? '')]).join(' ');
  const words = corpus.split(/\s+/).filter((w) => /^[\p{L}’'-]+[,.]?$/u.test(w));
  const text = (length: number): string => {
    let out = '';
    while (out.length < length) out += `${out ? ' ' : ''}${pick(words)}`;
    return `${out.charAt(0).toUpperCase()}${out.slice(1).replace(/[,.]$/, '')}.`;
  };

  const dir = options.outDir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'projets'), { recursive: true });
  await mkdir(join(dir, 'organisations'), { recursive: true });
  for (const f of ['territoires.yaml', 'themes.yaml', 'temoignages.yaml', 'contacts.yaml', 'partenaires']) await cp(join(options.realData, f), join(dir, f), { recursive: true });
  const edDir = join(dir, 'editions', String(c.editions.at(-1)!.annee));
  await cp(join(options.realData, 'editions', String(c.editions.at(-1)!.annee)), edDir, { recursive: true });
  // Testimonials refer to real organisations: keep those.
  const keep = new Set(c.temoignages.flatMap((t) => (t.organisation ? [t.organisation] : [])));
  for (const id of keep) await cp(join(options.realData, 'organisations', `${id}.yaml`), join(dir, 'organisations', `${id}.yaml`));

  const tiers = new Map(c.territoires.map((t) => [t.id, { a_la_une: [] as string[], aussi_laureats: [] as string[], autres_laureats: [] as string[] }]));
  const themes = c.themes.map((t) => t.id);
  let files = 0;
  const orgCount = Math.max(1, Math.round(options.projects / 1.05));
  for (let i = 0; i < orgCount; i++) {
    await writeFile(join(dir, 'organisations', `org-${i}.yaml`), dump({ id: `org-${i}`, nom: `Association ${text(between([8, 30])).replace(/\.$/, '')}` }));
    files++;
  }
  for (let i = 0; i < options.projects; i++) {
    const territoire = c.territoires[i % c.territoires.length]!.id;
    const r = random();
    let acc = 0;
    const tier = TIER_SHARE.find(([, share]) => (acc += share) >= r)?.[0] ?? 'autres_laureats';
    const id = `projet-${i}`;
    const p: Project = { id, nom: text(between([10, 60])).replace(/\.$/, ''), organisation: `org-${i % orgCount}`, annee: 2019 + (i % 7), territoire, themes: [pick(themes)] };
    const len = LENGTHS[tier];
    if (tier === 'autres_laureats') p.resume = text(between(len.resume!));
    else {
      p.territoire_cible = 'Moselle';
      p.public_cible = 'tout public';
      p.description = text(between(len.description!));
      p.contact = { email: `contact${i}@exemple.fr`, telephone: '03 87 37 57 57' };
    }
    if (tier === 'a_la_une') {
      p.rubriques = { besoin_social: text(between(len.besoin_social!)), apport_departement: text(between(len.apport_departement!)), partenariats: text(between(len.partenariats!)), perennisation: text(between(len.perennisation!)) };
      p.photo = { a_fournir: true };
    }
    await writeFile(join(dir, 'projets', `${id}.yaml`), dump(p, { lineWidth: 100 }));
    tiers.get(territoire)![tier].push(id);
    files++;
  }
  const edPath = join(edDir, 'edition.yaml');
  const edText = await readFile(edPath, 'utf8');
  const block = dump({ territoires: c.territoires.map((t) => ({ territoire: t.id, ...tiers.get(t.id) })) }, { lineWidth: 200 });
  await writeFile(edPath, edText.replace(/^territoires:[\s\S]*$/m, block));
  return { projects: options.projects, files: files + (await readdir(edDir)).length };
}
