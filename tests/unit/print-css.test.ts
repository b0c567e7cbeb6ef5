/**
 * Rules of the print CSS that no rendering shows at once but that builds depend on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/data.ts';

const css = suite('print CSS');

/** Every `font-size` / `font` declaration of print/*.css, with its file and line. */
function fontDeclarations(): Array<{ where: string; value: string }> {
  const dir = join(ROOT, 'print');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.css'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const match = /^\s*(font-size|font)\s*:\s*(.+?);?\s*$/.exec(line);
          // The size only: a `font` shorthand's line height (after « / ») may take any value.
          const value = match?.[1] === 'font' ? (match[2] ?? '').split(' / ')[0] ?? '' : (match?.[2] ?? '');
          return match ? [{ where: `print/${name}:${i + 1}`, value }] : [];
        }),
    );
}

css('every size scaled by --fit is on the 0.1 px grid (two builds drew 17.214 px at 17.21 and 17.20 px)', () => {
  const scaled = fontDeclarations().filter((d) => d.value.includes('--fit'));
  assert.ok(scaled.length >= 7, `${scaled.length} declarations scaled by --fit`);
  // Each use of --fit inside `calc(round(calc(…), 0.1px) + 0.002px)`: as many of those as of --fit.
  const offGrid = scaled.filter((d) => d.value.split('--fit').length !== d.value.split(/calc\(round\(calc\(var\(--fit, 1\)/).length || d.value.split(', 0.1px) + 0.002px)').length !== d.value.split('--fit').length);
  assert.equal(
    offGrid.map((d) => `${d.where}: ${d.value}`),
    [],
  );
});

css.run();
