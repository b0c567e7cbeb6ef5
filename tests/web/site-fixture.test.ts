import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidDataError } from '../../src/errors.ts';
import { build, fixtureData, fixtureSite, tempDir, type BuiltSite } from './support/fixtures.ts';

let site: BuiltSite;
/** The page's <main>, with no-break spaces (added by the typography) read as spaces. */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(/[\u00A0\u202F]/g, ' ');
const plainSpaces = (html: string) => html.replace(/[\u00A0\u202F]|&nbsp;/g, ' ');

const pages = suite('fixture site: pages and content');
pages.before(async () => {
  site = await fixtureSite();
});

pages('every project has its page with name, organisation, territory and year', async () => {
  const expected: Array<[string, string, string, string, string]> = [
    ['atelier-velo', 'Un atelier de réparation de vélos', 'Atelier Vélo Solidaire', 'Metz – Orne', '2024'],
    ['hostile', '&lt;script&gt;alert(1)&lt;/script&gt; projet piégé', 'Asso « Guillemets » &amp; &lt;b&gt;Co&lt;/b&gt;', 'Metz – Orne', '2025'],
    ['epicerie', 'Une épicerie solidaire itinérante', 'L’Épicerie du Lien', 'Sarreguemines – Bitche', '2023'],
    ['mobil-est', 'Mobil’Est', 'Mobil’Est', 'Sarreguemines – Bitche', '2022'],
  ];
  for (const [slug, title, org, territory, year] of expected) {
    const html = await site.read(`projets/${slug}/index.html`);
    const body = main(html);
    assert.ok(body.includes(`<h1 id="titre-page" class="project__title">${title}</h1>`), `${slug}: title`);
    assert.ok(body.includes(org), `${slug}: organisation`);
    assert.ok(body.includes(`>${territory}</a>`), `${slug}: territory`);
    assert.ok(body.includes(`<dt>Lauréat en</dt><dd>${year}</dd>`), `${slug}: year`);
    assert.is(html.match(/<h1[\s>]/g)?.length, 1, `${slug}: one h1`);
  }
});

pages('a featured project shows all its fields; a null rubric is absent', async () => {
  const html = main(await site.read('projets/atelier-velo/index.html'));
  for (const text of ['Territoire ciblé', 'Metz et alentours', 'Public ciblé', 'personnes en insertion', 'Le projet', 'La réponse à un besoin social du territoire', 'L’apport du financement du Département', 'Les partenariats nés du dispositif', 'La pérennisation du dispositif']) {
    assert.ok(html.includes(text), text);
  }
  assert.ok(html.includes('href="mailto:contact@atelier-velo.example.org"'));
  assert.ok(html.includes('href="tel:+33387000001"'));
  assert.ok(html.includes('href="https://atelier-velo.example.org/projet"'));
  assert.ok(html.includes('rel="next" ') || html.includes('rel="next"'), 'next project link');
  const hostile = main(await site.read('projets/hostile/index.html'));
  assert.not.ok(hostile.includes('L’apport du financement'), 'the null rubric is left out');
  assert.ok(hostile.includes('Les partenariats nés du dispositif'));
});

