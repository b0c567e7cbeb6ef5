import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { build } from '../../src/build/pipeline.ts';
import { publishable } from '../../src/edition/publishable.ts';
import { loadCompendium } from '../../src/data/index.ts';
import type { Output } from '../../src/cli/output.ts';
import { dataWith } from '../helpers/data.ts';

const drafts = suite('draft editions');
const quiet: Output = { stdout: () => undefined, stderr: () => undefined };

async function twoEditions(): Promise<string> {
  const dir = dataWith({});
  assert.is(await main(['new-edition', '2026', '--data', dir], quiet), 0);
  assert.is(await main(['add-project', '--data', dir, '--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'moselle', '--edition', '2026', '--place', 'autres_laureats'], quiet), 0);
  const file = join(dir, 'projets/laverie-solidaire.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('# resume: …', 'resume: une laverie ouverte à tous.'));
  return dir;
}

drafts('new-edition starts a draft; publishable() leaves it and its new projects out', async () => {
  const dir = await twoEditions();
  // The comment is on the marker's line: deleting the line leaves no orphan comment.
  const text = readFileSync(join(dir, 'editions/2026/edition.yaml'), 'utf8');
  assert.match(text, /^annee: 2026\nbrouillon: true {2}# en préparation : supprimez cette ligne pour publier l’édition\n/m);
  assert.not.match(text.replace(/^brouillon:.*\n/m, ''), /préparation|ligne suivante/, 'nothing left to mislead once the line is gone');
  const r = await loadCompendium(dir);
  assert.equal(r.errors, []);
  const pub = publishable(r.compendium!);
  assert.equal(pub.editions.map((e) => e.annee), [2025]);
  assert.not.ok(pub.projets.some((p) => p.id === 'laverie-solidaire'));
  assert.ok(publishable(r.compendium!, { drafts: true }).projets.some((p) => p.id === 'laverie-solidaire'));
});

drafts('validate with errors in the draft only says so in its closing line, as build does', async () => {
  const dir = await twoEditions();
  const file = join(dir, 'projets/laverie-solidaire.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('resume: une laverie ouverte à tous.', '# resume: …'));
  const lines: string[] = [];
  const o: Output = { stdout: (s) => lines.push(s), stderr: (s) => lines.push(s) };
  assert.is(await main(['validate', dir], o), 1);
  assert.is(lines.at(-1), '\n1 erreur ne concerne que l’édition 2026 (brouillon) : « build » construit les éditions publiées et laisse le brouillon de côté tant qu’elle n’est pas corrigée.');
  // An error of the published edition stops everything, and the closing line says that too.
  const ed = join(dir, 'editions/2025/edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace('  - le-filon\n', '  - le-filon\n  - partenaire-absent\n'));
  lines.length = 0;
  assert.is(await main(['validate', dir], o), 1);
  assert.is(lines.at(-1), '\n1 erreur à corriger : rien n’est construit tant qu’elle reste ; en plus, 1 erreur ne concerne que l’édition 2026 (brouillon).');
});

drafts('the build publishes the current edition only, and says a draft is waiting', async () => {
  const dir = await twoEditions();
  const out = join(mkdtempSync(join(tmpdir(), 'compendium-drafts-')), '_site');
  const report = await build({ dataDir: dir, outDir: out, pdf: false });
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), '2025');
  assert.not.ok(existsSync(join(out, '2026')), 'no page of the draft edition');
  assert.not.ok(existsSync(join(out, 'projets/laverie-solidaire')), 'no page of a project placed only in the draft');
  assert.equal(report.notes.filter((n) => n.includes('brouillon')), ['Édition en brouillon, non publiée : 2026 (supprimez « brouillon: true » dans edition.yaml pour publier).']);

  const review = join(mkdtempSync(join(tmpdir(), 'compendium-drafts-')), '_site');
  await build({ dataDir: dir, outDir: review, pdf: false, drafts: true });
  assert.ok(existsSync(join(review, 'projets/laverie-solidaire/index.html')), 'with --brouillons, the draft is built');
});

drafts.run();
