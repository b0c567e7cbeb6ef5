/**
 * One build at a time per output folder: two builds writing the same _site/ would mix their
 * files. The lock is a file next to the output, holding the owner's pid and a token.
 *
 * Taken atomically: the content is written to a file of our own first, then hard-linked to
 * the lock's name (link fails if the name exists), so nobody ever reads a half-written lock.
 * A lock left by a dead process is taken over through a claim on that very lock: a file
 * named after its token, created exclusively, so of N processes that find the same stale lock
 * exactly one removes it (the others then race for the free name with link, and one wins).
 * Removing and re-checking without a claim let 2 to 4 of 6 simultaneous takers in.
 */
import { randomBytes, createHash } from 'node:crypto';
import { link, open, readFile, rm, writeFile } from 'node:fs/promises';
import { CompendiumError } from '../errors.ts';
import { alive } from './atomic.ts';

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

export interface Lock {
  path: string;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  since: string;
  token?: string;
}

const parseOwner = (text: string): Owner => {
  try {
    const owner = JSON.parse(text) as Owner;
    return typeof owner.pid === 'number' ? owner : { pid: 0, since: new Date().toISOString() };
  } catch {
    return { pid: 0, since: new Date().toISOString() };
  }
};

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/** Removes a stale lock whose content is `stale`, if no one else is removing it. */
async function takeOver(path: string, stale: string): Promise<void> {
  const claim = `${path}.reprise-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  let handle;
  try {
    handle = await open(claim, 'wx');
  } catch (err) {
    if (code(err) !== 'EEXIST') throw err;
    // Someone is taking it over. A claim whose owner died (a crash in this very step) is
    // cleared, and the whole dance starts again.
    const holder = parseOwner(await readFile(claim, 'utf8').catch(() => ''));
    if (holder.pid && !alive(holder.pid)) await rm(claim, { force: true });
    else await new Promise((done) => setTimeout(done, 20));
    return;
  }
  try {
    await handle.writeFile(JSON.stringify({ pid: process.pid }));
    await handle.close();
    // Re-read under the claim: only a holder of this claim removes this content.
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === stale) await rm(path, { force: true });
  } finally {
    await rm(claim, { force: true });
  }
}

export async function acquireLock(path: string): Promise<Lock> {
  const token = randomBytes(8).toString('hex');
  const mine = `${path}.${process.pid}-${token}`;
  await writeFile(mine, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), token }));
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await link(mine, path);
        let released = false;
        return {
          path,
          release: async () => {
            if (released) return;
            released = true;
            // Only our own lock: never one another process took over meanwhile.
            const now = await readFile(path, 'utf8').catch(() => '');
            if (parseOwner(now).token === token) await rm(path, { force: true });
          },
        };
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
      }
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // released meanwhile: try again
      const owner = parseOwner(text);
      if (owner.pid && alive(owner.pid)) throw new BuildLockedError(path, owner.pid, new Date(owner.since));
      await takeOver(path, text);
    }
    throw new BuildLockedError(path, 0, new Date());
  } finally {
    await rm(mine, { force: true });
  }
}
