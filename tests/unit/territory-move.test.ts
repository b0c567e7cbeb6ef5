// A project moves to another territory for 2026 only: the edition that lists it says its
// territory in that edition, its file says the current one (issue: moving cafe-qu-hibou).
// The published 2025 stays as published; no message suggests editing it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { loadCompendium } from '../../src/data/index.ts';
import type { Output } from '../../src/cli/output.ts';
import { publishable } from '../../src/edition/publishable.ts';
import { buildViewModel } from '../../src/site/view-model.ts';
import { openDataRecords } from '../../src/site/open-data.ts';
import { dataWith, ROOT } from '../helpers/data.ts';

const move = suite('territory move');

function capture(): Output & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (t: string) => (o.out += `${t}\n`), stderr: (t: string) => (o.err += `${t}\n`) };
  return o;
}

/** The valid fixture with a 2026 draft carrying 2025's laureates. */
async function withDraft(): Promise<string> {
  const dir = dataWith({});
  assert.is(await main(['new-edition', '2026', '--data', dir], capture()), 0);
  return dir;
}

/** In 2026, un-jardin-au-quai moves from metz-orne to moselle. */
function moveIn2026(dir: string): void {
  const path = join(dir, 'editions/2026/edition.yaml');
  const text = readFileSync(path, 'utf8');
  const moved = text.replace('    autres_laureats:\n      - un-jardin-au-quai\n', '').replace('    aussi_laureats:\n      - le-jardin-musical\n', '    aussi_laureats:\n      - le-jardin-musical\n    autres_laureats:\n      - un-jardin-au-quai\n');
  assert.is.not(moved, text);
  writeFileSync(path, moved);
}
const moveFile = (dir: string): void => {
  const path = join(dir, 'projets/un-jardin-au-quai.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace('territoire: metz-orne', 'territoire: moselle'));
};
const shown = (dir: string, r: Awaited<ReturnType<typeof loadCompendium>>): string[] => r.errors.map((f) => `${f.file}:${f.line} ${f.code} ${f.message} → ${f.hint}`.replaceAll(dir, 'DATA'));

move('moved in the draft and in the project file: no error; the published part is unchanged', async () => {
  const dir = await withDraft();
  const before = await loadCompendium(dir);
  moveIn2026(dir);
  moveFile(dir);
  const after = await loadCompendium(dir);
  assert.equal(shown(dir, after), []);
  // What the published build reads (2025 only) is the same, page data and open data alike.
  const vmBefore = buildViewModel(publishable(before.compendium!));
  const vmAfter = buildViewModel(publishable(after.compendium!));
  assert.is(JSON.stringify(vmAfter), JSON.stringify(vmBefore));
  assert.is(vmAfter.projets.find((p) => p.id === 'un-jardin-au-quai')!.territoire.id, 'metz-orne');
});

move('with the draft, 2026 shows the project in its new territory and 2025 in its old one (site, open data)', async () => {
  const dir = await withDraft();
  moveIn2026(dir);
  moveFile(dir);
  const vm = buildViewModel((await loadCompendium(dir)).compendium!);
  const at = (annee: number, territoire: string): string[] =>
    vm.editions.find((e) => e.annee === annee)!.sections.find((t) => t.id === territoire)!.rangs.flatMap((r) => r.projets.map((p) => `${p.id}@${p.territoire.id}`));
  assert.ok(at(2026, 'moselle').includes('un-jardin-au-quai@moselle'));
  assert.not.ok(at(2026, 'metz-orne').some((x) => x.startsWith('un-jardin-au-quai')));
  assert.ok(at(2025, 'metz-orne').includes('un-jardin-au-quai@metz-orne'));
  const e2025 = vm.editions.find((e) => e.annee === 2025)!;
  assert.is(openDataRecords(vm, e2025).find((r) => r.id === 'un-jardin-au-quai' || r.identifiant === 'un-jardin-au-quai' || Object.values(r).includes('un-jardin-au-quai'))!.territoire, 'metz-orne');
  assert.is(openDataRecords(vm, vm.edition).find((r) => Object.values(r).includes('un-jardin-au-quai'))!.territoire, 'moselle');
});

move('moved in the draft only: the error is in the draft, and says how to move the project from 2026 on', async () => {
  const dir = await withDraft();
  moveIn2026(dir);
  const e = shown(dir, await loadCompendium(dir));
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, /^DATA\/editions\/2026\/edition\.yaml:\d+ WRONG_TERRITORY .*dernière édition, 2026, le liste sous « moselle »/);
  assert.match(e[0]!, 'mettez « territoire: moselle » dans data/projets/un-jardin-au-quai.yaml');
  assert.not.match(e[0]!, '2025');
});

move('the file changed but the published edition is the project’s latest: the fix is the file, never the published edition', async () => {
  const dir = dataWith({});
  moveFile(dir);
  const e = shown(dir, await loadCompendium(dir));
  assert.is(e.length, 1, e.join('\n'));
  assert.match(e[0]!, /^DATA\/projets\/un-jardin-au-quai\.yaml:\d+ WRONG_TERRITORY /);
  assert.match(e[0]!, 'L’édition 2025 est publiée et ne change pas');
  assert.match(e[0]!, 'remettez « territoire: metz-orne » ici');
  assert.not.match(e[0]!, 'Déplacez la ligne');
});

move('diff names the move: « déplacé de … vers … »', async () => {
  const dir = await withDraft();
  moveIn2026(dir);
  moveFile(dir);
  const o = capture();
  assert.is(await main(['diff', '2025', '2026', '--data', dir], o), 0, o.err);
  assert.match(o.out, 'Projets déplacés (1)\n  ~ Un Jardin au Quai (un-jardin-au-quai) — déplacé de Metz – Orne vers Moselle (Les autres lauréats)');
});

move('the guide explains the model in « Changer un projet de territoire »', () => {
  const guide = readFileSync(join(ROOT, 'docs/guide-editeur.md'), 'utf8');
  const section = guide.slice(guide.indexOf('### Changer un projet de territoire'));
  assert.ok(guide.includes('### Changer un projet de territoire'));
  assert.match(section.slice(0, 2000), 'Ne modifiez pas `data/editions/2025/edition.yaml`');
});

move.run();
