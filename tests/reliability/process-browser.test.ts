/**
 * Issue 11, item 4: browser faults fail fast and clearly. A CHROME_PATH that is a folder, not
 * executable or not a browser, a browser that never answers, a renderer that freezes: a French
 * error naming the browser's path and the stage, and no process left behind. (A folder gave an
 * unhandled « spawn EACCES » with a stack; a silent browser two 180 s timeouts, the process
 * lingering to 9 minutes; a frozen renderer 198 s.)
 */
import { chmod, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BrowserFrozenError, BrowserLaunchError, BrowserNotFoundError } from '../../src/browser/errors.ts';
import { findChrome } from '../../src/browser/find-chrome.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { renderPrint } from '../../src/print/render.ts';
import { printFixtureFolder } from '../print/pdf-helpers.ts';
import { leftBehind, makeWork, runCli, STACK } from './support/process.ts';

const browser = suite('browser faults');

/** A fake browser: a shell script in a folder of its own. */
async function fake(name: string, body: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-fake-browser-'));
  const path = join(dir, name);
  await writeFile(path, body);
  await chmod(path, 0o755);
  return { dir, path };
}

const asBrowser = (path: string) => ({ browser: { executablePath: path, kind: 'chrome' as const, source: 'CHROME_PATH' as const }, timeoutMs: 3_000 });

browser('CHROME_PATH that is a folder, a file without the x bit, a device: named in French before anything is spawned', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-not-browser-'));
  const plain = join(dir, 'chromium');
  await writeFile(plain, 'pas un programme');
  await chmod(plain, 0o644);
  await mkdir(join(dir, 'chromium-dossier'));
  for (const [path, reason] of [
    [join(dir, 'chromium-dossier'), 'c’est un dossier, pas le programme du navigateur (par exemple /usr/bin/chromium)'],
    [plain, 'le fichier n’est pas exécutable'],
    ['/dev/null', 'ce n’est pas un fichier ordinaire'],
  ] as const) {
    const error = await findChrome({ env: { CHROME_PATH: path } }).catch((e: unknown) => e);
    assert.instance(error, BrowserNotFoundError, path);
    assert.match((error as Error).message, `CHROME_PATH indique «\u00A0${path}\u00A0», mais ${reason}.`);
    // A browser may well be installed: the fix is the variable, not an install.
    assert.match((error as Error).message, 'Donnez à CHROME_PATH le chemin complet du programme du navigateur, par exemple CHROME_PATH=/usr/bin/chromium', path);
    assert.not.match((error as Error).message, /Installez Chromium/, path);
  }
});

browser('the real command with CHROME_PATH set to a folder: exit 1, one French error, no stack, no unhandled event', async () => {
  const w = makeWork('chrome-folder');
  const r = await runCli(['pdf', '--sortie', 'livrets', 'data'], { cwd: w.dir, env: { CHROME_PATH: w.tmp } });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, `CHROME_PATH indique «\u00A0${w.tmp}\u00A0», mais c’est un dossier`);
  assert.match(r.stderr, 'ou supprimez la variable (unset CHROME_PATH)');
  assert.not.match(r.stderr, /Installez Chromium/);
  assert.not.match(r.stderr, STACK);
  assert.not.match(r.stderr, /Unhandled|EACCES|erreur inattendue/);
});

browser('a browser that never answers (sleeps), and one that prints its DevTools line then hangs: French error naming it and the stage, nothing left', async () => {
  for (const [name, body] of [
    ['silencieux', '#!/bin/sh\nsleep 9871\n'],
    ['devtools', '#!/bin/sh\necho "DevTools listening on ws://127.0.0.1:9222/devtools/browser/x" >&2\nsleep 9872\n'],
  ] as const) {
    const { dir, path } = await fake(name, body);
    const error = await launchBrowser(asBrowser(path)).catch((e: unknown) => e);
    assert.instance(error, BrowserLaunchError, name);
    assert.is(
      (error as Error).message,
      `Le navigateur n’a pas pu démarrer (${path}).\nIl ne répond pas après 3\u00A0s (étape «\u00A0Démarrage du navigateur\u00A0»)\u00A0: est-ce bien Chromium ou Chrome\u00A0? Indiquez un autre navigateur dans CHROME_PATH, ou laissez compendium le trouver.`,
    );
    assert.equal(await leftBehind(dir), [], `${name}: the script is gone`);
    assert.equal(await leftBehind(name === 'silencieux' ? 'sleep 9871' : 'sleep 9872'), [], `${name}: its child is gone`);
  }
});

browser('a program that is not a browser (exits at once, or is not even a program): said in French, tried twice', async () => {
  for (const [name, body] of [
    ['bonjour', '#!/bin/sh\necho bonjour\n'],
    ['binaire', 'garbage\u0000\u0001'],
  ] as const) {
    const { dir, path } = await fake(name, body);
    const error = await launchBrowser(asBrowser(path)).catch((e: unknown) => e);
    assert.instance(error, BrowserLaunchError, name);
    assert.match((error as Error).message, `Le navigateur n’a pas pu démarrer (${path}).\nIl s’est arrêté aussitôt lancé`);
    assert.equal(await leftBehind(dir), []);
  }
});

/** Live processes in the process group `group` whose command line contains `needle`. */
function inGroup(group: number, needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , , pgrp] = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== group || state === 'Z') continue; // a zombie has no memory and is reaped soon
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) found.push(Number(name));
    } catch {
      // Gone.
    }
  }
  return found;
}

browser('a renderer that freezes during pagination: BrowserFrozenError naming the browser and « Mise en page », browser killed', async () => {
  const dir = await printFixtureFolder();
  const session = await launchBrowser();
  const group = session.browser.process()!.pid!;
  const path = session.found.executablePath;
  let stopped: number[] = [];
  try {
    const error = await renderPrint({
      input: join(dir, 'brochure.html'),
      metadata: { title: 'Essai', author: 'Département de la Moselle' },
      session,
      timeouts: { frozen: 3_000 },
      onProgress: ({ stage }) => {
        if (stage !== 'paginate' || stopped.length) return;
        stopped = inGroup(group, '--type=renderer');
        for (const pid of stopped) process.kill(pid, 'SIGSTOP');
      },
    }).catch((e: unknown) => e);
    assert.ok(stopped.length > 0, 'a renderer was frozen');
    assert.instance(error, BrowserFrozenError);
    assert.is((error as Error).message, `Le navigateur (${path}) ne répond plus depuis 3\u00A0s, à l’étape «\u00A0Mise en page\u00A0». Il a été arrêté. Relancez\u00A0; si cela se reproduit, essayez un autre navigateur (CHROME_PATH).`);
  } finally {
    await session.close();
  }
  for (let i = 0; i < 50 && inGroup(group, '').length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(inGroup(group, ''), [], 'no process of that browser left');
});

browser.run();
