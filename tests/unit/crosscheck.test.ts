import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith, VALID } from '../helpers/data.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cross = suite('cross-file checks');

const fixture = (path: string): string => readFileSync(join(VALID, path), 'utf8');

/** Loads a modified copy of the valid fixture; returns "file:line:col CODE message" per error. */
async function errors(files: Record<string, string | null>): Promise<string[]> {
  const dir = dataWith(files);
  const r = await loadCompendium(dir);
  return r.errors.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`.replaceAll(dir, 'DATA'));
}

cross('the valid fixture has no error', async () => {
  const r = await loadCompendium(VALID);
  assert.equal(r.errors, []);
  assert.ok(r.compendium, 'the compendium is returned when there is no error');
});

cross('unknown organisation, with a suggestion', async () => {
  const e = await errors({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('organisation: graoucoop', 'organisation: graoucop') });
  assert.equal(e, ['DATA/projets/graoucoop.yaml:3:15 UNKNOWN_REF organisation inconnue « graoucop » : vouliez-vous dire « graoucoop » ?']);
});

cross('unknown theme and unknown partner', async () => {
  const e = await errors({
    'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('  - alimentation', '  - alimentaire-bio'),
    'editions/2025/edition.yaml': fixture('editions/2025/edition.yaml').replace('  - le-filon', '  - filon'),
  });
  assert.equal(e, [
    'DATA/editions/2025/edition.yaml:15:5 UNKNOWN_REF partenaire inconnu « filon » : vouliez-vous dire « le-filon » ?',
    'DATA/projets/graoucoop.yaml:20:5 UNKNOWN_REF thème inconnu « alimentaire-bio »',
  ]);
});

cross('duplicate id across files: reported on the copy, whichever sorts first', async () => {
  // « copie-graoucoop » sorts before « graoucoop »: the copy is the file not named after the id.
  for (const copy of ['graoucoop-2', 'copie-graoucoop']) {
    const dir = dataWith({ [`organisations/${copy}.yaml`]: 'id: graoucoop\nnom: Autre\n' });
    const r = await loadCompendium(dir);
    assert.equal(
      r.errors.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message} → ${f.hint}`.replaceAll(dir, 'DATA')),
      [`DATA/organisations/${copy}.yaml:1:5 DUPLICATE_ID identifiant en double « graoucoop » : déjà utilisé par une autre organisation (DATA/organisations/graoucoop.yaml) → Si ce fichier est une copie pour une nouvelle organisation, donnez-lui son propre identifiant (« id: ${copy} », le nom du fichier).`],
    );
    assert.equal(r.warnings.filter((f) => f.code === 'ID_FILENAME'), [], 'the duplicate says it all');
  }
});

cross('a project listed twice in an edition', async () => {
  const ed = fixture('editions/2025/edition.yaml').replace('    autres_laureats:\n      - un-jardin-au-quai', '    autres_laureats:\n      - un-jardin-au-quai\n      - graoucoop');
  const e = await errors({ 'editions/2025/edition.yaml': ed });
  assert.equal(e, ['DATA/editions/2025/edition.yaml:25:9 PROJECT_TWICE le projet « graoucoop » est listé deux fois dans l’édition 2025 : dans « Projets à la une (Metz – Orne) » et dans « Les autres lauréats (Metz – Orne) »']);
});

cross('a project in no tier of any edition', async () => {
  const e = await errors({ 'editions/2025/edition.yaml': fixture('editions/2025/edition.yaml').replace('    autres_laureats:\n      - un-jardin-au-quai\n', '') });
  assert.equal(e, ['DATA/projets/un-jardin-au-quai.yaml:1:5 PROJECT_UNPLACED le projet « un-jardin-au-quai » ne figure dans aucune édition']);
});

cross('a project listed under another territory than its own', async () => {
  const ed = fixture('editions/2025/edition.yaml').replace('    aussi_laureats:\n      - le-jardin-musical', '    aussi_laureats:\n      - le-jardin-musical\n      - un-jardin-au-quai').replace('    autres_laureats:\n      - un-jardin-au-quai\n', '');
  const e = await errors({ 'editions/2025/edition.yaml': ed });
  assert.equal(e.map((x) => x.split(' ')[1]).sort(), ['TIER_FIELD_MISSING', 'WRONG_TERRITORY']);
});

cross('a featured project without a photo, or without a rubric key', async () => {
  const p = fixture('projets/graoucoop.yaml');
  const e = await errors({ 'projets/graoucoop.yaml': p.replace('photo:\n  a_fournir: true\n', '').replace('  perennisation: Passer de 300 à 900 coopérateurs.\n', '') });
  assert.equal(e, [
    'DATA/projets/graoucoop.yaml:1:1 PHOTO_MISSING la photo manque : elle est obligatoire pour un projet à la une',
    'DATA/projets/graoucoop.yaml:9:1 RUBRIC_MISSING la rubrique « perennisation » manque : elle est obligatoire pour un projet à la une',
  ]);
});

cross('an image path that does not exist', async () => {
  const e = await errors({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('  a_fournir: true', '  fichier: projets/graoucoop.jpg\n  alt: La façade du supermarché') });
  assert.equal(e, ['DATA/projets/graoucoop.yaml:18:12 IMAGE_NOT_FOUND image introuvable : DATA/images/projets/graoucoop.jpg']);
});

cross('an edition whose year is not its folder, and a missing Markdown file', async () => {
  const e = await errors({ 'editions/2025/edition.yaml': fixture('editions/2025/edition.yaml').replace('annee: 2025', 'annee: 2026'), 'editions/2025/edito.md': null });
  assert.equal(e, [
    'DATA/editions/2025/edition.yaml:1:8 EDITION_YEAR l’année 2026 ne correspond pas au dossier « 2025 »',
    'DATA/editions/2025/edition.yaml:6:12 MISSING_TEXT le fichier edito.md est introuvable dans DATA/editions/2025',
  ]);
});

cross('an invalid project file is not also reported unknown by the edition', async () => {
  const e = await errors({ 'projets/graoucoop.yaml': fixture('projets/graoucoop.yaml').replace('annee: 2022', 'annee: deux mille') });
  assert.equal(e.map((x) => x.split(' ')[1]), ['SCHEMA_TYPE']);
});

cross.run();
