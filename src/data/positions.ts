/**
 * Maps JSON Pointers of a parsed YAML document to where they are written in the source,
 * so that a schema error on `/contact/email` can name the line and column of that value.
 * js-yaml's event stream carries source offsets; we walk it once per file.
 */
import { parseEvents, getScalarValue, type Event } from 'js-yaml';

export interface Span {
  /** Offset of the value (or of the collection's first token). */
  value: number;
  /** Offset of the key that introduces the value, when it is a mapping entry. */
  key?: number;
}

export interface Position {
  line: number;
  column: number;
}

const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;

interface Frame {
  kind: 'map' | 'seq' | 'doc';
  pointer: string;
  index: number;
  /** For mappings: the pending key (set after a key scalar, cleared after its value). */
  pendingKey?: { name: string; offset: number; end: number };
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Decodes every `~1` and `~0` of a JSON Pointer segment, in that order (RFC 6901). */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds the pointer → span index of the first document of `events`. */
export function indexEvents(source: string, events: Event[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  const stack: Frame[] = [];

  // Where the next node goes: its pointer, and the key offset if it is a mapping value.
  // Returns null when the next node is a mapping key (keys are recorded with their value).
  // `after`: where an empty value is deemed written — just after its key's « : », or after
  // the « - » of its list item (js-yaml gives an empty scalar no range: -1).
  let lastEnd = 0;
  const place = (): { pointer: string; key?: number; after: number } | null => {
    const top = stack[stack.length - 1];
    if (!top || top.kind === 'doc') return { pointer: '', after: lastEnd };
    if (top.kind === 'seq') {
      const dash = source.indexOf('-', lastEnd);
      return { pointer: `${top.pointer}/${top.index++}`, after: dash === -1 ? lastEnd : dash + 1 };
    }
    if (!top.pendingKey) return null;
    const { name, offset, end } = top.pendingKey;
    top.pendingKey = undefined;
    const colon = source.indexOf(':', end);
    return { pointer: `${top.pointer}/${escapePointer(name)}`, key: offset, after: colon === -1 ? end : colon + 1 };
  };

  for (const ev of events) {
    switch (ev.type) {
      case DOCUMENT:
        if (spans.size > 0) return spans; // only the first document matters
        stack.push({ kind: 'doc', pointer: '', index: 0 });
        break;
      case MAPPING:
      case SEQUENCE: {
        const where = place() ?? { pointer: '', after: lastEnd }; // a collection as a key: rare, index it at the root
        spans.set(where.pointer, { value: ev.start >= 0 ? ev.start : where.after, key: where.key });
        if (ev.start >= 0) lastEnd = ev.start;
        stack.push({ kind: ev.type === MAPPING ? 'map' : 'seq', pointer: where.pointer, index: 0 });
        break;
      }
      case SCALAR: {
        const where = place();
        if (where === null) {
          const top = stack[stack.length - 1]!;
          top.pendingKey = { name: getScalarValue(source, ev), offset: ev.valueStart, end: Math.max(ev.valueEnd, ev.valueStart, lastEnd) };
        } else if (ev.valueStart < 0) {
          // An empty value (« nom: » and nothing after): at its tag or anchor, or after the « : ».
          const at = ev.tagStart >= 0 ? ev.tagStart : ev.anchorStart >= 0 ? ev.anchorStart : where.after;
          spans.set(where.pointer, { value: at, key: where.key });
          lastEnd = where.after;
        } else {
          // Quoted scalars start at their opening quote, which is where editors look.
          const quoted = ev.style === 2 || ev.style === 3;
          spans.set(where.pointer, { value: quoted ? ev.valueStart - 1 : ev.valueStart, key: where.key });
        }
        if (ev.valueEnd >= 0) lastEnd = ev.valueEnd;
        else if (ev.tagEnd >= 0 || ev.anchorEnd >= 0) lastEnd = Math.max(ev.tagEnd, ev.anchorEnd);
        break;
      }
      case ALIAS: {
        const where = place();
        if (where) spans.set(where.pointer, { value: ev.anchorStart, key: where.key });
        if (ev.anchorEnd >= 0) lastEnd = ev.anchorEnd;
        break;
      }
      case POP:
        stack.pop();
        break;
    }
  }
  return spans;
}

/** Parses `source` into events and indexes them (see indexEvents). */
export function indexYaml(source: string): Map<string, Span> {
  return indexEvents(source, parseEvents(source, {}));
}

/** Converts offsets into 1-based line and column. */
export class LineCounter {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(at: number): Position {
    // A negative offset is js-yaml's « no range »: the start of the file, never column 0.
    const offset = Math.max(0, at);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.source.length;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.source.length;
    const end = this.starts[line] !== undefined ? this.starts[line]! - 1 : this.source.length;
    return this.source.slice(start, end).replace(/\r$/, '');
  }
}
