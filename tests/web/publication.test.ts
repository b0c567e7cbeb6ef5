import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_DATA, build, tempDir, type BuiltSite } from './support/fixtures.ts';
import { openContact, personalEmailReason, personalPhoneReason } from '../../src/data/personal-contacts.ts';
import { conformity } from '../../src/site/view-model.ts';
import { loadCompendium } from '../../src/data/index.ts';

/**
 * What the web edition publishes about itself and about people: its own address (never
 * assumed), its accessibility statement (RGAA 4.1's model, facts from data/site.yaml), the
 * open data without personal contacts (RGPD), with their licence inside, and the caching rules.
 * Built from the bundled data, as published: no --url.
 */
let site: BuiltSite;
let withUrl: BuiltSite;
const text = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(/<[^>]+>/g, ' ').replace(/&#8239;|&nbsp;|[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ');

async function allFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => /\.(html|xml|txt|json|jsonld|csv)$/.test(f) && !f.startsWith('pagefind'));
}

const address = suite('the site’s own address');
address.before(async () => {
  site = await build({ dataDir: BUNDLED_DATA, siteUrl: undefined });
  withUrl = await build({ dataDir: BUNDLED_DATA, siteUrl: 'https://innovation-sociale.exemple.fr/' });
});

address('without an address: no absolute URL of the site anywhere, no sitemap, and the build says so', async () => {
  const files = await allFiles(site.outDir);
  assert.ok(files.length > 100, `${files.length} files`);
  assert.not.ok(files.includes('sitemap.xml'), 'no sitemap.xml (it lists absolute URLs)');
  assert.not.match(await site.read('robots.txt'), /Sitemap/);
  for (const f of files) {
    const body = await site.read(f);
    assert.not.ok(body.includes('www.moselle.fr/projets') || body.includes('www.moselle.fr/territoires') || /og:url|og:image"/.test(body), `${f}: an address of the site was assumed`);
    const canonical = /<link rel="canonical" href="([^"]*)">/.exec(body)?.[1];
    if (canonical) assert.ok(canonical.startsWith('/'), `${f}: canonical ${canonical} is root-relative`);
  }
  assert.ok(site.notes.some((n) => n.startsWith('Adresse du site inconnue')), site.notes.join(' | '));
});

address('with --url (or data/site.yaml): canonical, og:url, sitemap and robots use it', async () => {
  const home = await withUrl.read('index.html');
  assert.ok(home.includes('<link rel="canonical" href="https://innovation-sociale.exemple.fr/">'));
  assert.ok(home.includes('<meta property="og:url" content="https://innovation-sociale.exemple.fr/">'));
  assert.match(await withUrl.read('sitemap.xml'), /<loc>https:\/\/innovation-sociale\.exemple\.fr\/projets\/graoucoop\/<\/loc>/);
  assert.match(await withUrl.read('robots.txt'), /^Sitemap: https:\/\/innovation-sociale\.exemple\.fr\/sitemap\.xml$/m);
  assert.equal(withUrl.notes, []);
});

address('data/site.yaml’s « adresse » is used without --url', async () => {
  const dataDir = join(await tempDir('site-yaml'), 'data');
  await cp(BUNDLED_DATA, dataDir, { recursive: true });
  const yaml = await readFile(join(dataDir, 'site.yaml'), 'utf8');
  await writeFile(join(dataDir, 'site.yaml'), yaml.replace(/^adresse: null$/m, 'adresse: https://recueil.exemple.fr'));
  const own = await build({ dataDir, siteUrl: undefined });
  assert.ok((await own.read('projets/graoucoop/index.html')).includes('<link rel="canonical" href="https://recueil.exemple.fr/projets/graoucoop/">'));
});

address('an address that is not http(s) is refused by validation, at its line', async () => {
  const dataDir = join(await tempDir('site-yaml-bad'), 'data');
  await cp(BUNDLED_DATA, dataDir, { recursive: true });
  const yaml = await readFile(join(dataDir, 'site.yaml'), 'utf8');
  await writeFile(join(dataDir, 'site.yaml'), yaml.replace(/^adresse: null$/m, 'adresse: "javascript:alert(1)"'));
  const result = await loadCompendium(dataDir);
  const finding = result.errors.find((e) => e.file.endsWith('site.yaml'));
  assert.ok(finding, 'an error in site.yaml');
  assert.is(finding!.line, (yaml.split('\n').findIndex((l) => l.startsWith('adresse:')) ?? 0) + 1);
});

