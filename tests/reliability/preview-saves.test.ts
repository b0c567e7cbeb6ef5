// Every way an editor (or their tool) saves a file is noticed by the preview, every time: in
// place, write-then-rename (vim, gedit, `sed -i`), delete-then-create, the data folder moved
// away and back or replaced, new folders, dangling symlinks. Each save is done for real on a
// copy of the data; the test waits (generously: it checks that the change is seen, not how
// fast — speed is `npm run bench`) until the page served shows the new state.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPreview, type Preview } from '../../src/preview/server.ts';
import { dataWith } from '../helpers/data.ts';

const saves = suite('preview: every way of saving');

let p: Preview;
let dir: string;
let file: string;
let good: string;
let bad: string;

saves.before(async () => {
  dir = dataWith({});
  file = join(dir, 'projets/graoucoop.yaml');
  good = readFileSync(file, 'utf8');
  bad = good.replace('annee: 2022', 'annee: 2O22');
  p = await startPreview({ dataDir: dir, port: 0, watchDirs: [dir] });
});
saves.after(async () => {
  await p.close();
});

const page = async (path = '/projets/graoucoop/'): Promise<{ status: number; text: string }> => {
  const res = await fetch(new URL(path, p.url));
  return { status: res.status, text: await res.text() };
};

/** Polls the page until `ok` holds: 15 s at most, the state is what is tested, not the speed. */
async function until(what: string, ok: (r: { status: number; text: string }) => boolean, path?: string, seconds = 15): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = { status: 0, text: '' };
  while (Date.now() < deadline) {
    last = await page(path);
    if (ok(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.unreachable(`${what}: still ${last.status} after ${seconds} s\n${last.text.slice(0, 400)}`);
}

const broken = (r: { status: number; text: string }): boolean => r.status === 500 && /graoucoop\.yaml:4:8/.test(r.text);
const fixed = (r: { status: number; text: string }): boolean => r.status === 200 && r.text.includes('Graoucoop');

/** Saves `content` into `file` the way `style` does. */
const STYLES: Record<string, (content: string) => void> = {
  'in place': (content) => writeFileSync(file, content),
  // sed -i, gedit: a new file beside it, renamed over it.
  'write then rename': (content) => {
    const tmp = join(dir, 'projets/sedAx3kQ');
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  },
  // vim (backupcopy=no): the original renamed to a backup, a new file written, the backup deleted.
  'vim: backup, write, delete backup': (content) => {
    renameSync(file, `${file}~`);
    writeFileSync(file, content);
    unlinkSync(`${file}~`);
  },
  'delete then create': (content) => {
    unlinkSync(file);
    writeFileSync(file, content);
  },
};

for (const [style, save] of Object.entries(STYLES)) {
  saves(`${style}: every save is seen, not only the first`, async () => {
    for (let round = 1; round <= 3; round++) {
      save(bad);
      await until(`${style}, round ${round}: error shown`, broken);
      save(good);
      await until(`${style}, round ${round}: error cleared`, fixed);
    }
  });
}

saves('a quick save after a quick save: the second is seen too', async () => {
  writeFileSync(file, good.replace('nom: Graoucoop', 'nom: Graoucoop un'));
  writeFileSync(file, good.replace('nom: Graoucoop', 'nom: Graoucoop deux'));
  await until('last of two saves shown', (r) => r.status === 200 && r.text.includes('Graoucoop deux'));
  writeFileSync(file, good);
  await until('restored', (r) => r.status === 200 && !r.text.includes('Graoucoop deux'));
});

saves('the data folder moved away and back: still watched, later saves seen', async () => {
  renameSync(dir, `${dir}-ailleurs`);
  await until('data folder gone: error page', (r) => r.status === 500 && /dossier de données introuvable/.test(r.text));
  renameSync(`${dir}-ailleurs`, dir);
  await until('data folder back: site', fixed);
  writeFileSync(file, bad);
  await until('a save after the move: error shown', broken);
  writeFileSync(file, good);
  await until('and cleared', fixed);
});

saves('the data folder replaced by a copy (a new folder, as a restore or a git checkout does)', async () => {
  cpSync(dir, `${dir}-copie`, { recursive: true });
  rmSync(dir, { recursive: true });
  await until('data folder deleted: error page', (r) => r.status === 500);
  renameSync(`${dir}-copie`, dir);
  await until('copy in place: site', fixed);
  writeFileSync(file, bad);
  await until('a save in the new folder: error shown', broken);
  writeFileSync(file, good);
  await until('and cleared', fixed);
});

saves('a folder created after the start is watched', async () => {
  mkdirSync(join(dir, 'editions/2026'));
  // Give the watcher a moment to see the folder before the file appears in it.
  await new Promise((r) => setTimeout(r, 300));
  writeFileSync(join(dir, 'editions/2026/edition.yaml'), 'annee: [\n');
  await until('an error in the new folder is shown', (r) => r.status === 500 && /editions\/2026\/edition\.yaml/.test(r.text));
  rmSync(join(dir, 'editions/2026'), { recursive: true });
  await until('the folder removed: site', fixed);
});

saves('a dangling symlink as a project file: no crash, then recovery', async () => {
  const link = join(dir, 'projets/lien.yaml');
  symlinkSync(join(dir, 'nulle-part.yaml'), link);
  await until('the broken link is reported', (r) => r.status === 500 && /lien\.yaml/.test(r.text));
  unlinkSync(link);
  await until('the link removed: site', fixed);
});

saves('a dangling symlink as an edition folder: a French error, then recovery', async () => {
  const link = join(dir, 'editions/2030');
  symlinkSync(join(dir, 'nulle-part'), link);
  await until('the broken link is reported in French', (r) => r.status === 500 && /editions\/2030/.test(r.text) && !/ENOENT/.test(r.text));
  unlinkSync(link);
  await until('the link removed: site', fixed);
});

saves('the quick path: an organisation saved shows on its project page, lists follow', async () => {
  const org = join(dir, 'organisations/graoucoop.yaml');
  const before = readFileSync(org, 'utf8');
  writeFileSync(org, before.replace(/^nom: .*$/m, 'nom: Coopérative Zorglub'));
  await until('the project page names the new organisation', (r) => r.status === 200 && r.text.includes('Coopérative Zorglub'));
  writeFileSync(file, good.replace('nom: Graoucoop', 'nom: Graoucoop Zorglub'));
  // The territory page lists the project by name: brought up to date by the full build that
  // follows in a child process (a whole build, and its process's start: a longer wait).
  await until('the territory page lists the new name', (r) => r.status === 200 && r.text.includes('Graoucoop Zorglub'), '/territoires/metz-orne/', 90);
  writeFileSync(org, before);
  writeFileSync(file, good);
  await until('restored', (r) => fixed(r) && !r.text.includes('Zorglub'));
});

saves.run();
