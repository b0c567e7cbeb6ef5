import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompendium } from '../../src/data/index.ts';
import { newEdition } from '../../src/edition/new-edition.ts';
import { build, pagePaths, twoEditionsData, twoEditionsSite, TWO_EDITIONS_PDFS, type BuiltSite } from './support/fixtures.ts';
import { attributes, element, textOf } from './support/html.ts';

/**
 * Editions side by side (tests/fixtures/web-two-editions): the latest edition at the root,
 * every edition at /<year>/, one page per project listing its editions, and no duplicate
 * content for search engines.
 */
let site: BuiltSite;
const page = (path: string) => site.read(`${path.replace(/^\//, '')}index.html`);
const canonical = (html: string) => /<link rel="canonical" href="https:\/\/www\.moselle\.fr([^"]*)">/.exec(html)?.[1];
/** The project slugs of each tier section of a territory page, in order. */
const tiers = (html: string) =>
  [...html.matchAll(/<section class="section tier tier--(\w+)"[\s\S]*?<\/section>/g)].map((m) => [m[1], [...m[0].matchAll(/<h3 class="(?:card|entry)__title"><a href="\/projets\/([^/]+)\/"/g)].map((x) => x[1])]);

const editions = suite('two editions side by side');
editions.before(async () => {
  site = await twoEditionsSite();
});

editions('every edition has its pages at a stable address /<year>/', () => {
  const paths = pagePaths(site);
  for (const year of [2025, 2026]) {
    for (const p of ['', 'edito/', 'ess-innovation-sociale/', 'appel-a-projets/', 'partenaires/', 'territoires/', 'territoires/metz-orne/', 'territoires/sarreguemines-bitche/', 'territoires/thionville/']) {
      assert.ok(paths.includes(`/${year}/${p}`), `/${year}/${p}`);
    }
  }
  for (const p of ['/', '/edito/', '/territoires/thionville/', '/editions/', '/projets/epicerie/', '/projets/jardin/']) assert.ok(paths.includes(p), p);
  assert.not.ok(paths.some((p) => /^\/20\d\d\/projets\//.test(p)), 'a project has one page, not one per edition');
});

editions('the root shows the latest edition, 2026', async () => {
  const home = await page('/');
  assert.match(textOf(element(home, /<p class="hero__kicker">/, 'p') ?? ''), /Édition 2026/);
  assert.match(textOf(home), /Voici les lauréats de l’édition 2026/);
  assert.match(home, /<span class="brand__year">2026<\/span>/);
  assert.not.match(home, /class="archive-notice"/);
  assert.match(textOf(await page('/edito/')), /L’édito de 2026/);
  assert.equal(tiers(await page('/territoires/sarreguemines-bitche/')), [
    ['a_la_une', ['epicerie']],
    ['aussi_laureats', ['mobil-est']],
  ]);
});

editions('each edition’s territory pages show that edition’s three tiers', async () => {
  assert.equal(tiers(await page('/2025/territoires/sarreguemines-bitche/')), [
    ['aussi_laureats', ['mobil-est']],
    ['autres_laureats', ['epicerie']],
  ]);
  assert.equal(tiers(await page('/2026/territoires/sarreguemines-bitche/')), tiers(await page('/territoires/sarreguemines-bitche/')));
  assert.equal(tiers(await page('/2025/territoires/metz-orne/')), [['a_la_une', ['atelier-velo']]]);
  // At the root, the laureates of earlier editions that 2026 did not select again follow.
  assert.equal(tiers(await page('/territoires/metz-orne/')), [
    ['autres_laureats', ['jardin']],
    ['earlier', ['atelier-velo']],
  ]);
  const earlier = element(await page('/territoires/metz-orne/'), /<section class="section tier tier--earlier"[^>]*>/, 'section') ?? '';
  assert.match(textOf(earlier), /Lauréats des éditions précédentes .* À la une dans le recueil 2025\./);
  assert.equal(tiers(await page('/2025/territoires/metz-orne/')).length, 1, 'the first edition has no earlier laureates');
});

editions('links stay in their edition: navigation, breadcrumb, territory tiles', async () => {
  const html = await page('/2025/territoires/metz-orne/');
  const nav = element(html, /<nav class="main-nav"[^>]*>/, 'nav') ?? '';
  assert.equal(attributes(nav, 'href'), ['/laureats/', '/2025/territoires/', '/2025/ess-innovation-sociale/', '/2025/appel-a-projets/', '/2025/partenaires/', '/editions/', '/recherche/']);
  assert.match(nav, /href="\/2025\/territoires\/" aria-current="true"/);
  const crumbs = element(html, /<nav class="breadcrumb"[^>]*>/, 'nav') ?? '';
  assert.equal(attributes(crumbs, 'href'), ['/', '/editions/', '/2025/', '/2025/territoires/', '/2025/territoires/metz-orne/']);
  assert.match(html, /<a class="brand" href="\/2025\/">/);
  assert.match(textOf(element(html, /<div class="archive-notice">/, 'div') ?? ''), /^Vous consultez le recueil 2025, une édition précédente\. Voir le recueil 2026, l’édition en cours$/);
  assert.ok(attributes(await page('/2025/'), 'href').includes('/2025/territoires/thionville/'));
  assert.ok(attributes(await page('/'), 'href').includes('/territoires/thionville/'));
});

editions('each edition’s PDF links point to its own files', async () => {
  const pdfLinks = (html: string) => attributes(html, 'href').filter((h) => h.endsWith('.pdf'));
  const own = (year: 2025 | 2026) => TWO_EDITIONS_PDFS[year].map((p) => p.href);
  assert.equal(pdfLinks(await page('/')), own(2026));
  assert.equal(pdfLinks(await page('/2026/')), own(2026));
  assert.equal(pdfLinks(await page('/2025/')), own(2025));
  assert.match(textOf(await page('/2025/')), /Télécharger le recueil 2025 PDF, 3,1 Mo, 48 pages/);
  const list = await page('/editions/');
  assert.equal(pdfLinks(list), [...own(2026), ...own(2025)], 'the Éditions page lists every edition’s PDFs, newest first');
  const items = [...list.matchAll(/<li class="edition-item[^"]*">([\s\S]*?)<\/li>\s*(?=<li class="edition-item|<\/ol>)/g)].map((m) => m[1]!);
  assert.is(items.length, 2);
  assert.equal(pdfLinks(items[0]!), own(2026));
  assert.equal(pdfLinks(items[1]!), own(2025));
  assert.match(textOf(items[0]!), /^Recueil 2026 Édition en cours .* 3 projets lauréats dans 3 territoires, dont 1 à la une\. Publié le 30 juin 2026\./);
  assert.match(textOf(items[1]!), /4 projets lauréats dans 3 territoires, dont 1 à la une\./);
  assert.ok(attributes(items[0]!, 'href').includes('/'), 'the current edition links to the root');
  assert.ok(attributes(items[1]!, 'href').includes('/2025/'));
});

