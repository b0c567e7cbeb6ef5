/**
 * Warnings inherited from the published edition. The bundled data carries some thirty
 * warnings from the 2025 brochure (its own slips, kept as printed); when an editor prepares
 * 2026, what they have just broken must not drown among them. So `new-edition` writes down the
 * warnings present at that moment (editions/<year>/avertissements-herites.txt, one per line,
 * with the text of their line but not its number, which moves), and `validate` lists first every warning that is not in
 * that list, then says how many inherited ones it did not list and how to see them: nothing is
 * hidden without a count and an option. A warning about a value the editor changed is new (the
 * message quotes the value); one that concerns the draft itself is never inherited.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../data/index.ts';

export const BASELINE_FILE = 'avertissements-herites.txt';

/**
 * What identifies a warning across edits: its code, its file inside the data folder, its
 * message, and the text of the line it points at (not its number, which moves when lines are
 * added above). The line's text tells apart two slips whose messages quote the same few
 * characters: a new « l‘association » under an inherited « l‘accompagnement » (both « l‘a… »)
 * was counted as inherited, and never listed.
 */
export function warningKey(f: Finding, dataDir: string): string {
  const file = relative(resolve(dataDir), resolve(f.file)).split(sep).join('/');
  return `${f.code}\t${file}\t${f.message.replace(/\s+/g, ' ')}\t${(f.source ?? '').replace(/\s+/g, ' ').trim()}`;
}

/** The baseline file's text: a French header for whoever opens it, then one key per line. */
export function baselineText(warnings: readonly Finding[], dataDir: string, from: number): string {
  const keys = [...new Set(warnings.map((w) => warningKey(w, dataDir)))].sort();
  return [
    `# Avertissements déjà présents dans l’édition ${from} quand cette édition a été créée.`,
    '# « compendium validate » les compte sans les lister (--tous pour les voir) et montre',
    '# d’abord les nouveaux. Fichier écrit par « compendium new-edition » : ne le modifiez pas ;',
    '# supprimez-le pour que tous les avertissements soient de nouveau listés.',
    ...keys,
    '',
  ].join('\n');
}

export async function writeBaseline(editionDir: string, warnings: readonly Finding[], dataDir: string, from: number): Promise<string> {
  const path = join(editionDir, BASELINE_FILE);
  await writeFile(path, baselineText(warnings, dataDir, from));
  return path;
}

export interface Baseline {
  keys: Set<string>;
  /** The edition the warnings were inherited from, as its header says. */
  from?: number;
}

/** The baseline of a draft edition, or undefined when it has none. */
export async function readBaseline(dataDir: string, year: number): Promise<Baseline | undefined> {
  const text = await readFile(join(dataDir, 'editions', String(year), BASELINE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const from = /l’édition (\d{4})/.exec(text)?.[1];
  return { keys: new Set(text.split('\n').filter((l) => l && !l.startsWith('#'))), ...(from ? { from: Number(from) } : {}) };
}

/**
 * Splits warnings into those to list (new, or about the draft) and those inherited. A warning
 * in the draft's own folder, or that names the draft's year as its edition, is never inherited.
 */
export function splitInherited(warnings: readonly Finding[], baseline: Baseline, dataDir: string, draft: number): { fresh: Finding[]; inherited: Finding[] } {
  const fresh: Finding[] = [];
  const inherited: Finding[] = [];
  const draftDir = resolve(dataDir, 'editions', String(draft)) + sep;
  for (const w of warnings) {
    const aboutDraft = w.edition === draft || resolve(w.file).startsWith(draftDir);
    (!aboutDraft && baseline.keys.has(warningKey(w, dataDir)) ? inherited : fresh).push(w);
  }
  return { fresh, inherited };
}
