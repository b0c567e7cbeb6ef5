/* global Paged, NodeFilter, getComputedStyle */
/**
 * Hyphens only where a line needs one, and at most two consecutive lines of a paragraph
 * ending in a hyphen, as a typesetter sets French text. Chromium has no
 * `hyphenate-limit-lines` and breaks greedily at any soft hyphen: without this, the 2025
 * brochure had 15 runs of three or four hyphenated lines, and 17 % of its lines hyphenated.
 *
 * Needed: a hyphen whose line would only space its words up to STRETCH times wider without
 * it is taken back (`affordable`). Measured on the 2025 brochure (hyphenated lines of about
 * 1 800 read back with pdf.js): 208 with STRETCH 1, 178 with 1.5, 129 with 2, 77 with 3.
 * Once the long single-column texts were set in two columns and text-only featured pages set
 * larger (narrower measures, more breaks), 2 gave 195 of 2 138 lines (9.1 %): 3 keeps under
 * the 8 % a typographer asked for.
 *
 * How: Paged.js calls `layout` on the page being filled before it measures where the page
 * overflows. Each paragraph laid out with soft hyphens (src/print/hyphenate.ts) is measured
 * there: where a third consecutive line ends at a soft hyphen, that word's soft hyphens are
 * taken back — turned into word joiners (U+2060), in the laid-out text and in its source, so
 * that Paged.js's offsets and text matching stay right — and the paragraph, laid out again
 * by Chromium, is measured again. Paged.js then finds the page's end on the settled paragraphs. The word
 * joiners leave the text with the unused soft hyphens, after layout (src/print/screen.ts).
 *
 * A paragraph is measured again only when its text grew (Paged.js appends it node by node):
 * later content only rebalances the columns, which moves lines without changing them, so a
 * run that crosses a column break is counted like any other (measured while the paragraph ran
 * on into the next column, p. 19 of the 2025 brochure kept « sou- / d’amor- / communica- /
 * reconnais- »). Runs that cross a page break are not counted.
 */
const SOFT_HYPHEN = '\u00AD';
const WORD_JOINER = '\u2060';
/** Lines in a row that may end in a hyphen. */
const LIMIT = 2;
/**
 * How much each space of a justified line may grow, in widths of itself, before a hyphen is
 * worth it: a line whose spaces would grow less than this without it is set without it.
 */
const STRETCH = 3;
/** More passes than a paragraph ever needs: each takes back one word for good. */
const MAX_PASSES = 120;

const range = document.createRange();

/**
 * The box of one character, or null when it is not laid out. The last box with a width: the
 * character after a used soft hyphen also reports the hyphen drawn at the end of the line before.
 */
function box(node, offset) {
  range.setStart(node, offset);
  range.setEnd(node, offset + 1);
  const rects = Array.from(range.getClientRects());
  return rects.findLast((rect) => rect.width > 0) ?? rects[0] ?? null;
}

/**
 * Whether the character boxed `after` starts a new line after the one ending with `before`
 * and `here`: on another baseline, or to the right past a column gap.
 */
function newLine(before, here, after) {
  return Math.abs(after.top - before.top) > 1 || after.left > here.right + 4;
}

/** The line ends of `block` at a hyphen, in order: soft hyphens used, and compounds broken at their own hyphen. */
function hyphenatedLineEnds(block) {
  const ends = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    for (let i = 1; i < text.length - 1; i++) {
      const char = text[i];
      if (char !== SOFT_HYPHEN && char !== '-') continue;
      const after = box(node, i + 1);
      const here = box(node, i);
      const before = char === SOFT_HYPHEN ? box(node, i - 1) : here;
      // A line ends here when the next character is on another line: lower in the same
      // column, or higher up in the next one (balanced columns: a paragraph measured while it
      // ran on from one column to the next hid « d’amor- », which ended column one, p. 19 of
      // the 2025 brochure, and the run it started once the columns settled). Not « the soft
      // hyphen has a width »: inside a ligature, « dif\u00ADfé », it gets a share of the ligature's.
      if (!here || !before || !after || !newLine(before, here, after)) continue;
      ends.push({ node, offset: i, top: before.top, left: here.left, width: here.width, after, soft: char === SOFT_HYPHEN });
    }
  }
  return ends;
}

/** Whether line end `b` is on the line right after line end `a`'s. */
function consecutive(a, b) {
  return a.after !== null && Math.abs(a.after.top - b.top) < 1 && a.after.left <= b.left;
}

/**
 * Turns the soft hyphens of the word around `offset` into word joiners, in the laid-out text
 * node and in its source: Paged.js finds where a page's text goes on in the source by looking
 * for the laid-out text in it (`indexOfTextNode`), and lost the rest of a chapter when the two
 * differed (tests/print/render.test.ts).
 */
