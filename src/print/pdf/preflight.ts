/**
 * A PDF/X-3:2002 preflight, as a print shop's prepress desk runs one before accepting a file:
 * the rules of the whole document here (version, declaration, output intent, /Trapped, /ID),
 * the rules of each page in page-checks.ts, the report in preflight-report.ts. `compendium
 * preflight` runs it on any PDF; the build runs it on the PDF/X-3 file it makes.
 *
 * The file is read with pdf-lib (its objects as written, not as a viewer would repair them)
 * and rendered by Ghostscript for the total area coverage (ink-render.ts); without
 * Ghostscript the coverage is judged from the colour operators alone, and the report says so.
 */
import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { PDF_LOAD } from '../pdf-finish.ts';
import { PreflightInputError } from './errors.ts';
import { renderedInk } from './ink-render.ts';
import { checkPage } from './page-checks.ts';
import type { Finding, PreflightReport } from './preflight-report.ts';

export { formatPreflight, CHECKS, type CheckId, type Finding, type PreflightReport } from './preflight-report.ts';

export interface PreflightOptions {
  /** The name the report gives the file (default: its path). */
  name?: string;
  /** Ghostscript executable, for the rendered ink coverage (default `gs`; `false`: do not render). */
  gs?: string | false;
}

const text = (obj: PDFObject | undefined): string | undefined => (obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined);

/** PDF version of the header, raised by the catalog's /Version when it says more. */
export function pdfVersion(bytes: Uint8Array, doc: PDFDocument): number {
  const header = /%PDF-(\d+\.\d+)/.exec(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'));
  const catalog = doc.catalog.get(PDFName.of('Version'));
  const declared = catalog instanceof PDFName ? Number(catalog.decodeText()) : 0;
  return Math.max(Number(header?.[1] ?? 0), Number.isFinite(declared) ? declared : 0);
}

/** Rules of the whole document. Pure. */
export function checkDocument(bytes: Uint8Array, doc: PDFDocument): Finding[] {
  const findings: Finding[] = [];
  const add = (check: Finding['check'], message: string): void => void findings.push({ check, message });
  const version = pdfVersion(bytes, doc);
  if (version > 1.4) add('version', `PDF ${version.toFixed(1)}\u00A0: PDF/X-3:2002 demande la version 1.4 au plus (1.3 de préférence)`);

  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const declared = text(infoDict?.get(PDFName.of('GTS_PDFXVersion')));
  if (!declared?.startsWith('PDF/X-3')) add('declaration', declared ? `déclaré «\u00A0${declared}\u00A0», PDF/X-3:2002 attendu` : 'GTS_PDFXVersion absent du dictionnaire Info');

  const trapped = infoDict?.get(PDFName.of('Trapped'));
  const trappedName = trapped instanceof PDFName ? trapped.decodeText() : text(trapped);
  if (trappedName !== 'True' && trappedName !== 'False') add('trapped', trappedName ? `/Trapped vaut «\u00A0${trappedName}\u00A0», True ou False attendu` : '/Trapped absent du dictionnaire Info (True ou False attendu)');

  const ids = doc.context.lookup(doc.context.trailerInfo.ID);
  if (!(ids instanceof PDFArray) || ids.size() !== 2 || !ids.asArray().every((id) => id instanceof PDFHexString || id instanceof PDFString)) add('id', 'pas d’identifiant /ID dans la fin de fichier (trailer)');

  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.asArray() ?? [];
  const pdfx = intents.map((ref) => doc.context.lookup(ref)).find((intent): intent is PDFDict => intent instanceof PDFDict && intent.get(PDFName.of('S')) === PDFName.of('GTS_PDFX'));
  if (!pdfx) add('output-intent', 'aucun OutputIntent /GTS_PDFX dans le catalogue');
  else {
    const profile = pdfx.lookup(PDFName.of('DestOutputProfile'));
    const n = profile instanceof PDFStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
    if (!(profile instanceof PDFStream)) add('output-intent', 'profil ICC non incorporé (DestOutputProfile absent)');
    else if (!(n instanceof PDFNumber) || n.asNumber() !== 4) add('output-intent', 'le profil de sortie incorporé n’est pas un profil CMJN (/N 4)');
    if (!text(pdfx.get(PDFName.of('OutputConditionIdentifier')))) add('output-intent', 'OutputConditionIdentifier absent');
  }
  return findings;
}

/** Checks a PDF file against every rule and returns the report (never throws for a failing file). */
export async function preflight(path: string, options: PreflightOptions = {}): Promise<PreflightReport> {
  let bytes: Uint8Array;
  let doc: PDFDocument;
  try {
    bytes = await readFile(path);
    doc = await PDFDocument.load(bytes, PDF_LOAD);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // pdf-lib's reasons are English and technical: the editor gets what to do (the cause is kept).
    const detail = code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? 'c’est un dossier, pas un fichier' : 'ce n’est pas un PDF lisible (en-tête « %PDF » absent, ou fichier endommagé)';
    throw new PreflightInputError(path, detail, { cause: error });
  }
  const notes: string[] = [];
  const renderedTac = options.gs === false ? undefined : await renderedInk(path, options.gs || 'gs');
  if (!renderedTac && options.gs !== false) notes.push('encrage mesuré sur les couleurs de la page seulement (Ghostscript absent : les images ne sont pas mesurées).');
  let pages: ReturnType<PDFDocument['getPages']>;
  let findings: PreflightReport['findings'];
  try {
    pages = doc.getPages();
    findings = [...checkDocument(bytes, doc), ...pages.flatMap((page, i) => checkPage(doc, page, i + 1, renderedTac?.[i]))];
  } catch (error) {
    // A file with a PDF header whose structure is broken (no page tree, bad objects).
    throw new PreflightInputError(path, 'fichier PDF endommagé : sa structure (pages, objets) ne peut pas être lue', { cause: error });
  }
  return {
    file: options.name ?? path,
    pages: pages.length,
    findings,
    ...(renderedTac ? { renderedTac } : {}),
    notes,
    passed: findings.length === 0,
  };
}