address('an accessibility contact that contacts.yaml lacks is an error at its line, with the near spelling', async () => {
  const dataDir = join(await tempDir('site-yaml-contact'), 'data');
  await cp(BUNDLED_DATA, dataDir, { recursive: true });
  const yaml = await readFile(join(dataDir, 'site.yaml'), 'utf8');
  await writeFile(join(dataDir, 'site.yaml'), yaml.replace('  contact: laurence-bouchon', '  contact: laurence-bouchn'));
  const result = await loadCompendium(dataDir);
  const finding = result.errors.find((e) => e.file.endsWith('site.yaml'));
  assert.ok(finding, 'an error in site.yaml');
  assert.is(finding!.message, 'contact inconnu « laurence-bouchn » : vouliez-vous dire « laurence-bouchon » ?');
  assert.is(finding!.line, yaml.split('\n').findIndex((l) => l.startsWith('  contact:')) + 1);
});

const statement = suite('accessibility statement (RGAA 4.1)');
statement.before(async () => {
  site ??= await build({ dataDir: BUNDLED_DATA, siteUrl: undefined });
});

statement('« non conforme » without an audit, with every part of the model and nothing it cannot back', async () => {
  const t = text(await site.read('accessibilite/index.html'));
  for (const part of [
    'article 47 de la loi',
    'schéma pluriannuel de mise en accessibilité : non publié',
    'plan d’action de l’année en cours : non publié',
    'est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1',
    'le site n’a pas encore été audité',
    'Non-conformités',
    'Dérogations pour charge disproportionnée',
    'critère 13.3',
    'Établissement de cette déclaration',
    'laurence.bouchon@moselle.fr',
    'Hôtel du Département, 1, rue du Pont-Moreau',
    'Défenseur des droits',
    'Libre réponse 71120',
  ]) {
    assert.ok(t.includes(part), `missing: « ${part} »`);
  }
  for (const claim of ['partiellement conforme', 'ci-dessus', 'texte alternatif pour chaque photo', 'non soumis à l’obligation d’accessibilité Les versions PDF']) {
    assert.not.ok(t.includes(claim), `unbacked claim: « ${claim} »`);
  }
  assert.match(await site.read('index.html'), /Accessibilité&nbsp;: non conforme/);
});

statement('the state follows the audit: 100 % totalement, ≥ 50 % partiellement, otherwise non conforme', () => {
  assert.is(conformity(null), 'non conforme');
  assert.is(conformity(undefined), 'non conforme');
  assert.is(conformity({ taux: 100 }), 'totalement conforme');
  assert.is(conformity({ taux: 87.5 }), 'partiellement conforme');
  assert.is(conformity({ taux: 50 }), 'partiellement conforme');
  assert.is(conformity({ taux: 49.9 }), 'non conforme');
});

const rgpd = suite('open data without personal contacts (RGPD)');
rgpd.before(async () => {
  site ??= await build({ dataDir: BUNDLED_DATA, siteUrl: undefined });
});

rgpd('what looks personal: firstname.lastname, consumer mail domains, mobiles; not a structure’s address', () => {
  for (const e of ['adeline.hayotte@peplorest.org', 'c.romano@apsis-emergence.fr', 'cantorama.direction@gmail.com', 'secr.foyergdelatour@laposte.net', 'gaelle@atelier1791.fr', 'fredericleroy2011@gmail.com']) {
    assert.ok(personalEmailReason(e), e);
  }
  for (const e of ['info@graoucoop.fr', 'contact@ressources-rse.fr', 'direction@metz-pole-services.fr', 'metz@uniscite.fr', 'contact.metz@exemple.fr']) {
    assert.is(personalEmailReason(e), undefined, e);
  }
  assert.is(personalPhoneReason('06 12 34 56 78'), 'téléphone portable');
  assert.is(personalPhoneReason('+33 7 12 34 56 78'), 'téléphone portable');
  assert.is(personalPhoneReason('03 87 37 57 57'), undefined);
  assert.equal(openContact({ email: 'jean.dupont@exemple.fr', telephone: '06 12 34 56 78', public: true }), { email: 'jean.dupont@exemple.fr', telephone: '06 12 34 56 78' });
  assert.equal(openContact({ email: 'info@exemple.fr', telephone: '03 87 00 00 00', public: false }), {});
  assert.equal(openContact({ email: 'jean.dupont@exemple.fr', telephone: '03 87 00 00 00' }), { email: undefined, telephone: '03 87 00 00 00' });
});

