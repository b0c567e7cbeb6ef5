import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { indexYaml, LineCounter, escapePointer, unescapePointer } from '../../src/data/positions.ts';

const positions = suite('positions');

const src = 'id: x\ncontact:\n  email: a@b.fr\nthemes:\n  - a\n  - b\n"a/b~c": 1\n';
const at = (pointer: string, key = false): string => {
  const span = indexYaml(src).get(pointer);
  assert.ok(span, `no span for ${pointer}`);
  const p = new LineCounter(src).position(key ? span.key! : span.value);
  return `${p.line}:${p.column}`;
};

positions('maps a nested value to its line and column', () => {
  assert.is(at('/contact/email'), '3:10');
  assert.is(at('/contact/email', true), '3:3', 'the key of the value');
});

positions('maps list items by index', () => {
  assert.is(at('/themes/0'), '5:5');
  assert.is(at('/themes/1'), '6:5');
});

positions('escapes and decodes every ~0 and ~1 of a pointer (RFC 6901)', () => {
  assert.is(escapePointer('a/b~c'), 'a~1b~0c');
  assert.is(unescapePointer('a~1b~0c~1d'), 'a/b~c/d');
  assert.is(unescapePointer('~01'), '~1', '~01 decodes to ~1, not to /');
  assert.is(at('/a~1b~0c', true), '7:2');
});

positions('gives the text of a line', () => {
  const lc = new LineCounter('a\r\nb\nc');
  assert.is(lc.lineText(1), 'a');
  assert.is(lc.lineText(3), 'c');
});

positions.run();
