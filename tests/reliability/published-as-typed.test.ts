// Issue 15, requirement 3: nothing the editor typed is silently dropped from either edition.
// A contact value the editions cannot link is either an error of `validate` with the exact fix
// (final dot, « mailto: », spaces, letter O, no « https:// », a phone YAML read as a number), or
// it is published as typed, as text, by the site and the PDF alike, with a warning. Control
// characters written as YAML escapes are removed from both editions, and validate says so.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPrintHtml } from '../../src/print/html.ts';
import { renderPrint } from '../../src/print/render.ts';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const typed = suite('contacts published as typed');
const CLI = join(ROOT, 'bin/compendium.js');
const PROJECT = readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8');
const MUSICAL = readFileSync(join(VALID, 'projets/le-jardin-musical.yaml'), 'utf8');
const QUAI = readFileSync(join(VALID, 'projets/un-jardin-au-quai.yaml'), 'utf8');
const SITE = 'accessibilite:\n  date_declaration: 2025-06-30\n  contact: laurence-bouchon\n';
const CONTACTS = readFileSync(join(VALID, 'contacts.yaml'), 'utf8');

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'compendium-typed-')), env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, out: r.stdout + r.stderr };
};
/** Text as a reader gets it: tags out, entities decoded, spaces collapsed. */
const readable = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|&#160;/g, ' ').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, '’').replace(/\s+/g, ' ');

typed('slips with a sure fix are errors of validate, at file:line:column, with the exact value to write', () => {
  const dir = dataWith({
    'projets/graoucoop.yaml': PROJECT.replace('email: info@graoucoop.fr', 'email: contact@graoucoop.fr.').replace('telephone: 03 87 37 57 57', 'telephone: O3 87 37 57 57\n  site_web: www.graoucoop.fr'),
    'projets/le-jardin-musical.yaml': MUSICAL.replace('email: cantorama.direction@gmail.com', 'email: mailto:cantorama.direction@gmail.com'),
    'projets/un-jardin-au-quai.yaml': `${QUAI}contact:\n  email: jardin @quai.fr\n`,
    'contacts.yaml': CONTACTS.replace('    email: laurence.bouchon@moselle.fr', '    email: laurence.bouchon@moselle.fr\n    telephone: 0387375757'),
  });
  const r = cli('validate', dir);
  assert.is(r.status, 1, r.out);
  const out = r.out.replaceAll(dir, 'DATA');
  for (const expected of [
    'DATA/projets/graoucoop.yaml:15:10 — erreur : adresse e-mail « contact@graoucoop.fr. » : point final en trop',
    '→ Écrivez « contact@graoucoop.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
    'DATA/projets/graoucoop.yaml:16:14 — erreur : numéro de téléphone « O3 87 37 57 57 » : lettre O à la place du chiffre zéro',
    '→ Écrivez « 03 87 37 57 57 » (avec des zéros).',
    'DATA/projets/graoucoop.yaml:17:13 — erreur : adresse web mal formée « www.graoucoop.fr »',
    '→ Écrivez « https://www.graoucoop.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
    'DATA/projets/le-jardin-musical.yaml:10:10 — erreur : adresse e-mail « mailto:cantorama.direction@gmail.com » : « mailto: » en trop',
    '→ Écrivez « cantorama.direction@gmail.com »',
    `DATA/projets/un-jardin-au-quai.yaml:${QUAI.split('\n').length + 1}:10 — erreur : adresse e-mail « jardin @quai.fr » : espace en trop`,
    '→ Écrivez « jardin@quai.fr »',
    'DATA/contacts.yaml:6:16 — erreur : « telephone » doit être un texte, mais YAML a lu « 0387375757 » comme le nombre « 387375757 » : le zéro du début est perdu',
  ]) assert.match(out, expected);
});

typed('a web address the site would drop or alter (final dot, no scheme, « http:/ ») is an error with the whole fix, never a warning', () => {
  const FILON = readFileSync(join(VALID, 'partenaires/le-filon.yaml'), 'utf8');
  for (const [written, right] of [
    ['www.fondation-solidarite-lorraine.fr.', 'https://www.fondation-solidarite-lorraine.fr'],
    ['https://www.fondation-solidarite-lorraine.fr.', 'https://www.fondation-solidarite-lorraine.fr'],
    ['http:/www.lefilon.org', 'http://www.lefilon.org'],
  ]) {
    const dir = dataWith({ 'partenaires/le-filon.yaml': FILON.replace('site_web: https://lefilon.org', `site_web: ${written}`) });
    const r = cli('validate', dir);
    assert.is(r.status, 1, r.out);
    const out = r.out.replaceAll(dir, 'DATA');
    assert.match(out, `DATA/partenaires/le-filon.yaml:5:11 — erreur : adresse web`);
    assert.match(out, `→ Écrivez « ${right} » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.`);
    assert.not.match(out, 'n’existe pas');
  }
});

let dir = '';
typed.before(() => {
  dir = dataWith({
    'projets/graoucoop.yaml': PROJECT.replace('email: info@graoucoop.fr', 'email: info(at)graoucoop.fr').replace('telephone: 03 87 37 57 57', 'telephone: 03 87 XX XX XX').replace('public_cible: tout public', 'public_cible: "tout\\x07 public\\u202E"'),
    'projets/le-jardin-musical.yaml': MUSICAL.replace('email: cantorama.direction@gmail.com', 'email: direction@cantorama.irg'),
    'contacts.yaml': CONTACTS.replace('email: laurence.bouchon@moselle.fr', 'email: laurence.bouchon(at)moselle.fr'),
    'site.yaml': SITE,
    'organisations/graoucoop.yaml': 'id: graoucoop\nnom: SCIC Graoucoop\nforme: SCIC\nsite_web: https://www.épicerie-graoucoop.fr/café\n',
  });
});

