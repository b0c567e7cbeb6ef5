// The editor's year, mistake by mistake (issue 15): each fixture is a slip an editor working
// alone made while preparing the 2026 edition, with the exact message they must read — and,
// for suggestions, the wrong one they must never read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadCompendium, type Finding } from '../../src/data/index.ts';
import { suggest } from '../../src/data/suggest.ts';
import { publishedPart } from '../../src/edition/drafts.ts';
import { main } from '../../src/cli/main.ts';
import { addProjectCommand } from '../../src/cli/add-project.ts';
import type { Output } from '../../src/cli/output.ts';
import { dataWith, VALID } from '../helpers/data.ts';

const year = suite('the editor’s year: messages');
const fixture = (path: string): string => readFileSync(join(VALID, path), 'utf8');
const quiet: Output = { stdout: () => undefined, stderr: () => undefined };
const QUOTES = `${fixture('temoignages.yaml')}  - id: frederic-leybold\n    citation: Un vrai bassin d’idées.\n    personne: Frédéric LEYBOLD\n    fonction: fondateur\n  - id: frederic-leroy\n    citation: Une autre phrase.\n    personne: Frédéric LEROY\n    fonction: directeur\n`;
const WITH_QUOTES = fixture('editions/2025/edition.yaml').replace('    - manon-carre\n', '    - manon-carre\n    - frederic-leroy\n    - frederic-leybold\n');

