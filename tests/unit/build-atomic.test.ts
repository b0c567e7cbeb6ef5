import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { stage } from '../../src/build/atomic.ts';
import { acquireLock, BuildLockedError } from '../../src/build/lock.ts';
import { build } from '../../src/build/pipeline.ts';
import { InvalidDataError } from '../../src/errors.ts';
import { dataWith } from '../helpers/data.ts';

const atomic = suite('atomic output and lock');

function previousOutput(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'compendium-out-'));
  const out = join(parent, '_site');
  mkdirSync(join(out, 'pdf'), { recursive: true });
  writeFileSync(join(out, '.compendium-sortie'), ''); // written by compendium: it may be replaced
  writeFileSync(join(out, 'index.html'), '<p>édition précédente</p>');
  writeFileSync(join(out, 'pdf/brochure.pdf'), Buffer.from([1, 2, 3]));
  return { parent, out };
}

atomic('commit replaces the output; abort leaves it untouched', async () => {
  const { parent, out } = previousOutput();
  const s1 = await stage(out);
  writeFileSync(join(s1.dir, 'index.html'), 'brouillon');
  await s1.abort();
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), '<p>édition précédente</p>');
  assert.equal(readdirSync(parent), ['_site'], 'no staging folder left');

  const s2 = await stage(out);
  writeFileSync(join(s2.dir, 'index.html'), 'nouvelle');
  await s2.commit();
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'nouvelle');
  assert.not.ok(existsSync(join(out, 'pdf/brochure.pdf')), 'stale files do not survive');
  assert.equal(readdirSync(parent), ['_site']);
});

atomic('a second build on the same output is refused with a French message', async () => {
  const { out } = previousOutput();
  const lock = await acquireLock(`${out}.lock`);
  try {
    await acquireLock(`${out}.lock`).then(
      () => assert.unreachable('second lock acquired'),
      (err: unknown) => {
        assert.instance(err, BuildLockedError);
        assert.match((err as Error).message, /^une autre construction est en cours dans ce dossier \(processus \d+, depuis \d\d:\d\d\)/);
      },
    );
  } finally {
    await lock.release();
  }
});

atomic('a lock left by a dead process is taken over', async () => {
  const { out } = previousOutput();
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  writeFileSync(`${out}.lock`, JSON.stringify({ pid: child.pid, since: new Date().toISOString() }));
  const lock = await acquireLock(`${out}.lock`);
  await lock.release();
  assert.not.ok(existsSync(`${out}.lock`));
});

atomic('a build with invalid data leaves the previous output byte for byte', async () => {
  const { parent, out } = previousOutput();
  const data = dataWith({ 'projets/graoucoop.yaml': 'id: graoucoop\nannee: 2O22\n' });
  await build({ dataDir: data, outDir: out, pdf: false }).then(
    () => assert.unreachable('the build should fail'),
    (err: unknown) => assert.instance(err, InvalidDataError),
  );
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), '<p>édition précédente</p>');
  assert.equal([...readFileSync(join(out, 'pdf/brochure.pdf'))], [1, 2, 3]);
  assert.equal(readdirSync(parent).sort(), ['_site'], 'no staging folder, no lock left');
});

atomic.run();
