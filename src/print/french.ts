/**
 * Small helpers for French text shown to users: guillemets with no-break spaces, numbers with
 * a decimal comma. (Long-form typography of the brochure itself lives in src/site/typography.ts.)
 */
export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/** « text », with the no-break spaces French typography requires inside guillemets. */
export function guillemets(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 3,2 — one decimal at most, French decimal comma, narrow no-break space for thousands. */
export function number(value: number): string {
  return oneDecimal.format(value);
}

/** `12 pages`, `1 page` (no-break space). */
export function pages(count: number): string {
  return `${count}${NBSP}page${count > 1 ? 's' : ''}`;
}
