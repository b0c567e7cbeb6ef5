import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BrowserLaunchError } from '../../src/browser/errors.ts';
import { launchBrowser } from '../../src/browser/launch.ts';

const launch = suite('launchBrowser');

launch('starts a headless Chromium and close() leaves no process and no profile behind', async () => {
  const session = await launchBrowser();
  const pid = session.browser.process()?.pid;
  const profile = session.browser.process()?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))?.slice(16);
  try {
    assert.match(await session.browser.version(), /Chrome/);
  } finally {
    await session.close();
  }
  assert.ok(pid, 'the browser had a process');
  assert.throws(() => process.kill(pid ?? 0, 0), /ESRCH/, 'the process is gone');
  assert.ok(profile && !existsSync(profile), 'the temporary profile is removed');
  await session.close(); // idempotent
});

launch('retries once a browser that dies at start, then throws BrowserLaunchError', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-fake-chrome-'));
  try {
    const fake = join(dir, 'chrome');
    const count = join(dir, 'count');
    await writeFile(fake, `#!/bin/sh\necho x >> '${count}'\nexit 1\n`);
    await chmod(fake, 0o755);
    const error = await launchBrowser({ browser: { executablePath: fake, kind: 'chrome', source: 'CHROME_PATH' }, timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    assert.instance(error, BrowserLaunchError);
    assert.is((error as BrowserLaunchError).code, 'BROWSER_LAUNCH_FAILED');
    assert.match((error as Error).message, new RegExp(`^Le navigateur n’a pas pu démarrer \\(${fake}\\)\\.`));
    assert.ok((error as Error).cause, 'keeps the cause');
    assert.is((await readFile(count, 'utf8')).trim().split('\n').length, 2, 'two attempts');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

launch.run();
