import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lemma, textIssues } from '../../src/data/editorial-checks.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const issues = (text: string) => textIssues(text).map((i) => `${i.code} ${text.slice(i.offset, i.offset + i.excerpt.length)}`);

const checks = suite('editorial checks (textIssues)');

checks('a word repeated within a clause (the 2025 brochure, p45)', () => {
  assert.equal(issues('la mise en œuvre d’une activité trimestrielle de recyclerie trimestrielle favorisant les rencontres'), ['WORD_REPEATED trimestrielle favorisant les rencontres']);
  assert.is(textIssues('une activité trimestrielle de recyclerie trimestrielle')[0]?.message, 'mot répété dans la même phrase : « trimestrielle » (3 mots plus loin)');
});

checks('no warning for what is said twice on purpose: enumerations, parallels, short or grammatical words, far apart', () => {
  for (const text of [
    'bénéficiaires du RSA, bénéficiaires d’une protection internationale',
    'une aide au déplacement pour les habitants et par les habitants des communautés',
    'des mineurs ou des jeunes majeurs confrontés ou ayant été confrontés à la justice',
    'création d’un observatoire du sexisme, création et animation d’un réseau',
    'le projet de la structure et le projet de territoire',
    'pour les familles et pour les enfants dans les écoles et dans les centres',
    'Elle soutient la création. La création d’emplois suit.',
    'le réemploi des objets qui sont collectés chaque semaine par les bénévoles du quartier avant de rejoindre le réemploi',
  ]) {
    assert.equal(issues(text), [], text);
  }
});

checks('a loose lemma: case, accents, plural and feminine endings', () => {
  assert.is(lemma('Trimestrielles'), lemma('trimestrielle'));
  assert.is(lemma('développés'), lemma('developpe'));
  assert.is.not(lemma('création'), lemma('créations') + 'x');
});

checks('a space before a full stop or a comma (p43), not in an ellipsis nor a decimal', () => {
  assert.equal(issues('mise à la vente sur le marché local .'), ['SPACE_BEFORE_PUNCTUATION  .']);
  assert.equal(issues('un jardin , des ateliers'), ['SPACE_BEFORE_PUNCTUATION  ,']);
  assert.is(textIssues('le marché local .')[0]?.hint, 'En français, pas d’espace avant le point ni la virgule : supprimez-la (« marché local. »).');
  assert.equal(issues('et ainsi de suite ... puis 2 ,5 tonnes'), []);
});

checks('a wrong apostrophe: ‘ or \' instead of ’ (p13)', () => {
  assert.equal(issues('pour favoriser l‘accompagnement'), ['WRONG_APOSTROPHE l‘a']);
  assert.equal(issues('c’est l\'idée'), ['WRONG_APOSTROPHE l\'i']);
  assert.equal(issues('l’accompagnement et « l’idée »'), []);
});

const placed = suite('editorial checks (validate)');

placed('each slip is warned at its file, line and column, and the text is left as it is', async () => {
  const p = readFileSync(join(VALID, 'projets/le-jardin-musical.yaml'), 'utf8').replace(
    'description: Une proposition d’éveil artistique et culturel.',
    'description: |\n  Une proposition d’éveil artistique et culturel .\n  Un atelier d‘éveil musical suivi d’un concert musical.',
  );
  const dir = dataWith({ 'projets/le-jardin-musical.yaml': p });
  const r = await loadCompendium(dir);
  const text = r.warnings.filter((f) => ['WORD_REPEATED', 'SPACE_BEFORE_PUNCTUATION', 'WRONG_APOSTROPHE'].includes(f.code));
  assert.equal(text.map((f) => `${f.file.replace(dir, 'DATA')}:${f.line}:${f.column} ${f.code}`), [
    'DATA/projets/le-jardin-musical.yaml:9:49 SPACE_BEFORE_PUNCTUATION',
    'DATA/projets/le-jardin-musical.yaml:10:14 WRONG_APOSTROPHE',
    'DATA/projets/le-jardin-musical.yaml:10:49 WORD_REPEATED',
  ]);
  assert.ok(r.compendium?.projets.find((x) => x.id === 'le-jardin-musical')?.description?.includes('culturel .'), 'the data keeps the slip');
});

placed('the same slip twice in a text: each occurrence at its own line and column, never the first one twice', async () => {
  const p = readFileSync(join(VALID, 'projets/le-jardin-musical.yaml'), 'utf8').replace(
    'description: Une proposition d’éveil artistique et culturel.',
    'description: |\n  Pour favoriser l‘accompagnement , des ateliers musicaux musicaux.\n\n  Avec l‘association , des concerts festifs festifs.',
  );
  const dir = dataWith({ 'projets/le-jardin-musical.yaml': p });
  const r = await loadCompendium(dir);
  const text = r.warnings.filter((f) => ['WORD_REPEATED', 'SPACE_BEFORE_PUNCTUATION', 'WRONG_APOSTROPHE'].includes(f.code));
  assert.equal(text.map((f) => `${f.line}:${f.column} ${f.code}`), [
    '9:18 WRONG_APOSTROPHE',
    '9:34 SPACE_BEFORE_PUNCTUATION',
    '9:59 WORD_REPEATED',
    '11:8 WRONG_APOSTROPHE',
    '11:21 SPACE_BEFORE_PUNCTUATION',
    '11:45 WORD_REPEATED',
  ]);
});

placed('the bundled 2025 data: the three slips of the issue, and two more found by the same checks', async () => {
  const r = await loadCompendium(join(ROOT, 'data'));
  const text = r.warnings.filter((f) => ['WORD_REPEATED', 'SPACE_BEFORE_PUNCTUATION', 'WRONG_APOSTROPHE'].includes(f.code));
  assert.equal(text.map((f) => `${f.file.replace(/^.*data\//, '')}:${f.line}:${f.column} ${f.code}`), [
    'partenaires/moselle-mecenes-solidaires.yaml:8:55 WRONG_APOSTROPHE',
    'projets/cote-nature.yaml:11:561 SPACE_BEFORE_PUNCTUATION',
    'projets/le-trait-d-union.yaml:14:65 WORD_REPEATED',
    'projets/moselle-terre-d-education.yaml:11:378 WORD_REPEATED',
    'temoignages.yaml:37:20 WRONG_APOSTROPHE',
  ]);
});

checks.run();
placed.run();
