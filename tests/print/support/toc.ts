/** The table of contents as the reader sees it in a built brochure, for the print tests. */
import * as assert from 'uvu/assert';
import type { BuildPrintResult } from '../../../src/print/build.ts';

/**
 * The table of contents as printed: each numbered entry (in document order) with the number
 * printed beside it. The numbers are read in reading order from the Sommaire page (a wrapped
 * title carries its number on its first line) and paired with the entries that have one.
 * `text` is each page's lines (pdfLines).
 */
export function tocNumbers(text: string[][], result: BuildPrintResult): Array<{ titre: string; number: number }> {
  const tocPage = text.findIndex((lines) => lines.some((l) => l.trim() === 'Sommaire'));
  const lines = text[tocPage] ?? [];
  const start = lines.findIndex((l) => l.trim() === 'Sommaire');
  // Between the title and the folio (the last line).
  const numbers = lines.slice(start + 1, -1).flatMap((l) => /\s(\d+)$/.exec(` ${l.trim()}`)?.slice(1, 2) ?? []).map(Number);
  const entries = result.html.document.toc.flatMap((e) => [e, ...(e.entries ?? [])]).filter((e) => e.anchor);
  assert.is(numbers.length, entries.length, 'one number per numbered entry');
  return entries.map((e, i) => ({ titre: e.titre, number: numbers[i] ?? 0 }));
}
