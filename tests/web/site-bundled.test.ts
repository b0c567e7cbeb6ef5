import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCompendium } from '../../src/data/index.ts';
import { buildViewModel, type ViewModel } from '../../src/site/view-model.ts';
import { typographize } from '../../src/site/typography.ts';
import upperFirst from '../../src/site/filters/upper-first.ts';
import { bundledSite, BUNDLED_DATA, SAMPLE_COVERS, type BuiltSite } from './support/fixtures.ts';
import { element, spaces, textOf } from './support/html.ts';

let site: BuiltSite;
let vm: ViewModel;
const shown = (s: string) => spaces(typographize(s));

const bundled = suite('bundled data: the 2025 web edition');
bundled.before(async () => {
  const result = await loadCompendium(BUNDLED_DATA);
  assert.equal(result.errors, [], 'the bundled data is valid');
  vm = buildViewModel(result.compendium!);
  site = await bundledSite();
});

bundled('builds every page: editorial pages, territories, projects, filters', () => {
  const html = site.files.filter((f) => f.endsWith('.html'));
  const fixed = ['index.html', 'edito/index.html', 'ess-innovation-sociale/index.html', 'appel-a-projets/index.html', 'partenaires/index.html', 'territoires/index.html', 'laureats/index.html', 'recherche/index.html', 'contacts/index.html', 'mentions-legales/index.html', 'accessibilite/index.html', 'donnees-ouvertes/index.html', 'plan-du-site/index.html', '404.html'];
  for (const f of fixed) assert.ok(html.includes(f), f);
  // The 2025 edition again at its permanent address /2025/ (a mirror of the root, see view-model.ts).
  const mirror = ['2025/index.html', '2025/edito/index.html', '2025/ess-innovation-sociale/index.html', '2025/appel-a-projets/index.html', '2025/partenaires/index.html', '2025/territoires/index.html', ...vm.territoires.map((t) => `2025/territoires/${t.id}/index.html`)];
  for (const f of mirror) assert.ok(html.includes(f), f);
  assert.ok(html.includes('editions/index.html'));
  assert.is(html.length, fixed.length + 1 + mirror.length + vm.territoires.length + vm.projets.length + vm.facetPages.length);
  assert.is(site.pages, html.length);
});

bundled('every project of the edition has its page with its name, organisation, territory and year', async () => {
  assert.ok(vm.edition.laureats.length >= 50, `${vm.edition.laureats.length} laureates`);
  for (const p of vm.edition.laureats) {
    const html = await site.read(`projets/${p.slug}/index.html`);
    const h1 = textOf(element(html, /<h1[^>]*>/, 'h1') ?? '');
    assert.is(h1, shown(upperFirst(p.titre)), `${p.id}: name`);
    const header = textOf(element(html, /<header class="project__header">/, 'header') ?? '');
    assert.ok(header.includes(shown(p.organisation.nom)), `${p.id}: organisation`);
    const facts = textOf(element(html, /<dl class="facts">/, 'dl') ?? '');
    assert.ok(facts.includes(`Lauréat en ${p.annee}`), `${p.id}: year`);
    assert.ok(facts.includes(`Territoire ${shown(p.territoire.nom)}`), `${p.id}: territory`);
    for (const r of p.rubriques) assert.ok(html.includes(`<h2 id="${r.key}">`), `${p.id}: rubric ${r.key}`);
  }
});

bundled('every territory page lists its projects in the right tiers, in print order', async () => {
  for (const t of vm.territoires) {
    const html = await site.read(`territoires/${t.id}/index.html`);
    for (const r of t.rangs) {
      const section = element(html, new RegExp(`<section class="section tier tier--${r.key}"[^>]*>`), 'section');
      if (r.projets.length === 0) {
        assert.is(section, undefined, `${t.id}: empty tier ${r.key} is not shown`);
        continue;
      }
      const slugs = [...(section ?? '').matchAll(/<h3 class="(?:card|entry)__title"><a href="\/projets\/([^/]+)\/"/g)].map((m) => m[1]);
      assert.equal(slugs, r.projets.map((p) => p.slug), `${t.id}: ${r.key}`);
      assert.is(textOf(element(section!, /<h2[^>]*>/, 'h2') ?? ''), shown(r.titre), `${t.id}: tier title`);
    }
  }
});

bundled('the home page shows the edition, the six territories, the featured projects and the PDFs', async () => {
  const html = await site.read('index.html');
  const text = textOf(html);
  assert.ok(text.includes(shown(vm.edition.source.titre)));
  for (const t of vm.edition.territoires) assert.ok(html.includes(`href="${t.url}"`), t.id);
  for (const p of vm.edition.aLaUne) assert.ok(html.includes(`href="${p.url}"`), p.id);
  assert.match(text, /Télécharger le recueil 2025 PDF, 4,2 Mo, 64 pages/);
  assert.match(text, /Version pour l’impression PDF, 38,5 Mo, 68 pages/);
});

bundled('partners, call for projects, ESS page and édito carry their data', async () => {
  const partners = await site.read('partenaires/index.html');
  for (const p of vm.edition.partenaires) assert.ok(partners.includes(`<h2 id="${p.id}" class="section__title">`), p.id);
  const appel = textOf(await site.read('appel-a-projets/index.html'));
  for (const e of vm.edition.source.appel?.etapes ?? []) assert.ok(appel.includes(shown(e.titre)), e.titre);
  const ess = await site.read('ess-innovation-sociale/index.html');
  for (const d of vm.edition.source.definitions ?? []) assert.ok(ess.includes(`id="${d.id}"`), d.id);
  assert.ok(textOf(await site.read('edito/index.html')).includes(shown(vm.edition.source.edito.signature.nom)));
});

bundled('the cover of the PDF: beside the downloads on the editions page, and the image of link previews', async () => {
  const cover = SAMPLE_COVERS[2025];
  const editions = await site.read('editions/index.html');
  assert.ok(
    editions.includes(`<img class="edition-item__cover" src="${cover.href}" alt="" width="${cover.width}" height="${cover.height}" loading="eager" fetchpriority="high">`),
    'the cover, decorative (the title beside it names the edition), with its size',
  );
  for (const page of ['index.html', 'projets/graoucoop/index.html', '2025/edito/index.html']) {
    const html = await site.read(page);
    assert.ok(html.includes(`<meta property="og:image" content="https://www.moselle.fr${cover.href}">`), `${page}: og:image, an absolute URL`);
    assert.ok(html.includes(`<meta property="og:image:width" content="${cover.width}">`), `${page}: og:image:width`);
    assert.ok(html.includes('<meta property="og:image:alt" content="Couverture du recueil 2025">'), `${page}: og:image:alt`);
  }
});

bundled.run();