typed('what cannot be a link and has no sure fix: a warning that says how it is published', () => {
  const r = cli('validate', dir);
  assert.is(r.status, 0, r.out);
  const out = r.out.replaceAll(dir, 'DATA');
  for (const expected of [
    'DATA/projets/graoucoop.yaml:15:10 — avertissement : adresse e-mail mal formée « info(at)graoucoop.fr »',
    'elle est publiée en texte, sans lien, sur le site comme dans le PDF.',
    'DATA/projets/graoucoop.yaml:16:14 — avertissement : numéro de téléphone « 03 87 XX XX XX » : ce n’est pas un numéro que l’on peut composer',
    'DATA/projets/le-jardin-musical.yaml:10:10 — avertissement : adresse e-mail « direction@cantorama.irg » : le domaine « .irg » n’existe pas (vouliez-vous dire « .org » ?)',
    'DATA/contacts.yaml:5:12 — avertissement : adresse e-mail mal formée « laurence.bouchon(at)moselle.fr »',
    'DATA/projets/graoucoop.yaml:7:20 — avertissement : « public_cible » contient des caractères de contrôle invisibles : [U+0007] (bip), [U+202E] (inversion droite-à-gauche) ; ni le site ni le PDF ne peuvent les publier, ils sont retirés des deux',
    '→ Supprimez-les : écrivez « tout public ».',
  ]) assert.match(out, expected);
});

typed('the site publishes them as typed (as text when they cannot be links); the controls are gone', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'compendium-typed-site-')), 'site');
  const r = cli('build', '--sans-pdf', '--sortie', out, dir);
  assert.is(r.status, 0, r.out);
  const page = readFileSync(join(out, 'projets/graoucoop/index.html'), 'utf8');
  assert.match(readable(page), 'E-mail : info(at)graoucoop.fr');
  assert.match(readable(page), 'Téléphone : 03 87 XX XX XX');
  assert.match(readable(page), 'tout public');
  assert.match(readable(page), 'Site web : épicerie-graoucoop.fr/café', 'the letters typed, not punycode or %C3%A9');
  assert.ok(!page.includes('\u0007') && !page.includes('\u202E'), 'no control character in the page');
  assert.not.match(page, 'href="mailto:info(at)', 'no link made of it');
  assert.match(readFileSync(join(out, 'projets/le-jardin-musical/index.html'), 'utf8'), '<a href="mailto:direction@cantorama.irg">direction@cantorama.irg</a>');
  const contacts = spawnSync('grep', ['-rl', 'laurence.bouchon(at)moselle.fr', out], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((f) => f.replace(out, ''));
  assert.ok(contacts.includes('/contacts/index.html'), `the contacts page shows the address: ${contacts.join(', ')}`);
  assert.ok(contacts.includes('/accessibilite/index.html'), 'the accessibility statement too');
  assert.not.match(readFileSync(join(out, 'accessibilite/index.html'), 'utf8'), 'href="mailto:laurence.bouchon(at)', 'as text, not a broken link');
});

typed('the PDF prints the same values, and the same text without the controls', async () => {
  const out = mkdtempSync(join(tmpdir(), 'compendium-typed-pdf-'));
  const r = await renderPrintHtml({ dataDir: dir, outDir: out });
  await renderPrint({ input: r.htmlPath, printPdf: join(out, 'p.pdf'), screenPdf: join(out, 's.pdf'), metadata: { title: 'Typed', author: 'Tests' } });
  const text = spawnSync('pdftotext', ['-layout', join(out, 's.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  for (const value of ['info(at)graoucoop.fr', '03 87 XX XX XX', 'direction@cantorama.irg', 'laurence.bouchon(at)moselle.fr', 'Public ciblé : Tout public', 'Web : épicerie-graoucoop.fr/café']) assert.match(text, value, value);
  assert.ok(!text.includes('\u0007') && !text.includes('\u202E'), 'no control character in the PDF text');
});

typed('the 2025 brochure’s own slips (a .irg e-mail, a placeholder phone) build with warnings and are published as printed', async () => {
  const r = cli('validate', join(ROOT, 'data'));
  assert.is(r.status, 0, r.out);
  assert.match(r.out, 'data/projets/ateliers-code-pouce.yaml:27:10 — avertissement : adresse e-mail « metz@lacravatesolidaire.irg »');
  assert.match(r.out, 'data/projets/graoucoop.yaml:23:14 — avertissement : numéro de téléphone fictif « 01 23 45 67 89 »');
  const out = join(mkdtempSync(join(tmpdir(), 'compendium-typed-bundled-')), 'site');
  const site = cli('build', '--sans-pdf', '--sortie', out, join(ROOT, 'data'));
  assert.is(site.status, 0, site.out);
  assert.match(readable(readFileSync(join(out, 'projets/ateliers-code-pouce/index.html'), 'utf8')), 'E-mail : metz@lacravatesolidaire.irg');
  assert.match(readable(readFileSync(join(out, 'projets/graoucoop/index.html'), 'utf8')), 'Téléphone : 01 23 45 67 89');
  const print = await renderPrintHtml({ dataDir: join(ROOT, 'data'), outDir: mkdtempSync(join(tmpdir(), 'compendium-typed-bundled-print-')) });
  const html = readable(readFileSync(print.htmlPath, 'utf8'));
  assert.match(html, 'E-mail : metz@lacravatesolidaire.irg');
  assert.match(html, 'Tél. : 01 23 45 67 89');
});

typed.run();