/** « file:line:col message → hint » of each error, with the temporary folder as DATA. */
const shown = (dir: string, list: readonly Finding[]): string[] => list.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}${f.hint ? ` → ${f.hint}` : ''}`.replaceAll(dir, 'DATA'));
async function errorsOf(dir: string): Promise<string[]> {
  return shown(dir, (await loadCompendium(dir)).errors);
}

year('suggest(): typos only — never another person, place or word', () => {
  assert.is(suggest('frederic-leybold', ['frederic-leroy', 'manon-carre']), undefined, 'another surname is not a typo');
  assert.is(suggest('jean-martin', ['paul-martin']), undefined);
  assert.is(suggest('leroy', ['frederic-leroy']), undefined, 'a surname alone is not « frederic-leroy »');
  assert.is(suggest('le-filon - cojep', ['le-filon', 'cojep']), undefined, 'two items merged are not one id');
  assert.is(suggest('frederic-lerroy', ['frederic-leroy']), 'frederic-leroy');
  assert.is(suggest('thionvile', ['thionville', 'moselle']), 'thionville');
  assert.is(suggest('filon', ['le-filon', 'cojep']), 'le-filon', 'an article left out');
  assert.is(suggest('graoucoop', ['scic-graoucoop', 'le-graoul-tri']), 'scic-graoucoop', 'a legal form left out');
  assert.is(suggest('metz-ornee', ['metz-orne', 'moselle']), 'metz-orne');
  assert.is(suggest('Année', ['annee']), 'annee');
});

year('a removed testimonial: « supprimé », where it is cited and how to remove it — never someone else’s quote', async () => {
  const dir = dataWith({ 'temoignages.yaml': QUOTES, 'editions/2025/edition.yaml': WITH_QUOTES });
  assert.equal(await errorsOf(dir), [], 'valid before the removal (and its ids are remembered)');
  writeFileSync(join(dir, 'temoignages.yaml'), QUOTES.replace(/ {2}- id: frederic-leybold\n(?: {4}.*\n)+/, ''));
  assert.equal(await errorsOf(dir), ['DATA/editions/2025/edition.yaml:15:7 témoignage « frederic-leybold » supprimé de data/temoignages.yaml, mais l’édition publiée 2025 l’utilise encore → Ne modifiez pas l’édition 2025 : elle est publiée. Remettez le témoignage « frederic-leybold » dans data/temoignages.yaml (depuis votre dernière sauvegarde du dossier data/) : cette édition le cite toujours.']);
});

year('a removed testimonial a draft cites: the draft loses its line, the published edition keeps its own', async () => {
  const dir = dataWith({ 'temoignages.yaml': QUOTES, 'editions/2025/edition.yaml': WITH_QUOTES });
  await main(['new-edition', '2026', '--data', dir], quiet);
  assert.equal(await errorsOf(dir), []);
  writeFileSync(join(dir, 'temoignages.yaml'), QUOTES.replace(/ {2}- id: frederic-leybold\n(?: {4}.*\n)+/, ''));
  const e = await errorsOf(dir);
  assert.is(e.length, 2, e.join('\n'));
  assert.match(e[0]!, /^DATA\/editions\/2025\/edition\.yaml:15:7 .* l’édition publiée 2025 l’utilise encore → Ne modifiez pas l’édition 2025 : elle est publiée\. Remettez le témoignage « frederic-leybold » dans data\/temoignages\.yaml .* ; pour le retirer de l’édition en préparation, supprimez seulement sa ligne « - frederic-leybold » dans DATA\/editions\/2026\/edition\.yaml:\d+:7\.$/);
  assert.not.match(e[0]!, 'Supprimez la ligne');
  assert.match(e[1]!, /^DATA\/editions\/2026\/edition\.yaml:\d+:7 .* mais encore cité ici → Supprimez la ligne « - frederic-leybold » de la liste « temoignages > liste »\. L’édition publiée 2025 le cite aussi \(DATA\/editions\/2025\/edition\.yaml:15:7\) : ne la modifiez pas, remettez le témoignage « frederic-leybold » dans data\/temoignages\.yaml\.$/);
});

year('a removed project file the published edition places: restore the file, never delete its line there', async () => {
  const dir = dataWith({});
  assert.equal(await errorsOf(dir), []);
  const { rmSync } = await import('node:fs');
  rmSync(join(dir, 'projets/graoucoop.yaml'));
  const e = (await errorsOf(dir)).filter((x) => x.startsWith('DATA/editions/'));
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, 'projet « graoucoop » supprimé de data/projets/, mais l’édition publiée 2025 l’utilise encore → Ne modifiez pas l’édition 2025 : elle est publiée. Remettez le fichier data/projets/graoucoop.yaml');
});

year('a project file saved as .yml: one error, on the file, saying to rename it — no « supprimez la ligne »', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': null, 'projets/graoucoop.yml': fixture('projets/graoucoop.yaml') });
  const r = await loadCompendium(dir);
  const all = shown(dir, [...r.errors, ...r.warnings]).filter((x) => !x.includes('IMAGE') && !x.includes('à fournir'));
  assert.equal(all, ['DATA/projets/graoucoop.yml:undefined:undefined fichier ignoré à cause de son extension, alors que le projet « graoucoop » est cité par DATA/editions/2025/edition.yaml:22:9 → Renommez le fichier en graoucoop.yaml (extension « .yaml », en minuscules) : seuls ces fichiers sont lus. Ne supprimez pas les lignes qui le citent.']);
});

year('an unknown territory: the nearest of the six, never « créez-le »', async () => {
  const territories = `${fixture('territoires.yaml')}  - id: forbach-saint-avold\n    nom: Forbach – Saint-Avold\n    intitule: Territoire de Forbach – Saint-Avold\n    dans: sur le territoire de Forbach – Saint-Avold\n    ordre: 3\n`;
  const project = fixture('projets/graoucoop.yaml');
  const line = project.split('\n').findIndex((l) => l.startsWith('territoire:')) + 1;
  let dir = dataWith({ 'territoires.yaml': territories, 'projets/graoucoop.yaml': project.replace(/^territoire: .*$/m, 'territoire: forbach-st-avold') });
  assert.equal(await errorsOf(dir), [`DATA/projets/graoucoop.yaml:${line}:13 territoire inconnu « forbach-st-avold » : vouliez-vous dire « forbach-saint-avold » ? → Corrigez en « forbach-saint-avold ».`]);
  dir = dataWith({ 'territoires.yaml': territories, 'projets/graoucoop.yaml': project.replace(/^territoire: .*$/m, 'territoire: paris') });
  assert.equal(await errorsOf(dir), [`DATA/projets/graoucoop.yaml:${line}:13 territoire inconnu « paris » → Les territoires sont ceux de data/territoires.yaml : écrivez l’un de « moselle », « metz-orne », « forbach-saint-avold ».`]);
});

year('a removed testimonial on a machine that never saw it: still no wrong suggestion', async () => {
  const dir = dataWith({ 'temoignages.yaml': QUOTES.replace(/ {2}- id: frederic-leybold\n(?: {4}.*\n)+/, ''), 'editions/2025/edition.yaml': WITH_QUOTES });
  const e = await errorsOf(dir);
  assert.equal(e, ['DATA/editions/2025/edition.yaml:15:7 témoignage inconnu « frederic-leybold », cité par l’édition publiée 2025 → Cet identifiant n’existe pas dans data/temoignages.yaml, et l’édition 2025 est publiée : ne la modifiez pas. S’il a été supprimé, remettez le témoignage « frederic-leybold » dans data/temoignages.yaml (depuis votre dernière sauvegarde du dossier data/).']);
  assert.not.match(e.join('\n'), 'frederic-leroy');
});

year('a removed partner cited by two editions: each place names the other', async () => {
  const dir = dataWith({});
  await main(['new-edition', '2026', '--data', dir], quiet);
  assert.equal(await errorsOf(dir), []);
  writeFileSync(join(dir, 'partenaires/le-filon.yaml'), '');
  const { rmSync } = await import('node:fs');
  rmSync(join(dir, 'partenaires/le-filon.yaml'));
  const e = await errorsOf(dir);
  assert.equal(e.length, 2, e.join('\n'));
  assert.match(e[0]!, /^DATA\/editions\/2025\/edition\.yaml:15:5 partenaire « le-filon » supprimé de data\/partenaires\/, mais l’édition publiée 2025 l’utilise encore → Ne modifiez pas l’édition 2025 : elle est publiée\. Remettez le fichier data\/partenaires\/le-filon\.yaml \(depuis votre dernière sauvegarde du dossier data\/\) : cette édition le cite toujours ; pour le retirer de l’édition en préparation, supprimez seulement sa ligne « - le-filon » dans DATA\/editions\/2026\/edition\.yaml:\d+:5\.$/);
});

year('a list item indented by 3 spaces is not « two ids to merge »: the moved line is named', async () => {
  const ed = fixture('editions/2025/edition.yaml').replace('partenaires:\n  - le-filon\n', 'partenaires:\n  - le-filon\n   - cojep\n');
  const dir = dataWith({ 'editions/2025/edition.yaml': ed });
  const e = await errorsOf(dir);
  assert.equal(e, ['DATA/editions/2025/edition.yaml:15:5 « cojep », sur la ligne suivante, est lu comme la suite de « le-filon » : son « - » est plus décalé que celui-ci → Alignez le « - » de « cojep » exactement sous celui de « le-filon » (même nombre d’espaces en début de ligne).']);
  assert.not.match(e.join('\n'), 'le-filon-cojep');
});

year('a project file that cannot be parsed: its YAML error only, no « projet inconnu » in the edition', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('nom: Graoucoop', 'nom: Graoucoop: le supermarché') });
  const e = await errorsOf(dir);
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, /^DATA\/projets\/graoucoop\.yaml:2:/);
});

year('an invalid draft edition.yaml: its own error, not « ne figure dans aucune édition » for its projects', async () => {
  const dir = dataWith({});
  await main(['new-edition', '2026', '--data', dir], quiet);
  assert.is(await main(['add-project', '--data', dir, '--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'moselle', '--edition', '2026', '--place', 'autres_laureats'], quiet), 0);
  const file = join(dir, 'projets/laverie-solidaire.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('# resume: …', 'resume: une laverie ouverte à tous.'));
  const path = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace('titre: Innovation Sociale en Moselle', 'titre: [Innovation Sociale en Moselle'));
  const e = await errorsOf(dir);
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, /^DATA\/editions\/2026\/edition\.yaml:\d+:\d+ crochet « \[ » ouvert et jamais fermé/);
  assert.not.match(e.join('\n'), 'ne figure dans aucune édition');
});

year('an item added under « aussi_laureats: [] »: the message is about the []', async () => {
  const ed = fixture('editions/2025/edition.yaml').replace('  - territoire: moselle\n    aussi_laureats:\n      - le-jardin-musical\n', '  - territoire: moselle\n    a_la_une: []\n      - le-jardin-musical\n');
  const dir = dataWith({ 'editions/2025/edition.yaml': ed });
  assert.equal(await errorsOf(dir), [
    'DATA/editions/2025/edition.yaml:18:15 « [] » après « a_la_une: » veut dire « liste vide » : les lignes « - … » écrites dessous n’appartiennent à rien → Supprimez « [] » à la fin de la ligne 18 pour qu’il reste « a_la_une: », puis gardez un élément par ligne, chacun précédé de « - » et décalé de deux espaces de plus que « a_la_une ».',
  ]);
});

year('what the site would not publish as written is an error with the exact fix', async () => {
  const p = fixture('projets/le-jardin-musical.yaml').replace('cantorama.direction@gmail.com', 'contact@numerique-bitscherland.fr.').replace('06 32 77 51 57', 'O6 32 77 51 57');
  const dir = dataWith({ 'projets/le-jardin-musical.yaml': p, 'organisations/cantorama.yaml': `${fixture('organisations/cantorama.yaml')}site_web: www.cantorama.fr\n` });
  assert.equal(await errorsOf(dir), [
    'DATA/organisations/cantorama.yaml:3:11 adresse web mal formée « www.cantorama.fr » → Écrivez « https://www.cantorama.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
    'DATA/projets/le-jardin-musical.yaml:10:10 adresse e-mail « contact@numerique-bitscherland.fr. » : point final en trop → Écrivez « contact@numerique-bitscherland.fr » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.',
    'DATA/projets/le-jardin-musical.yaml:11:14 numéro de téléphone « O6 32 77 51 57 » : lettre O à la place du chiffre zéro → Écrivez « 06 32 77 51 57 » (avec des zéros).',
  ]);
});

year('a photo without alt, or still marked « a_fournir » beside its file: errors for validate, as for the build', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('  a_fournir: true', '  a_fournir: true\n  fichier: g.jpg') });
  mkdirSync(join(dir, 'images'), { recursive: true });
  await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#8c3b1e' } }).jpeg().toFile(join(dir, 'images/g.jpg'));
  assert.equal(await errorsOf(dir), [
    'DATA/projets/graoucoop.yaml:17:1 photo du projet sans texte alternatif (« alt ») → Ajoutez « alt: » sous « fichier: », avec en une phrase ce que montre l’image : c’est ce que lisent les lecteurs d’écran (RGAA). Le site et le PDF ne sont pas construits sans lui.',
    'DATA/projets/graoucoop.yaml:18:3 photo du projet : « a_fournir: true » est resté à côté de « fichier: », l’image ne serait pas affichée → Supprimez la ligne « a_fournir: true » maintenant que le fichier est là.',
  ]);
});

year('a Markdown link the site would show as raw text is an error, with the address to write', async () => {
  const dir = dataWith({ 'editions/2025/edito.md': `${fixture('editions/2025/edito.md')}Voir [notre site](www.exemple.fr).\n` });
  const e = await errorsOf(dir);
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, /^DATA\/editions\/2025\/edito\.md:\d+:6 lien « \[notre site\]\(www\.exemple\.fr\) » : l’adresse « www\.exemple\.fr » n’est pas publiée, le lecteur verrait le texte brut → Écrivez « \[notre site\]\(https:\/\/www\.exemple\.fr\) »\.$/);
});

year('an id that differs from its file name is flagged', async () => {
  const dir = dataWith({ 'organisations/cantorama.yaml': fixture('organisations/cantorama.yaml').replace('id: cantorama', 'id: cantorama-asso') });
  const r = await loadCompendium(dir);
  assert.ok(
    shown(dir, r.warnings).includes('DATA/organisations/cantorama.yaml:1:5 l’identifiant « cantorama-asso » ne correspond pas au nom du fichier (cantorama.yaml) → Les autres fichiers le citent par son identifiant : renommez le fichier en cantorama-asso.yaml, ou changez « id » (et ses mentions) pour « cantorama ».'),
    shown(dir, r.warnings).join('\n'),
  );
});

year('drafts: errors of a draft only are set aside with it; a published edition’s still block', async () => {
  const dir = dataWith({});
  await main(['new-edition', '2026', '--data', dir], quiet);
  await main(['add-project', '--data', dir, '--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'moselle', '--edition', '2026', '--place', 'a_la_une'], quiet);
  writeFileSync(join(dir, 'editions/2026/edito.md'), '');
  const r = await loadCompendium(dir);
  const part = publishedPart(r);
  assert.ok(r.errors.length > 0);
  assert.equal(part.blocking, []);
  assert.equal(part.leftOut.map((d) => [d.annee, d.errors.length]), [[2026, r.errors.length]]);
  assert.equal(part.compendium!.editions.map((e) => e.annee), [2025]);
  // The same project placed in 2025 too: its errors now concern the published edition.
  const ed = join(dir, 'editions/2025/edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace('    aussi_laureats:\n      - le-jardin-musical\n', '    aussi_laureats:\n      - le-jardin-musical\n      - laverie-solidaire\n'));
  const again = publishedPart(await loadCompendium(dir));
  assert.is(again.compendium, null);
  assert.ok(again.blocking.some((f) => f.file.endsWith('laverie-solidaire.yaml') && f.message.includes('description')), shown(dir, again.blocking).join('\n'));
});

year('add-project asks before creating an organisation from an unknown id, and offers the near one', async () => {
  const ask = (answers: string[]): NodeJS.ReadableStream => Object.assign(Readable.from(answers.map((a) => `${a}\n`)), { isTTY: true });
  const prompts: string[] = [];
  const o: Output = { stdout: () => undefined, stderr: () => undefined, prompt: (t: string) => void prompts.push(t) };
  const dir = dataWith({});
  // A typo, the suggestion accepted: no new organisation.
  assert.is(await addProjectCommand(['--data', dir], o, ask(['Jardin partagé', 'cantorma', 'o', '2025', 'moselle', '', ''])), 0);
  assert.ok(prompts.includes('Structure « cantorma » inconnue : vouliez-vous dire « cantorama » ? (o/n) : '), prompts.join('\n'));
  assert.match(readFileSync(join(dir, 'projets/jardin-partage.yaml'), 'utf8'), 'organisation: cantorama\n');
  // An unknown id refused: nothing written.
  const { existsSync } = await import('node:fs');
  assert.is(await addProjectCommand(['--data', dir], o, ask(['Atelier bois', 'atelier-bois', 'n'])).catch((e: Error) => e.message), 'structure inconnue « atelier-bois »');
  assert.not.ok(existsSync(join(dir, 'organisations/atelier-bois.yaml')));
  // Confirmed: created with the name given.
  assert.is(await addProjectCommand(['--data', dir], o, ask(['Atelier bois', 'atelier-bois', 'o', 'L’Atelier du bois', '2025', 'moselle', '', ''])), 0);
  assert.match(readFileSync(join(dir, 'organisations/atelier-bois.yaml'), 'utf8'), 'nom: L’Atelier du bois');
});

year.run();
