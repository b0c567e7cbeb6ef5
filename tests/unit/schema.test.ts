import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYaml } from '../../src/data/yaml.ts';
import { validatorFor, type Kind } from '../../src/data/schemas.ts';
import { schemaFindings } from '../../src/data/messages.ts';

const schema = suite('schema messages');

const PROJECT = 'id: graoucoop\norganisation: graoucoop\nannee: 2022\nterritoire: metz-orne\n';

/** Validates YAML text and returns "line:column message" per finding. */
const check = (src: string, kind: Kind = 'projet'): string[] => {
  const r = parseYaml('f.yaml', src);
  if (!r.ok) throw new Error(r.finding.message);
  const v = validatorFor(kind);
  if (v(r.doc.value)) return [];
  return schemaFindings(r.doc, v.errors ?? []).map((f) => `${f.line}:${f.column} ${f.message}`);
};

schema('a valid project has no finding', () => {
  assert.equal(check(PROJECT), []);
});

schema('type: names the expected type and what was found', () => {
  assert.equal(check(PROJECT.replace('annee: 2022', 'annee: 2O22')), ['3:8 « annee » doit être un nombre entier (trouvé « 2O22 »)']);
  assert.equal(check(`${PROJECT}themes: alimentation\n`), ['5:9 « themes » doit être une liste (lignes commençant par « - ») (trouvé « alimentation »)']);
  assert.equal(check(`${PROJECT}contact: info@graoucoop.fr\n`), ['5:10 « contact » doit être un bloc de clés (« clé: valeur » en retrait) (trouvé « info@graoucoop.fr »)']);
});

schema('required: points at the mapping that lacks the key', () => {
  assert.equal(check('id: x\norganisation: o\nterritoire: t\n'), ['1:1 la clé obligatoire « annee » manque dans ce fichier']);
  assert.equal(check(`${PROJECT}photo:\n  alt: x\n`, 'projet'), []);
  assert.equal(check('territoires:\n  - id: a\n    nom: A\n    dans: en A\n    ordre: 1\n', 'territoires'), ['2:5 la clé obligatoire « intitule » manque dans l’élément 1 de « territoires »']);
});

schema('additionalProperties: points at the key and suggests the closest', () => {
  assert.equal(check(PROJECT.replace('annee:', 'anne:').concat('annee: 2022\n')), ['3:1 clé inconnue « anne » : vouliez-vous dire « annee » ?']);
  assert.equal(check(`${PROJECT}contact:\n  mail: a@b.fr\n`), ['6:3 clé inconnue « mail » : vouliez-vous dire « email » ?']);
  assert.equal(check(`${PROJECT}Année: 2022\n`), ['5:1 clé inconnue « Année » : vouliez-vous dire « annee » ?']);
  assert.equal(check(`${PROJECT}budget: 1000\n`), ['5:1 clé inconnue « budget »']);
});

schema('pattern: an id with capitals or accents, with a proposal', () => {
  const r = parseYaml('f.yaml', PROJECT.replace('id: graoucoop', 'id: Épicerie Solidaire'));
  assert.ok(r.ok);
  if (!r.ok) return;
  const v = validatorFor('projet');
  v(r.doc.value);
  const [f] = schemaFindings(r.doc, v.errors ?? []);
  assert.is(f?.message, '« id » doit être un identifiant en minuscules sans accents ni espaces (trouvé « Épicerie Solidaire »)');
  assert.is(f?.hint, 'Par exemple : epicerie-solidaire.');
  assert.is(`${f?.line}:${f?.column}`, '1:5');
});

schema('minimum and maximum', () => {
  assert.equal(check(PROJECT.replace('annee: 2022', 'annee: 2012')), ['3:8 « annee » doit valoir au moins 2019 (trouvé « 2012 »)']);
});

schema('minLength: an empty text', () => {
  assert.equal(check(`${PROJECT}nom: ""\n`), ['5:6 « nom » ne doit pas être vide']);
});

schema('uniqueItems: the same theme twice', () => {
  assert.equal(check(`${PROJECT}themes:\n  - a\n  - a\n`), ['6:3 « themes » contient deux fois la même valeur (« a »)']);
});

schema('enum with a suggestion, and a date format', () => {
  const ed = 'annee: 2025\ntitre: T\nediteur: E\nedito:\n  titre: Édito\n  fichier: edito.md\n  signature:\n    nom: N\n    fonction: F\nterritoires: []\n';
  assert.equal(check(`${ed}format:\n  page: a4\n`, 'edition'), ['12:9 « page » doit valoir « A4 » ou « A5 » (trouvé « a4 ») : vouliez-vous dire « A4 » ?']);
  assert.equal(check(`${ed}dates:\n  publication: 30/06/2025\n`, 'edition'), ['12:16 « publication » doit être une date au format AAAA-MM-JJ (trouvé « 30/06/2025 »)']);
  assert.equal(check(ed.replace('edito.md', 'Edito.txt'), 'edition'), ['6:12 « fichier » doit être un nom de fichier Markdown en minuscules finissant par .md (trouvé « Edito.txt »)']);
});

schema('null rubrics are allowed by the schema (absent from print), empty ones are not', () => {
  assert.equal(check(`${PROJECT}rubriques:\n  partenariats: ~\n`), []);
  assert.equal(check(`${PROJECT}rubriques:\n  partenariats: ""\n`), ['6:17 « partenariats » ne doit pas être vide']);
});

schema.run();
