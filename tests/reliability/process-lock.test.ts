/**
 * Issue 11, item 3: the lock is taken atomically. With a lock left by a dead build, N real
 * processes started together all try to take it: exactly one wins, the others are told in
 * French who holds it. (Removing the stale lock and creating a new one let 2 to 4 of 6 in.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/data.ts';

const lock = suite('lock taken by concurrent processes');

const TAKERS = 6;

/**
 * A process that waits until all are loaded, tries the lock and says whether it got it; a winner holds the
 * lock until every taker has tried (a file each in `tried`), so two winners are two at once.
 */
const TAKER = `
import { readdirSync, writeFileSync } from 'node:fs';
const { acquireLock } = await import(${JSON.stringify(join(ROOT, 'src/build/lock.ts'))});
const [path, ready, tried, takers] = process.argv.slice(-4);
// All start together: each says it is ready, and waits until all are.
writeFileSync(ready + '/' + process.pid, '');
while (readdirSync(ready).length < Number(takers)) await new Promise((r) => setTimeout(r, 1));
let held;
try {
  held = await acquireLock(path);
  console.log('WON');
} catch (err) {
  console.log(err.code === 'BUILD_LOCKED' ? 'LOCKED ' + err.message : 'ERROR ' + err.stack);
}
writeFileSync(tried + '/' + process.pid, '');
for (let i = 0; held && i < 3000 && readdirSync(tried).length < Number(takers); i++) await new Promise((r) => setTimeout(r, 10));
await held?.release();
`;

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

async function round(dir: string, stale: string | undefined): Promise<string[]> {
  const path = join(dir, '_site.lock');
  const tried = mkdtempSync(join(tmpdir(), 'compendium-lock-tried-'));
  if (stale !== undefined) writeFileSync(path, stale);
  const ready = mkdtempSync(join(tmpdir(), 'compendium-lock-ready-'));
  const outputs = await Promise.all(
    Array.from({ length: TAKERS }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', TAKER, path, ready, tried, String(TAKERS)], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return new Promise<string>((resolve) => child.on('close', () => resolve(out.trim())));
    }),
  );
  return outputs;
}

lock('a stale lock (dead pid), 6 takers at once: exactly one wins', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-lock-'));
  const outputs = await round(dir, JSON.stringify({ pid: deadPid(), since: new Date().toISOString() }));
  assert.is(outputs.filter((o) => o === 'WON').length, 1, outputs.join('\n'));
  for (const o of outputs.filter((x) => x !== 'WON')) assert.match(o, /^LOCKED une autre construction est en cours dans ce dossier \(processus \d+/);
  assert.equal(readdirSync(dir), [], 'no lock, claim or temporary file left');
});

lock('a stale lock from an older version (empty file): exactly one wins', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-lock-'));
  const outputs = await round(dir, '');
  assert.is(outputs.filter((o) => o === 'WON').length, 1, outputs.join('\n'));
  assert.equal(readdirSync(dir), []);
});

lock.run();
