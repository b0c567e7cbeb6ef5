import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCompendium } from '../../src/data/index.ts';
import { appearanceLabel, buildViewModel, normalisePrefix, absoluteUrl, ViewModelError, type ViewModel } from '../../src/site/view-model.ts';
import type { Compendium } from '../../src/model.ts';
import { fixtureData } from './support/fixtures.ts';

let compendium: Compendium;
let vm: ViewModel;

const vmSuite = suite('buildViewModel (fixture)');

vmSuite.before(async () => {
  const result = await loadCompendium(await fixtureData());
  assert.equal(result.errors, [], 'the fixture data set is valid');
  compendium = result.compendium!;
  vm = buildViewModel(compendium, { pdfs: { 2025: [{ kind: 'ecran', href: '/pdf/a.pdf', bytes: 1000, pages: 4 }] } });
});

vmSuite('resolves each project’s organisation, territory and themes', () => {
  const p = vm.projets.find((x) => x.id === 'atelier-velo')!;
  assert.is(p.organisation.nom, 'Atelier Vélo Solidaire');
  assert.is(p.territoire.nom, 'Metz – Orne');
  assert.is(p.territoire.url, '/territoires/metz-orne/');
  assert.equal(p.themes.map((t) => t.id), ['insertion', 'mobilite-solidaire']);
  assert.is(p.url, '/projets/atelier-velo/');
});

vmSuite('a project without a name takes its organisation’s; a slug sets the URL', () => {
  const p = vm.projets.find((x) => x.id === 'mobilite')!;
  assert.is(p.titre, "Mobil'Est", 'title falls back to the organisation name');
  assert.is(p.nom, undefined);
  assert.is(p.url, '/projets/mobil-est/');
});

vmSuite('territories come in order with the edition’s three tiers, in print order', () => {
  assert.equal(vm.territoires.map((t) => t.id), ['metz-orne', 'sarreguemines-bitche']);
  const [metz, sarreguemines] = vm.territoires;
  assert.equal(metz!.rangs.map((r) => r.key), ['a_la_une', 'aussi_laureats', 'autres_laureats']);
  assert.equal(metz!.rangs[0]!.projets.map((p) => p.id), ['atelier-velo', 'hostile']);
  assert.equal(sarreguemines!.rangs[1]!.projets.map((p) => p.id), ['epicerie']);
  assert.equal(sarreguemines!.rangs[2]!.projets.map((p) => p.id), ['mobilite']);
  assert.is(metz!.rangs[0]!.titre, 'Projets à la une');
  // Singular over one project.
  assert.is(sarreguemines!.rangs[1]!.titre, 'Il est aussi lauréat');
});

vmSuite('previous/next follow the territory’s reading order and stop at its ends', () => {
  const byId = (id: string) => vm.projets.find((x) => x.id === id)!;
  assert.is(byId('atelier-velo').precedent, undefined);
  assert.is(byId('atelier-velo').suivant?.slug, 'hostile');
  assert.is(byId('hostile').precedent?.slug, 'atelier-velo');
  assert.is(byId('hostile').suivant, undefined, 'no link across territories');
  assert.is(byId('epicerie').suivant?.url, '/projets/mobil-est/');
});

vmSuite('a null rubric is left out; an awaited photo is not a photo', () => {
  const p = vm.projets.find((x) => x.id === 'hostile')!;
  assert.equal(p.rubriques.map((r) => r.key), ['besoin_social', 'partenariats', 'perennisation']);
  assert.is(p.photo, undefined);
  assert.is(p.photoAFournir, true);
  const v = vm.projets.find((x) => x.id === 'atelier-velo')!;
  assert.is(v.photo?.fichier, 'projets/atelier-velo.jpg');
  assert.is(v.rubriques.length, 4);
});

