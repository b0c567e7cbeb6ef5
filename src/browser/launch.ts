/**
 * Starts a headless Chromium for printing and guarantees it goes away: `close()` asks politely,
 * then kills the whole process group, then removes the throw-away profile.
 *
 * A start has its own deadline (LAUNCH_TIMEOUT_MS): a CHROME_PATH that never answers on its
 * DevTools pipe used to wait for two protocol timeouts of 180 s and leave its processes behind.
 * Whatever was started with our profile is killed, process group and all, and the error says
 * which program did not answer. Only a browser that died at once is tried a second time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BrowserLaunchError } from './errors.ts';
import { findChrome, type FoundBrowser } from './find-chrome.ts';

/**
 * Flags every launch gets. This machine (and CI) has no network but the package registries:
 * without the `--disable-*` network flags Chromium keeps retrying refused connections and can
 * hang at start. `--generate-pdf-document-outline` and `--export-tagged-pdf` make page.pdf()'s
 * `outline`/`tagged` options effective (puppeteer 24 adds them too; we do not rely on that).
 * Fewer processes for a printing browser that needs no GPU, no sandbox and one origin: no zygote
 * (it needs the sandbox anyway), the GPU and network services in the browser process. About
 * 300 MB less for Chromium as a whole (bench/README.md), where the brochure of 5 000 projects
 * must stay under 2 GB.
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--no-zygote',
  '--in-process-gpu',
  '--enable-features=NetworkServiceInProcess2',
  '--generate-pdf-document-outline',
  '--export-tagged-pdf',
] as const;

/** How long a start may take: a few seconds here, ten times that on a loaded CI runner. */
export const LAUNCH_TIMEOUT_MS = 30_000;

export interface LaunchOptions {
  /** A browser already found; otherwise `findChrome()` is called. */
  browser?: FoundBrowser;
  /** How long the start may take, in ms (default LAUNCH_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Timeout of each DevTools call, in ms (default 180 000: page.pdf of a long book is slow). */
  protocolTimeoutMs?: number;
  extraArgs?: readonly string[];
}

export interface BrowserSession {
  browser: Browser;
  found: FoundBrowser;
  /** Closes the browser, kills what is left of its processes, removes its profile. Never throws. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  // puppeteer spawns Chromium detached (its own process group) on POSIX: a negative pid
  // reaches the renderers and the GPU/zygote helpers too, not only the main process.
  for (const target of process.platform === 'win32' ? [pid] : [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Kills every process started with this profile, and their process groups (a wrapper script's
 * children do not carry the profile in their arguments, but share its group). Linux: /proc.
 */
function killByProfile(profile: string): void {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      killGroup(group > 1 && group !== process.pid ? group : undefined);
      killGroup(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
}

const removeFolders = async (...dirs: string[]): Promise<void> => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})));
};

/** The start took longer than allowed (not retried: a second wait would double the delay). */
class LaunchTimeout extends Error {}

async function startOnce(found: FoundBrowser, options: LaunchOptions): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'compendium-chrome-'));
  // Chromium's own temporary files (its shared memory, with --disable-dev-shm-usage) go in a
  // folder of their own, removed with the profile: a browser killed outright leaves them. Short
  // and beside the profile, not in it: Chromium's sockets there have a 108-byte path limit.
  const scratch = await mkdtemp(join(tmpdir(), 'cc-'));
  const timeoutMs = options.timeoutMs ?? LAUNCH_TIMEOUT_MS;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  const launching = puppeteer.launch({
    executablePath: found.executablePath,
    headless: found.kind === 'headless-shell' ? 'shell' : true,
    userDataDir: profile,
    args: [...CHROME_FLAGS, ...(options.extraArgs ?? [])],
    // A pipe, not a WebSocket: no port to open, and the pipe closes when Chromium dies.
    pipe: true,
    // Puppeteer's own limits are later than ours: ours kills what was started.
    timeout: timeoutMs + 10_000,
    protocolTimeout: options.protocolTimeoutMs ?? 180_000,
    defaultViewport: null,
    env: { ...process.env, TMPDIR: scratch },
  });
  try {
    browser = await Promise.race([
      launching,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new LaunchTimeout(`no answer after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    killByProfile(profile);
    // A browser that answers just after the deadline is closed too.
    void launching.then((late) => late.close(), () => {});
    await removeFolders(profile, scratch);
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const launched = browser;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const pid = launched.process()?.pid;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          launched.close(),
          new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error('close timeout')), CLOSE_GRACE_MS);
          }),
        ]);
      } catch {
        // Fall through to the kill: a hung browser must not keep the build (or a test) alive.
      } finally {
        clearTimeout(timer);
        killGroup(pid);
        await removeFolders(profile, scratch);
      }
    })();
    return closing;
  };
  return { browser: launched, found, close };
}

/**
 * Launches Chromium with our flags and a fresh profile. A browser that crashes at start is
 * tried once more (it happens under memory pressure on CI), then a BrowserLaunchError is thrown.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const found = options.browser ?? (await findChrome());
  const seconds = Math.round((options.timeoutMs ?? LAUNCH_TIMEOUT_MS) / 1000);
  const failure = (error: unknown): BrowserLaunchError =>
    new BrowserLaunchError(
      found.executablePath,
      error instanceof LaunchTimeout
        ? `il ne répond pas après ${seconds}\u00A0s (étape «\u00A0Démarrage du navigateur\u00A0»)\u00A0: est-ce bien Chromium ou Chrome\u00A0?`
        : 'il s’est arrêté aussitôt lancé\u00A0: est-ce bien Chromium ou Chrome, et fonctionne-t-il sur cette machine\u00A0?',
      { cause: error },
    );
  try {
    return await startOnce(found, options);
  } catch (error) {
    if (error instanceof LaunchTimeout) throw failure(error);
    try {
      return await startOnce(found, options);
    } catch (retryError) {
      throw failure(retryError);
    }
  }
}

/** Runs `fn` with a fresh browser and closes it whatever happens. */
export async function withBrowser<T>(fn: (session: BrowserSession) => Promise<T>, options: LaunchOptions = {}): Promise<T> {
  const session = await launchBrowser(options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
