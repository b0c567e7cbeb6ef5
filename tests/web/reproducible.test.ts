import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, ROOT, tempDir, twoEditionsData, TWO_EDITIONS_PDFS, TEST_SITE_URL } from './support/fixtures.ts';
import { checksums } from '../helpers/checksums.ts';

/**
 * Reproducible output: the same data and the same SOURCE_DATE_EPOCH give byte-identical files.
 * The two builds differ in everything else that could leak into the output: the data is copied
 * twice (other folders, other file times), the second build runs in another process, from
 * another working folder, with another time zone and locale.
 */
const run = promisify(execFile);

const repro = suite('reproducible output');

repro('two builds of the same data give byte-identical files (HTML, JSON, CSV, XML, Pagefind, images)', async () => {
  const epoch = '1751241600'; // 2025-06-30
  const previous = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = epoch;
  let first;
  try {
    first = await build({ dataDir: await twoEditionsData(), pdfs: TWO_EDITIONS_PDFS });
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previous;
  }

  const secondOut = join(await tempDir('repro'), 'site');
  const script = `
    const { buildSite } = await import(${JSON.stringify(join(ROOT, 'src/site/build.ts'))});
    await buildSite({ dataDir: process.argv[1], outDir: process.argv[2], pdfs: JSON.parse(process.argv[3]), siteUrl: ${JSON.stringify(TEST_SITE_URL)} });
  `;
  // From another folder, tsx is found by its path, not by its name.
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  await run(process.execPath, ['--import', tsx, '--input-type=module', '-e', script, await twoEditionsData(), secondOut, JSON.stringify(TWO_EDITIONS_PDFS)], {
    cwd: await tempDir('cwd'),
    env: { ...process.env, SOURCE_DATE_EPOCH: epoch, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
  });

  const [a, b] = [checksums(first.outDir), checksums(secondOut)];
  assert.equal(Object.keys(b).sort(), Object.keys(a).sort(), 'the same files');
  const different = Object.keys(a).filter((f) => a[f] !== b[f]);
  assert.equal(different, [], `files that differ: ${different.join(', ')}`);
  const kinds = new Set(Object.keys(a).map((f) => f.split('.').pop()));
  for (const kind of ['html', 'json', 'csv', 'xml', 'pf_fragment', 'pf_index', 'avif', 'webp', 'jpeg']) assert.ok(kinds.has(kind), `compared ${kind} files`);
});

repro.run();
