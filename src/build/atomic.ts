/**
 * Atomic output: a build writes into a staging folder beside the output and only replaces
 * the output when every stage succeeded. A failed, interrupted or killed build leaves the
 * previous output exactly as it was (the staging folder is removed, or ignored and cleaned
 * by the next build when the process was killed outright).
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface Staging {
  /** Where the stages write. */
  dir: string;
  /** Moves the staging folder into place (the old output is removed only after). */
  commit(): Promise<void>;
  /** Removes the staging folder; the output is untouched. */
  abort(): Promise<void>;
}

const prefix = (out: string): string => `.${basename(out)}.`;

/** Removes staging and old folders left by builds that were killed before cleaning up. */
async function sweep(out: string): Promise<void> {
  const parent = dirname(out);
  const names = await readdir(parent).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix(out)) && /\.(staging|old)-\d+$/.test(n))
      .filter((n) => {
        const pid = Number(/-(\d+)$/.exec(n)![1]);
        try {
          process.kill(pid, 0);
          return pid === process.pid;
        } catch {
          return true;
        }
      })
      .map((n) => rm(join(parent, n), { recursive: true, force: true })),
  );
}

export async function stage(out: string): Promise<Staging> {
  await sweep(out);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const dir = join(parent, `${prefix(out)}staging-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let done = false;
  return {
    dir,
    async commit() {
      if (done) return;
      done = true;
      const old = join(parent, `${prefix(out)}old-${process.pid}`);
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
        throw err;
      }
      if (hadOutput) await rm(old, { recursive: true, force: true });
    },
    async abort() {
      if (done) return;
      done = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