vmSuite('editions each project appears in, its tier, the latest edition and its PDFs', () => {
  assert.equal(vm.projets.find((x) => x.id === 'epicerie')!.editions, [
    { annee: 2025, rang: 'aussi_laureats', url: '/territoires/sarreguemines-bitche/', libelle: 'Parmi « Ils sont aussi lauréats » dans le recueil 2025' },
  ]);
  assert.is(vm.projets.find((x) => x.id === 'epicerie')!.rang, 'aussi_laureats');
  assert.is(vm.edition.annee, 2025);
  assert.equal(vm.edition.aLaUne.map((p) => p.id), ['atelier-velo', 'hostile']);
  assert.equal(vm.edition.laureats.map((p) => p.id), ['atelier-velo', 'hostile', 'epicerie', 'mobilite']);
  assert.is(vm.edition.pdfs.length, 1);
  assert.match(vm.edition.editoExtrait, /^Chaque année/);
  assert.equal(vm.editions.map((e) => [e.annee, e.base]), [[2025, '/']]);
  assert.equal(vm.editionPages.map((e) => [e.base, e.mirror]), [['/', false], ['/2025/', true]], 'the latest edition at the root and, as a mirror, at /2025/');
});

vmSuite('facets: years newest first, territories in order, only themes that have projects', () => {
  const [years, territories, themes] = vm.facets;
  assert.equal(years!.values.map((v) => v.value), ['2025', '2024', '2023', '2022']);
  assert.equal(territories!.values.map((v) => [v.value, v.projets.length]), [['metz-orne', 2], ['sarreguemines-bitche', 2]]);
  assert.equal(themes!.values.map((v) => v.url), ['/laureats/theme/insertion/', '/laureats/theme/alimentation/', '/laureats/theme/mobilite-solidaire/']);
  assert.is(vm.facetPages.length, 4 + 2 + 3);
});

vmSuite('projects are listed in French alphabetical order', () => {
  const titles = vm.projets.map((p) => p.titre);
  assert.equal(titles, [...titles].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
});

vmSuite('a project of an unknown territory is a bug, reported by name', () => {
  const broken: Compendium = { ...compendium, projets: [{ ...compendium.projets[0]!, territoire: 'nulle-part' }] };
  assert.throws(() => buildViewModel(broken), (e: unknown) => e instanceof ViewModelError && /territoire inconnu : nulle-part/.test((e as Error).message));
});

vmSuite('no edition, no site', () => {
  assert.throws(() => buildViewModel({ ...compendium, editions: [] }), (e: unknown) => e instanceof ViewModelError && (e as ViewModelError).code === 'VIEW_MODEL' && /aucune édition/.test((e as Error).message));
});

vmSuite('how a project page names its place in each edition', () => {
  assert.is(appearanceLabel('a_la_une', 2026, true), 'À la une dans le recueil 2026');
  assert.is(appearanceLabel('autres_laureats', 2025, false), 'parmi les autres lauréats en 2025');
  assert.is(appearanceLabel('aussi_laureats', 2024, false), 'parmi « Ils sont aussi lauréats » en 2024');
});

vmSuite.run();

const urls = suite('path prefix and absolute URLs');

urls('normalisePrefix', () => {
  assert.is(normalisePrefix(undefined), '/');
  assert.is(normalisePrefix(''), '/');
  assert.is(normalisePrefix('innovation-sociale'), '/innovation-sociale/');
  assert.is(normalisePrefix('/innovation-sociale'), '/innovation-sociale/');
  assert.is(normalisePrefix('/a/b/'), '/a/b/');
});

urls('absoluteUrl joins site URL, prefix and page', () => {
  assert.is(absoluteUrl({ siteUrl: 'https://www.moselle.fr', pathPrefix: '/innovation-sociale/' }, '/projets/x/'), 'https://www.moselle.fr/innovation-sociale/projets/x/');
  assert.is(absoluteUrl({ siteUrl: 'https://exemple.fr', pathPrefix: '/' }, '/'), 'https://exemple.fr/');
});

urls.run();
