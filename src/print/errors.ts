/**
 * Errors of the print engine. Messages are in French (they reach the terminal through the CLI),
 * and each keeps its `cause` so Chromium's or Paged.js's own words are not lost.
 */
import { CompendiumError } from '../errors.ts';

/** The print HTML file given to the engine does not exist. */
export class PrintInputNotFoundError extends CompendiumError {
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super('PRINT_INPUT_NOT_FOUND', `Fichier HTML d’impression introuvable\u00A0: ${path}`, options);
  }
}

/** Paged.js did not finish laying out the document in the allotted time. */
export class PaginationTimeoutError extends CompendiumError {
  constructor(
    readonly timeoutMs: number,
    readonly pagesSoFar: number,
  ) {
    const seconds = Math.round(timeoutMs / 1000);
    super(
      'PAGINATION_TIMEOUT',
      `La mise en page n’est pas terminée après ${seconds}\u00A0s (${pagesSoFar}\u00A0page${pagesSoFar > 1 ? 's' : ''} composée${pagesSoFar > 1 ? 's' : ''}). ` +
        'Un élément trop grand pour une page bloque peut-être Paged.js\u00A0; augmentez le délai si le document est simplement long.',
    );
  }
}

/** Paged.js failed (an exception, or content it could not place on any page). */
export class PaginationError extends CompendiumError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('PAGINATION_FAILED', `La mise en page par Paged.js a échoué\u00A0: ${detail}`, options);
  }
}

/** Chromium could not print the paginated document to PDF, or the PDF could not be finished. */
export class PdfOutputError extends CompendiumError {
  constructor(
    readonly edition: 'écran' | 'impression',
    options?: { cause?: unknown },
  ) {
    const detail = options?.cause instanceof Error ? `\u00A0: ${options.cause.message}` : '.';
    super('PDF_OUTPUT_FAILED', `Le PDF ${edition} n’a pas pu être produit${detail}`, options);
  }
}

/** Chromium could not load the print HTML (or it took longer than allowed). */
export class PrintLoadError extends CompendiumError {
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    const detail = options?.cause instanceof Error ? `\u00A0: ${options.cause.message}` : '.';
    super('PRINT_LOAD_FAILED', `Le document d’impression n’a pas pu être chargé (${url})${detail}`, options);
  }
}
