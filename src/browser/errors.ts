/**
 * Errors of the browser layer. Messages are in French (editors and the lead read them in the
 * terminal); each error keeps its `cause` so a failed launch still shows Chromium's own words.
 */
import { CompendiumError } from '../errors.ts';

/** No usable Chromium/Chrome was found; `tried` lists every place looked at, in order. */
export class BrowserNotFoundError extends CompendiumError {
  constructor(
    readonly tried: readonly string[],
    reason?: string,
    options?: { cause?: unknown },
  ) {
    const lines = [
      reason ?? 'Aucun navigateur Chromium ou Chrome n’a été trouvé pour produire le PDF.',
      'Emplacements essayés\u00A0:',
      ...tried.map((place) => `  – ${place}`),
      'Installez Chromium\u00A0: sudo apt-get install chromium, ou indiquez son chemin dans CHROME_PATH.',
    ];
    super('BROWSER_NOT_FOUND', lines.join('\n'), options);
  }
}

/** The browser was found but would not start (or crashed at start twice in a row). */
export class BrowserLaunchError extends CompendiumError {
  constructor(
    readonly executablePath: string,
    options?: { cause?: unknown },
  ) {
    const detail = options?.cause instanceof Error ? `\n${options.cause.message}` : '';
    super('BROWSER_LAUNCH_FAILED', `Le navigateur n’a pas pu démarrer (${executablePath}).${detail}`, options);
  }
}

/** The browser (or the tab printing) died while it worked: killed, out of memory, crashed. */
export class BrowserCrashError extends CompendiumError {
  constructor(options?: { cause?: unknown }) {
    const detail = options?.cause instanceof Error ? `\u00A0: ${options.cause.message}` : '.';
    super('BROWSER_CRASHED', `Le navigateur s’est arrêté pendant la production du PDF${detail}`, options);
  }
}
