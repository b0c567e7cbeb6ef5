import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEmail, checkPhone, checkUrl, isPlaceholderPhone } from '../../src/data/contact-checks.ts';
import { displayUrl, webHref } from '../../src/site/urls.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { BUDGETS } from '../../src/budgets.ts';
import { dataWith, VALID } from '../helpers/data.ts';

const warnings = suite('editorial warnings');
const fixture = (path: string): string => readFileSync(join(VALID, path), 'utf8');

warnings('an e-mail domain with no real top-level domain, with a suggestion', () => {
  assert.is(checkEmail('metz@lacravatesolidaire.irg')?.message, 'adresse e-mail « metz@lacravatesolidaire.irg » : le domaine « .irg » n’existe pas (vouliez-vous dire « .org » ?)');
  assert.is(checkEmail('unjp2m@gmail.com'), undefined);
  assert.is(checkEmail('a@b.fr'), undefined);
  assert.is(checkEmail('pas une adresse')?.code, 'EMAIL_INVALID');
  assert.is(checkEmail('a@exemple')?.code, 'EMAIL_INVALID');
});

warnings('a phone number that is a placeholder or not a valid French number', () => {
  assert.is(checkPhone('01 23 45 67 89')?.message, 'numéro de téléphone fictif « 01 23 45 67 89 » (suite de chiffres de remplissage)');
  assert.is(checkPhone('06 52 08 44 29'), undefined);
  assert.is(checkPhone('03 87 37 57 57'), undefined);
  assert.is(checkPhone('06 52 08 44')?.code, 'PHONE_UNPUBLISHABLE', 'nine digits: the site cannot dial it');
  assert.is(checkPhone('06 52 08 44')?.blocking, undefined, 'no sure fix: a warning');
  assert.is(checkPhone('O3 87 37 57 57')?.blocking, true, 'the letter O: a slip with a sure fix');
  assert.ok(isPlaceholderPhone('0600000000'));
  assert.ok(isPlaceholderPhone('0102030405'));
  assert.not.ok(isPlaceholderPhone('0387375757'));
});

warnings('malformed web addresses', () => {
  assert.is(checkUrl('https : //www. l inkedin .com/company/x')?.code, 'URL_INVALID');
  assert.is(checkUrl('Lefilon.org')?.code, 'URL_INVALID');
  assert.is(checkUrl('javascript:alert(1)')?.code, 'URL_SCHEME');
  assert.is(checkUrl('https://exemple.invalidtld')?.code, 'URL_DOMAIN');
  assert.is(checkUrl('https://www.moselle.fr'), undefined);
});

warnings('a web address is shown with the letters typed, never its encoded link form', () => {
  assert.is(displayUrl(webHref('https://www.mairie-évry.fr/café')!), 'mairie-évry.fr/café');
  assert.is(webHref('https://www.mairie-évry.fr/café'), 'https://www.xn--mairie-vry-h7a.fr/caf%C3%A9', 'the link itself stays encoded');
  assert.is(displayUrl('https://www.exemple.fr/un%20dossier/'), 'exemple.fr/un dossier');
  assert.is(displayUrl('https://x.fr/%E2%80%AEab'), 'x.fr/%E2%80%AEab', 'an escaped control character stays escaped');
  assert.is(displayUrl('https://x.fr/%3Cb%3E'), 'x.fr/%3Cb%3E');
  assert.is(displayUrl('https://x.fr/100%'), 'x.fr/100%');
});

warnings('web and e-mail slips with one sure fix are errors that give it; without one, a warning that says where it is published', () => {
  const fix = (url: string) => {
    const issue = checkUrl(url);
    return issue?.blocking ? /« (.*?) »/.exec(issue.hint ?? '')?.[1] : undefined;
  };
  assert.is(fix('www.graoucoop.fr'), 'https://www.graoucoop.fr', 'no scheme');
  assert.is(fix('https//www.graoucoop.fr'), 'https://www.graoucoop.fr', 'the colon forgotten');
  assert.is(fix('HTTP//www.graoucoop.fr'), 'http://www.graoucoop.fr');
  assert.is(fix('https://www.graoucoop .fr'), 'https://www.graoucoop.fr', 'a space in the domain');
  assert.is(fix('https : //www. l inkedin .com/company/x'), 'https://www.linkedin.com/company/x');
  assert.is(fix('https://www.moselle.fr/un dossier'), undefined, 'a space in a path may be meant: no sure fix');
  assert.is(checkUrl('https://www.moselle.fr/un dossier')?.hint, 'Supprimez les espaces de l’adresse.', 'published as a link, with a warning');
  assert.is(fix('javascript:alert(1)'), undefined);
  assert.is(checkUrl('javascript:alert(1)')?.hint, 'Écrivez l’adresse complète, commençant par https://. Telle qu’elle est écrite, elle n’est publiée ni sur le site ni dans le PDF.');
  assert.is(checkEmail('<contact@graoucoop.fr>')?.message, 'adresse e-mail « <contact@graoucoop.fr> » : chevrons « < > » en trop');
  assert.is(checkEmail('<contact@graoucoop.fr>')?.hint, 'Écrivez « contact@graoucoop.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.');
  assert.is(checkEmail('contact@graoucoop.fr.')?.message, 'adresse e-mail « contact@graoucoop.fr. » : point final en trop');
  assert.is(checkEmail('contact(at)graoucoop.fr')?.blocking, undefined, 'no sure fix: published as text, with a warning');
  assert.match(checkEmail('contact(at)graoucoop.fr')?.hint ?? '', 'elle est publiée en texte, sans lien, sur le site comme dans le PDF.');
});

