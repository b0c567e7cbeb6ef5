/** Command-line parsing on node:util's parseArgs, with French usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CompendiumError } from '../errors.ts';
import { codePoint, escapeControls, firstControl } from '../data/finding.ts';

/** Wrong command-line usage: the CLI exits with code 2. */
export class UsageError extends CompendiumError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/**
 * The command is right but a value names nothing (`--organisation caritas-mosele`): the line
 * and one hint are what helps, not the whole usage screen below them.
 */
export class UnknownValueError extends UsageError {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Names of the invisible characters people actually paste, for the message. */
const NAMES: Record<string, string> = { '\n': 'un saut de ligne', '\r': 'un retour chariot', '\t': 'une tabulation', '\u001B': 'un caractère Échap' };

/**
 * Refuses a value holding a control character: written into a YAML file it would break the
 * line or hide in the text (a newline in « --nom » once wrote a second key into the project).
 * `what` names the option (« --nom ») or the answer (« le nom du projet »).
 */
export function refuseControls(value: string, what: string): string {
  const c = firstControl(value);
  if (c === undefined) return value;
  const name = NAMES[c] ?? `le caractère invisible ${codePoint(c)}`;
  throw new UsageError(`${what} contient ${name} (reçu\u00A0: «\u00A0${escapeControls(value).replace(/\t/g, '[U+0009]')}\u00A0»)\u00A0: retapez la valeur sur une seule ligne, sans caractère invisible`);
}

/** The one data folder of a command: the positional, or `--data`, never two different ones. */
export function dataFolder(positionals: readonly string[], option?: string): string {
  if (positionals.length > 1) throw new UsageError(`un seul dossier de données à la fois (reçu\u00A0: ${positionals.map((p) => `«\u00A0${escapeControls(p)}\u00A0»`).join(', ')})`);
  const [positional] = positionals;
  if (positional !== undefined && option !== undefined && positional !== option) throw new UsageError(`deux dossiers de données\u00A0: «\u00A0${escapeControls(positional)}\u00A0» et --data «\u00A0${escapeControls(option)}\u00A0»\u00A0; gardez-en un`);
  return positional ?? option ?? 'data';
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    parsed = { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`option inconnue « ${escapeControls(unknown[1]!)} »`);
    const missing = /Option '([^']+)'.* argument missing/.exec(msg);
    if (missing) throw new UsageError(`l’option « ${missing[1]} » attend une valeur`);
    throw new UsageError(`arguments invalides (${escapeControls(msg)})`);
  }
  // Every value typed may end up in a file, a page or a terminal: none may hide a control.
  for (const [key, value] of Object.entries(parsed.values)) if (typeof value === 'string') refuseControls(value, `l’option «\u00A0--${key}\u00A0»`);
  for (const value of parsed.positionals) refuseControls(value, 'l’argument');
  return parsed;
}
