/**
 * Atomic output: a build writes into a staging folder beside the output and only replaces
 * the output when every stage succeeded. A failed, interrupted or killed build leaves the
 * previous output exactly as it was.
 *
 * Publishing is two renames (output → `.out.old-PID`, staging → output). A build killed
 * between them leaves no output, and its old folder is then the only copy of the previous
 * one: so an old folder of a dead process is never deleted while the output is missing, it
 * is put back (`recoverOutput`, run before every build, every `pdf` and every command on the
 * default output). With the output present, it is what is left of a finished publication and
 * goes, with the staging folders of killed builds.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { markOutput } from './output-path.ts';

export interface Staging {
  /** Where the stages write. */
  dir: string;
  /** Moves the staging folder into place (the old output is removed only after). */
  commit(): Promise<void>;
  /** Removes the staging folder; the output is untouched. Call it once every writer has stopped. */
  abort(): Promise<void>;
}

const prefix = (out: string): string => `.${basename(out)}.`;
const LEFTOVER = /\.(staging|old)-(\d+)$/;

/** Whether a process is alive (EPERM: alive, someone else's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a folder a build wrote. Retried: a folder another process was still writing into
 * a moment ago can fail once with ENOTEMPTY or EBUSY.
 */
export const removeTree = (path: string): Promise<void> => rm(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Puts back an output a killed build left between its two renames, and removes what killed
 * builds left beside it. Returns true when an output was restored.
 */
export async function recoverOutput(out: string): Promise<boolean> {
  const parent = dirname(out);
  const names = await readdir(parent).catch(() => [] as string[]);
  const dead = names.flatMap((name) => {
    const m = name.startsWith(prefix(out)) ? LEFTOVER.exec(name) : null;
    return m && !alive(Number(m[2])) ? [{ name, kind: m[1]! }] : [];
  });
  let restored = false;
  // The old folders first: one of them may be the only copy of the output.
  for (const { name } of dead.filter((d) => d.kind === 'old')) {
    if (!(await exists(out))) {
      await rename(join(parent, name), out);
      restored = true;
    } else {
      await removeTree(join(parent, name));
    }
  }
  for (const { name } of dead.filter((d) => d.kind !== 'old')) await removeTree(join(parent, name));
  return restored;
}

export async function stage(out: string): Promise<Staging> {
  await recoverOutput(out);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const base = prefix(out);
  const dir = join(parent, `${base}staging-${process.pid}`);
  const old = join(parent, `${base}old-${process.pid}`);
  await removeTree(dir);
  await mkdir(dir, { recursive: true });
  let done = false;
  return {
    dir,
    async commit() {
      if (done) return;
      done = true;
      await markOutput(dir);
      const hadOutput = await rename(out, old).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return false;
          throw err;
        },
      );
      try {
        await rename(dir, out);
      } catch (err) {
        if (hadOutput) await rename(old, out); // put the previous output back
        await removeTree(dir);
        throw err;
      }
      if (hadOutput) await removeTree(old);
    },
    async abort() {
      if (done) return;
      done = true;
      await removeTree(dir);
    },
  };
}
