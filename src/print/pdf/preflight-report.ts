/** The preflight's findings and its French report, page by page. Pure. */

/** The rules checked, in the order the report gives them, with their French names. */
export const CHECKS = {
  version: 'Version PDF ≤ 1.4',
  declaration: 'Déclaration PDF/X-3',
  'output-intent': 'Mode de sortie (OutputIntent) avec son profil ICC',
  trapped: 'Recouvrement déclaré (/Trapped)',
  id: 'Identifiant du document (/ID)',
  boxes: 'TrimBox et BleedBox dans la MediaBox',
  annotations: 'Aucune annotation',
  fonts: 'Polices incorporées',
  rgb: 'Aucune couleur RVB',
  transparency: 'Aucune transparence',
  'black-text': 'Texte noir sur le noir seul',
  'black-rules': 'Filets noirs sur le noir seul',
  tac: 'Encrage total ≤ 300\u00A0%',
} as const;

export type CheckId = keyof typeof CHECKS;

export interface Finding {
  check: CheckId;
  /** 1-based page; absent for a rule of the whole document. */
  page?: number;
  message: string;
}

export interface PreflightReport {
  /** The file as named by the caller. */
  file: string;
  pages: number;
  findings: Finding[];
  /** Heaviest ink per page as rendered (%), when Ghostscript could render the file. */
  renderedTac?: number[];
  /** Things the preflight could not check, in French. */
  notes: string[];
  passed: boolean;
}

const NBSP = '\u00A0';

/** The report a print shop would read: the document's rules, then every page, then the verdict. */
export function formatPreflight(report: PreflightReport): string {
  const lines = [`Contrôle avant impression PDF/X-3:2002${NBSP}: ${report.file} (${report.pages}${NBSP}page${report.pages > 1 ? 's' : ''})`];
  const general = report.findings.filter((f) => f.page === undefined);
  lines.push(general.length ? 'Document :' : 'Document : conforme');
  for (const f of general) lines.push(`  ✗ ${CHECKS[f.check]}${NBSP}: ${f.message}`);
  for (let page = 1; page <= report.pages; page++) {
    const found = report.findings.filter((f) => f.page === page);
    const ink = report.renderedTac?.[page - 1];
    const measured = ink === undefined ? '' : ` (encrage maximal ${ink}${NBSP}%)`;
    lines.push(found.length ? `Page ${page}${measured} :` : `Page ${page} : conforme${measured}`);
    for (const f of found) lines.push(`  ✗ ${CHECKS[f.check]}${NBSP}: ${f.message}`);
  }
  for (const note of report.notes) lines.push(`Note${NBSP}: ${note}`);
  const failedPages = new Set(report.findings.flatMap((f) => (f.page === undefined ? [] : [f.page]))).size;
  const count = report.findings.length;
  lines.push(
    report.passed
      ? `Résultat${NBSP}: conforme (${Object.keys(CHECKS).length}${NBSP}règles vérifiées).`
      : `Résultat${NBSP}: non conforme, ${count}${NBSP}problème${count > 1 ? 's' : ''}${failedPages ? ` sur ${failedPages}${NBSP}page${failedPages > 1 ? 's' : ''}` : ''}.`,
  );
  return lines.join('\n').replace(/ :/g, `${NBSP}:`);
}