pages('hostile strings are escaped and never become markup, templates or javascript: links', async () => {
  const html = plainSpaces(await site.read('projets/hostile/index.html'));
  assert.not.ok(html.includes('<script>alert'), 'no injected script element');
  assert.not.ok(/<[a-z]+[^>]*\sonmouseover=/i.test(html), 'no injected event handler attribute');
  assert.not.ok(html.includes('<img src=x'), 'raw HTML in Markdown is escaped');
  assert.not.ok(html.includes('<b>'), 'no injected bold');
  assert.not.ok(html.includes('>49<'), '{{ 7*7 }} is not evaluated');
  assert.ok(html.includes('{{ 7*7 }}'), 'template syntax is shown as text');
  assert.not.ok(/href\s*=\s*["']?\s*javascript:/i.test(html), 'no javascript: link');
  assert.ok(html.includes('<a href="https://exemple.org/">un vrai lien</a>'), 'the safe Markdown link is kept');
  assert.not.ok(html.includes('mailto:x@example.org'), 'a malformed e-mail is not linked');
  for (const file of site.files.filter((f) => f.endsWith('.html'))) {
    const page = await site.read(file);
    assert.not.ok(/href\s*=\s*["']?\s*javascript:/i.test(page), `${file}: no javascript: link`);
    assert.not.ok(page.includes('<script>alert'), `${file}: no injected script`);
  }
});

pages('JSON-LD is valid JSON and cannot break out of its script element', async () => {
  const html = await site.read('projets/hostile/index.html');
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.is(scripts.length, 1);
  const data = JSON.parse(scripts[0]![1]!);
  assert.is(data['@type'], 'Project');
  assert.is(data.parentOrganization.legalName, "</script><script>alert('jsonld')</script>");
  assert.is(data.sameAs, undefined, 'the javascript: website is dropped');
  assert.is(data.email, undefined, 'the malformed e-mail is dropped');
});

pages('partners and the site carry schema.org metadata too', async () => {
  const ld = (html: string) => JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
  const partners = ld(await site.read('partenaires/index.html'));
  assert.is(partners.itemListElement[0].item['@type'], 'Organization');
  assert.is(partners.itemListElement[0].item.url, 'https://reseau-ess.example.org/');
  assert.equal(partners.itemListElement[0].item.sameAs, ['https://www.linkedin.com/company/reseau-ess-exemple']);
  const home = ld(await site.read('index.html'));
  assert.is(home['@type'], 'WebSite');
  assert.is(home.inLanguage, 'fr-FR');
});

pages('the photo: <picture> with AVIF, WebP and JPEG srcsets, width, height and alt', async () => {
  const html = plainSpaces(await site.read('projets/atelier-velo/index.html'));
  const picture = html.match(/<picture>[\s\S]*?<\/picture>/)?.[0] ?? '';
  assert.match(picture, /<source type="image\/avif" srcset="\/img\/[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w, [^"]+ 1600w"/);
  assert.match(picture, /<source type="image\/webp" srcset="/);
  const img = picture.match(/<img [^>]+>/)?.[0] ?? '';
  assert.match(img, /alt="Deux bénévoles réparent un vélo dans l’atelier\."/);
  assert.match(img, /width="1600" height="1066"/);
  assert.match(img, /srcset="[^"]+\.jpeg 480w/);
  assert.match(img, /loading="eager"/, 'the project page photo is above the fold');
  assert.match(html, /<figcaption class="photo__credit">Photo : Jeanne EXEMPLE<\/figcaption>/);
  const territory = await site.read('territoires/metz-orne/index.html');
  assert.match(territory, /<img [^>]*loading="lazy"/, 'cards load their photo lazily');
  const jpeg = await readFile(join(site.outDir, img.match(/src="\/([^"]+)"/)![1]!));
  assert.is(jpeg.subarray(0, 2).toString('hex'), 'ffd8', 'the fallback file is a JPEG');
});

pages('a published edition lays out a project without its photo for its text: no empty frame on its page or card', async () => {
  const html = main(await site.read('projets/hostile/index.html'));
  assert.not.match(html, /project__media|photo--|<img/, 'no photo box on the page');
  assert.match(html, /<div class="project__layout">\s*<dl class="facts">/, 'the facts take the place');
  const territory = main(await site.read('territoires/metz-orne/index.html'));
  const cards = territory.match(/<article class="card[\s\S]*?<\/article>/g) ?? [];
  const hostile = cards.find((c) => c.includes('/projets/hostile/')) ?? '';
  const withPhoto = cards.find((c) => c.includes('/projets/atelier-velo/')) ?? '';
  assert.match(hostile, /^<article class="card">/, hostile.slice(0, 80));
  assert.not.match(hostile, /card__media|photo/);
  assert.match(withPhoto, /^<article class="card card--photo">[\s\S]*<div class="card__media"><figure class="photo">/, 'with a photo, as before');
});

pages('a draft edition marks the missing photo « Photo à fournir », small, on the page and the card', async () => {
  const dataDir = await fixtureData();
  const edition = join(dataDir, 'editions/2025/edition.yaml');
  await writeFile(edition, `brouillon: true\n${await readFile(edition, 'utf8')}`);
  const draft = await build({ dataDir, drafts: true });
  const page = main(await draft.read('projets/hostile/index.html'));
  assert.match(page, /<div class="project__media">\s*<p class="photo photo--missing">Photo à fournir<\/p>/);
  const territory = main(await draft.read('territoires/metz-orne/index.html'));
  const hostile = (territory.match(/<article class="card[\s\S]*?<\/article>/g) ?? []).find((c) => c.includes('/projets/hostile/')) ?? '';
  assert.match(hostile, /<p class="photo photo--missing">Photo à fournir<\/p>/);
});

pages('territory pages list their projects in the right tiers, in order', async () => {
  const tiers = (html: string) =>
    [...html.matchAll(/<section class="section tier tier--(\w+)"[\s\S]*?<\/section>/g)].map((m) => [m[1], [...m[0].matchAll(/href="\/projets\/([^/]+)\/"/g)].map((x) => x[1])]);
  assert.equal(tiers(await site.read('territoires/metz-orne/index.html')), [['a_la_une', ['atelier-velo', 'hostile']]]);
  assert.equal(tiers(await site.read('territoires/sarreguemines-bitche/index.html')), [
    ['aussi_laureats', ['epicerie']],
    ['autres_laureats', ['mobil-est']],
  ]);
  const html = await site.read('territoires/sarreguemines-bitche/index.html');
  // One project each: the titles agree with it.
  assert.ok(html.includes('<h2 id="aussi_laureats" class="tier__title">Il\u00A0est aussi lauréat</h2>'));
  assert.ok(html.includes('<h2 id="autres_laureats" class="tier__title">Autre lauréat</h2>'));
  assert.not.ok(html.includes('id="a_la_une"'), 'an empty tier is not shown');
});

pages('the laureate filters are plain links to pre-rendered pages', async () => {
  const index = await site.read('laureats/index.html');
  for (const href of ['/laureats/annee/2024/', '/laureats/territoire/metz-orne/', '/laureats/theme/alimentation/']) {
    assert.ok(index.includes(`href="${href}"`), href);
  }
  const page = await site.read('laureats/theme/alimentation/index.html');
  const visible = [...page.matchAll(/<li class="entry"[^>]*?(hidden)?>\s*<h3 class="entry__title"><a href="\/projets\/([^/]+)\/"/g)].filter((m) => !m[1]).map((m) => m[2]);
  assert.equal(visible.sort(), ['epicerie', 'hostile']);
  assert.not.match(page, /<li class="entry"[^>]*hidden/, 'a filter page lists its own projects only, none hidden');
  assert.match(page, /aria-current="page">Alimentation durable/);
  assert.match(page, /2 lauréats sur 4/);
});

pages('no PDF, no download link', async () => {
  const home = await site.read('index.html');
  assert.not.ok(home.includes('class="downloads"'));
});

pages('every page links the accessibility statement from its footer and has lang="fr"', async () => {
  for (const file of site.files.filter((f) => f.endsWith('.html'))) {
    const html = await site.read(file);
    assert.ok(html.includes('<html lang="fr"'), `${file}: lang`);
    const footer = html.slice(html.indexOf('<footer'));
    assert.ok(footer.includes('href="/accessibilite/"'), `${file}: accessibility link`);
    assert.ok(html.includes('<a class="skip-link" href="#contenu">'), `${file}: skip link`);
  }
});

pages('every page carries the Content-Security-Policy first in its <head>; _headers carries it for the host', async () => {
  for (const file of site.files.filter((f) => f.endsWith('.html'))) {
    const head = (await site.read(file)).split('<head>')[1] ?? '';
    assert.match(head, /^\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;;/, `${file}: CSP before anything it governs`);
    assert.not.match(head, /<script(?! type="application\/ld\+json")[^>]*>[^<]/, `${file}: no inline script`);
  }
  const headers = await site.read('_headers');
  assert.match(headers, /^\/\*\n {2}Content-Security-Policy: .*frame-ancestors 'none'$/m);
});

pages('sitemap, robots.txt and canonical URLs use the site URL', async () => {
  const sitemap = await site.read('sitemap.xml');
  assert.match(sitemap, /<loc>https:\/\/www\.moselle\.fr\/projets\/atelier-velo\/<\/loc>/);
  assert.not.match(sitemap, /404|laureats\/annee/);
  assert.match(await site.read('robots.txt'), /Sitemap: https:\/\/www\.moselle\.fr\/sitemap\.xml/);
  assert.match(await site.read('territoires/metz-orne/index.html'), /<link rel="canonical" href="https:\/\/www\.moselle\.fr\/territoires\/metz-orne\/">/);
  assert.match(plainSpaces(await site.read('index.html')), /<meta property="og:title" content="Innovation Sociale en Moselle 2025">/);
  assert.not.match(await site.read('index.html'), /og:image/, 'no link preview image without a PDF cover');
});

pages('open data: JSON and CSV in the brochure’s order, CSV with BOM, « ; » and RFC 4180 quoting', async () => {
  const json = JSON.parse(await site.read('donnees/laureats.json'));
  assert.is(json.edition, 2025);
  assert.equal(json.laureats.map((l: { id: string }) => l.id), ['atelier-velo', 'hostile', 'epicerie', 'mobilite']);
  assert.is(json.laureats[0].rang, 'a_la_une');
  assert.equal(json.laureats[0].themes, ['insertion', 'mobilite-solidaire']);
  assert.is(json.laureats[1].site_web, null, 'javascript: is not published');
  assert.is(json.laureats[3].nom, null);
  const csv = await site.read('donnees/laureats.csv');
  assert.ok(csv.startsWith('\uFEFFid;edition;annee_laureat;nom;structure;'), 'BOM and header');
  const lines = csv.slice(1).split('\r\n');
  assert.is(lines.length, 1 + 4 + 1, 'header, four laureates, final CRLF');
  assert.ok(lines[2]!.startsWith('hostile;2025;2025;<script>alert(1)</script> projet piégé;"Asso ""Guillemets"" & <b>Co</b>";'), lines[2]);
  assert.ok(lines[1]!.includes(';insertion|mobilite-solidaire;'));
  const doc = await site.read('donnees-ouvertes/index.html');
  for (const name of json.champs as string[]) assert.ok(doc.includes(`<code>${name}</code>`), `field ${name} documented`);
});

pages('fonts are self-hosted and declared from src/site/fonts.ts', async () => {
  const css = await site.read('assets/css/fonts.css');
  assert.match(css, /font-family: 'Source Sans 3';[\s\S]*src: url\('..\/fonts\/source-sans-3-latin-400-normal.woff2\?v=[0-9a-f]{8}'\) format\('woff2'\)/);
  assert.ok(site.files.length > 0);
  const woff = await readFile(join(site.outDir, 'assets/fonts/source-serif-4-latin-600-normal.woff2'));
  assert.is(woff.subarray(0, 4).toString('latin1'), 'wOF2');
});

pages('the search index is built, in French', async () => {
  assert.ok(site.indexedPages > 0);
  const entry = JSON.parse(await site.read('pagefind/pagefind-entry.json'));
  assert.ok(Object.keys(entry.languages).includes('fr'), JSON.stringify(Object.keys(entry.languages)));
  assert.ok((await site.read('recherche/index.html')).match(/src="\/assets\/js\/search.js\?v=[0-9a-f]{8}"/));
});

pages.run();

const prefix = suite('fixture site under a sub-path');

prefix('every internal URL carries the path prefix; absolute URLs include it', async () => {
  const sub = await build({ dataDir: await fixtureData(), pathPrefix: '/innovation-sociale/', siteUrl: 'https://exemple.fr' });
  const html = await sub.read('projets/atelier-velo/index.html');
  assert.ok(html.includes('href="/innovation-sociale/territoires/metz-orne/"'));
  assert.match(html, /href="\/innovation-sociale\/assets\/css\/site\.css\?v=[0-9a-f]{8}"/);
  assert.match(html, /srcset="\/innovation-sociale\/img\/[^"]+ 480w/);
  assert.ok(html.includes('<link rel="canonical" href="https://exemple.fr/innovation-sociale/projets/atelier-velo/">'));
  assert.not.match(html, /(href|src)="\/(?!innovation-sociale\/)/, 'no root-relative URL escapes the prefix');
  assert.match(await sub.read('sitemap.xml'), /<loc>https:\/\/exemple\.fr\/innovation-sociale\/<\/loc>/);
});

prefix.run();

const failures = suite('builds that must fail');

failures('invalid data stops the build with the validator’s French messages', async () => {
  const dataDir = await fixtureData();
  await rm(join(dataDir, 'organisations/epicerie.yaml'));
  const outDir = join(await tempDir('bad'), 'site');
  try {
    await build({ dataDir, outDir });
    assert.unreachable('the build should have failed');
  } catch (error) {
    assert.instance(error, InvalidDataError);
    assert.match((error as Error).message, /Les données contiennent 1 erreur :/);
    assert.match((error as Error).message, /projets\/epicerie\.yaml:3:15 — erreur : organisation inconnue « epicerie »/);
  }
});

failures('a real image without alt text fails the build, at validation, with its line', async () => {
  const dataDir = await fixtureData();
  const file = join(dataDir, 'projets/atelier-velo.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/\n {2}alt: .*\n/, '\n'));
  try {
    await build({ dataDir });
    assert.unreachable('the build should have failed');
  } catch (error) {
    // validate and the build agree: an error before any work, file:line:column and the fix.
    assert.instance(error, InvalidDataError);
    assert.match((error as Error).message, /projets\/atelier-velo\.yaml:\d+:\d+ — erreur : photo du projet sans texte alternatif \(« alt »\)/);
  }
});

failures.run();
