// Key figures printed once (issue 14, item 5): the 2025 key figures page printed the Grand Est
// and Moselle figures as big numbers and again in its text, and « 2019 … (depuis 2019) ».
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bigNumbers, figurePattern, labelRepeatsValue, statedIn } from '../../src/data/figure-checks.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { groupFigures } from '../../src/print/document.ts';
import { ROOT } from '../helpers/data.ts';

/** The text of the 2025 brochure's key figures page, as it was printed beside the big numbers. */
const PRINTED_2025 = `D’après l’Observatoire régional de la Chambre Régionale de l’Économie Sociale et Solidaire (CRESS) Grand Est, l’ESS représente plus de 15 000 établissements employeurs de l’ESS et plus de 220 000 salariés dans la Région Grand Est.

L’ESS peut être présente dans tous les secteurs d’activité : services aux entreprises et aux personnes, banques et assurances, santé, industrie, construction, agriculture… et a un poids considérable dans certains domaines dans le Grand Est :

- Action sociale / insertion : 65 % des emplois,
- Sports et loisirs : 58 %,
- Activités financières et assurances : 43 %,
- Arts et spectacles : 38 %.

En Moselle, l’Économie Sociale et Solidaire regroupe :

- 2 160 établissements employeurs, soit 7,70 % du total des établissements employeurs,
- plus de 38 000 salariés, soit 12 % des emplois.

La Moselle est le second département du Grand Est en nombre d’établissements employeurs de l’ESS et en nombre d’emplois dans l’ESS, derrière la Collectivité européenne d’Alsace.
`;

const pure = suite('key figures printed once (figure-checks)');

pure('a figure is stated with its unit, whatever the spaces; a bare small number only with its label’s first word', () => {
  const stated = (valeur: string, libelle: string, text: string) => statedIn({ valeur, libelle }, text)?.excerpt ?? null;
  assert.is(stated('plus de 15 000', 'établissements', 'plus de 15 000 établissements'), '15 000');
  assert.is(stated('plus de 15 000', 'établissements', 'plus de 15\u202F000 établissements'), '15\u202F000');
  assert.is(stated('plus de 15 000', 'établissements', 'plus de 15000 établissements'), '15000');
  assert.is(stated('65 %', 'des emplois', 'insertion : 65\u00A0% des emplois'), '65\u00A0%');
  assert.is(stated('7,70 %', 'du total', 'soit 7,70 % du total'), '7,70 %');
  assert.is(stated('2,7 millions', 'salariés', 'et 2,7 millions de salariés'), '2,7 millions');
  assert.is(stated('80', 'porteurs de projet soutenus', 'de soutenir 80 porteurs de projet'), '80 porteurs');
  // Not the same figure: another number around it, another unit, a bare number alone.
  assert.is(stated('65 %', 'des emplois', 'soit 165 % ou 6,5 %'), null);
  assert.is(stated('2 160', 'établissements', '12 160 établissements'), null);
  assert.is(stated('12 %', 'des emplois', '12 salariés'), null);
  assert.is(stated('80', 'porteurs', 'en 1980, 80 ans plus tard'), null);
  assert.is(stated('6', 'éditions annuelles', 'les 6 territoires'), null);
  assert.is(figurePattern({ valeur: 'beaucoup', libelle: 'de projets' }), null, 'a figure without a number');
});

pure('a label that says its number again (« 2019 — année de création … (depuis 2019) »)', () => {
  assert.ok(labelRepeatsValue({ valeur: '2019', libelle: 'année de création de l’appel à projets (depuis 2019)' }));
  assert.ok(labelRepeatsValue({ valeur: 'plus de 38 000', libelle: 'salariés (38 000)' }));
  assert.not.ok(labelRepeatsValue({ valeur: '2019', libelle: 'année de création de l’appel à projets' }));
  assert.not.ok(labelRepeatsValue({ valeur: '12 %', libelle: 'des emplois de 2012' }));
});

