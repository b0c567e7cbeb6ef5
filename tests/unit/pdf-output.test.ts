// Where `compendium pdf` writes by default: a draft never under _site/ (copied to the web host,
// replaced by build), a published edition where build puts its PDFs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { pdfOutputDir, refusalMessage } from '../../src/cli/pdf.ts';
import { ROOT } from '../helpers/data.ts';

test('a draft edition’s PDFs and booklets go to _brouillons/<année>/', () => {
  assert.is(pdfOutputDir({ year: 2026, draft: true, booklet: false }), '_brouillons/2026');
  assert.is(pdfOutputDir({ year: 2026, draft: true, booklet: true }), '_brouillons/2026/livrets');
});

test('a published edition’s PDFs stay in _site/pdf/ and _site/livrets/; --sortie wins', () => {
  assert.is(pdfOutputDir({ year: 2025, draft: false, booklet: false }), '_site/pdf');
  assert.is(pdfOutputDir({ year: 2025, draft: false, booklet: true }), '_site/livrets');
  assert.is(pdfOutputDir({ year: 2026, draft: true, booklet: false, sortie: '/tmp/relecture' }), '/tmp/relecture');
});

test('the drafts folder is git-ignored: never an untracked file in the repository', () => {
  assert.match(readFileSync(`${ROOT}/.gitignore`, 'utf8'), /^_brouillons\/$/m);
});

test('a refusal names the draft and validate', () => {
  assert.match(refusalMessage(3, 2026), /^PDF non produit\u00A0: 3 erreurs dans les données du brouillon 2026 .*«\u00A0npm run validate\u00A0»/);
  assert.match(refusalMessage(3, undefined), /^PDF non produit\u00A0: 3 erreurs dans les données\. «\u00A0npm run validate\u00A0»/);
  assert.match(refusalMessage(1, 2026), /^PDF non produit\u00A0: 1 erreur dans .*«\u00A0npm run validate\u00A0» la montre avec sa correction/);
});

test.run();