editions('a project page lists the editions it appeared in, with its tier, linking to each territory page', async () => {
  const row = async (slug: string) => element(await page(`/projets/${slug}/`), /<div class="facts__row facts__row--editions">/, 'dd') ?? '';
  const epicerie = await row('epicerie');
  assert.is(textOf(epicerie), 'Éditions À la une dans le recueil 2026 ; parmi les autres lauréats en 2025');
  assert.equal(attributes(epicerie, 'href'), ['/territoires/sarreguemines-bitche/', '/2025/territoires/sarreguemines-bitche/']);
  assert.is(textOf(await row('mobil-est')), 'Éditions Parmi « Ils sont aussi lauréats » dans le recueil 2026 ; parmi « Ils sont aussi lauréats » en 2025');
  assert.is(textOf(await row('jardin')), 'Édition Parmi les autres lauréats dans le recueil 2026');
  const velo = await row('atelier-velo');
  assert.is(textOf(velo), 'Édition À la une dans le recueil 2025');
  assert.equal(attributes(velo, 'href'), ['/2025/territoires/metz-orne/']);
  // The tier badge is the latest edition's; a project it did not select has none.
  assert.match(await page('/projets/epicerie/'), /<span class="badge badge--une">À la une<\/span> <span class="project__edition">Recueil 2026<\/span>/);
  assert.not.match(await page('/projets/atelier-velo/'), /class="badge /);
});

editions('a territory without project in the edition says so', async () => {
  for (const path of ['/territoires/thionville/', '/2026/territoires/thionville/']) {
    const html = await page(path);
    assert.match(html, /<p class="empty-state">Aucun projet retenu pour cette édition\.<\/p>/, path);
    assert.match(textOf(element(html, /<p class="page-header__kicker">/, 'p') ?? ''), /^Recueil 2026 · aucun lauréat$/);
  }
  assert.not.match(await page('/2025/territoires/thionville/'), /empty-state/);
  assert.match(await page('/'), /<span class="territory-tile__name">Thionville<\/span>\s*<span class="territory-tile__count">Aucun lauréat<\/span>/);
});

editions('no duplicate content: /2026/ pages point to the root, the sitemap lists each page once', async () => {
  const sitemap = await site.read('sitemap.xml');
  const locs = [...sitemap.matchAll(/<loc>https:\/\/www\.moselle\.fr([^<]*)<\/loc>/g)].map((m) => m[1]!);
  assert.equal(locs, [...new Set(locs)], 'no URL twice');
  assert.equal(locs, [...locs].sort(), 'sorted, so the file is stable');
  assert.not.ok(locs.some((l) => l.startsWith('/2026/')), 'the mirror of the root is not listed');
  assert.ok(locs.includes('/2025/territoires/thionville/') && locs.includes('/territoires/thionville/') && locs.includes('/editions/'));
  for (const path of pagePaths(site).filter((p) => p !== '/404.html')) {
    const html = await page(path);
    const mirror = path.startsWith('/2026/');
    assert.is(canonical(html), mirror ? path.slice('/2026'.length) : path, `${path}: canonical`);
    assert.is(html.includes('data-pagefind-body'), !mirror && locs.includes(path), `${path}: indexed for search only when it is in the sitemap`);
  }
  assert.ok(site.indexedPages > 0 && site.indexedPages < pagePaths(site).length);
});

editions('JSON-LD: each edition’s partners page describes its own partners', async () => {
  const ld = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
  const names = (html: string) => (ld(html).itemListElement as Array<{ item: { name: string } }>).map((i) => i.item.name);
  assert.equal(names(await page('/partenaires/')), ['Réseau ESS Exemple', 'Fonds Exemple']);
  assert.equal(names(await page('/2025/partenaires/')), ['Réseau ESS Exemple']);
  assert.is(ld(await page('/2025/partenaires/')).name, 'Partenaires du recueil 2025');
});

editions('open data: each edition keeps its own files at /<year>/donnees/, listed on the open data page', async () => {
  const latest = JSON.parse(await site.read('donnees/laureats.json'));
  const earlier = JSON.parse(await site.read('2025/donnees/laureats.json'));
  assert.is(latest.edition, 2026);
  assert.is(earlier.edition, 2025);
  assert.match(earlier.titre, /2025/);
  assert.ok(earlier.laureats.every((r: { edition: number }) => r.edition === 2025));
  // 2025 placed the épicerie among « les autres lauréats », 2026 features it.
  const rang = (doc: { laureats: Array<{ id: string; rang: string }> }) => doc.laureats.find((r) => r.id === 'epicerie')?.rang;
  assert.equal([rang(earlier), rang(latest)], ['autres_laureats', 'a_la_une']);
  const csv = await site.read('2025/donnees/laureats.csv');
  assert.is(csv.trim().split('\r\n').length, earlier.laureats.length + 1, 'a header and one line per laureate');
  const page = await site.read('donnees-ouvertes/index.html');
  assert.match(page, /href="\/2025\/donnees\/laureats\.csv"/);
  assert.match(page, /href="\/2025\/donnees\/laureats\.json"/);
  assert.not.match(page, /href="\/2026\/donnees\//, 'the latest edition’s files are the ones at /donnees/');
});

editions.run();

const empty = suite('a new edition with no project yet');

empty('a new edition is a draft: the root keeps the current edition until it is published', async () => {
  const dataDir = await twoEditionsData();
  const loaded = await loadCompendium(dataDir);
  await newEdition(dataDir, loaded.compendium!, 2027);
  const draft = await build({ dataDir });
  assert.match(await draft.read('index.html'), /<span class="brand__year">2026<\/span>/);
});

empty('once published, builds: the root shows the empty edition, the previous one keeps its address', async () => {
  const dataDir = await twoEditionsData();
  const loaded = await loadCompendium(dataDir);
  await newEdition(dataDir, loaded.compendium!, 2027, { laureates: 'vider' });
  // The editor publishes it: the draft marker's line goes.
  const edition = join(dataDir, 'editions/2027/edition.yaml');
  writeFileSync(edition, readFileSync(edition, 'utf8').replace(/^brouillon: true.*\n/m, ''));
  const three = await build({ dataDir });
  const read = (path: string) => three.read(`${path.replace(/^\//, '')}index.html`);
  const home = await read('/');
  assert.match(home, /<span class="brand__year">2027<\/span>/);
  assert.match(home, /<p class="empty-state">Aucun projet retenu pour cette édition\.<\/p>/);
  assert.match(textOf(home), /0 projet lauréat 3 territoires 0 projet à la une/);
  for (const t of ['metz-orne', 'sarreguemines-bitche', 'thionville']) assert.match(await read(`/territoires/${t}/`), /Aucun projet retenu pour cette édition/);
  // 2026 is now an earlier edition: canonical at /2026/, with the notice.
  const previous = await read('/2026/territoires/sarreguemines-bitche/');
  assert.is(canonical(previous), '/2026/territoires/sarreguemines-bitche/');
  assert.match(previous, /Vous consultez le recueil 2026, une édition précédente/);
  assert.is(canonical(await read('/2027/')), '/');
  const row = element(await read('/projets/epicerie/'), /<div class="facts__row facts__row--editions">/, 'dd') ?? '';
  assert.equal(attributes(row, 'href'), ['/2026/territoires/sarreguemines-bitche/', '/2025/territoires/sarreguemines-bitche/']);
  // Every project is still reachable from the root: its territory lists earlier laureates.
  assert.match(await read('/territoires/sarreguemines-bitche/'), /href="\/projets\/epicerie\/"/);
  const json = JSON.parse(await three.read('donnees/laureats.json'));
  assert.equal([json.edition, json.laureats], [2027, []]);
});

empty.run();
