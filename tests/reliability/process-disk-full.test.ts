/**
 * Issue 11, item 3: a disk that fills up during a build — while Eleventy writes the pages and
 * copies the assets, or while the search index is written — ends in one French message, no
 * Rust backtrace (Pagefind panicked) and no TemplatePassthroughManagerCopyError, and the
 * staging folder is removed so the space is free again. The disk is a real tmpfs of a few
 * hundred kilobytes: mounted as root, or in a user namespace where unprivileged (CI runners).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, makeWork, STACK } from './support/process.ts';

const full = suite('disk full');

/** Runs `compendium build` with its output on a tmpfs of `sizeKb`; returns the result and what the disk holds after. */
function buildOnTinyDisk(sizeKb: number, command = 'build --sans-pdf'): { code: number | null; stderr: string; left: string[]; inside: string[]; before: Record<string, string>; after: Record<string, string>; freeAfter: number; total: number } {
  const w = makeWork('disk-full');
  const disk = mkdtempSync(join(tmpdir(), 'compendium-tmpfs-'));
  // The whole run happens inside the mount: as root directly, otherwise in a user namespace.
  const script = `
    set -e
    mount -t tmpfs -o size=${sizeKb}k tmpfs '${disk}'
    mkdir '${disk}/_site' && printf 'publié' > '${disk}/_site/index.html' && printf '' > '${disk}/_site/.compendium-sortie'
    sha256sum '${disk}/_site/index.html' > '${w.dir}/before.txt'
    set +e
    '${process.execPath}' '${CLI}' ${command} --sortie '${disk}/_site' '${w.data}' 2> '${w.dir}/stderr.txt'
    echo $? > '${w.dir}/code.txt'
    ls -A '${disk}' > '${w.dir}/left.txt'
    ls -A '${disk}/_site' > '${w.dir}/inside.txt'
    sha256sum '${disk}/_site/index.html' > '${w.dir}/after.txt'
    df -k --output=avail,size '${disk}' | tail -1 > '${w.dir}/df.txt'
    umount '${disk}'
  `;
  const asRoot = process.getuid?.() === 0;
  const r = asRoot ? spawnSync('sh', ['-c', script], { encoding: 'utf8', cwd: w.dir, env: { ...process.env, CI: 'true' } }) : spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], { encoding: 'utf8', cwd: w.dir, env: { ...process.env, CI: 'true' } });
  assert.is(r.status, 0, `the tmpfs could be mounted (root, or unshare --user --mount): ${r.stderr}`);
  const read = (f: string): string => execFileSync('cat', [join(w.dir, f)], { encoding: 'utf8' });
  const [free, total] = read('df.txt').trim().split(/\s+/).map(Number);
  rmSync(disk, { recursive: true, force: true });
  return {
    code: Number(read('code.txt').trim()),
    stderr: read('stderr.txt'),
    left: read('left.txt').trim().split('\n'),
    inside: read('inside.txt').trim().split('\n'),
    before: { index: read('before.txt').split(' ')[0]! },
    after: { index: read('after.txt').split(' ')[0]! },
    freeAfter: free!,
    total: total!,
  };
}

function assertCleanFailure(r: ReturnType<typeof buildOnTinyDisk>, stage: string, command = 'build', kept = 'le site publié précédemment est resté intact.'): void {
  assert.is(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.is(lines.at(-1), `compendium ${command} : le disque est plein (étape «\u00A0${stage}\u00A0»)\u00A0: libérez de la place, puis relancez. Les fichiers commencés ont été supprimés\u00A0; ${kept}`, r.stderr);
  assert.not.match(r.stderr, STACK, 'no stack trace');
  assert.not.match(r.stderr, /panicked|RUST_BACKTRACE|TemplatePassthroughManagerCopyError|ENOSPC/, 'no foreign error');
  assert.equal(r.left, ['_site'], 'no staging folder, no lock on the disk');
  assert.equal(r.after, r.before, 'previous output intact');
  assert.not.ok(r.inside.some((f) => f.endsWith('.tmp')), `no half-written file: ${r.inside.join(' ')}`);
  // The disk is as free as before the build (the previous output is a few bytes).
  if (command === 'build') assert.ok(r.total - r.freeAfter <= 16, `space freed: ${r.total - r.freeAfter} kB still used`);
}

full('full while Eleventy writes the pages and copies the assets', () => {
  assertCleanFailure(buildOnTinyDisk(200), 'site');
});

full('full while the search index is written (Pagefind used to panic with a Rust backtrace)', () => {
  // The site without its index is about 600 kB here, the index 740 kB.
  const r = buildOnTinyDisk(900);
  assertCleanFailure(r, 'site');
});

full('full while a booklet’s PDFs are written (compendium pdf, into a folder of ours)', () => {
  // The print PDF of the fixture is about 60 kB: it fits, the screen PDF does not.
  const r = buildOnTinyDisk(100, 'pdf --territoire metz-orne');
  assertCleanFailure(r, 'PDF', 'pdf', 'aucun PDF inachevé n’a été laissé.');
});

full.run();
