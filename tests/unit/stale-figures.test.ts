// A key figure changed for 2026 (80 → 92 porteurs) whose old value a copied text still states
// (« soutenir 80 porteurs de projet »): validate warns on the text's line, diff lists it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { staleMentions } from '../../src/data/stale-figures.ts';
import { dataWith, ROOT } from '../helpers/data.ts';

const stale = suite('stale key figures in texts');

function capture(): Output & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (t: string) => (o.out += `${t}\n`), stderr: (t: string) => (o.err += `${t}\n`) };
  return o;
}

const FIGURES = 'chiffres_cles:\n  titre: Les chiffres clés\n  chiffres:\n    - valeur: "80"\n      libelle: porteurs de projet soutenus\n      echelle: Appel à projets\n    - valeur: "6"\n      libelle: éditions annuelles\n      echelle: Appel à projets\n    - valeur: 12 %\n      libelle: des emplois\n      echelle: Moselle\n';

/** 2025 with key figures and an édito that states two of them; 2026 copied, its figures updated. */
async function prepared(): Promise<string> {
  const dir = dataWith({});
  const ed = join(dir, 'editions/2025/edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace('partenaires:\n', `${FIGURES}partenaires:\n`));
  writeFileSync(join(dir, 'editions/2025/edito.md'), 'Premier paragraphe.\n\nL’appel a permis de soutenir 80 porteurs de projet. En 6 éditions annuelles, 12 % des emplois.\n');
  assert.is(await main(['new-edition', '2026', '--data', dir], capture()), 0);
  const next = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(next, readFileSync(next, 'utf8').replace('valeur: "80"', 'valeur: "92"').replace('valeur: "6"', 'valeur: "7"'));
  return dir;
}

stale('validate warns where a copied text states the previous value of a changed figure, with both values', async () => {
  const dir = await prepared();
  const r = await loadCompendium(dir);
  const found = r.warnings.filter((w) => w.code === 'FIGURE_STALE_IN_TEXT').map((w) => `${w.file.replaceAll(dir, 'DATA')}:${w.line}:${w.column} ${w.message} → ${w.hint}`);
  assert.equal(found, [
    'DATA/editions/2026/edito.md:3:30 le texte dit « 80 porteurs », valeur de l’édition 2025 du chiffre clé « porteurs de projet soutenus » (Appel à projets), que l’édition 2026 a changée\u00A0: 80 → 92 → Si la phrase parle de l’édition 2026, remplacez « 80 » par « 92 ».',
    'DATA/editions/2026/edito.md:3:56 le texte dit « 6 éditions », valeur de l’édition 2025 du chiffre clé « éditions annuelles » (Appel à projets), que l’édition 2026 a changée\u00A0: 6 → 7 → Si la phrase parle de l’édition 2026, remplacez « 6 » par « 7 ».',
  ]);
  // The unchanged figure (12 %) and the published 2025 say nothing.
  assert.not.ok(r.warnings.some((w) => w.code === 'FIGURE_STALE_IN_TEXT' && w.file.includes('2025')));
});

stale('once the text says the new value, no warning', async () => {
  const dir = await prepared();
  const edito = join(dir, 'editions/2026/edito.md');
  writeFileSync(edito, readFileSync(edito, 'utf8').replace('80 porteurs', '92 porteurs').replace('En 6 éditions', 'En 7 éditions'));
  assert.not.ok((await loadCompendium(dir)).warnings.some((w) => w.code === 'FIGURE_STALE_IN_TEXT'));
});

stale('diff lists the changed figures by label and the texts that still say the old value', async () => {
  const dir = await prepared();
  const o = capture();
  assert.is(await main(['diff', '2025', '2026', '--data', dir], o), 0, o.err);
  assert.match(o.out, '  ~ « porteurs de projet soutenus (Appel à projets) » : 80 → 92\n');
  assert.match(o.out, 'Textes qui disent encore un chiffre clé de 2025 (2)\n  ! edito.md:3:30 « 80 porteurs » — « porteurs de projet soutenus » vaut 92 en 2026 (80 en 2025)\n');
});

stale('a figure without a previous edition, or unchanged, is never stale', () => {
  const figures = { chiffres_cles: { titre: 't', chiffres: [{ valeur: '80', libelle: 'porteurs', echelle: 'AAP' }] } };
  assert.equal(staleMentions(figures, { ...figures, textes: { 'a.md': '80 porteurs' } }), []);
  assert.equal(staleMentions({}, { ...figures, textes: { 'a.md': '80 porteurs' } }), []);
});

stale('the guide’s yearly checklist says to update the figures the texts state', () => {
  const guide = readFileSync(join(ROOT, 'docs/guide-editeur.md'), 'utf8');
  assert.match(guide, 'les chiffres que les textes citent');
});

stale.run();
