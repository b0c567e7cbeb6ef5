/**
 * Errors of the print engine. Messages are in French (they reach the terminal through the CLI),
 * and each keeps its `cause` so Chromium's or Paged.js's own words are not lost.
 */
import { CompendiumError } from '../errors.ts';
import { number } from './french.ts';

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
    // One decimal, French comma: a limit under a second (tests) does not read « 0 s ».
    const seconds = number(timeoutMs / 1000);
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

/** Chromium could not load a typeface of the document: its text would print in a fallback font. */
export class FontLoadError extends CompendiumError {
  constructor(readonly faces: readonly string[]) {
    super(
      'FONT_LOAD_FAILED',
      `Police${faces.length > 1 ? 's' : ''} illisible${faces.length > 1 ? 's' : ''} par Chromium\u00A0: ${faces.join(', ')}. ` +
        'Le texte serait imprimé dans une police de remplacement. Le fichier est sans doute abîmé\u00A0: réinstallez les dépendances avec «\u00A0npm ci\u00A0».',
    );
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

/** The edition asked for is not in the data. */
export class EditionNotFoundError extends CompendiumError {
  constructor(
    readonly year: number,
    readonly available: readonly number[],
  ) {
    const list = available.length ? available.join(', ') : 'aucune';
    super('EDITION_NOT_FOUND', `Aucune édition ${year} dans les données (éditions disponibles\u00A0: ${list}).`);
  }
}

/** A booklet was asked for a territory or theme that the edition does not have. */
export class UnknownBookletError extends CompendiumError {
  constructor(
    readonly kind: 'territoire' | 'thème',
    readonly id: string,
    readonly known: readonly string[],
    year: number,
  ) {
    super(
      'UNKNOWN_BOOKLET',
      `${kind === 'territoire' ? 'Territoire' : 'Thème'} inconnu «\u00A0${id}\u00A0» pour l’édition ${year}. ` +
        `Identifiants possibles\u00A0: ${known.join(', ')}.`,
    );
  }
}

/** A booklet would be empty: no project of the edition in that territory or theme. */
export class EmptyBookletError extends CompendiumError {
  constructor(subject: string, year: number) {
    super('EMPTY_BOOKLET', `Aucun lauréat de l’édition ${year} pour «\u00A0${subject}\u00A0»\u00A0: le cahier serait vide.`);
  }
}

/** A booklet is either one territory's or one theme's, not both. */
export class BookletConflictError extends CompendiumError {
  constructor(territory: string, theme: string) {
    super('BOOKLET_CONFLICT', `Choisissez un territoire («\u00A0${territory}\u00A0») ou un thème («\u00A0${theme}\u00A0»), pas les deux.`);
  }
}

/** Eleventy could not render the print templates. */
export class PrintTemplateError extends CompendiumError {
  constructor(options?: { cause?: unknown }) {
    const detail = options?.cause instanceof Error ? `\u00A0: ${options.cause.message}` : '.';
    super('PRINT_TEMPLATE_FAILED', `Le document d’impression n’a pas pu être composé${detail}`, options);
  }
}

/** An image the print edition needs could not be copied into the print folder. */
export class PrintImageError extends CompendiumError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super('PRINT_IMAGE_FAILED', `Image introuvable ou illisible pour l’impression\u00A0: data/images/${file}`, options);
  }
}

/** `--strict`: the layout has findings (content that does not fit, photos under 300 ppi). */
export class PrintFitError extends CompendiumError {
  constructor(
    readonly findings: readonly { message: string }[],
    /** The build's result: the PDFs were written, so they can be looked at. */
    readonly result: unknown,
  ) {
    const count = findings.length;
    super(
      'PRINT_FIT',
      `Mise en page à revoir (${count}\u00A0problème${count > 1 ? 's' : ''}, mode strict)\u00A0:\n${findings.map((f) => `  – ${f.message}`).join('\n')}`,
    );
  }
}

/** The print build was cancelled (Ctrl-C, SIGTERM): nothing is left half-written under the real names. */
export class PrintCancelledError extends CompendiumError {
  constructor(options?: { cause?: unknown }) {
    super('PRINT_CANCELLED', 'Production des PDF interrompue.', options);
  }
}
