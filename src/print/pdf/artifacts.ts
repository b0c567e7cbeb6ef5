/**
 * Marks as artifacts what Chromium draws outside its tags: in a tagged PDF every mark on a page
 * is either content (inside a marked-content sequence with an MCID, in the structure tree) or
 * an artifact (PDF/UA, ISO 14289-1 §7.1).
 *
 * Why: Chromium tags what is in the accessibility tree and leaves the rest untagged: the
 * running heads and folios (Paged.js's margin boxes, CSS generated content), rules, tints and
 * the « · » separators hidden from screen readers. The 2025 screen PDF had 228 text objects
 * and 89 paths on 43 pages outside any marked content, and not one artifact: a PDF/UA checker
 * fails such a file, and a reader is left to guess what to skip. Generated text a reader
 * needs is kept out of this where it can be: the colon after a label and the call's step
 * numbers are text in the templates, so they are tagged; the contents' page numbers stay
 * generated (written as text they moved the contents' line breaks) and are artifacts, their
 * numbers read in each link's /Contents instead (link-descriptions.ts).
 */
import { PDFName, type PDFDocument, PDFRawStream, PDFRef } from 'pdf-lib';
import { contentText, operations, replaceContent } from './content-stream.ts';

/** Operators that build a path, and those that paint (or end) one. */
const PATH_BUILD = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
/** Operators that draw on their own. */
const SHOW_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const DRAW = new Set(['Do', 'sh']);

/**
 * Wraps every mark made outside marked content in `/Artifact BMC … EMC`: the text shown
 * between two boundaries of a text object (inside it, where a sequence begun must end), a whole path object
 * (marked content may not come between a path's construction and its painting), an XObject
 * or a shading. Marks already inside a tagged sequence or an artifact are left.
 */
export function artifactContent(text: string): { text: string; wrapped: number } {
  const ranges: Array<[number, number]> = [];
  // The open sequences: tagged (a property list with an MCID), an artifact, or neither (a
  // `/Span <</ActualText …>>` Chromium writes around a no-break space, with no MCID: what it
  // holds is no more tagged than what is around it — 49 spaces in the 2025 running heads).
  const open: Array<'tagged' | 'artifact' | 'other'> = [];
  const covered = () => open.some((kind) => kind !== 'other');
  let pathStart: number | undefined;
  // The text shown outside marked content since the last boundary, as one range: a letter-
  // spaced label is one show operator per glyph, and a sequence around each made pdf.js read
  // « I N N O V A T I O N » and the folio « 1 0 ».
  let run: [number, number] | undefined;
  const flush = () => {
    if (run) ranges.push(run);
    run = undefined;
  };
  for (const op of operations(text)) {
    const { operator } = op;
    if (operator === 'BMC' || operator === 'BDC' || operator === 'EMC' || operator === 'ET' || operator === 'BT') flush();
    if (operator === 'BMC' || operator === 'BDC') {
      const tag = op.operands[0] ?? '';
      open.push(tag === '/Artifact' ? 'artifact' : operator === 'BDC' && /\/MCID\s/.test(op.operands[1] ?? '') ? 'tagged' : 'other');
    } else if (operator === 'EMC') open.pop();
    const bare = !covered();
    if (SHOW_TEXT.has(operator) && bare) {
      run = run ? [run[0], op.end] : [op.start, op.end];
      continue;
    }
    if (PATH_BUILD.has(operator)) {
      pathStart ??= bare ? op.start : undefined;
      continue;
    }
    if (PATH_PAINT.has(operator) || operator === 'n') {
      if (pathStart !== undefined && operator !== 'n' && bare) ranges.push([pathStart, op.end]);
      pathStart = undefined;
      continue;
    }
    // A clipping operator sits between the path and `n`: still the same path object.
    if (operator === 'W' || operator === 'W*') continue;
    pathStart = undefined;
    if (bare && DRAW.has(operator)) ranges.push([op.start, op.end]);
  }
  flush();
  if (ranges.length === 0) return { text, wrapped: 0 };
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${text.slice(at, start)}/Artifact BMC\n${text.slice(start, end)}\nEMC`;
    at = end;
  }
  return { text: out + text.slice(at), wrapped: ranges.length };
}

/** Marks the untagged marks of every page as artifacts (see artifactContent). Returns how many it wrapped. */
export function markArtifacts(doc: PDFDocument): number {
  const { context } = doc;
  let wrapped = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    // One stream per page, as Chromium writes them; in an array, a sequence could run from one
    // stream into the next, so those are left as they are.
    if (!(contents instanceof PDFRef)) continue;
    const stream = context.lookup(contents);
    if (!(stream instanceof PDFRawStream)) continue;
    const result = artifactContent(contentText(stream));
    if (result.wrapped === 0) continue;
    wrapped += result.wrapped;
    replaceContent(context, contents, stream, result.text);
  }
  return wrapped;
}
