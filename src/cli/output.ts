/** Where the CLI writes: injectable, so tests capture output without spawning a process. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A question on the terminal, without line break (interactive commands). */
  prompt?(text: string): void;
}

export const processOutput: Output = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  prompt: (text) => process.stdout.write(text),
};
