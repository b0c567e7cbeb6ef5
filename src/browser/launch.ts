/**
 * Starts a headless Chromium for printing and guarantees it goes away: `close()` asks politely,
 * then kills the whole process group, then removes the throw-away profile.
 */
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

export interface LaunchOptions {
  /** A browser already found; otherwise `findChrome()` is called. */
  browser?: FoundBrowser;
  /** How long the start may take, in ms (default 30 000). */
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

async function startOnce(found: FoundBrowser, options: LaunchOptions): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'compendium-chrome-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: found.executablePath,
      headless: found.kind === 'headless-shell' ? 'shell' : true,
      userDataDir: profile,
      args: [...CHROME_FLAGS, ...(options.extraArgs ?? [])],
      // A pipe, not a WebSocket: no port to open, and the pipe closes when Chromium dies.
      pipe: true,
      timeout: options.timeoutMs ?? 30_000,
      protocolTimeout: options.protocolTimeoutMs ?? 180_000,
      defaultViewport: null,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    throw error;
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
        await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
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
  try {
    return await startOnce(found, options);
  } catch {
    try {
      return await startOnce(found, options);
    } catch (error) {
      throw new BrowserLaunchError(found.executablePath, { cause: error });
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
