/**
 * Ctrl-C, SIGTERM (a service manager, a CI timeout) and SIGHUP (the terminal closed) cancel a
 * long command: the command stops its stages, removes what it started, and exits with the
 * shell's code for that signal (128 + its number: 130, 143, 129). A second signal while it
 * cleans up is ignored but said: killing it then would leave the staging folder behind.
 */
import type { Output } from './output.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export interface Interrupt {
  signal: AbortSignal;
  /** The exit code for the signal received (130, 143, 129), or undefined when none was. */
  exitCode(): number | undefined;
  dispose(): void;
}

export function listenForInterrupt(out: Output, notice: string): Interrupt {
  const controller = new AbortController();
  let received: (typeof SIGNALS)[number] | undefined;
  const handlers = SIGNALS.map((name) => {
    const handler = (): void => {
      if (received) {
        out.stderr('Arrêt en cours, patientez\u00A0: les fichiers commencés sont en train d’être supprimés.');
        return;
      }
      received = name;
      out.stderr(`\n${notice}`);
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => (received ? CODES[received] : undefined),
    dispose: () => {
      for (const [name, handler] of handlers) process.removeListener(name, handler);
    },
  };
}
