/**
 * Notices every way an editor saves a file under the preview's folders.
 *
 * Why not `fs.watch(root, { recursive: true })`: on Linux, Node 20 emulates it with one watch
 * per file, so after a save by write-then-rename (vim, gedit, `sed -i`) the new file was not
 * watched and later saves were ignored; a dangling symlink made it throw; and once the folder
 * was moved away and back nothing was watched any more. Chokidar would do, but is not a direct
 * dependency here (only Eleventy's own copy is installed), so this keeps to what it does:
 *
 * - one watch per *folder*, not per file: a folder's watch sees writes in place, renames over
 *   a file, deletions, creations and symlinks of the files in it, whatever their inode;
 * - folders created or removed later are found by walking the tree again after each rename;
 * - the root itself is watched from its parent folder, and its identity (device and inode)
 *   checked every second, so a root moved away, deleted or replaced is watched again when it
 *   comes back;
 * - where the system refuses a watch (the inotify limit), that root is polled every second.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface TreeWatcher {
  /** Resolves once every folder present at the start is watched. */
  ready(): Promise<void>;
  close(): void;
}

export interface WatchOptions {
  /** How often each root's identity is checked (and a refused root polled), in ms. */
  checkEveryMs?: number;
}

/** Files editors write beside the real one while saving (vim's swap and probe files, backups). */
export function isEditorTemporary(name: string): boolean {
  return /^\.|~$|\.(swp|swx|swo|tmp|bak)$|^4913$/i.test(name);
}

/** Every folder of a tree, the root first (symlinked folders are not followed). */
async function foldersOf(root: string): Promise<string[]> {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    const entries = await readdir(out[i]!, { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory()) out.push(join(out[i]!, e.name));
  }
  return out;
}

/** What changes when any file of the tree does: paths, types, sizes, times and inodes. */
async function signatureOf(root: string): Promise<string> {
  const parts: string[] = [];
  for (const dir of await foldersOf(root)) {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const s = await stat(join(dir, e.name)).catch(() => undefined);
      parts.push(`${join(dir, e.name)}|${s ? `${s.size}|${s.mtimeMs}|${s.ino}` : 'x'}`);
    }
  }
  return parts.join('\n');
}

const identityOf = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => (s.isDirectory() ? `${s.dev}:${s.ino}` : undefined),
    () => undefined,
  );

/** Watches each root folder's tree; calls `onChange` with the path of each file that changed. */
export function watchTrees(roots: string[], onChange: (path: string) => void, options: WatchOptions = {}): TreeWatcher {
  const trees = roots.map((root) => watchTree(root, onChange, options.checkEveryMs ?? 1000));
  return { ready: async () => void (await Promise.all(trees.map((t) => t.ready()))), close: () => trees.forEach((t) => t.close()) };
}

function watchTree(root: string, onChange: (path: string) => void, checkEveryMs: number): TreeWatcher {
  const folders = new Map<string, FSWatcher>();
  let identity: string | undefined;
  let polled: string | undefined;
  let polling = false;
  let closed = false;
  // Walks and checks run one at a time, in order.
  let queue: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>): void => {
    queue = queue.then(job).catch(() => undefined);
  };

  const emit = (path: string): void => {
    if (!closed && !isEditorTemporary(basename(path))) onChange(path);
  };

  const unwatch = (dir: string): void => {
    folders.get(dir)?.close();
    folders.delete(dir);
  };

  /** Watches every folder of the tree that is not yet watched; forgets those that are gone. */
  const sync = (): void =>
    serial(async () => {
      if (closed || polling) return;
      const present = identity ? new Set(await foldersOf(root)) : new Set<string>();
      for (const dir of [...folders.keys()]) if (!present.has(dir)) unwatch(dir);
      for (const dir of present) {
        if (folders.has(dir) || closed) continue;
        try {
          const w = watch(dir, (event, name) => {
            emit(name ? join(dir, name) : dir);
            if (event === 'rename') sync();
          });
          // A folder deleted under its watch: forget it, and look at the tree again.
          w.on('error', () => {
            unwatch(dir);
            sync();
          });
          folders.set(dir, w);
        } catch {
          // Removed between the walk and the watch (found again by the next check), or the
          // system's watch limit is reached: poll this tree instead.
          if (await identityOf(dir)) startPolling();
        }
      }
    });

  const startPolling = (): void => {
    polling = true;
    for (const dir of [...folders.keys()]) unwatch(dir);
  };

  /** Has the root itself gone, come back or been replaced? Then watch it afresh. */
  const check = (): void =>
    serial(async () => {
      if (closed) return;
      const now = await identityOf(root);
      if (polling) {
        const signature = now ? await signatureOf(root) : '';
        if (polled !== undefined && signature !== polled) emit(root);
        polled = signature;
        return;
      }
      if (now === identity) return;
      identity = now;
      for (const dir of [...folders.keys()]) unwatch(dir);
      emit(root);
      sync();
    });

  let parent: FSWatcher | undefined;
  try {
    parent = watch(dirname(root), (_event, name) => {
      if (name === null || name === basename(root)) check();
    });
    parent.on('error', () => parent?.close());
  } catch {
    // The parent cannot be watched (e.g. `/`): the periodic check still sees the root come and go.
  }
  const timer = setInterval(check, checkEveryMs);
  timer.unref();
  serial(async () => {
    identity = await identityOf(root);
  });
  sync();

  return {
    ready: () => queue,
    close: () => {
      closed = true;
      clearInterval(timer);
      parent?.close();
      for (const dir of [...folders.keys()]) unwatch(dir);
    },
  };
}
