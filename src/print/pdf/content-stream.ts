/**
 * A lexer for PDF content streams: the operators in order, each with its operands as source
 * text and where it sits in the stream. Enough to follow colours, text and the transformation
 * matrix (src/print/pdf/page-marks.ts) and to rewrite colour operators in place
 * (src/print/pdf/k-only.ts) without a regular expression matching inside a string or an
 * inline image. pdf.js's operator lists were tried for this: they convert every colour to
 * RGB for the canvas, so the CMYK values a print shop checks are lost.
 */

import { decodePDFRawStream, type PDFContext, PDFName, type PDFRawStream, type PDFRef } from 'pdf-lib';

/** A content stream's text, decoded, in Latin-1 (one character per byte, as the lexer reads it). */
export function contentText(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** Replaces the content stream at `ref` with `text` (Latin-1), Flate-compressed, its other entries kept. */
export function replaceContent(context: PDFContext, ref: PDFRef, stream: PDFRawStream, text: string): void {
  const dict = new Map(stream.dict.entries());
  for (const key of ['Filter', 'DecodeParms', 'Length']) dict.delete(PDFName.of(key));
  context.assign(ref, context.flateStream(Buffer.from(text, 'latin1'), Object.fromEntries([...dict].map(([k, v]) => [k.decodeText(), v]))));
}

export interface Operation {
  operator: string;
  /** Operand tokens as written (`0.5`, `/F1`, `<00A1>`, `(text)`, `[`…`]` kept as one token). */
  operands: string[];
  /** Offset of the first operand (or of the operator), and just after the operator. */
  start: number;
  end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** End of the literal string `(…)` starting at `at` (escapes and nested parentheses). */
function literalEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return text.length;
}

/** End of the token starting at `at` (a string, an array, a dictionary, a name, a number, a keyword). */
function tokenEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x28) return literalEnd(text, at);
  if (c === 0x3c && text.charCodeAt(at + 1) === 0x3c) return nestedEnd(text, at + 2, '>>');
  if (c === 0x3c) return text.indexOf('>', at) + 1 || text.length;
  if (c === 0x5b) return nestedEnd(text, at + 1, ']');
  let i = at + 1;
  while (i < text.length && !WHITE.has(text.charCodeAt(i)) && !DELIMITERS.has(text.charCodeAt(i))) i++;
  return i;
}

/** End of an array or dictionary: tokens up to the closing `]` or `>>`. */
function nestedEnd(text: string, at: number, close: string): number {
  let i = at;
  while (i < text.length) {
    while (i < text.length && WHITE.has(text.charCodeAt(i))) i++;
    if (text.startsWith(close, i)) return i + close.length;
    if (text.charCodeAt(i) === 0x25) i = lineEnd(text, i);
    else i = tokenEnd(text, i);
  }
  return i;
}

const lineEnd = (text: string, at: number): number => {
  const n = text.slice(at).search(/[\r\n]/);
  return n < 0 ? text.length : at + n;
};

/** The operations of a content stream (decoded, as latin1 text). Inline images are skipped whole. */
export function operations(text: string): Operation[] {
  const ops: Operation[] = [];
  let operands: string[] = [];
  let start = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (WHITE.has(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      i = lineEnd(text, i);
      continue;
    }
    const end = tokenEnd(text, i);
    const token = text.slice(i, end);
    if (start < 0) start = i;
    const isOperand = DELIMITERS.has(c) || /^[-+.\d]/.test(token) || token === 'true' || token === 'false' || token === 'null';
    if (isOperand) operands.push(token);
    else {
      ops.push({ operator: token, operands, start, end });
      if (token === 'BI') {
        // Inline image: its data runs to « EI » after whitespace; nothing in it is an operator.
        const data = text.indexOf('ID', end);
        const close = data < 0 ? -1 : text.slice(data + 3).search(/\sEI(?=[\s]|$)/);
        i = close < 0 ? text.length : data + 3 + close + 3;
        operands = [];
        start = -1;
        continue;
      }
      operands = [];
      start = -1;
    }
    i = end;
  }
  return ops;
}

/** Numbers of an operation's operands (NaN where an operand is not a number). */
export const numbers = (op: Operation): number[] => op.operands.map(Number);
