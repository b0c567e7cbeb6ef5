/**
 * The data layer's one entry point: load the data folder, validate it (schemas, cross-file
 * checks, editorial warnings) and return the compendium with every finding, sorted.
 */
import { resolve } from 'node:path';
import type { Compendium } from '../model.ts';
import { loadData, type Loaded, type Origin } from './load.ts';
import type { ParseCache } from './yaml.ts';
import { crossCheck } from './crosscheck.ts';
import { editorialWarnings } from './warnings.ts';
import { glyphWarnings } from './glyphs.ts';
import { markdownLinkFindings } from './markdown-links.ts';
import { publicationChecks } from './publication-checks.ts';
import { controlWarnings } from './control-checks.ts';
import { cleanData } from '../site/clean-text.ts';
import { safeFinding, sortFindings, type Finding } from './finding.ts';
import { summarize, type Summary } from './summary.ts';

export type { Finding } from './finding.ts';
export { formatFinding, sortFindings, location, escapeControls } from './finding.ts';
export type { Summary } from './summary.ts';
export type { ParseCache } from './yaml.ts';

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
  /** Files parsed by earlier loads, reused when unchanged (the preview keeps one). */
  parsed?: ParseCache;
}

export async function loadCompendium(dataDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const loaded = await loadData(resolve(dataDir), options.parsed);
  const checked = await crossCheck(loaded);
  // A misnamed file that is cited gets one error (crosscheck.ts): its warning would repeat it.
  const misnamed = new Set(checked.filter((f) => f.code === 'MISNAMED_FILE').map((f) => f.file));
  const findings = [...loaded.findings.filter((f) => !(f.code === 'IGNORED_FILE' && misnamed.has(f.file))), ...checked, ...editorialWarnings(loaded), ...markdownLinkFindings(loaded), ...publicationChecks(loaded), ...controlWarnings(loaded), ...(await glyphWarnings(loaded)), ...(await rejectedFindings(loaded))];
  // Escaped here, once: the terminal, the JSON output and the preview's error page all echo them.
  const sorted = sortFindings(findings).map((f): Finding => safeFinding(options.strict && f.severity === 'avertissement' ? { ...f, severity: 'erreur' } : f));
  const errors = sorted.filter((f) => f.severity === 'erreur');
  const warnings = sorted.filter((f) => f.severity === 'avertissement');
  // Both editions publish the same text: controls no reader can see are removed here, once,
  // for the site and the PDF alike (control-checks.ts has warned about each).
  const clean = cleanData(loaded.compendium);
  return {
    compendium: errors.length === 0 ? clean : null,
    partial: clean,
    errors,
    warnings,
    summary: summarize(loaded.compendium),
    loaded,
  };
}

/**
 * The per-value checks (contacts, web addresses, texts, images, characters) on the records
 * whose file failed its schema (Loaded.rejected), so that « annee: 2O24 » does not hide the
 * e-mail below it. Each record is checked alone, as it holds only the values that passed the
 * schema; no cross-file check sees it, so no knock-on error comes of it. A check that still
 * trips on its shape (a list item the schema refused, left as a hole) loses that record's
 * findings only: the schema error already stops the publication.
 */
async function rejectedFindings(loaded: Loaded): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const [collection, origins] of loaded.rejected?.records ?? []) {
    const records = loaded.rejected!.compendium[collection as Exclude<keyof Compendium, 'site'>] as unknown[];
    for (const [i, record] of records.entries()) {
      const origin: Origin = origins[i]!;
      const empty: Compendium = { territoires: [], themes: [], organisations: [], projets: [], partenaires: [], temoignages: [], contacts: [], editions: [] };
      const one: Loaded = { ...loaded, findings: [], compendium: { ...empty, [collection]: [record] }, sources: { records: new Map([[collection, [origin]]]), editions: new Map() }, unreadEditions: [], rejected: undefined };
      // A contact looks personal or not by the names around it (testimonials, organisations…):
      // that check reads the valid data with this one project in it.
      const amid: Loaded = { ...one, compendium: { ...loaded.compendium, projets: collection === 'projets' ? [record as Compendium['projets'][number]] : [] } };
      try {
        out.push(...editorialWarnings(one, true), ...markdownLinkFindings(one), ...publicationChecks(amid), ...controlWarnings(one), ...(await glyphWarnings(one)));
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
      }
    }
  }
  return out;
}
