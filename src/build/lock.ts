/**
 * One build at a time per output folder: two builds writing the same _site/ would mix their
 * files. The lock is a file created exclusively next to the output, holding the owner's pid;
 * a lock left by a process that no longer exists (killed build) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { CompendiumError } from '../errors.ts';

export class BuildLockedError extends CompendiumError {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
    since: Date,
  ) {
    const at = since.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
    super('BUILD_LOCKED', `une autre construction est en cours dans ce dossier (processus ${pid}, depuis ${at}). Attendez qu’elle se termine, ou, si elle a été interrompue, supprimez ${lockPath}.`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  path: string;
  release(): Promise<void>;
}

export async function acquireLock(path: string): Promise<Lock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await handle.close();
      let released = false;
      return {
        path,
        release: async () => {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = await readFile(path, 'utf8').then(
        (t) => JSON.parse(t) as { pid: number; since: string },
        () => ({ pid: 0, since: new Date().toISOString() }),
      );
      if (owner.pid && alive(owner.pid)) throw new BuildLockedError(path, owner.pid, new Date(owner.since));
      await rm(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new BuildLockedError(path, 0, new Date());
}
