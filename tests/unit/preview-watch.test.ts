// The preview's watcher (src/preview/watch.ts) reports every way of saving a file, with the
// system's watches and when polling (network shares): each save is done for real in a temp
// folder, and the test waits (15 s at most: the report is tested, not its speed) for the path.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEditorTemporary, watchTrees, type TreeWatcher } from '../../src/preview/watch.ts';

for (const poll of [false, true]) {
  const watching = suite(`preview watcher${poll ? ', polling' : ''}`);
  let root: string;
  let watcher: TreeWatcher;
  let seen: string[] = [];

  watching.before(async () => {
    root = join(mkdtempSync(join(tmpdir(), 'compendium-watch-')), 'data');
    mkdirSync(join(root, 'projets'), { recursive: true });
    writeFileSync(join(root, 'projets/a.yaml'), 'id: a\n');
    watcher = watchTrees([root], (path) => seen.push(path), { poll, checkEveryMs: 200 });
    await watcher.ready();
  });
  watching.after(() => watcher.close());

  /** Does `act`, then waits until `path` is reported. */
  async function reports(path: string, act: () => void): Promise<void> {
    seen = [];
    act();
    const deadline = Date.now() + 15_000;
    while (!seen.includes(path)) {
      if (Date.now() > deadline) assert.unreachable(`${path} not reported; seen: ${seen.join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const file = (): string => join(root, 'projets/a.yaml');

  watching('a write in place, twice', async () => {
    for (const n of [1, 2]) await reports(file(), () => writeFileSync(file(), `id: a\nnom: ${n}\n`));
  });

  watching('write then rename over the file, three times (sed -i, gedit)', async () => {
    for (const n of [1, 2, 3]) {
      await reports(file(), () => {
        writeFileSync(join(root, 'projets/sedX'), `id: a\nnom: r${n}\n`);
        renameSync(join(root, 'projets/sedX'), file());
      });
    }
  });

  watching('delete then create', async () => {
    await reports(file(), () => {
      unlinkSync(file());
      writeFileSync(file(), 'id: a\nnom: recréé\n');
    });
  });

  watching('a file in a folder created after the start', async () => {
    await reports(join(root, 'editions'), () => mkdirSync(join(root, 'editions')));
    // The new folder's watch is set up after its creation is reported: give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    await reports(join(root, 'editions/edition.yaml'), () => writeFileSync(join(root, 'editions/edition.yaml'), 'annee: 2026\n'));
  });

  watching('a dangling symlink, created and removed', async () => {
    await reports(join(root, 'projets/lien.yaml'), () => symlinkSync(join(root, 'nulle-part.yaml'), join(root, 'projets/lien.yaml')));
    await reports(join(root, 'projets/lien.yaml'), () => unlinkSync(join(root, 'projets/lien.yaml')));
  });

  watching('the root moved away and back, then a save inside it', async () => {
    await reports(root, () => renameSync(root, `${root}-ailleurs`));
    await reports(root, () => renameSync(`${root}-ailleurs`, root));
    await new Promise((r) => setTimeout(r, 300));
    await reports(file(), () => writeFileSync(file(), 'id: a\nnom: après\n'));
  });

  watching('the root deleted and replaced by a new folder, then a save inside it', async () => {
    await reports(root, () => rmSync(root, { recursive: true }));
    await reports(root, () => {
      mkdirSync(join(root, 'projets'), { recursive: true });
      writeFileSync(file(), 'id: a\n');
    });
    await new Promise((r) => setTimeout(r, 300));
    await reports(file(), () => writeFileSync(file(), 'id: a\nnom: neuf\n'));
  });

  watching.run();
}

const temporaries = suite('editor temporaries');
temporaries('vim swap and probe files, backups and hidden files are not changes', () => {
  for (const name of ['.a.yaml.swp', '4913', 'a.yaml~', '.#a.yaml', 'a.yaml.tmp']) assert.ok(isEditorTemporary(name), name);
  for (const name of ['a.yaml', 'edito.md', 'sedX3kQ', 'photo.jpg']) assert.not.ok(isEditorTemporary(name), name);
});
temporaries.run();
