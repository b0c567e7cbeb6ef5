#!/usr/bin/env node
// Runs every uvu suite (one folder of tests/ each, in its own process so a crash in one
// cannot hide the others) and ends with one line summing them: "N passed, N failed".
// Usage: node tests/run.js [suite ...]   (default: every folder of tests/ with *.test.ts)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const testsDir = join(root, 'tests');
const skipDirs = new Set(['fixtures', 'helpers']);
const all = readdirSync(testsDir)
  .filter((d) => !skipDirs.has(d) && statSync(join(testsDir, d)).isDirectory())
  .filter((d) => readdirSync(join(testsDir, d)).some((f) => f.endsWith('.test.ts')))
  .sort();
const suites = process.argv.slice(2).length ? process.argv.slice(2) : all;

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  console.log(`\n=== suite: ${suite} ===`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), join('tests', suite), '\\.test\\.ts$'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const out = res.stdout ?? '';
  process.stdout.write(out);
  const num = (label) => Number((out.match(new RegExp(`${label}:\\s+(\\d+)`)) ?? [])[1] ?? NaN);
  const total = num('Total');
  const ok = num('Passed');
  const skip = num('Skipped') || 0;
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    // The suite crashed before uvu could print its totals: count it as one failure.
    console.log(`suite ${suite} did not report its totals (exit ${res.status}, signal ${res.signal})`);
    failed += 1;
    continue;
  }
  passed += ok;
  skipped += skip;
  failed += total - ok - skip;
  if (res.status !== 0 && total - ok - skip === 0) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
