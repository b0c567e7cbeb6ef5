/** Builds findings placed on a field of a record, wherever the record was written. */
import type { Finding, Severity } from './finding.ts';
import type { Origin } from './load.ts';
import { locate } from './messages.ts';
import { escapePointer } from './positions.ts';

export interface Issue {
  code: string;
  message: string;
  hint?: string;
}

/** A finding at `path` (keys under the record, e.g. ['contact', 'email']) of a record. */
export function findingAt(severity: Severity, origin: Origin, path: Array<string | number>, issue: Issue, preferKey = false): Finding {
  const pointer = origin.pointer + path.map((p) => `/${escapePointer(String(p))}`).join('');
  return { severity, file: origin.doc.file, ...locate(origin.doc, pointer, preferKey), ...issue };
}