pure('the big numbers are the figures the text does not state: the text is never cut', () => {
  const figures = [
    { valeur: '2 160', libelle: 'établissements employeurs', echelle: 'Moselle' },
    { valeur: '12 %', libelle: 'des emplois', echelle: 'Moselle' },
    { valeur: '80', libelle: 'porteurs de projet soutenus', echelle: 'Appel à projets' },
  ];
  assert.equal(bigNumbers(figures, PRINTED_2025).map((f) => f.valeur), ['80']);
  assert.equal(bigNumbers(figures, undefined).length, 3);
  assert.equal(bigNumbers(undefined, PRINTED_2025), []);
});

const placed = suite('key figures printed once (validate, print document)');

/** The bundled data, with the key figures page's text and the 2019 label as the 2025 brochure printed them. */
function printed2025(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-figures-'));
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  writeFileSync(join(dir, 'editions/2025/chiffres-cles.md'), PRINTED_2025);
  const edition = join(dir, 'editions/2025/edition.yaml');
  writeFileSync(edition, readFileSync(edition, 'utf8').replace('libelle: année de création de l’appel à projets', 'libelle: année de création de l’appel à projets (depuis 2019)'));
  return dir;
}

placed('the 2025 page as printed: each figure said twice is warned on its line of the text, the label on its line of edition.yaml', async () => {
  const dir = printed2025();
  const r = await loadCompendium(dir);
  const found = r.warnings.filter((w) => w.code.startsWith('FIGURE_')).map((w) => `${w.file.replace(dir, 'DATA')}:${w.line}:${w.column} ${w.code}`);
  assert.equal(found, [
    'DATA/editions/2025/chiffres-cles.md:1:136 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:1:189 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:5:32 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:6:23 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:7:41 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:8:24 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:12:3 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:12:41 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:13:11 FIGURE_PRINTED_TWICE',
    'DATA/editions/2025/chiffres-cles.md:13:33 FIGURE_PRINTED_TWICE',
    `DATA/editions/2025/edition.yaml:${readFileSync(join(dir, 'editions/2025/edition.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('(depuis 2019)')) + 1}:16 FIGURE_LABEL_REPEATS_VALUE`,
  ]);
  const twice = r.warnings.find((w) => w.code === 'FIGURE_PRINTED_TWICE' && w.line === 12 && w.column === 3)!;
  assert.is(twice.message, 'le texte des chiffres clés dit « 2 160 », déjà chiffre clé « 2 160 établissements employeurs » (Moselle) : seul le texte est imprimé, le grand chiffre est omis');
  assert.is(twice.hint, 'Pour garder le grand chiffre, retirez du texte la phrase qui le répète ; pour garder la phrase, retirez ce chiffre de « chiffres_cles » dans edition.yaml.');
  assert.is(r.warnings.find((w) => w.code === 'FIGURE_LABEL_REPEATS_VALUE')?.hint, 'Retirez « 2019 » du libellé : le grand chiffre le dit déjà.');
  // Printed once: the text stays whole, the Grand Est and Moselle big numbers are left out.
  assert.equal(groupFigures(r.compendium!.editions.at(-1)!).map((g) => [g.echelle, g.chiffres.length]), [['France', 3], ['Appel à projets', 4]]);
});

placed('the bundled 2025 data: every figure once, no warning; its text says what the numbers do not', async () => {
  const r = await loadCompendium(join(ROOT, 'data'));
  assert.equal(r.warnings.filter((w) => w.code.startsWith('FIGURE_')), []);
  const edition = r.compendium!.editions.at(-1)!;
  assert.equal(groupFigures(edition).map((g) => [g.echelle, g.chiffres.length]), [['France', 3], ['Grand Est', 6], ['Moselle', 4], ['Appel à projets', 4]]);
  assert.match(edition.textes['chiffres-cles.md']!, /second département du Grand Est/);
});

pure.run();
placed.run();
