/**
 * Base class of every error compendium raises on purpose. Each carries a stable `code`
 * (for tests and for machines) and keeps its `cause`, so nothing is lost when an error is
 * re-thrown with more context. Messages are in French: editors read them.
 */
export class CompendiumError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The data set has errors: the build must stop. `report` is the formatted French report. */
export class InvalidDataError extends CompendiumError {
  constructor(
    readonly report: string,
    readonly errorCount: number,
  ) {
    super('INVALID_DATA', `Les données contiennent ${errorCount} erreur${errorCount > 1 ? 's' : ''} :\n${report}`);
  }
}

/**
 * A typeface file of the compendium is not where npm put it (an interrupted install, a
 * pruned node_modules). Caught before any page is made: Chromium would silently print the
 * whole brochure in a fallback font.
 */
export class FontFileMissingError extends CompendiumError {
  constructor(readonly paths: readonly string[]) {
    super(
      'FONT_MISSING',
      `Police${paths.length > 1 ? 's' : ''} introuvable${paths.length > 1 ? 's' : ''}\u00A0: ${paths.join(', ')}.\n` +
        'Les dépendances du projet sont incomplètes\u00A0: réinstallez-les avec «\u00A0npm ci\u00A0», puis relancez la construction.',
    );
  }
}
