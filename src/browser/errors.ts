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
    options?: { cause?: unknown; fix?: string },
  ) {
    const lines = [
      reason ?? 'Aucun navigateur Chromium ou Chrome n’a été trouvé pour produire le PDF.',
      'Emplacements essayés\u00A0:',
      ...tried.map((place) => `  – ${place}`),
      // A browser is there but CHROME_PATH names the wrong thing: installing one would not help.
      options?.fix ?? 'Installez Chromium\u00A0: sudo apt-get install chromium, ou indiquez son chemin dans CHROME_PATH.',
    ];
    super('BROWSER_NOT_FOUND', lines.join('\n'), options);
  }
}

/** The browser was found but would not start (crashed at start twice in a row, or never answered). */
export class BrowserLaunchError extends CompendiumError {
  constructor(
    readonly executablePath: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('BROWSER_LAUNCH_FAILED', `Le navigateur n’a pas pu démarrer (${executablePath}).\n${reason.charAt(0).toUpperCase()}${reason.slice(1)} Indiquez un autre navigateur dans CHROME_PATH, ou laissez compendium le trouver.`, options);
  }
}

/** The browser stopped answering (a frozen renderer, a stopped process) while it worked. */
export class BrowserFrozenError extends CompendiumError {
  constructor(
    readonly executablePath: string,
    readonly stage: string,
    seconds: number,
    options?: { cause?: unknown },
  ) {
    super('BROWSER_FROZEN', `Le navigateur (${executablePath}) ne répond plus depuis ${seconds}\u00A0s, à l’étape «\u00A0${stage}\u00A0». Il a été arrêté. Relancez\u00A0; si cela se reproduit, essayez un autre navigateur (CHROME_PATH).`, options);
  }
}

/** The browser (or the tab printing) died while it worked: killed, out of memory, crashed. */
export class BrowserCrashError extends CompendiumError {
  constructor(options?: { cause?: unknown }) {
    const detail = options?.cause instanceof Error ? `\u00A0: ${options.cause.message}` : '.';
    super('BROWSER_CRASHED', `Le navigateur s’est arrêté pendant la production du PDF${detail}`, options);
  }
}
