/**
 * Keeps in the paginated PDF: a compact territory section (no featured project, a short list)
 * opens with a tinted heading that must never be left alone at the foot of a page, its list on
 * the next one. Small 2026 editions made from the bundled projects, chosen so that headings
 * fall near the foot of a page (each one did end a page before the `.keep` blocks of
 * templates/print/_includes/print/territory.njk); read back with pdfjs-dist.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pdfLines, squash } from './pdf-helpers.ts';
import { BUNDLED_DATA, sharedBuild, tempDir } from './support/fixture.ts';

/** Bundled projects of each territory, by tier, in the 2025 edition's order. */
const PROJECTS: Record<string, { une: string[]; aussi: string[]; autres: string[] }> = {
  moselle: {
    une: ['ateliers-code-pouce'],
    aussi: ['le-pole-culturegal-e', 'programme-d-insertion-des-personnes-migrantes', 'pole-d-appui-et-de-ressources-inclusives'],
    autres: [],
  },
  'metz-orne': { une: [], aussi: ['la-dragonne', 'passerelle-vers-l-insertion'], autres: ['just-like-home', 'enfants-en-conflit-avec-la-loi'] },
  thionville: { une: [], aussi: [], autres: ['valo-lab-conciergerie-solidaire-transfrontaliere', 'permis-de-conduire-supervise-intergenerationnel'] },
  'sarreguemines-bitche': { une: [], aussi: [], autres: ['artopie-epicerie-participative'] },
  'forbach-saint-avold': { une: [], aussi: ['cote-nature'], autres: ['projet-novaplace', 'radio-frequence-metissage'] },
  'sarrebourg-chateau-salins': { une: [], aussi: [], autres: ['cafe-qu-hibou'] },
};

/** How many « aussi » / « autres » Metz – Orne lists in each edition (the rest is as above). */
const VARIANTS = {
  'keep-a': { aussi: 1, autres: 2 },
  'keep-b': { aussi: 2, autres: 1 },
};

/** The bundled data with a 2026 edition: the 2025 texts, these territories' lists. */
async function smallEdition(variant: keyof typeof VARIANTS): Promise<string> {
  const dir = join(await tempDir(variant), 'data');
  await cp(BUNDLED_DATA, dir, { recursive: true });
  await cp(join(dir, 'editions/2025'), join(dir, 'editions/2026'), { recursive: true });
  const source = await readFile(join(dir, 'editions/2025/edition.yaml'), 'utf8');
  const start = /^territoires:/m.exec(source)?.index;
  assert.ok(start !== undefined, 'the 2025 edition lists its territories last');
  const metz = VARIANTS[variant];
  const lists = Object.entries(PROJECTS).map(([id, p]) => {
    const tiers = id === 'metz-orne' ? { ...p, aussi: p.aussi.slice(0, metz.aussi), autres: p.autres.slice(0, metz.autres) } : p;
    const tier = (key: string, ids: string[]) => (ids.length ? `    ${key}:\n${ids.map((x) => `      - ${x}\n`).join('')}` : '');
    return `  - territoire: ${id}\n${tier('a_la_une', tiers.une)}${tier('aussi_laureats', tiers.aussi)}${tier('autres_laureats', tiers.autres)}`;
  });
  const edition = source.slice(0, start).replace(/^annee: 2025$/m, 'annee: 2026') + `territoires:\n${lists.join('')}`;
  await writeFile(join(dir, 'editions/2026/edition.yaml'), edition);
  return dir;
}


/** A tier's title as printed (squashed): « Les autres lauréats sur le territoire de … », « Autre lauréat … », « Ils sont aussi lauréats ». */
const TIER_TITLE = /^(Lesautreslauréats|Autrelauréat|Ilssontaussilauréats|Ilestaussilauréat)/i;

for (const variant of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
  const test = suite(`tier titles keep with their list (${variant})`);

  const build = () => sharedBuild(variant, async () => ({ dataDir: await smallEdition(variant), edition: 2026, pdfx: false }));

  // Editions now open every territory with a tinted opener that grows to the foot of its page
  // (the compact heading is the theme booklets' only); what must never happen is a tier title
  // left at the foot of a page, its first entry on the next.
  test('no tier title ends a page: each is followed on its page by its first entry', async () => {
    const result = await build();
    const pages = await pdfLines(await readFile(result.screen.path));
    let titles = 0;
    pages.forEach((lines, index) => {
      const flat = lines.map(squash);
      flat.forEach((line, at) => {
        if (!TIER_TITLE.test(line)) return;
        titles += 1;
        // The last line of a page is its folio: an entry must come between.
        const rest = flat.slice(at + 1, -1).filter((l) => l && !TIER_TITLE.test(l));
        assert.ok(rest.length > 0, `page ${index + 1}: « ${lines[at]} » ends the page, its first entry is on the next one`);
      });
    });
    assert.ok(titles >= 4, `${titles} tier titles found`);
  });

  test('nothing overflows or runs over its pages', async () => {
    const result = await build();
    assert.equal(
      result.findings.filter((f) => f.kind === 'overflow' || f.kind === 'max-pages').map((f) => f.message),
      [],
    );
  });

  test.run();
}
