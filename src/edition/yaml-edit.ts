/**
 * Small, comment-preserving edits of YAML text: editors' files carry comments and a layout
 * they chose, which a parse-and-dump round trip would destroy. Positions come from the same
 * event index the validator uses.
 */
import { indexYaml, LineCounter } from '../data/positions.ts';

/** Start of the line holding `offset`. */
const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Replaces the value of a top-level scalar key (`annee: 2025`), keeping the rest of the line. */
export function setTopLevelScalar(text: string, key: string, value: string): string {
  const re = new RegExp(`^(${key}:[ \\t]*)([^#\\n]*?)([ \\t]*(#.*)?)$`, 'm');
  if (!re.test(text)) return `${key}: ${value}\n${text}`;
  return text.replace(re, (_m, head: string, _old: string, tail: string) => `${head}${value}${tail}`);
}

/**
 * Replaces a top-level block (`key:` and every line indented under it) by `block`, which
 * must start with `key:`. Appends it when the key is absent.
 */
export function replaceTopLevelBlock(text: string, key: string, block: string): string {
  const spans = indexYaml(text);
  const span = spans.get(`/${key}`);
  const end = block.endsWith('\n') ? block : `${block}\n`;
  if (!span || span.key === undefined) return `${text.replace(/\n*$/, '\n')}${end}`;
  const start = lineStartOf(text, span.key);
  // The block ends at the next line that starts at column 1 with a key or a comment of the
  // next section; blank lines just before it stay with the next section.
  const after = text.slice(start).split('\n');
  let consumed = after[0]!.length + 1;
  for (let i = 1; i < after.length; i++) {
    const line = after[i]!;
    if (/^\S/.test(line) && !/^-/.test(line)) break;
    consumed += line.length + 1;
  }
  // Blank lines that closed the old block stay, so the next section keeps its spacing.
  const blankAfter = /\n((?:[ \t]*\n)*)$/.exec(text.slice(start, start + consumed))?.[1] ?? '';
  return text.slice(0, start) + end + blankAfter + text.slice(start + consumed);
}

/**
 * Adds `item` at the end of the list at `pointer` (e.g. /territoires/2/a_la_une). When the
 * list does not exist yet, adds `parent.key` with the item under the mapping `parent.pointer`.
 */
export function appendToList(text: string, pointer: string, item: string, parent: { pointer: string; key: string }): string {
  const spans = indexYaml(text);
  const lines = new LineCounter(text);
  const list = spans.get(pointer);
  if (list) {
    // Find the last item of the list, then insert after its line with the same indentation.
    let last = -1;
    for (let i = 0; spans.has(`${pointer}/${i}`); i++) last = i;
    if (last >= 0) {
      const pos = lines.position(spans.get(`${pointer}/${last}`)!.value);
      const lineText = lines.lineText(pos.line);
      const indent = /^(\s*)-/.exec(lineText)?.[1] ?? '';
      const insertAt = lines.lineStart(pos.line + 1);
      const prefix = insertAt > text.length - 1 && !text.endsWith('\n') ? '\n' : '';
      return `${text.slice(0, insertAt)}${prefix}${indent}- ${item}\n${text.slice(insertAt)}`;
    }
    // An empty flow list `key: []`: rewrite it as a block list.
    const keyPos = lines.position(list.key!);
    const keyLine = lines.lineText(keyPos.line);
    const indent = /^(\s*)/.exec(keyLine)![1]!;
    const start = lines.lineStart(keyPos.line);
    const end = lines.lineStart(keyPos.line + 1);
    return `${text.slice(0, start)}${keyLine.replace(/:\s*\[\s*\].*$/, ':')}\n${indent}  - ${item}\n${text.slice(end)}`;
  }
  const owner = spans.get(parent.pointer);
  if (!owner) throw new Error(`no such mapping: ${parent.pointer}`);
  // Insert the new key after the last line belonging to the mapping, at its keys' indentation.
  const firstKey = lines.position(owner.value);
  const indent = ' '.repeat(firstKey.column - 1);
  // new-edition's commented empty list (« # key: » then « #   - identifiant-du-projet ») in
  // this mapping: the list takes its place, rather than a second « key: » further down.
  const from = lines.lineStart(firstKey.line);
  const placeholder = `${indent}# ${parent.key}:\n${indent}#   - identifiant-du-projet\n`;
  const at = text.indexOf(placeholder, from);
  const nextItem = text.slice(from).search(new RegExp(`\\n {0,${Math.max(0, indent.length - 1)}}\\S`));
  if (at >= 0 && (nextItem < 0 || at < from + nextItem)) {
    return `${text.slice(0, at)}${indent}${parent.key}:\n${indent}  - ${item}\n${text.slice(at + placeholder.length)}`;
  }
  let lastLine = firstKey.line;
  for (const [p, s] of spans) {
    if (p.startsWith(`${parent.pointer}/`)) lastLine = Math.max(lastLine, lines.position(s.value).line);
  }
  // A block scalar may run past its start line: follow indentation.
  while (lastLine < text.split('\n').length && /^\s+\S/.test(lines.lineText(lastLine + 1)) && lines.lineText(lastLine + 1).startsWith(`${indent} `)) lastLine++;
  const insertAt = lines.lineStart(lastLine + 1);
  return `${text.slice(0, insertAt)}${indent}${parent.key}:\n${indent}  - ${item}\n${text.slice(insertAt)}`;
}