rgpd('the CSV, the JSON and the project pages’ JSON-LD carry no contact that looks personal', async () => {
  const csv = await site.read('donnees/laureats.csv');
  const json = JSON.parse(await site.read('donnees/laureats.json')) as { laureats: Array<{ email: string | null; telephone: string | null }> };
  const emails = json.laureats.flatMap((l) => (l.email ? [l.email] : []));
  const phones = json.laureats.flatMap((l) => (l.telephone ? [l.telephone] : []));
  assert.ok(emails.length > 0, 'structures’ addresses are still published');
  for (const e of emails) assert.is(personalEmailReason(e), undefined, `JSON: ${e}`);
  for (const p of phones) assert.is(personalPhoneReason(p), undefined, `JSON: ${p}`);
  for (const needle of ['gmail.com', 'adeline.hayotte', 'laposte.net', 'outlook.com']) assert.not.ok(csv.includes(needle), `CSV: ${needle}`);
  assert.not.match(csv, /;0[67](?:[ .]?\d\d){4};/, 'CSV: a mobile number');
  for (const f of (await readdir(join(site.outDir, 'projets'))).map((s) => `projets/${s}/index.html`)) {
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(await site.read(f))?.[1] ?? '';
    const data = JSON.parse(ld) as { email?: string; telephone?: string };
    if (data.email) assert.is(personalEmailReason(data.email), undefined, `${f}: ${data.email}`);
    if (data.telephone) assert.is(personalPhoneReason(data.telephone), undefined, `${f}: ${data.telephone}`);
  }
});

rgpd('the page still shows the contact as the brochure prints it', async () => {
  const html = await site.read('projets/un-reseau-d-entraide-pour-les-personnes-agees/index.html').catch(() => '');
  const any = html || (await site.read('projets/graoucoop/index.html'));
  assert.ok(any.includes('mailto:'), 'a mailto link on the page');
});

rgpd('validate flags personal-looking contacts once per project, at the contact, with the fix', async () => {
  const result = await loadCompendium(BUNDLED_DATA);
  const flagged = result.warnings.filter((w) => w.code === 'PERSONAL_CONTACT');
  assert.ok(flagged.length >= 20, `${flagged.length} flagged`);
  const one = flagged[0]!;
  assert.ok(one.line && one.column, 'a line and column');
  assert.match(one.hint ?? '', /public: true/);
});

rgpd('the files carry their licence, producer and date; DCAT-AP beside them; the CSV ends cleanly', async () => {
  const csv = await site.read('donnees/laureats.csv');
  assert.ok(csv.endsWith('\r\n') && !csv.endsWith('\r\n\r\n') && !csv.endsWith('\n\n'), 'one line end after the last row');
  const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(';');
  for (const col of ['licence', 'producteur', 'date']) assert.ok(header.includes(col), col);
  assert.match(csv.split('\r\n')[1]!, /;Licence Ouverte 2\.0;Département de la Moselle;2025/);
  const json = JSON.parse(await site.read('donnees/laureats.json')) as Record<string, unknown>;
  assert.equal(json.licence, { nom: 'Licence Ouverte 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' });
  assert.is(json.producteur, 'Département de la Moselle');
  assert.ok(json.date);
  const dcat = JSON.parse(await site.read('donnees/catalogue.jsonld')) as Record<string, unknown>;
  assert.is(dcat['@type'], 'dcat:Dataset');
  assert.equal(dcat['dct:license'], { '@id': 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' });
  const dist = dcat['dcat:distribution'] as Array<Record<string, unknown>>;
  assert.equal(dist.map((d) => d['dct:format']), ['CSV', 'JSON']);
});

const headers = suite('caching');
headers.before(async () => {
  site ??= await build({ dataDir: BUNDLED_DATA, siteUrl: undefined });
});

headers('assets carry a content hash and are cached a year; pages are not', async () => {
  const home = await site.read('index.html');
  const refs = [...home.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  assert.ok(refs.length >= 5, refs.join(' '));
  for (const r of refs) assert.match(r, /\?v=[0-9a-f]{8}$/, r);
  const h = await site.read('_headers');
  assert.match(h, /^\/assets\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  assert.not.match(h, /^\/\*\n(?: {2}.*\n)* {2}Cache-Control/m, 'no Cache-Control on every page');
  // The preloaded fonts are the very URLs fonts.css asks for (a mismatch downloads them twice).
  const fontsCss = await site.read(/href="\/(assets\/css\/fonts\.css)\?v=/.exec(home)![1]!);
  for (const m of home.matchAll(/<link rel="preload" href="\/assets(\/fonts\/[^"]+)"/g)) assert.ok(fontsCss.includes(`..${m[1]}`), m[1]!);
});

address.run();
statement.run();
rgpd.run();
headers.run();
