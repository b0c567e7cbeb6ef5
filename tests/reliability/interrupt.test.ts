// A build killed in the middle of PDF rendering — politely (SIGTERM, Ctrl-C) or not
// (SIGKILL) — leaves the previous output byte for byte and no Chromium behind.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksums } from '../helpers/checksums.ts';
import { ROOT } from '../helpers/data.ts';
import { processesWith } from './support/process.ts';

const interrupt = suite('interrupted builds');

function setup(): { work: string; out: string; tmp: string; before: Record<string, string> } {
  const work = mkdtempSync(join(tmpdir(), 'compendium-interrupt-'));
  cpSync(join(ROOT, 'data'), join(work, 'data'), { recursive: true });
  const out = join(work, '_site');
  // A previous output: what the Département has published. Any content will do.
  mkdirSync(join(out, 'pdf'), { recursive: true });
  writeFileSync(join(out, '.compendium-sortie'), 'publié\n'); // written by compendium: it may be replaced
  writeFileSync(join(out, 'index.html'), '<!doctype html><title>Publié</title>');
  writeFileSync(join(out, 'pdf/innovation-sociale-moselle-2025-impression.pdf'), '%PDF-1.7 publié');
  const tmp = join(work, 'tmp');
  mkdirSync(tmp);
  return { work, out, tmp, before: checksums(out) };
}

async function killDuringPdf(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; work: string; out: string; tmp: string; before: Record<string, string> }> {
  const s = setup();
  // A TMPDIR of its own: the browser profile is created there, so its processes can be found.
  const child = spawn(process.execPath, [join(ROOT, 'bin/compendium.js'), 'build', '--sortie', s.out, join(s.work, 'data')], {
    cwd: s.work,
    env: { ...process.env, TMPDIR: s.tmp, CI: 'true' },
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PDF rendering never started:\n${stderr}`)), 120_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/Mise en page/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  assert.ok(processesWith(s.tmp).length > 0, 'Chromium is running when the build is killed');
  child.kill(signal);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Chromium notices its DevTools pipe closing; give it a moment to go.
  for (let i = 0; i < 50 && processesWith(s.tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return { code, stderr, ...s };
}

interrupt('SIGTERM during PDF rendering: exit 143, previous output intact, no Chromium left', async () => {
  const r = await killDuringPdf('SIGTERM');
  assert.is(r.code, 143, r.stderr);
  assert.match(r.stderr, 'construction interrompue : le site publié précédemment est resté intact.');
  assert.equal(checksums(r.out), r.before, 'previous output byte for byte');
  assert.equal(readdirSync(r.work).sort(), ['_site', 'data', 'tmp'], 'no staging folder, no lock');
  assert.equal(processesWith(r.tmp), [], 'no stray Chromium process');
});

interrupt('SIGKILL during PDF rendering: previous output intact, no Chromium left, next build cleans up', async () => {
  const r = await killDuringPdf('SIGKILL');
  assert.is(r.code, null);
  assert.equal(checksums(r.out), r.before, 'previous output byte for byte');
  assert.equal(processesWith(r.tmp), [], 'no stray Chromium process');
  // The killed build could not clean up: its staging folder and lock are left for the next build.
  const next = execFileSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'build', '--sans-pdf', '--sortie', r.out, join(r.work, 'data')], { cwd: r.work, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  assert.match(next, 'Construction terminée');
  assert.ok(existsSync(join(r.out, 'projets')));
  assert.equal(readdirSync(r.work).sort(), ['_site', 'data', 'tmp'], 'leftovers of the killed build were swept');
});

interrupt.run();
