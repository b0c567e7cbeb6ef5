/**
 * Chromium faults (issue 7): a browser killed while it paginates is replaced once and the build
 * succeeds; a render that times out or is killed leaves no Chromium process and no profile
 * behind; a missing browser is said in French, without a stack trace; and the same data with
 * the same SOURCE_DATE_EPOCH gives byte-identical PDFs, the PDF/X-3 variant included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPrint, type BuildPrintResult } from '../../src/print/build.ts';
import { PaginationTimeoutError } from '../../src/print/errors.ts';
import { ghostscriptVersion } from '../../src/print/pdfx.ts';
import { BUNDLED_DATA, ENV, ROOT, bundledBuild, tempDir } from './support/fixture.ts';

interface ChromeProcess {
  pid: number;
  ppid: number;
  /** The throw-away profile of its browser (src/browser/launch.ts). */
  profile: string;
}

/** Every running Chromium process started with a compendium profile, read from /proc. */
function chromeProcesses(): ChromeProcess[] {
  const found: ChromeProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const profile = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
      if (!profile?.includes('compendium-chrome-')) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(name), ppid, profile });
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/** The profiles of the browsers this test process launched (their main process is our child). */
const ourProfiles = (): string[] => chromeProcesses().flatMap((p) => (p.ppid === process.pid ? [p.profile] : []));

function assertGone(profiles: readonly string[]): void {
  assert.ok(profiles.length > 0, 'a browser was seen');
  for (const profile of profiles) {
    const left = chromeProcesses().filter((p) => p.profile === profile);
    assert.equal(left.map((p) => p.pid), [], `no process left for ${profile}`);
    assert.not.ok(existsSync(profile), `profile ${profile} removed`);
  }
}

const faults = suite('Chromium faults');

faults('a browser killed during pagination: the build starts a fresh one and succeeds; nothing of the first is left', async () => {
  const seen = new Set<string>();
  let killed: ChromeProcess | undefined;
  const lines: string[] = [];
  const result = await buildPrint({
    dataDir: BUNDLED_DATA,
    outDir: await tempDir('killed'),
    pdfx: false,
    env: ENV,
    onProgress: (line) => lines.push(line),
    onStage: ({ stage, pages }) => {
      if (stage !== 'paginate') return;
      for (const profile of ourProfiles()) seen.add(profile);
      if (killed || pages < 3) return;
      killed = chromeProcesses().find((p) => p.ppid === process.pid);
      if (killed) process.kill(killed.pid, 'SIGKILL');
    },
  });
  assert.ok(killed, 'the browser was killed while it paginated');
  assert.ok(lines.some((l) => l.startsWith('Le navigateur s’est arrêté')), `said so: ${lines.join(' | ')}`);
  assert.is(result.pageCount, (await bundledBuild()).pageCount, 'the whole brochure');
  assert.ok(result.screen.bytes > 0 && result.print.bytes > 0);
  assert.ok(seen.size >= 2, 'a second browser did the work');
  assertGone([...seen]);
});

faults('a pagination that times out fails in French and leaves no browser behind', async () => {
  const seen = new Set<string>();
  const error = await buildPrint({
    dataDir: BUNDLED_DATA,
    outDir: await tempDir('timeout'),
    pdfx: false,
    timeouts: { paginate: 400 },
    onStage: ({ stage }) => {
      if (stage === 'paginate') for (const profile of ourProfiles()) seen.add(profile);
    },
  }).catch((e: unknown) => e);
  assert.instance(error, PaginationTimeoutError);
  assert.match((error as Error).message, /^La mise en page n’est pas terminée après 0,4\u00A0s \(\d+\u00A0pages? composées?\)/);
  assertGone([...seen]);
});

faults('no browser: `compendium build` says where it looked and how to get one, without a stack trace', async () => {
  const out = await tempDir('no-browser');
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'build', '--sortie', join(out, 'site'), BUNDLED_DATA], {
    cwd: out,
    encoding: 'utf8',
    env: { ...process.env, CHROME_PATH: '/nulle/part/chromium', CI: 'true' },
    timeout: 120_000,
  });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stderr, /compendium build : CHROME_PATH indique «\u00A0\/nulle\/part\/chromium\u00A0», mais aucun exécutable ne s’y trouve\./);
  assert.match(run.stderr, /Emplacements essayés\u00A0:\n {2}– CHROME_PATH=\/nulle\/part\/chromium\n/);
  assert.match(run.stderr, /Installez Chromium\u00A0: sudo apt-get install chromium, ou indiquez son chemin dans CHROME_PATH\./);
  assert.not.match(run.stderr, /^\s+at /m, 'no stack trace');
  assert.not.ok(existsSync(join(out, 'site')), 'nothing published');
});

faults('reproducible: the same data and SOURCE_DATE_EPOCH give byte-identical print, screen and PDF/X-3 files', async () => {
  const first = await bundledBuild();
  const second: BuildPrintResult = await buildPrint({ dataDir: BUNDLED_DATA, outDir: await tempDir('again'), env: ENV });
  const same = async (a: string, b: string, what: string) => assert.ok(Buffer.from(await readFile(a)).equals(await readFile(b)), `${what}: same bytes`);
  await same(first.print.path, second.print.path, 'print');
  await same(first.screen.path, second.screen.path, 'screen');
  if (!(await ghostscriptVersion())) {
    if (process.env.CI) throw new Error('Ghostscript is required in CI (apt-get install -y ghostscript)');
    return;
  }
  assert.ok(first.pdfx && second.pdfx, 'both made the PDF/X-3 variant');
  await same(first.pdfx?.path ?? '', second.pdfx?.path ?? '', 'PDF/X-3');
});

faults.run();
