/**
 * A finding is one problem found in the data: an error (the build stops) or a warning
 * (the editor should look; `--strict` turns warnings into errors). Each names the file,
 * the line and column, what is wrong and, when we know it, how to fix it — in French.
 */
export type Severity = 'erreur' | 'avertissement';

export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. `SCHEMA_TYPE`, `UNKNOWN_REF`, `EMAIL_TLD`. */
  code: string;
  /** Path of the file, relative to the current folder when possible. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** How to fix it, when the message alone does not say. */
  hint?: string;
  /** The offending source line, for the caret display. */
  source?: string;
  /** Column of the caret in `source` as shown, when escaping control characters moved it. */
  caret?: number;
  /** The one edition this finding concerns, when it is not its file's (a draft's needs of a project). */
  edition?: number;
}

/**
 * Characters of the data that must not reach a terminal as they are: C0 and C1 controls (ESC
 * starts terminal escape sequences), DEL, bidirectional controls (U+202E reverses what
 * follows), line and paragraph separators, the BOM. Tab is left to formatFinding.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069\uFEFF]/g;

/** `[U+001B]`, the way messages name an invisible character. */
export const codePoint = (c: string): string => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;

/** Shows each control character as its code point, e.g. `[U+202E]`: visible, and inert. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, codePoint);
}

/**
 * The first control character of `text` (tab included: a value typed on a command line or
 * pasted into a single-line answer has no use for one), or undefined.
 */
export function firstControl(text: string): string | undefined {
  return new RegExp(`\\t|${CONTROLS.source}`).exec(text)?.[0];
}

/**
 * A finding safe to echo: every text that may quote the data has its control characters
 * escaped (terminal and JSON output alike), and the caret follows the escaped source line.
 */
export function safeFinding(f: Finding): Finding {
  const out: Finding = { ...f, file: escapeControls(f.file), message: escapeControls(f.message) };
  if (f.hint !== undefined) out.hint = escapeControls(f.hint);
  if (f.source !== undefined) {
    out.source = escapeControls(f.source);
    if (out.source !== f.source && f.column !== undefined) out.caret = escapeControls(f.source.slice(0, Math.max(0, f.column - 1))).length + 1;
  }
  return out;
}

const severityRank: Record<Severity, number> = { erreur: 0, avertissement: 1 };

/** Orders findings by file, then line, then column, then severity (stable for equal keys). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file, 'en') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity],
  );
}

/** `data/projets/x.yaml:12:7` (or less, when the position is unknown). */
export function location(f: Finding): string {
  if (f.line === undefined) return f.file;
  return `${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
}

/**
 * Formats a finding for a terminal, eslint-style:
 *
 *     data/projets/graoucoop.yaml:12:7 — erreur : « annee » doit être un entier (trouvé « 2O22 »)
 *       12 | annee: 2O22
 *          |        ^
 *       → Écrivez l’année en chiffres, par exemple 2022.
 */
export function formatFinding(f: Finding): string {
  const lines = [`${location(f)} — ${f.severity} : ${f.message}`];
  if (f.source !== undefined && f.line !== undefined) {
    const num = String(f.line);
    const text = f.source.replace(/\t/g, ' ');
    const shown = text.length > 120 ? `${text.slice(0, 117)}…` : text;
    lines.push(`  ${num} | ${shown}`);
    const caret = f.caret ?? f.column;
    if (caret !== undefined && caret - 1 < shown.length + 1) {
      lines.push(`  ${' '.repeat(num.length)} | ${' '.repeat(Math.max(0, caret - 1))}^`);
    }
  }
  if (f.hint) lines.push(`  → ${f.hint}`);
  return lines.join('\n');
}
