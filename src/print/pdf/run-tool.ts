/** Runs a command-line tool (Ghostscript) and collects its output; never throws. */
import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The executable was not found. */
  missing: boolean;
}

export function runTool(command: string, args: string[], env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ToolResult> {
  return new Promise((done) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => done({ code, stdout, stderr, missing: false }));
  });
}