function takeBack(node, offset, source) {
  const text = node.data;
  let start = offset;
  let end = offset;
  while (start > 0 && /[\p{L}\u00AD\u2060]/u.test(text[start - 1])) start -= 1;
  while (end < text.length - 1 && /[\p{L}\u00AD\u2060]/u.test(text[end + 1])) end += 1;
  const joined = (value, from) => value.slice(0, from) + value.slice(from, from + end + 1 - start).replaceAll(SOFT_HYPHEN, WORD_JOINER) + value.slice(from + end + 1 - start);
  const original = sourceText(node, source);
  const base = original ? original.data.indexOf(text) : -1;
  node.data = joined(text, start);
  if (original && base !== -1) original.data = joined(original.data, base + start);
}

/** The source text node `node` was laid out from (Paged.js's `data-ref`), or null. */
function sourceText(node, source) {
  const ref = node.parentElement?.getAttribute('data-ref');
  const parent = ref && source ? (source.indexOfRefs?.[ref] ?? source.querySelector(`[data-ref='${ref}']`)) : null;
  return Array.from(parent?.childNodes ?? []).find((child) => child.nodeType === 3 && child.data.includes(node.data)) ?? null;
}

/**
 * The soft hyphen to take back among `ends` so that no more than LIMIT lines in a row end in a
 * hyphen: of the run's lines that end at a soft hyphen, the one whose line spaces its words
 * least without it. (Always the run's last line left a line with gaps twice as wide as its
 * neighbours', « çage pour le lancement », p. 19 of the 2025 brochure.)
 */
function overLimit(block, ends) {
  let run = 1;
  for (let i = 1; i < ends.length; i++) {
    run = consecutive(ends[i - 1], ends[i]) ? run + 1 : 1;
    if (run > LIMIT) {
      const candidates = ends.slice(i - LIMIT, i + 1).filter((end) => end.soft);
      if (candidates.length > 0) {
        const costs = candidates.map((end) => stretch(block, end));
        return candidates[costs.indexOf(Math.min(...costs))];
      }
      run = 1;
    }
  }
  return null;
}

/**
 * How much each space of the line ending at soft hyphen `end` would grow without it, in widths
 * of itself (Infinity when it cannot be told): set left-aligned (breaks are the same, Chromium
 * justifies after breaking lines), the word's first part would move to the next line, and its
 * width (and its space) would be shared by the line's other spaces.
 */
function stretch(block, end) {
  const column = Array.from(block.getClientRects()).find((rect) => rect.left - 1 <= end.left && end.left <= rect.right + 1 && rect.top - 1 <= end.top && end.top <= rect.bottom + 1);
  if (!column) return Infinity;
  const text = end.node.data;
  let wordStart = end.offset;
  while (wordStart > 0 && !/\s/u.test(text[wordStart - 1])) wordStart -= 1;
  // The spaces of the line before the word, in this text node (fewer if the line starts in
  // another one: then the answer errs towards keeping the hyphen).
  let spaces = 0;
  let spaceWidth = 0;
  for (let i = wordStart - 1; i >= 0; i--) {
    const char = box(end.node, i);
    if (!char || Math.abs(char.top - end.top) > 1) break;
    if (/\s/u.test(text[i])) {
      spaces += 1;
      spaceWidth = Math.max(spaceWidth, char.width);
    }
  }
  const first = box(end.node, wordStart);
  if (spaces < 2 || !first || spaceWidth === 0) return Infinity;
  const slack = column.right - (end.left + end.width);
  const moved = end.left + end.width - first.left + spaceWidth;
  return (slack + moved) / (spaces - 1) / spaceWidth;
}

/** Whether the line ending at soft hyphen `end` can do without it: no space grows past STRETCH times its own width. */
function affordable(block, end) {
  return stretch(block, end) <= STRETCH;
}

class HyphenLimit extends Paged.Handler {
  constructor(chunker, polisher, caller) {
    super(chunker, polisher, caller);
    /** The text length each paragraph was settled at. */
    this.settled = new WeakMap();
  }

  layout(wrapper) {
    for (const block of wrapper.querySelectorAll('p, li, dd')) {
      const length = block.textContent.length;
      if (this.settled.get(block) === length) continue;
      this.settled.set(block, length);
      if (!block.textContent.includes(SOFT_HYPHEN) || block.querySelector('p, li, dd') || getComputedStyle(block).hyphens !== 'manual') continue;
      const align = block.style.textAlign;
      block.style.textAlign = 'left';
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const ends = hyphenatedLineEnds(block);
        const end = overLimit(block, ends) ?? ends.find((candidate) => candidate.soft && affordable(block, candidate));
        if (!end) break;
        takeBack(end.node, end.offset, this.chunker.source);
      }
      // A long text (a featured page set larger, in two columns) can spend every pass on
      // hyphens its lines can do without, and a late one can start a run of three: runs are
      // undone whatever that budget.
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const end = overLimit(block, hyphenatedLineEnds(block));
        if (!end) break;
        takeBack(end.node, end.offset, this.chunker.source);
      }
      block.style.textAlign = align;
    }
  }
}

Paged.registerHandlers(HyphenLimit);
