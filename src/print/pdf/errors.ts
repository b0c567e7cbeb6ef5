/** Errors of the PDF side of the print engine (PDF/X-3 variant, preflight). Messages in French. */
import { CompendiumError } from '../../errors.ts';

const NBSP = '\u00A0';

/** An ICC profile that cannot serve as the output intent: damaged, truncated, or not CMYK. */
export class IccProfileError extends CompendiumError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(
      'ICC_PROFILE_INVALID',
      `Profil ICC inutilisable${NBSP}: ${path} (${detail}). ` +
        `Demandez à l’imprimeur son profil CMJN (fichier .icc), ou retirez « profil_icc » de format${NBSP}: dans edition.yaml pour utiliser FOGRA39.`,
    );
  }
}

/** The PDF/X-3 file the build made does not pass the preflight: `report` says what, page by page. */
export class PdfxPreflightError extends CompendiumError {
  constructor(
    readonly path: string,
    readonly report: string,
  ) {
    super('PDFX_PREFLIGHT_FAILED', `Le fichier PDF/X-3 ${path} ne passe pas le contrôle avant impression${NBSP}:\n${report}`);
  }
}

/** A file given to the preflight that is not a PDF pdf-lib can read. */
export class PreflightInputError extends CompendiumError {
  constructor(
    readonly path: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('PREFLIGHT_INPUT', `Impossible de lire ${path} comme un PDF${NBSP}: ${detail}`, options);
  }
}
