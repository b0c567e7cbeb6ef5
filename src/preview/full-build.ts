/**
 * The preview's full build in a child process: after a quick rebuild, the rest of the site
 * (lists, territory pages, search index) is brought up to date here, so that the preview
 * keeps answering and a new save is not kept waiting behind a build of every page — the next
 * save simply stops this one (Eleventy cannot be stopped half-way inside a process, and changes
 * the working folder of the whole process while it runs, so it cannot run beside a quick
 * rebuild in the same process either).
 *
 * Run as `node --import tsx full-build.ts <dataDir> <outDir>`; prints one JSON line:
 * `{ "pages": [...], "projects": "id\nid…" }`, or `{ "failed": "message" }` (exit 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { errorCount } from '../plural.ts';

export interface FullBuildResult {
  /** HTML files written, relative to the output folder. */
  pages: string[];
  /** Project ids, in order. */
  projects: string;
}

export interface FullBuildRun {
  done: Promise<FullBuildResult>;
  /** Stops the build (and its children); `done` then rejects, once the process has ended. */
  cancel(): void;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts a full build of the site from `dataDir` into `outDir`, in its own process. */
export function startFullBuild(dataDir: string, outDir: string): FullBuildRun {
  // In its own process group, so that stopping it stops Pagefind's process too.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, dataDir, outDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const done = new Promise<FullBuildResult>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? '';
      let result: Partial<FullBuildResult> & { failed?: string } = {};
      try {
        result = JSON.parse(last) as typeof result;
      } catch {
        // Killed, or died before its report: the reason is below.
      }
      if (code === 0 && result.pages) ok(result as FullBuildResult);
      else fail(new Error(result.failed ?? (signal ? `construction arrêtée (${signal})` : `construction interrompue (code ${code}) ${err.trim().split('\n').at(-1) ?? ''}`)));
    });
  });
  done.catch(() => undefined);
  const cancel = (): void => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  };
  return { done, cancel };
}

async function main(dataDir: string, outDir: string): Promise<void> {
  const { loadCompendium } = await import('../data/index.ts');
  const { buildSite } = await import('../site/build.ts');
  const loaded = await loadCompendium(dataDir);
  if (loaded.errors.length) throw new Error(`${errorCount(loaded.errors.length)} dans les données`);
  const r = await buildSite({ dataDir, outDir, drafts: true, loaded });
  const report: FullBuildResult = { pages: r.files.filter((f) => f.endsWith('.html')), projects: loaded.compendium!.projets.map((p) => p.id).join('\n') };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1] === import.meta.filename) {
  const [dataDir, outDir] = process.argv.slice(2) as [string, string];
  main(dataDir, outDir).catch((err: unknown) => {
    process.stdout.write(`${JSON.stringify({ failed: err instanceof Error ? err.message : String(err) })}\n`);
    process.exitCode = 1;
  });
}
