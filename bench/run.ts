/**
 * `npm run bench`: measures every stage of the build against its floor, for the real data
 * (56 projects) and synthetic data sets of 400, 1 000 and 5 000 projects. Each figure is the
 * median of several runs, each run in its own process. Prints a table and writes JSON.
 *
 *   npm run bench -- [--sizes 56,400,1000,5000] [--repeat 3] [--stages parse,validate,…] [--out bench/results.json]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { generate } from './generate.ts';
import type { Stage } from './stage.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const STAGES: Stage[] = ['parse', 'validate', 'eleventy-floor', 'web', 'pdf-floor', 'pdf', 'preview-save'];
/** Stages without a floor: the wait after a save in the preview (its targets are absolute). */
const UNFLOORED: Stage[] = ['preview-save'];
/** Each measured stage and the floor it is compared with. */
const FLOORS: Array<[Stage, Stage]> = [
  ['validate', 'parse'],
  ['web', 'eleventy-floor'],
  ['pdf', 'pdf-floor'],
];

interface Sample {
  stage: Stage;
  ms: number;
  /** preview-save: from the save to the reload event (ms is to the page showing the change). */
  eventMs?: number;
  /** preview-save: every save of the run, to the page and to the event (ms, eventMs: medians). */
  savesMs?: number[];
  eventsMs?: number[];
  /** The machine's load average (1 min) as the run ended: the machine is shared. */
  load?: number;
  nodeRss: number;
  chromeRss: number;
  pages?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs one stage once, in its own process and working folder. */
async function runOnce(stage: Stage, dataDir: string, pages: number): Promise<Sample> {
  const work = await mkdtemp(join(tmpdir(), 'compendium-bench-'));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/stage.ts'), stage, dataDir, work, String(pages)], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CI: 'true' },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The median time of a stage's runs, and its peak memory. */
function summarise(stage: Stage, samples: Sample[]): Sample {
  // preview-save: the median of every save of every run, not of each run's median.
  const saves = samples.flatMap((s) => s.savesMs ?? []);
  const events = samples.flatMap((s) => s.eventsMs ?? []);
  return {
    stage,
    ms: saves.length ? median(saves) : median(samples.map((s) => s.ms)),
    ...(samples[0]!.eventMs === undefined ? {} : { eventMs: events.length ? median(events) : median(samples.map((s) => s.eventMs!)) }),
    ...(saves.length ? { savesMs: saves, eventsMs: events } : {}),
    load: median(samples.map((s) => s.load ?? 0)),
    nodeRss: Math.max(...samples.map((s) => s.nodeRss)),
    chromeRss: Math.max(...samples.map((s) => s.chromeRss)),
    pages: samples[0]!.pages,
  };
}

/**
 * Runs every stage `repeat` times, in rounds: one run of each stage, then the next round. The
 * disk and the other tenants of a shared machine change over minutes (a floor measured 0.5 s
 * in one run and 1.5 s a few minutes later): a stage and its floor measured side by side in
 * each round see the same conditions, so their ratio is fairer than when all the runs of one
 * stage come before all the runs of the next. The web build runs before its floor, which
 * writes as many pages as it did.
 */
async function measureAll(stages: Stage[], dataDir: string, repeat: number, projects: number): Promise<Record<string, Sample>> {
  const order = stages.includes('web') ? [...stages.filter((s) => s !== 'eleventy-floor'), ...stages.filter((s) => s === 'eleventy-floor')] : stages;
  const samples = new Map<Stage, Sample[]>(order.map((stage) => [stage, []]));
  for (let round = 1; round <= repeat; round++) {
    for (const stage of order) {
      const pages = samples.get('web')?.[0]?.pages ?? projects + 45;
      process.stderr.write(`  ${projects} projets — ${stage} (${round}/${repeat})…`);
      const measured = await runOnce(stage, dataDir, pages);
      const load = loadavg()[0]!;
      const sample: Sample = { ...measured, load };
      samples.get(stage)!.push(sample);
      const each = sample.savesMs ? ` (${sample.savesMs.map((ms) => Math.round(ms)).join(' / ')})` : '';
      process.stderr.write(` ${Math.round(sample.ms)} ms${each}, charge ${frenchLoad(load)}\n`);
    }
  }
  return Object.fromEntries(stages.map((stage) => [stage, summarise(stage, samples.get(stage)!)]));
}

const frenchLoad = (load: number): string => load.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const mb = (b: number): string => (b ? `${Math.round(b / 1024 / 1024)} Mo` : '—');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '56,400,1000,5000' }, repeat: { type: 'string', default: '3' }, stages: { type: 'string' }, out: { type: 'string', default: 'bench/results.json' } },
  });
  const sizes = values.sizes.split(',').map(Number);
  const repeat = Number(values.repeat);
  const stages = values.stages ? (values.stages.split(',') as Stage[]) : STAGES;
  const results: Array<{ projects: number; stages: Record<string, Sample> }> = [];
  console.log(`Banc d’essai — ${cpus().length} cœurs, ${Math.round(totalmem() / 2 ** 30)} Go, Node ${process.version}, médiane de ${repeat} mesures`);
  for (const n of sizes) {
    let dataDir = join(ROOT, 'data');
    let tmp: string | undefined;
    if (n !== 56) {
      tmp = await mkdtemp(join(tmpdir(), `compendium-bench-data-${n}-`));
      dataDir = join(tmp, 'data');
      await generate({ realData: join(ROOT, 'data'), outDir: dataDir, projects: n, seed: 2025 });
    }
    results.push({ projects: n, stages: await measureAll(stages, dataDir, repeat, n) });
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }

  const lines: string[] = [];
  const header = ['projets', 'étape', 'durée', 'plancher', 'ratio', 'ms/page', 'mém. Node', 'mém. Chromium'];
  lines.push(header.join(' | '), header.map(() => '---').join(' | '));
  for (const r of results) {
    for (const [stage, floor] of FLOORS) {
      const s = r.stages[stage];
      const f = r.stages[floor];
      if (!s) continue;
      const perPage = s.pages && (stage === 'pdf' || stage === 'web') ? (s.ms / s.pages).toFixed(1) : '—';
      lines.push([r.projects, stage, `${Math.round(s.ms)} ms`, f ? `${Math.round(f.ms)} ms (${floor})` : '—', f ? `${(s.ms / f.ms).toFixed(2)}×` : '—', perPage, mb(s.nodeRss), mb(s.chromeRss)].join(' | '));
    }
    for (const stage of UNFLOORED) {
      const s = r.stages[stage];
      const detail = s && [s.eventMs === undefined ? '' : `événement : ${Math.round(s.eventMs)} ms`, s.savesMs ? `${s.savesMs.length} enregistrements` : '', `charge ${frenchLoad(s.load ?? 0)}`].filter(Boolean).join(' ; ');
      if (s) lines.push([r.projects, stage, `${Math.round(s.ms)} ms (${detail})`, '—', '—', '—', mb(s.nodeRss), mb(s.chromeRss)].join(' | '));
    }
  }
  console.log(`\n${lines.join('\n')}`);
  const pdf56 = results.find((r) => r.projects === 56)?.stages.pdf;
  const pdf1000 = results.find((r) => r.projects === 1000)?.stages.pdf;
  if (pdf56?.pages && pdf1000?.pages) console.log(`\nPDF : ${(pdf1000.ms / pdf1000.pages / (pdf56.ms / pdf56.pages)).toFixed(2)}× le coût par page à 1 000 projets par rapport à 56.`);
  await writeFile(values.out, `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, memory: totalmem(), node: process.version }, repeat, results }, null, 2)}\n`);
  console.log(`Résultats : ${values.out}`);
}

await main();
