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
 * - where the system refuses a watch (the inotify limit), that root is polled every second
 *   (and every root, with `poll`: network shares, where the system's watches see nothing).
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
  /** Poll from the start (folders where the system's watches do not work, such as network shares). */
  poll?: boolean;
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

/** Each file of the tree with what changes when it does: type, size, time, inode. */
async function snapshotOf(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const dir of await foldersOf(root)) {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, e.name);
      const s = await stat(path).catch(() => undefined);
      files.set(path, s ? `${s.isFile() ? 'f' : 'o'}|${s.size}|${s.mtimeMs}|${s.ino}` : 'x');
    }
  }
  return files;
}

const identityOf = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (s) => (s.isDirectory() ? `${s.dev}:${s.ino}` : undefined),
    () => undefined,
  );

/** Watches each root folder's tree; calls `onChange` with the path of each file that changed. */
export function watchTrees(roots: string[], onChange: (path: string) => void, options: WatchOptions = {}): TreeWatcher {
  const trees = roots.map((root) => watchTree(root, onChange, options.checkEveryMs ?? 1000, options.poll ?? false));
  return { ready: async () => void (await Promise.all(trees.map((t) => t.ready()))), close: () => trees.forEach((t) => t.close()) };
}

function watchTree(root: string, onChange: (path: string) => void, checkEveryMs: number, poll: boolean): TreeWatcher {
  const folders = new Map<string, FSWatcher>();
  let identity: string | undefined;
  let polled: Map<string, string> | undefined;
  let polling = poll;
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
    // Whatever changed before the first poll is not known: look at everything again.
    emit(root);
  };

  /** Has the root itself gone, come back or been replaced? Then watch it afresh. */
  const check = (): void =>
    serial(async () => {
      if (closed) return;
      const now = await identityOf(root);
      if (polling) {
        const files = now ? await snapshotOf(root) : new Map<string, string>();
        if (polled) {
          for (const [path, facts] of files) if (polled.get(path) !== facts) emit(path);
          for (const path of polled.keys()) if (!files.has(path)) emit(path);
          if ((now === undefined) !== (identity === undefined)) emit(root);
        }
        identity = now;
        polled = files;
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
    if (polling) polled = identity ? await snapshotOf(root) : new Map();
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
