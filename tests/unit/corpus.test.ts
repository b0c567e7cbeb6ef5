// The corpus of broken files (tests/fixtures/invalid/): each one dropped into a copy of the
// valid data gives one exact French message at the right line and column.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompendium, formatFinding } from '../../src/data/index.ts';
import { dataWith, INVALID } from '../helpers/data.ts';

const corpus = suite('invalid corpus');

async function firstErrors(name: string, target?: string): Promise<string[]> {
  const content = readFileSync(join(INVALID, name));
  const path = target ?? (/^# (\S+)/.exec(content.toString('latin1'))?.[1] ?? `projets/${name}`);
  const dir = dataWith({ [path]: content });
  const r = await loadCompendium(dir);
  for (const f of r.errors) assert.not.match(formatFinding(f), /\n\s+at /, 'no stack trace');
  return r.errors.map((f) => `${f.file}:${f.line ?? "-"}:${f.column ?? "-"} ${f.message}`.replaceAll(`${dir}/`, ""));
}

const cases: Array<[string, string[], string?]> = [
  ['syntax.yaml', ['projets/syntax.yaml:3:6 crochet « [ » ouvert et jamais fermé']],
  ['tabs.yaml', ['projets/tabs.yaml:7:1 tabulation dans l’indentation : YAML n’accepte que des espaces']],
  ['duplicate-key.yaml', ['projets/duplicate-key.yaml:6:1 clé en double : cette clé est déjà écrite plus haut dans le même bloc']],
  ['wrong-types.yaml', [
    'projets/graoucoop.yaml:5:8 « annee » doit être un nombre entier (trouvé « 2O22 »)',
    'projets/graoucoop.yaml:16:14 « a_fournir » doit être « true » ou « false » (trouvé « yes »)',
    'projets/graoucoop.yaml:17:9 « themes » doit être une liste (lignes commençant par « - ») (trouvé « alimentation »)',
  ]],
  ['unknown-field.yaml', [
    'projets/le-jardin-musical.yaml:2:1 la clé obligatoire « annee » manque dans ce fichier',
    'projets/le-jardin-musical.yaml:5:1 clé inconnue « anne » : vouliez-vous dire « annee » ?',
    'projets/le-jardin-musical.yaml:9:3 clé inconnue « mail » : vouliez-vous dire « email » ?',
  ]],
  ['unknown-territory.yaml', ['projets/le-jardin-musical.yaml:6:13 territoire inconnu « mosele » : vouliez-vous dire « moselle » ?']],
  ['duplicate-slug.yaml', [
    'projets/graoucoop-bis.yaml:2:5 le projet « graoucoop-bis » ne figure dans aucune édition',
    'projets/graoucoop.yaml:1:5 adresse web en double « graoucoop » : un autre projet a déjà cette adresse (projets/graoucoop-bis.yaml)',
  ]],
  ['missing-rubric.yaml', ['projets/graoucoop.yaml:10:1 la rubrique « perennisation » manque : elle est obligatoire pour un projet à la une']],
  ['not-utf8.yaml', ['projets/not-utf8.yaml:-:- le fichier n’est pas encodé en UTF-8']],
  ['empty.yaml', ['projets/empty.yaml:-:- le fichier est vide'], 'projets/empty.yaml'],
];

for (const [name, expected, target] of cases) {
  corpus(name, async () => {
    const got = await firstErrors(name, target);
    assert.equal(got.map((g) => g.replace(/^.*?(projets\/)/, '$1')), expected);
  });
}

corpus.run();
