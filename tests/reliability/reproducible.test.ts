// The same data and the same SOURCE_DATE_EPOCH give byte-identical output: HTML, JSON, CSV,
// XML, the search index, every PDF and the cover image — so editors and reviewers can diff two builds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksums } from '../helpers/checksums.ts';
import { ROOT, VALID } from '../helpers/data.ts';

const reproducible = suite('reproducible builds');
const ghostscriptInstalled = (): boolean => spawnSync('gs', ['--version']).status === 0;

reproducible('two builds with the same SOURCE_DATE_EPOCH are byte-identical', () => {
  const parent = mkdtempSync(join(tmpdir(), 'compendium-repro-'));
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1750000000', CI: 'true' };
  for (const out of ['a', 'b']) {
    execFileSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'build', '--sortie', join(parent, out), VALID], { cwd: parent, env, encoding: 'utf8' });
  }
  const a = checksums(join(parent, 'a'));
  const b = checksums(join(parent, 'b'));
  assert.ok(Object.keys(a).some((f) => f.endsWith('-impression.pdf')), 'the print PDF is among the files');
  assert.ok(Object.keys(a).some((f) => f.endsWith('.csv')), 'the open data is among the files');
  assert.ok(Object.keys(a).some((f) => f.endsWith('-couverture.jpg')), 'the cover image (a screenshot) is among the files');
  // Made by Ghostscript while the site is built, and still published with the rest.
  if (process.env.CI || ghostscriptInstalled()) assert.ok(Object.keys(a).some((f) => f.endsWith('-pdfx3.pdf')), 'the PDF/X-3 variant is among the files');
  const differing = Object.keys(a).filter((f) => a[f] !== b[f]);
  assert.equal(differing, [], 'files that differ between the two builds');
  assert.equal(Object.keys(a).sort(), Object.keys(b).sort());
});

reproducible.run();
