/** Runs the CLI in-process with captured output: what a command printed and its exit code. */
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o: Output = { stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`) };
  const code = await main(argv, o);
  return { code, out, err };
}
