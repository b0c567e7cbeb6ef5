import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundledSite, fixtureSite, type BuiltSite } from './support/fixtures.ts';
import { firstSentences } from '../../src/site/page-meta.ts';

/**
 * The web edition's words as a reader meets them: Moselle's own figures, French agreement,
 * each territory with its article, no print-only pointer, no sentence cut, one description
 * per page, the share image, images above the fold, breadcrumbs like the navigation.
 */
let site: BuiltSite;
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#8239;|&nbsp;|[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ');
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const description = (html: string) => /<meta name="description" content="([^"]*)">/.exec(html)?.[1]?.replace(/[\u00A0\u202F]/g, ' ');

async function pages(s: BuiltSite): Promise<string[]> {
  return (await readdir(s.outDir, { recursive: true })).filter((f) => f.endsWith('.html') && f !== '404.html').sort();
}

const content = suite('web content');
content.before(async () => {
  site = await bundledSite();
});

content('the home’s « chiffres clés de l’ESS en Moselle » are Moselle’s', async () => {
  const home = await site.read('index.html');
  const scales = [...home.matchAll(/<span class="figure__scale">([^<]*)/g)].map((m) => m[1]!.trim());
  assert.equal(scales, ['Moselle', 'Moselle', 'Moselle', 'Moselle']);
});

content('the « chiffres clés » section prints each figure once, as the brochure’s page does (issue 14)', async () => {
  const section = await site.read('ess-innovation-sociale/index.html');
  const figures = plain(section.slice(section.indexOf('id="chiffres-cles"'), section.indexOf('</section>', section.indexOf('id="chiffres-cles"'))));
  for (const value of ['207 000', '2,7 millions', '15 000', '220 000', '65 %', '58 %', '43 %', '38 %', '2 160', '7,70 %', '38 000', '12 %', '700 000 €', '2019']) {
    assert.is(figures.split(value).length - 1, 1, value);
  }
  assert.ok(figures.includes('second département du Grand Est'), 'the text says what the numbers do not');
  assert.not.ok(figures.includes('depuis 2019'));
});

content('French agreement: « Toutes les années », never « Tous les années »', async () => {
  const html = await site.read('laureats/index.html');
  assert.ok(plain(html).includes('Toutes les années'));
  for (const f of await pages(site)) assert.not.ok(plain(await site.read(f)).includes('Tous les années'), f);
});

content('each territory with its own article in sentences: « en Moselle », « sur le territoire de … »', async () => {
  for (const f of await pages(site)) {
    const d = description(await site.read(f)) ?? '';
    assert.not.match(d, /sur le Moselle|sur le territoire Moselle|sur le Territoire/, `${f}: ${d}`);
  }
  assert.match(description(await site.read('laureats/territoire/moselle/index.html')) ?? '', /^Les \d+ projets lauréats en Moselle de l’appel/);
  assert.match(description(await site.read('laureats/territoire/thionville/index.html')) ?? '', /^Les \d+ projets lauréats sur le territoire de Thionville de l’appel/);
  assert.match(description(await site.read('territoires/moselle/index.html')) ?? '', /Innovation sociale en Moselle présentés/);
});

content('no print-only pointer (« ci-dessus », « ci-dessous ») on the web; the definition is a link', async () => {
  for (const f of await pages(site)) assert.not.match(plain(main(await site.read(f))), /ci-dess(us|ous)/, f);
  assert.match(await site.read('appel-a-projets/index.html'), /\(voir la <a href="\/ess-innovation-sociale\/#innovation-sociale">définition de l’innovation sociale<\/a>\)/);
});

content('teasers are whole sentences: no CSS clamp, the home call-out ends its sentence', async () => {
  const css = await site.read(/href="\/(assets\/css\/site\.css)\?/.exec(await site.read('index.html'))![1]!);
  assert.not.match(css, /line-clamp/);
  const callout = /<section class="section callout"[\s\S]*?<p>([^<]*)<\/p>/.exec(await site.read('index.html'))?.[1] ?? '';
  assert.match(callout, /[.!?»]$/, callout);
  assert.not.ok(callout.includes('…'), callout);
  assert.is(firstSentences('Une phrase. Une autre phrase bien plus longue que la limite.', 20), 'Une phrase.');
  assert.is(firstSentences('Une seule phrase un peu longue mais entière.', 30), 'Une seule phrase un peu longue mais entière.');
});

content('one description per page', async () => {
  const seen = new Map<string, string>();
  for (const f of await pages(site)) {
    const d = description(await site.read(f));
    assert.ok(d, `${f}: no description`);
    assert.not.ok(seen.has(d!), `${f} and ${seen.get(d!)}: « ${d} »`);
    seen.set(d!, f);
  }
});

content('the editions page’s first cover is not lazy (it is above the fold)', async () => {
  const html = await site.read('editions/index.html');
  const first = /<img class="edition-item__cover"[^>]*>/.exec(html)?.[0] ?? '';
  assert.ok(first, 'a cover');
  assert.not.match(first, /loading="lazy"/);
});

content('a project’s breadcrumb goes through « Territoires », the section the navigation marks', async () => {
  const html = await site.read('projets/graoucoop/index.html');
  const crumbs = [...(/<nav class="breadcrumb"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!.replace(/[\u00A0\u202F]/g, ' '));
  assert.equal(crumbs, ['Accueil', 'Territoires', 'Metz – Orne', 'Graoucoop']);
  assert.match(html, /<a href="\/territoires\/" aria-current="true">Territoires<\/a>/);
});

content('the laureates index says, without JavaScript, that filtered addresses need it and where the filter pages are', async () => {
  assert.match(await site.read('laureats/index.html'), /<noscript><p class="laureates__nojs">Sans JavaScript, les filtres ne se combinent pas/);
});

content('a project with a photo shares its photo; the others the cover', async () => {
  const fixture = await fixtureSite();
  const html = await fixture.read('projets/atelier-velo/index.html');
  const og = /<meta property="og:image" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.match(og, /^https:\/\/www\.moselle\.fr\/img\/[^/]+\.jpeg$/, og);
  assert.ok(await readFile(join(fixture.outDir, new URL(og).pathname)).then((b) => b.length > 0), 'the shared file exists');
  assert.match(html, /<meta property="og:image:alt" content="[^"]+">/);
});

content.run();
