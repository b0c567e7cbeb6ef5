/**
 * The data layer's one entry point: load the data folder, validate it (schemas, cross-file
 * checks, editorial warnings) and return the compendium with every finding, sorted.
 */
import { resolve } from 'node:path';
import type { Compendium } from '../model.ts';
import { loadData, type Loaded } from './load.ts';
import { crossCheck } from './crosscheck.ts';
import { editorialWarnings } from './warnings.ts';
import { publicationChecks } from './publication-checks.ts';
import { sortFindings, type Finding } from './finding.ts';
import { summarize, type Summary } from './summary.ts';

export type { Finding } from './finding.ts';
export { formatFinding, sortFindings, location } from './finding.ts';
export type { Summary } from './summary.ts';

export interface LoadResult {
  /** The data, or null when it has errors (nothing may be published from it). */
  compendium: Compendium | null;
  /** Whatever could be loaded, even with errors (for summaries and tools). */
  partial: Compendium;
  errors: Finding[];
  warnings: Finding[];
  summary: Summary;
  loaded: Loaded;
}

export interface LoadOptions {
  /** Turn warnings into errors. */
  strict?: boolean;
}

export async function loadCompendium(dataDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const loaded = await loadData(resolve(dataDir));
  const findings = [...loaded.findings, ...(await crossCheck(loaded)), ...editorialWarnings(loaded), ...publicationChecks(loaded)];
  const sorted = sortFindings(findings).map((f): Finding => (options.strict && f.severity === 'avertissement' ? { ...f, severity: 'erreur' } : f));
  const errors = sorted.filter((f) => f.severity === 'erreur');
  const warnings = sorted.filter((f) => f.severity === 'avertissement');
  return {
    compendium: errors.length === 0 ? loaded.compendium : null,
    partial: loaded.compendium,
    errors,
    warnings,
    summary: summarize(loaded.compendium),
    loaded,
  };
}
