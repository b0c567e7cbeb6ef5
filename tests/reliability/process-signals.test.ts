/**
 * Issue 11, item 3: SIGINT or SIGTERM at any stage of a real build ends with exit 130 or 143,
 * one French line and no stack trace; the staging folder, the lock, the browser, Ghostscript,
 * Pagefind and the temporary files are gone; the previous output is byte-identical. The stage
 * is read from the build's progress lines. A site stage interrupted 0.3 to 0.6 s in used to
 * end in ENOTEMPTY (a removal racing Eleventy's writes) with a Node stack, 6 runs in 17.
 */
import { readdirSync, renameSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checksums } from '../helpers/checksums.ts';
import { leftBehind, makeWork, processesIn, runCli, startCli, STACK, waitFor } from './support/process.ts';

const signals = suite('signals at each stage of a real build');

const EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

async function interrupt(name: string, args: string[], stage: RegExp, signal: NodeJS.Signals, delayMs = 0): Promise<void> {
  const w = makeWork(`signal-${name}`);
  const before = checksums(w.out);
  const run = startCli(['build', ...args, '--sortie', '_site', 'data'], { cwd: w.dir, env: { TMPDIR: w.tmp } });
  await waitFor(run.output, stage, `${name}: the stage`);
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  run.child.kill(signal);
  const r = await run.done;
  const what = `${name} (${signal}${delayMs ? ` +${delayMs} ms` : ''})`;
  assert.is(r.code, EXIT[signal], `${what}: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  assert.is(last, 'compendium build : construction interrompue : le site publié précédemment est resté intact.', `${what}: ${r.stderr}`);
  assert.not.match(r.stderr, STACK, `${what}: no stack trace`);
  assert.not.match(r.stderr, /ENOTEMPTY|erreur inattendue/, what);
  assert.equal(checksums(w.out), before, `${what}: previous output byte for byte`);
  assert.equal(readdirSync(w.dir).sort(), ['_site', 'data', 'tmp'], `${what}: no staging folder, no lock`);
  assert.equal(await leftBehind(w.tmp), [], `${what}: no browser or Ghostscript left`);
  assert.equal(processesIn(w.dir), [], `${what}: no process started by the build left (Pagefind…)`);
  // tsx keeps its compile cache there (tsx-0): not ours.
  assert.equal(readdirSync(w.tmp).filter((f) => !f.startsWith('tsx-')), [], `${what}: temporary files removed`);
}

signals('validation, SIGINT', () => interrupt('validation', ['--sans-pdf'], /Vérification des données…/, 'SIGINT'));
signals('pagination in Chromium, SIGHUP', () => interrupt('paginate', [], /Mise en page/, 'SIGHUP'));
signals('site while Ghostscript converts, SIGTERM', () => interrupt('site-pdfx', [], /Construction du site…/, 'SIGTERM'));
for (const [delay, signal] of [[300, 'SIGINT'], [700, 'SIGTERM']] as const) {
  signals(`site (Eleventy, Pagefind) after ${delay} ms, ${signal}`, () => interrupt(`site-${delay}`, ['--sans-pdf'], /Construction du site…/, signal, delay));
}

signals('a build killed between the two renames of the publication: any next command puts the previous output back', async () => {
  const w = makeWork('publish');
  const before = checksums(w.out);
  // What a build killed after its first rename leaves: no output, the previous one aside,
  // its staging folder (pid 999999 does not exist).
  renameSync(w.out, join(w.dir, '._site.old-999999'));
  mkdirSync(join(w.dir, '._site.staging-999999'));
  writeFileSync(join(w.dir, '._site.staging-999999', 'index.html'), 'nouveau');
  const r = await runCli(['validate', 'data'], { cwd: w.dir });
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(w.out), 'restored');
  assert.equal(checksums(w.out), before, 'previous output byte for byte');
  assert.equal(readdirSync(w.dir).sort(), ['_site', 'data', 'tmp'], 'leftovers swept');
});

signals('a killed publication then a failing build: the previous output is restored, not deleted', async () => {
  const w = makeWork('publish-fail');
  const before = checksums(w.out);
  renameSync(w.out, join(w.dir, '._site.old-999999'));
  writeFileSync(join(w.data, 'projets', 'casse.yaml'), 'id: casse\nannee: 2O22\n');
  const r = await runCli(['build', '--sans-pdf', '--sortie', 'sortie/../_site', 'data'], { cwd: w.dir });
  assert.is(r.code, 1, r.stderr);
  assert.equal(checksums(w.out), before, 'previous output byte for byte');
  assert.equal(readdirSync(w.dir).sort(), ['_site', 'data', 'tmp']);
});

signals.run();
