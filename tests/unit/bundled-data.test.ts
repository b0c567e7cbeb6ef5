// The bundled 2025 data: valid, with the brochure's counts, and warnings that are each a
// real problem of the printed brochure.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadCompendium } from '../../src/data/index.ts';
import { ROOT } from '../helpers/data.ts';

const bundled = suite('bundled 2025 data');

const result = loadCompendium(join(ROOT, 'data'));

bundled('has no error', async () => {
  const r = await result;
  assert.equal(r.errors.map((e) => `${e.file}:${e.line} ${e.message}`), []);
});

bundled('counts match the brochure, territory by territory and tier by tier', async () => {
  const { summary } = await result;
  assert.is(summary.projets, 56);
  assert.is(summary.partenaires, 5);
  assert.is(summary.temoignages, 7);
  assert.is(summary.contacts, 2);
  const [ed] = summary.editions;
  assert.is(ed?.annee, 2025);
  assert.equal(
    ed?.territoires.map((t) => [t.id, t.tiers.a_la_une, t.tiers.aussi_laureats, t.tiers.autres_laureats]),
    [
      ['moselle', 8, 4, 3],
      ['metz-orne', 6, 6, 11],
      ['thionville', 1, 2, 2],
      ['sarreguemines-bitche', 1, 0, 1],
      ['forbach-saint-avold', 1, 2, 4],
      ['sarrebourg-chateau-salins', 1, 2, 1],
    ],
  );
  const full = ed!.territoires.reduce((n, t) => n + t.tiers.a_la_une + t.tiers.aussi_laureats, 0);
  assert.is(full, 34, '34 projects with a full or medium entry');
});

bundled('warnings are the brochure’s own problems', async () => {
  const { warnings } = await result;
  const codes = warnings.reduce<Record<string, number>>((m, w) => ({ ...m, [w.code]: (m[w.code] ?? 0) + 1 }), {});
  // Issue 14: nine years to confirm, and the brochure's own typing slips (tests/unit/editorial-checks.test.ts).
  assert.equal(codes, { IMAGE_TO_SUPPLY: 25, RUBRIC_EMPTY: 5, PHONE_PLACEHOLDER: 1, EMAIL_TLD: 1, YEAR_UNCONFIRMED: 9, WRONG_APOSTROPHE: 2, SPACE_BEFORE_PUNCTUATION: 1, WORD_REPEATED: 2, PERSONAL_CONTACT: 33 });
  const brochureErrors = warnings.filter((w) => w.code === 'PHONE_PLACEHOLDER' || w.code === 'EMAIL_TLD').map((w) => `${w.file} ${w.message}`);
  assert.equal(brochureErrors, [
    'data/projets/ateliers-code-pouce.yaml adresse e-mail « metz@lacravatesolidaire.irg » : le domaine « .irg » n’existe pas (vouliez-vous dire « .org » ?)',
    'data/projets/graoucoop.yaml numéro de téléphone fictif « 01 23 45 67 89 » (suite de chiffres de remplissage)',
  ]);
  const empty = warnings.filter((w) => w.code === 'RUBRIC_EMPTY').map((w) => w.file.replace('data/projets/', ''));
  assert.equal(empty, ['les-petites-cantines-metz.yaml', 'transport-d-utilite-sociale.yaml', 'transport-d-utilite-sociale.yaml', 'transport-d-utilite-sociale.yaml', 'transport-d-utilite-sociale.yaml']);
});

bundled.run();