warnings('an address the site would publish otherwise than typed is an error whose hint is the whole fix', () => {
  const fix = (url: string) => {
    const issue = checkUrl(url);
    return issue?.blocking ? /« (.*?) »/.exec(issue.hint ?? '')?.[1] : undefined;
  };
  assert.is(fix('www.fondation-solidarite-lorraine.fr.'), 'https://www.fondation-solidarite-lorraine.fr', 'no scheme and a final dot');
  assert.is(fix('https://www.fondation-solidarite-lorraine.fr.'), 'https://www.fondation-solidarite-lorraine.fr', 'a final dot once published as « …fr./ »');
  assert.is(checkUrl('https://www.fondation-solidarite-lorraine.fr.')?.code, 'URL_INVALID', 'not « the domain does not exist »');
  assert.is(fix('https://www.exemple.fr./actions'), 'https://www.exemple.fr/actions');
  assert.is(fix('http:/www.exemple.fr'), 'http://www.exemple.fr', 'once published silently as http://www.exemple.fr/');
  assert.is(fix('https:///www.exemple.fr'), 'https://www.exemple.fr');
  assert.is(fix('https:\\\\www.exemple.fr'), 'https://www.exemple.fr');
  assert.is(fix('https://www.exemple.fr/page.'), 'https://www.exemple.fr/page', 'a final dot after a path was published with the dot');
  assert.is(checkUrl('https://www.exemple.fr/page.')?.message, 'adresse web « https://www.exemple.fr/page. » : point final en trop');
  assert.match(checkUrl('https://www.exemple.fr/page.')?.hint ?? '', 'serait publiée avec le point');
  assert.is(fix('www.exemple.fr/page.'), 'https://www.exemple.fr/page', 'no scheme and a final dot after a path');
  assert.is(checkUrl('https://www.exemple.fr/page.html'), undefined, 'a dot inside the address is its own');
  assert.is(checkUrl('www.exemple')?.blocking, true, 'no sure fix, but meant as a web address: refused, not dropped in silence');
  assert.is(checkUrl('https://')?.blocking, true);
  assert.is(checkUrl('javascript:alert(1)')?.blocking, undefined, 'no address at all: a warning, dropped by both editions');
  assert.is(checkUrl('java\tscript:alert(1)')?.blocking, undefined, 'a tab inside the scheme changes nothing');
  const mail = (email: string) => /« (.*?) »/.exec(checkEmail(email)?.hint ?? '')?.[1];
  assert.is(mail('mailto:contact@roues-solidaires.fr.'), 'contact@roues-solidaires.fr', 'both slips fixed, not the dot kept');
  assert.is(checkEmail('contact@@roues-solidaires.fr')?.message, 'adresse e-mail « contact@@roues-solidaires.fr » : « @ » en double');
  assert.is(mail('contact@@roues-solidaires.fr'), 'contact@roues-solidaires.fr');
  assert.is(checkEmail('a@exemple.fr b@exemple.fr')?.message, 'adresse e-mail « a@exemple.fr b@exemple.fr » : une seule adresse par contact');
});

warnings('every contact-like field: a partner’s network link, an organisation’s site, the site’s own address', async () => {
  const dir = dataWith({
    'partenaires/le-filon.yaml': `${fixture('partenaires/le-filon.yaml')}reseaux:\n  - libelle: LinkedIn\n    url: http:/www.linkedin.com/company/le-filon\n`,
    'site.yaml': 'adresse: https://innovation-sociale.moselle.fr.\naccessibilite:\n  date_declaration: 2025-06-30\n  contact: laurence-bouchon\n',
  });
  const r = await loadCompendium(dir);
  assert.equal(r.errors.map((f) => `${f.file.replace(dir, 'DATA')}:${f.line} ${f.hint}`), [
    'DATA/partenaires/le-filon.yaml:12 Écrivez « http://www.linkedin.com/company/le-filon » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
    'DATA/site.yaml:1 Écrivez « https://innovation-sociale.moselle.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
  ]);
});

