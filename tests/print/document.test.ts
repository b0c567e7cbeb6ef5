/**
 * The print document (src/print/document.ts): what the templates are given, without a browser.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCompendium } from '../../src/data/index.ts';
import type { Compendium } from '../../src/model.ts';
import { buildPrintDocument, countLabel, groupFigures, sectionTestimonials, tierTitle } from '../../src/print/document.ts';
import { BookletConflictError, EditionNotFoundError, EmptyBookletError, UnknownBookletError } from '../../src/print/errors.ts';
import { formatCss, PAGE_FORMATS } from '../../src/print/format.ts';
import { BUNDLED_DATA } from './support/fixture.ts';

const NB = '\u00A0';
const doc = suite<{ c: Compendium }>('buildPrintDocument (bundled data)');

doc.before(async (ctx) => {
  const loaded = await loadCompendium(BUNDLED_DATA);
  if (!loaded.compendium) throw new Error('the bundled data must be valid');
  ctx.c = loaded.compendium;
});

doc('the brochure: every laureate of the edition once, territories and tiers in print order', ({ c }) => {
  const d = buildPrintDocument(c);
  assert.is(d.kind, 'edition');
  assert.is(d.fileBase, 'innovation-sociale-moselle-2025');
  assert.equal(d.metadata.title, 'Innovation Sociale en Moselle 2025');
  assert.is(d.metadata.author, 'Département de la Moselle');
  assert.is(d.projets.length, 56, '56 laureates');
  assert.is(new Set(d.projets.map((p) => p.id)).size, 56, 'no project twice');
  assert.equal(
    d.territoires.map((t) => t.id),
    ['moselle', 'metz-orne', 'thionville', 'sarreguemines-bitche', 'forbach-saint-avold', 'sarrebourg-chateau-salins'],
  );
  for (const t of d.territoires) {
    const keys = t.rangs.map((r) => r.key);
    assert.equal(keys, ['a_la_une', 'aussi_laureats', 'autres_laureats'].filter((k) => keys.includes(k as never)), `tiers of ${t.id} in order`);
  }
  assert.equal(d.format, { ...PAGE_FORMATS.A4, bleedMm: 3, cropMarks: false });
});

doc('featured projects carry their page budget and rubrics without the absent ones', ({ c }) => {
  const d = buildPrintDocument(c);
  const featured = d.territoires.flatMap((t) => t.rangs.filter((r) => r.key === 'a_la_une').flatMap((r) => r.projets));
  assert.is(featured.length, 18);
  for (const p of featured) {
    assert.is(p.maxPages, 1, `${p.id} max pages`);
    assert.not.ok(p.overBudget, `${p.id} is within budget`);
    assert.ok(p.rubriques.every((r) => r.texte), `${p.id}: no empty rubric`);
  }
  const graoucoop = featured.find((p) => p.id === 'graoucoop');
  assert.is(graoucoop?.rubriques.length, 4);
});

doc('a short tail shares the last featured page; long sections open with a full page', ({ c }) => {
  const d = buildPrintDocument(c);
  const flags = Object.fromEntries(d.territoires.map((t) => [t.id, { shared: t.tailShared, compact: t.compact }]));
  assert.equal(flags['sarreguemines-bitche'], { shared: true, compact: false }, 'one featured + one other laureate');
  assert.equal(flags['metz-orne'], { shared: false, compact: false });
});

doc('one opener style per document: full openers in the brochure and a territory’s booklet, compact heads in a theme’s', ({ c }) => {
  assert.ok(buildPrintDocument(c).territoires.every((t) => !t.compact));
  assert.ok(buildPrintDocument(c, { territory: 'thionville' }).territoires.every((t) => !t.compact));
  const theme = buildPrintDocument(c, { theme: 'alimentation-durable-et-solidaire' });
  assert.ok(theme.territoires.length > 1 && theme.territoires.every((t) => t.compact));
});

doc('tier titles and counts as printed: the territory named in the heading, a theme counting its own', ({ c }) => {
  const titles = Object.fromEntries(buildPrintDocument(c).territoires.map((t) => [t.id, t.rangs.find((r) => r.key === 'autres_laureats')?.titre]));
  assert.is(titles.moselle, 'Les autres lauréats sur le territoire de la Moselle', 'dans_titre first');
  assert.is(titles.thionville, 'Les autres lauréats sur le territoire de Thionville');
  assert.is(titles['sarreguemines-bitche'], 'Autre lauréat sur le territoire de Sarreguemines – Bitche', 'singular');
  // Singular over one entry (a theme's booklet prints one « aussi lauréat » of a territory).
  assert.is(tierTitle('aussi_laureats', 1, { dans: 'en Moselle' }), 'Il est aussi lauréat');
  assert.is(tierTitle('aussi_laureats', 2, { dans: 'en Moselle' }), 'Ils sont aussi lauréats');
  assert.is(tierTitle('a_la_une', 1, { dans: 'en Moselle' }), 'Projet à la une');
  const education = buildPrintDocument(c, { theme: 'education' }).territoires.flatMap((t) => t.rangs.filter((r) => r.key === 'aussi_laureats').map((r) => `${r.projets.length} ${r.titre}`));
  assert.ok(education.includes('1 Il est aussi lauréat'), education.join(' | '));
  assert.is(countLabel(15, 'edition', 2025), `15${NB}lauréats en 2025`);
  assert.is(countLabel(1, 'theme', 2025), `1${NB}lauréat de ce thème`);
  const theme = buildPrintDocument(c, { theme: 'alimentation-durable-et-solidaire' });
  assert.ok(theme.territoires.every((t) => t.countLabel.endsWith('de ce thème')), theme.territoires.map((t) => t.countLabel).join(', '));
});

doc('a section carries the testimonials of its laureates, in the edition’s order', ({ c }) => {
  const quoted = (d: ReturnType<typeof buildPrintDocument>) => d.territoires.filter((t) => t.temoignages.length).map((t) => `${t.id}: ${t.temoignages.map((q) => q.personne).join(', ')}`);
  // Metz – Orne has four laureates quoted (ECCU’M, Partage ton frigo, La Gamelle Étudiante,
  // Unis-Cité); a theme's section, only that theme's laureates.
  assert.equal(quoted(buildPrintDocument(c)), ['moselle: Mohamed BOULAKDOUR, Frédéric LEYBOLD', 'metz-orne: Rachel BURGY, Manon CARRE, Victor DEFERNEZ, Mathilde JAMBOT', 'thionville: Frédéric LEROY']);
  assert.equal(quoted(buildPrintDocument(c, { theme: 'lien-social' })), ['metz-orne: Mathilde JAMBOT', 'thionville: Frédéric LEROY']);
  assert.equal(quoted(buildPrintDocument(c, { territory: 'sarreguemines-bitche' })), []);
  const says = (id: string, organisation?: string) => ({ id, ...(organisation ? { organisation } : {}) });
  const tiers = [{ projets: [{ organisation: { id: 'b' } }, { organisation: { id: 'a' } }] }];
  assert.equal(sectionTestimonials([says('1'), says('2', 'z'), says('3', 'a'), says('4', 'b')], tiers).map((t) => t.id), ['3', '4']);
  assert.equal(sectionTestimonials([says('1', 'z')], tiers), []);
});

doc('table of contents: every section, partners and territories grouped', ({ c }) => {
  const d = buildPrintDocument(c);
  const titles = d.toc.map((e) => e.titre);
  assert.equal(titles.slice(0, 3), ['Édito', 'L’Économie Sociale et Solidaire (ESS) : de quoi parle-t-on ?', 'L’innovation sociale : de quoi parle-t-on ?']);
  assert.is(titles[titles.length - 1], 'Vos contacts au Département');
  const partners = d.toc.find((e) => e.titre === 'Les partenaires');
  assert.is(partners?.anchor, undefined, 'a group label has no page number');
  assert.equal(partners?.entries?.map((e) => e.anchor), ['partenaire-le-filon', 'partenaire-cojep', 'partenaire-france-active-lorraine', 'partenaire-cress-grand-est', 'partenaire-moselle-mecenes-solidaires']);
  assert.is(d.toc.find((e) => e.titre === 'Les lauréats par territoire')?.entries?.length, 6);
});

doc('key figures are grouped by scale, in the order written, with their sources once', ({ c }) => {
  const groups = groupFigures(c.editions[0]!);
  assert.equal(groups.map((g) => [g.echelle, g.chiffres.length]), [['France', 3], ['Grand Est', 6], ['Moselle', 4], ['Appel à projets', 4]]);
  assert.equal(groups[1]?.sources, ['Observatoire régional de la CRESS Grand Est']);
  assert.equal(groups[2]?.sources, []);
});

doc('booklets: one territory, one theme; each with its own cover title and file name', ({ c }) => {
  const t = buildPrintDocument(c, { territory: 'thionville' });
  assert.is(t.kind, 'territoire');
  assert.equal(t.sujet, { id: 'thionville', nom: 'Territoire de Thionville' });
  assert.is(t.metadata.title, 'Innovation Sociale en Moselle 2025 — Territoire de Thionville');
  assert.is(t.fileBase, 'innovation-sociale-moselle-2025-thionville');
  assert.equal(t.territoires.map((x) => x.id), ['thionville']);
  assert.is(t.projets.length, 5);
  assert.equal(t.toc.map((e) => e.titre), ['Introduction', 'Les lauréats par territoire', 'Vos contacts au Département']);

  const theme = buildPrintDocument(c, { theme: 'mobilite-solidaire' });
  assert.is(theme.fileBase, 'innovation-sociale-moselle-2025-mobilite-solidaire');
  assert.ok(theme.projets.length > 0);
  assert.ok(theme.projets.every((p) => p.themes.some((x) => x.id === 'mobilite-solidaire')), 'only that theme');
});

doc('booklet and edition errors say what exists, in French', ({ c }) => {
  assert.throws(() => buildPrintDocument(c, { territory: 'nancy' }), (e: unknown) => e instanceof UnknownBookletError && e.code === 'UNKNOWN_BOOKLET' && e.message.startsWith(`Territoire inconnu «${NB}nancy${NB}» pour l’édition 2025. Identifiants possibles${NB}: moselle, metz-orne,`));
  assert.throws(() => buildPrintDocument(c, { territory: 'thionville', theme: 'sante' }), (e: unknown) => e instanceof BookletConflictError);
  assert.throws(() => buildPrintDocument(c, { edition: 2019 }), (e: unknown) => e instanceof EditionNotFoundError && e.message === `Aucune édition 2019 dans les données (éditions disponibles${NB}: 2025).`);
  const noSante: Compendium = { ...c, projets: c.projets.map((p) => ({ ...p, themes: (p.themes ?? []).filter((t) => t !== 'sante') })) };
  assert.throws(() => buildPrintDocument(noSante, { theme: 'sante' }), (e: unknown) => e instanceof EmptyBookletError && e.message === `Aucun lauréat de l’édition 2025 pour «${NB}Santé${NB}»${NB}: le cahier serait vide.`);
});

doc('an A5 edition: its own page setup, twice the pages for a featured project', ({ c }) => {
  const a5 = { ...c, editions: c.editions.map((e) => ({ ...e, format: { page: 'A5' as const, fond_perdu_mm: 5, traits_de_coupe: true } })) };
  const d = buildPrintDocument(a5);
  assert.is(d.format.name, 'A5');
  assert.is(d.format.bleedMm, 5);
  assert.ok(d.format.cropMarks);
  assert.ok(d.projets.filter((p) => p.rang === 'a_la_une').every((p) => p.maxPages === 2));
  const css = formatCss(d.format);
  assert.match(css, /size: A5 portrait;/);
  assert.match(css, /--area-width: 121mm;/);
});

doc.run();
