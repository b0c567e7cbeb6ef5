// The call for projects' dates (edition.yaml > dates) are printed where a reader looks for
// them, on the call's page and in the PDF's call section; nothing the editor types vanishes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import callPeriod from '../../src/site/filters/call-period.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { build, fixtureData, tempDir } from './support/fixtures.ts';

const NB = '\u00A0';
const dates = suite('call dates');

dates('callPeriod: « du 15 janvier au 31 mars 2026 », the year once; one date alone; none', () => {
  assert.is(callPeriod({ appel_ouverture: '2026-01-15', appel_cloture: '2026-03-31' }), `Appel à projets ouvert du 15${NB}janvier au 31${NB}mars${NB}2026`);
  assert.is(callPeriod({ appel_ouverture: '2025-12-01', appel_cloture: '2026-01-31' }), `Appel à projets ouvert du 1er${NB}décembre${NB}2025 au 31${NB}janvier${NB}2026`);
  assert.is(callPeriod({ appel_ouverture: '2026-01-15' }), `Appel à projets ouvert à partir du 15${NB}janvier${NB}2026`);
  assert.is(callPeriod({ appel_cloture: '2026-03-31' }), `Appel à projets ouvert jusqu’au 31${NB}mars${NB}2026`);
  assert.is(callPeriod({}), '');
  assert.is(callPeriod(undefined), '');
});

dates('the call’s web page and the PDF’s call section print the dates', async () => {
  const dataDir = await fixtureData();
  const path = join(dataDir, 'editions/2025/edition.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace('dates:\n  publication: 2025-06-30\n', 'dates:\n  publication: 2025-06-30\n  appel_ouverture: 2025-01-15\n  appel_cloture: 2025-03-31\n'));
  const expected = `Appel à projets ouvert du 15${NB}janvier au 31${NB}mars${NB}2025.`;
  const site = await build({ dataDir });
  assert.ok((await site.read('appel-a-projets/index.html')).includes(expected), 'web page');
  const print = await renderPrintHtml({ dataDir, outDir: join(await tempDir('call-dates'), 'out') });
  const html = await readFile(print.htmlPath, 'utf8');
  assert.ok(html.includes(`<p class="call__period">${expected}</p>`), 'print section');
});

dates.run();
