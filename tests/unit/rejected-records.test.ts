// One mistake in a file must not hide the others (docs/guide-editeur.md: « Toutes les erreurs
// de tous les fichiers sont listées en une fois »): a record that fails its schema still has
// its other values checked, without knock-on errors about it elsewhere.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const rejected = suite('records that failed their schema');

/** A copy of the bundled data with `edit` applied to one project file. */
function bundledWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-rejected-'));
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  const path = join(dir, 'projets', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

const codes = (r: Awaited<ReturnType<typeof loadCompendium>>, dir: string): string[] => r.errors.map((f) => `${f.file.replaceAll(dir, 'DATA')}:${f.line} ${f.code} ${f.message}`);

rejected('a wrong year, an e-mail and a phone in one file: 3 errors, root cause first, nothing else', async () => {
  const baseline = await loadCompendium(join(ROOT, 'data'));
  const dir = bundledWith('5e-borne.yaml', (t) => t.replace('annee: 2024', 'annee: 2O24') + 'contact:\n  email: contact@x.fr.\n  telephone: O3 87 12 34 56\n');
  const r = await loadCompendium(dir);
  const e = codes(r, dir);
  assert.is(e.length, 3, e.join('\n'));
  assert.match(e[0]!, /^DATA\/projets\/5e-borne\.yaml:5 SCHEMA_TYPE « annee »/);
  assert.match(e[1]!, /:13 .*« contact@x\.fr\. » : point final en trop/);
  assert.match(e[2]!, /:14 .*« O3 87 12 34 56 » : lettre O à la place du chiffre zéro/);
  assert.is(r.warnings.length, baseline.warnings.length, 'no warning of the data is lost');
  assert.ok(![...r.errors, ...r.warnings].some((f) => /inconnu/.test(f.message)), 'the project is still known by its id');
  assert.is(r.compendium, null, 'nothing is published from data with errors');
});

rejected('the warnings of a file with a schema error stay counted', async () => {
  const baseline = await loadCompendium(join(ROOT, 'data'));
  const file = 'transport-d-utilite-sociale.yaml';
  const before = baseline.warnings.filter((f) => f.file.endsWith(file)).map((f) => `${f.line}:${f.column} ${f.code}`);
  assert.is(before.length, 6);
  const dir = bundledWith(file, (t) => t.replace('annee: 2023', 'annee: 2O23'));
  const r = await loadCompendium(dir);
  assert.equal(codes(r, dir), [`DATA/projets/${file}:6 SCHEMA_TYPE « annee » doit être un nombre entier (trouvé « 2O23 »)`]);
  assert.equal(r.warnings.filter((f) => f.file.endsWith(file)).map((f) => `${f.line}:${f.column} ${f.code}`), before);
  assert.is(r.warnings.length, baseline.warnings.length);
});

rejected('an empty alt does not hide a « mailto: » in the same file; the refused photo gets no further finding', async () => {
  const text = readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8')
    .replace('email: info@graoucoop.fr', 'email: mailto:info@graoucoop.fr')
    .replace('photo:\n  a_fournir: true', 'photo:\n  fichier: graoucoop.jpg\n  alt:');
  const dir = dataWith({ 'projets/graoucoop.yaml': text });
  const r = await loadCompendium(dir);
  const e = codes(r, dir);
  assert.ok(e.some((l) => /^DATA\/projets\/graoucoop\.yaml:19 SCHEMA_/.test(l)), e.join('\n'));
  assert.ok(e.some((l) => /:15 .*« mailto: » en trop/.test(l)), e.join('\n'));
  assert.ok(e.every((l) => l.startsWith('DATA/projets/graoucoop.yaml:')), 'no knock-on error elsewhere');
  assert.ok(!r.warnings.some((f) => f.file.endsWith('graoucoop.yaml') && f.line !== undefined && f.line >= 17 && f.line <= 19), 'the refused photo is not checked further');
});

rejected('a record of the wrong shape as a whole is skipped, without a crash', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': '- id: graoucoop\n- contact: mailto:x\n' });
  const r = await loadCompendium(dir);
  assert.ok(r.errors.every((f) => f.code.startsWith('SCHEMA_') || !/graoucoop\.yaml/.test(f.file)), codes(r, dir).join('\n'));
});

rejected.run();
