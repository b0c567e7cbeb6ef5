/**
 * Issue 11, item 5 (the path part): a project in a folder whose name has an accent and a
 * space builds every stage, the PDF/X-3 variant included — Ghostscript was handed the output
 * profile's path in Latin-1, where the file system holds UTF-8, and the variant was lost.
 */
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, VALID } from '../helpers/data.ts';
import { runCli, STACK } from './support/process.ts';

const accent = suite('paths with accents and spaces');

accent('a clone in « clone-é x/ » with data in « données é/ » builds the site, the PDFs and the PDF/X-3', async () => {
  const clone = join(mkdtempSync(join(tmpdir(), 'compendium-')), 'clone-é x');
  const skip = new Set(['node_modules', '.git', '_site', 'tests', 'bench']);
  cpSync(ROOT, clone, { recursive: true, filter: (src) => !skip.has(relative(ROOT, src).split('/')[0]!) });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  cpSync(VALID, join(clone, 'données é'), { recursive: true });
  const r = await runCli(['build', '--sortie', 'sortie é x', 'données é'], { cwd: clone });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, 'Ghostscript a échoué', r.stdout);
  assert.not.match(r.stderr, STACK);
  for (const file of ['index.html', 'pagefind/pagefind.js', 'pdf/innovation-sociale-moselle-2025-ecran.pdf', 'pdf/innovation-sociale-moselle-2025-impression.pdf', 'pdf/innovation-sociale-moselle-2025-impression-pdfx3.pdf']) {
    assert.ok(existsSync(join(clone, 'sortie é x', file)), `${file}\n${r.stdout}`);
  }
});

accent.run();
