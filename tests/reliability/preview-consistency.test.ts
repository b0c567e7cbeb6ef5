// The preview takes shortcuts after a save (only the saved project's page at once, the files
// that did not change never read again, the rest of the site rebuilt in the background): what
// it shows once it has caught up must still be exactly what a fresh full build of the same
// data makes. An editor's year of saves, replayed on a copy of the data; after each one, every
// file of a fresh build (pages, lists, feeds, search index) is fetched from the preview and
// compared byte for byte — pages with the warnings panel `validate`'s warnings make, and the
// reload script. Speed is `npm run bench`'s (stage preview-save), not this test's.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview, previewPage, type Preview } from '../../src/preview/server.ts';
import { buildSite } from '../../src/site/build.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { dataWith } from '../helpers/data.ts';

const same = suite('preview: after any series of saves, the pages of a full build');

let p: Preview;
let dir: string;
const log: string[] = [];
const edition = (): string => join(dir, 'editions/2025/edition.yaml');
const project = (id: string): string => join(dir, `projets/${id}.yaml`);
const edit = (file: string, from: string | RegExp, to: string): void => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  assert.is.not(next, text, `${file}: « ${String(from)} » not found`);
  writeFileSync(file, next);
};

same.before(async () => {
  dir = dataWith({});
  p = await startPreview({ dataDir: dir, port: 0, watchDirs: [dir], log: (line) => log.push(line) });
});
same.after(async () => {
  await p.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string): Promise<{ status: number; body: Buffer }> => {
  const res = await fetch(new URL(path, p.url));
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
};

/**
 * Every file of a fresh full build of the data, served by the preview as it is once it has
 * caught up; `quick`: a page that must already be so as soon as the save is built, before the
 * rest of the site follows (the saved project's page, by the quick path).
 */
async function assertAsFullBuild(step: string, gone: string[] = [], quick?: string): Promise<void> {
  const logged = log.length;
  let early: Buffer | undefined;
  if (quick) {
    await p.settled();
    early = (await get(quick)).body;
    assert.ok(log.slice(logged).some((l) => /1 page\(s\) de projet reconstruite\(s\)/.test(l)), `${step}: the quick path was taken\n${log.slice(logged).join('\n')}`);
  }
  await p.upToDate();
  assert.equal(p.errors(), [], `${step}: the preview shows errors`);
  const out = mkdtempSync(join(tmpdir(), 'compendium-full-'));
  try {
    const { warnings } = await loadCompendium(dir);
    assert.equal(p.warnings(), warnings, `${step}: the warnings panel lists validate's warnings`);
    const built = await buildSite({ dataDir: dir, outDir: out, drafts: true });
    const index = (await readdir(join(out, 'pagefind'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(out.length + 1));
    const files = [...built.files, ...index];
    assert.ok(built.files.length > 20 && index.length > 3, `${step}: ${built.files.length} pages, ${index.length} search files`);
    const differ: string[] = [];
    for (const file of files) {
      const served = await get(`/${file}`);
      const fresh = await readFile(join(out, file));
      const expected = file.endsWith('.html') ? Buffer.from(previewPage(fresh.toString('utf8'), warnings)) : fresh;
      if (served.status !== 200 || !served.body.equals(expected)) differ.push(`${file} (${served.status})`);
    }
    assert.equal(differ, [], `${step}: files of the preview that differ from a full build's`);
    if (quick) assert.ok(early!.equals(Buffer.from(previewPage(await readFile(join(out, quick, 'index.html'), 'utf8'), warnings))), `${step}: ${quick} as soon as it was rebuilt`);
    for (const path of gone) assert.is((await get(path)).status, 404, `${step}: ${path} is gone`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

same('the start', async () => {
  await assertAsFullBuild('start');
});

same('a project edited (the quick path), then its organisation', async () => {
  edit(project('graoucoop'), 'nom: Graoucoop', 'nom: Graoucoop Zorglub');
  await assertAsFullBuild('project edited', [], '/projets/graoucoop/');
  edit(join(dir, 'organisations/graoucoop.yaml'), /^nom: .*$/m, 'nom: Coopérative Zorglub');
  await assertAsFullBuild('organisation edited', [], '/projets/graoucoop/');
});

same('two saves in a row, the second while the first is built', async () => {
  edit(project('graoucoop'), 'Graoucoop Zorglub', 'Graoucoop un');
  await new Promise((r) => setTimeout(r, 60));
  edit(project('graoucoop'), 'Graoucoop un', 'Graoucoop deux');
  await assertAsFullBuild('two saves');
});

same('a warning added and removed: the panel follows', async () => {
  edit(project('graoucoop'), 'supermarché coopératif.', 'supermarché coopératif , l\'idée.');
  await assertAsFullBuild('warning added', [], '/projets/graoucoop/');
  assert.ok(p.warnings().some((w) => w.code === 'WRONG_APOSTROPHE' && w.file.endsWith('graoucoop.yaml')), JSON.stringify(p.warnings()));
  edit(project('graoucoop'), 'supermarché coopératif , l\'idée.', 'supermarché coopératif.');
  await assertAsFullBuild('warning removed');
});

same('a project renamed (new id and file, its reference in edition.yaml)', async () => {
  const text = readFileSync(project('graoucoop'), 'utf8').replace('id: graoucoop', 'id: graoucoop-bis');
  unlinkSync(project('graoucoop'));
  writeFileSync(project('graoucoop-bis'), text);
  edit(edition(), '- graoucoop\n', '- graoucoop-bis\n');
  await assertAsFullBuild('project renamed', ['/projets/graoucoop/']);
});

same('a project deleted, another added', async () => {
  edit(edition(), /\n {4}autres_laureats:\n {6}- un-jardin-au-quai/, '');
  unlinkSync(project('un-jardin-au-quai'));
  await assertAsFullBuild('project deleted', ['/projets/un-jardin-au-quai/']);
  writeFileSync(project('la-cantine-zorglub'), 'id: la-cantine-zorglub\nnom: La cantine Zorglub\norganisation: cantorama\nannee: 2025\nterritoire: moselle\nresume: Une cantine ouverte à tous.\nthemes:\n  - alimentation\n');
  edit(edition(), '      - le-jardin-musical\n', '      - le-jardin-musical\n    autres_laureats:\n      - la-cantine-zorglub\n');
  await assertAsFullBuild('project added');
  assert.is((await get('/projets/la-cantine-zorglub/')).status, 200);
});

same('edition.yaml edited', async () => {
  edit(edition(), 'titre: L’ESS vue par des lauréats', 'titre: L’ESS vue par les lauréats Zorglub');
  await assertAsFullBuild('edition edited');
});

same('a YAML error, then its fix: the error page, then the site as a full build makes it', async () => {
  edit(project('graoucoop-bis'), 'annee: 2022', 'annee: [2022');
  await p.upToDate();
  assert.ok(p.errors().some((e) => e.file.endsWith('graoucoop-bis.yaml') && e.line === 4), JSON.stringify(p.errors()));
  const page = await get('/projets/graoucoop-bis/');
  assert.is(page.status, 500);
  assert.match(page.body.toString(), /graoucoop-bis\.yaml:4/);
  edit(project('graoucoop-bis'), 'annee: [2022', 'annee: 2021');
  await assertAsFullBuild('YAML fixed');
});

same('a file saved by renaming over it, and the same text saved again', async () => {
  const tmp = join(dir, 'projets/sedAx3kQ');
  writeFileSync(tmp, readFileSync(project('le-jardin-musical'), 'utf8').replace(/^nom: .*$/m, 'nom: Le jardin Zorglub'));
  renameSync(tmp, project('le-jardin-musical'));
  await assertAsFullBuild('renamed over', [], '/projets/le-jardin-musical/');
  writeFileSync(project('le-jardin-musical'), readFileSync(project('le-jardin-musical')));
  await assertAsFullBuild('saved unchanged');
});

same.run();