async function found(files: Record<string, string | Buffer | null>): Promise<string[]> {
  const dir = dataWith(files);
  const r = await loadCompendium(dir);
  assert.equal(r.errors.map((e) => e.message), [], 'no error expected');
  return r.warnings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`.replaceAll(dir, 'DATA'));
}

warnings('the valid fixture warns only of its photo to be supplied', async () => {
  assert.equal(await found({}), ['DATA/projets/graoucoop.yaml:18:14 IMAGE_TO_SUPPLY']);
});

warnings('contact checks are placed on the offending value', async () => {
  const p = fixture('projets/le-jardin-musical.yaml').replace('cantorama.direction@gmail.com', 'metz@lacravatesolidaire.irg').replace('06 32 77 51 57', '01 23 45 67 89');
  assert.equal(await found({ 'projets/le-jardin-musical.yaml': p }), ['DATA/projets/graoucoop.yaml:18:14 IMAGE_TO_SUPPLY', 'DATA/projets/le-jardin-musical.yaml:10:10 EMAIL_TLD', 'DATA/projets/le-jardin-musical.yaml:11:14 PHONE_PLACEHOLDER']);
});

warnings('a real photo without alt text or credit; a null rubric', async () => {
  const dir = dataWith({});
  mkdirSync(join(dir, 'images'), { recursive: true });
  writeFileSync(join(dir, 'images/g.jpg'), 'x');
  const p = fixture('projets/graoucoop.yaml').replace('  a_fournir: true', '  fichier: g.jpg').replace('  partenariats: Les Petites Cantines, la MAEC.', '  partenariats: ~');
  writeFileSync(join(dir, 'projets/graoucoop.yaml'), p);
  const r = await loadCompendium(dir);
  assert.equal(r.warnings.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`), [
    '12:3 RUBRIC_EMPTY la rubrique « partenariats » est vide (absente de la brochure imprimée)',
    '17:1 CREDIT_MISSING photo du projet sans crédit photo',
  ]);
  // Both editions refuse a photo without alt: validate says so as an error, not a warning.
  assert.equal(r.errors.filter((f) => f.code !== 'IMAGE_UNREADABLE').map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`), ['17:1 ALT_MISSING photo du projet sans texte alternatif (« alt »)']);
});

warnings('an empty alt: at the « alt » line, and never « supprimez la ligne », which leads to the missing-alt error', async () => {
  for (const [written, line] of [['  alt: ""', '19:8'], ['  alt:', '19:7']] as const) {
    const dir = dataWith({});
    mkdirSync(join(dir, 'images'), { recursive: true });
    writeFileSync(join(dir, 'images/g.jpg'), 'x');
    writeFileSync(join(dir, 'projets/graoucoop.yaml'), fixture('projets/graoucoop.yaml').replace('  a_fournir: true', `  fichier: g.jpg\n${written}\n  credit: X`));
    const r = await loadCompendium(dir);
    const alt = r.errors.filter((f) => f.code !== 'IMAGE_UNREADABLE');
    assert.is(alt.length, 1, alt.map((f) => f.message).join('\n'));
    assert.is(`${alt[0]!.line}:${alt[0]!.column}`, line, written);
    assert.match(alt[0]!.hint ?? '', 'Écrivez après « alt: »');
    assert.not.match(alt[0]!.hint ?? '', 'supprimez la ligne', written);
  }
});

warnings('a phone YAML read as a number: the hint gives that number, grouped, not an example', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('telephone: 03 87 37 57 57', 'telephone: 0387123456') });
  const r = await loadCompendium(dir);
  assert.is(r.errors[0]?.hint, 'Mettez la valeur entre guillemets : telephone: "0387123456" (ou, par groupes de deux chiffres : telephone: "03 87 12 34 56").');
});

warnings('text longer than its tier’s print budget', async () => {
  const max = BUDGETS.aussi_laureats.description!;
  const p = fixture('projets/le-jardin-musical.yaml').replace('description: Une proposition d’éveil artistique et culturel.', `description: ${'a'.repeat(max + 5)}`);
  const w = await found({ 'projets/le-jardin-musical.yaml': p });
  assert.ok(w.includes('DATA/projets/le-jardin-musical.yaml:8:14 TEXT_TOO_LONG'), w.join('\n'));
});

warnings('--strict turns warnings into errors', async () => {
  const r = await loadCompendium(VALID, { strict: true });
  assert.equal(r.errors.map((e) => e.code), ['IMAGE_TO_SUPPLY']);
  assert.is(r.compendium, null);
});

warnings.run();
