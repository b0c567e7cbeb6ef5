/** Command-line parsing on node:util's parseArgs, with French usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CompendiumError } from '../errors.ts';

/** Wrong command-line usage: the CLI exits with code 2. */
export class UsageError extends CompendiumError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`option inconnue « ${unknown[1]} »`);
    const missing = /Option '([^']+)'.* argument missing/.exec(msg);
    if (missing) throw new UsageError(`l’option « ${missing[1]} » attend une valeur`);
    throw new UsageError(`arguments invalides (${msg})`);
  }
}
