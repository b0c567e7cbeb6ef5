/**
 * Helpers of the process-* reliability tests: the real `compendium` command in a child
 * process, a work folder with data and a previous output, and the processes left behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, VALID } from '../../helpers/data.ts';

export const CLI = join(ROOT, 'bin/compendium.js');

export interface Work {
  /** The work folder: data/, _site/ (a previous output), tmp/ (the TMPDIR of the command). */
  dir: string;
  data: string;
  out: string;
  tmp: string;
}

/** A work folder with the small valid fixture as data and a previous output written by compendium. */
export function makeWork(name: string, parent = tmpdir()): Work {
  const dir = mkdtempSync(join(parent, `compendium-${name}-`));
  const data = join(dir, 'data');
  cpSync(VALID, data, { recursive: true });
  const out = join(dir, '_site');
  mkdirSync(join(out, 'pdf'), { recursive: true });
  writeFileSync(join(out, '.compendium-sortie'), 'publié\n');
  writeFileSync(join(out, 'index.html'), '<!doctype html><title>Publié</title>');
  writeFileSync(join(out, 'pdf/innovation-sociale-moselle-2025-impression.pdf'), '%PDF-1.7 publié');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  return { dir, data, out, tmp };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `compendium …args`; `child` for signals, `done` when it has exited. */
export function startCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcessWithoutNullStreams; done: Promise<Run>; output: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, CI: 'true', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, output: () => stdout + stderr };
}

export const runCli = (args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> => startCli(args, options).done;

/** Resolves when `test` matches what the command wrote so far (checked every 20 ms). */
export async function waitFor(output: () => string, test: RegExp, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!test.test(output())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} never came:\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Processes whose command line mentions `needle` (our own pgrep, from /proc). */
export function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) pids.push(Number(name));
    } catch {
      // Gone.
    }
  }
  return pids;
}

/** Waits (up to 5 s) for the processes mentioning `needle` to go; returns those left. */
export async function leftBehind(needle: string): Promise<number[]> {
  for (let i = 0; i < 50 && processesWith(needle).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return processesWith(needle);
}

/** A stack trace line (« at fn (file:line) »): never for a user. */
export const STACK = /^\s+at .+[:(]/m;

/** Processes (other than this one) whose working folder is `dir` or under it: what a command started there. */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}
