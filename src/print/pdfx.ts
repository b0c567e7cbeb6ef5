/**
 * The PDF/X-3 variant of the print PDF, made with Ghostscript (pdfwrite): every colour
 * converted to CMYK through an ICC profile that is also embedded as the output intent, page
 * boxes kept, fonts embedded. Optional: without Ghostscript the build says so and goes on.
 * The file made is then checked by the preflight (src/print/pdf/preflight.ts): a file that a
 * print shop's PDF/X-3:2002 preflight would stop is a build error, with the report.
 *
 * Before Ghostscript, a copy of the print PDF is prepared (prepareForPdfx):
 * - every annotation is removed: PDF/X forbids them inside the page, and the links belong to
 *   the screen and proof PDFs, which keep theirs;
 * - black and dark grey become K-only CMYK (src/print/pdf/k-only.ts says why, what Ghostscript's
 *   own options did, and the measured ramp).
 *
 * Ghostscript only ever sees paths of its own temporary folder (the prepared PDF, the profile
 * copied there, the prologue, its output): a project under `clone-é` or `Mes documents` made
 * Ghostscript fail on the profile's path, written into the PostScript prologue as Latin-1
 * while the disk has UTF-8, and the build went on without its PDF/X-3.
 *
 * Which profile: the print shop's own when the edition names one (`format.profil_icc`, a path
 * under data/). Otherwise the FOGRA39 profile bundled in print/icc/ (coated paper, ISO
 * 12647-2 — what French print shops usually ask for when they have no profile of their own),
 * built with ArgyllCMS from the FOGRA39 measurement data that Debian's icc-profiles-free ships
 * under the Zlib licence; print/icc/README.md says how, so it can be rebuilt and checked.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDocument, PDFName } from 'pdf-lib';
import { NBSP } from './french.ts';
import { PdfxPreflightError } from './pdf/errors.ts';
import { iccFacts } from './pdf/icc.ts';
import { mapDarkNeutralsToK } from './pdf/k-only.ts';
import { formatPreflight, preflight, type PreflightReport } from './pdf/preflight.ts';
import { runTool } from './pdf/run-tool.ts';
import { inspectColors, type ColorReport } from './pdf-colors.ts';
import { PDF_LOAD } from './pdf-finish.ts';

export const GS_MISSING = `Ghostscript absent${NBSP}: la variante PDF/X-3 n’est pas produite. Installez-le${NBSP}: sudo apt-get install ghostscript`;

export interface IccProfile {
  path: string;
  /** The profile's own description (its `desc` tag). */
  description: string;
  /** OutputConditionIdentifier of the output intent. */
  condition: string;
  source: 'édition' | 'FOGRA39';
}

export interface PdfxOptions {
  /** The print PDF (RGB, with TrimBox and BleedBox). */
  input: string;
  output: string;
  title: string;
  /** The print shop's CMYK profile; default: the bundled FOGRA39 profile (FOGRA39_PROFILE). */
  iccProfile?: string;
  /** Ghostscript executable (default `gs`, found on the PATH). */
  gs?: string;
  env?: NodeJS.ProcessEnv;
  /** Stops Ghostscript (the build was cancelled); the result is then `made: false`. */
  signal?: AbortSignal;
}

/** The PDF/X-3 file and what was checked in it. */
export interface PdfxFile {
  path: string;
  bytes: number;
  profile: IccProfile;
  /** Colour spaces and transparency found in the result (`rgb` and `transparency` should be empty). */
  colors: ColorReport;
  /** Every page kept the print PDF's TrimBox and BleedBox. */
  boxesKept: boolean;
  /** RGB colour operators made K-only (black and dark grey), and annotations taken out. */
  kOnlyColors: number;
  annotationsRemoved: number;
  /** The preflight of the file made (passed, or buildPdfx threw PdfxPreflightError). */
  preflight: PreflightReport;
  ms: number;
}

export type PdfxResult = { made: true; file: PdfxFile } | { made: false; reason: string };

/** Ghostscript's version, or undefined when it is not installed. */
export async function ghostscriptVersion(gs = 'gs', env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await runTool(gs, ['--version'], env);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** The default output profile: FOGRA39, built from free measurement data (print/icc/README.md). */
export const FOGRA39_PROFILE = fileURLToPath(new URL('../../print/icc/FOGRA39L-argyll.icc', import.meta.url));

/**
 * PostScript string literal: its UTF-8 bytes (a file name as the file system has it),
 * backslashes and parentheses escaped, non-ASCII as octal.
 */
function psString(text: string): string {
  return `(${Array.from(Buffer.from(text, 'utf8'), (byte) => {
    const c = String.fromCharCode(byte);
    if (c === '(' || c === ')' || c === '\\') return `\\${c}`;
    return byte < 32 || byte > 126 ? `\\${byte.toString(8).padStart(3, '0')}` : c;
  }).join('')})`;
}

/**
 * A PDF text string for a pdfmark: plain ASCII as it is (an identifier such as « FOGRA39 » is
 * compared as bytes by some preflights), anything else in UTF-16BE with its byte order mark,
 * so a title with « ’ » or « œ » (outside Latin-1) reaches the Info dictionary intact.
 */
function pdfText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return psString(text);
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** The PDFX_def.ps prologue (after Ghostscript's lib/PDFX_def.ps) for this profile (at `profilePath`) and title. */
export function pdfxDefinition(profile: IccProfile, title: string, profilePath = profile.path): string {
  return `%!
% PDF/X-3 prologue written by compendium (src/print/pdfx.ts), after Ghostscript's lib/PDFX_def.ps.
[ /GTS_PDFXVersion (PDF/X-3:2002) /Title ${pdfText(title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profilePath)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${pdfText(profile.description)}
  /Info ${pdfText(profile.description)}
  /OutputConditionIdentifier ${pdfText(profile.condition)}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/** Whether every page of `converted` has the TrimBox and BleedBox of `original` (±0.01 pt). */
async function boxesKept(original: Uint8Array, converted: Uint8Array): Promise<boolean> {
  const [a, b] = await Promise.all([PDFDocument.load(original, PDF_LOAD), PDFDocument.load(converted, PDF_LOAD)]);
  const pa = a.getPages();
  const pb = b.getPages();
  if (pa.length !== pb.length) return false;
  const same = (x: { width: number; height: number }, y: { width: number; height: number }) => Math.abs(x.width - y.width) < 0.01 && Math.abs(x.height - y.height) < 0.01;
  return pa.every((page, i) => {
    const other = pb[i];
    return other !== undefined && same(page.getTrimBox(), other.getTrimBox()) && same(page.getBleedBox(), other.getBleedBox());
  });
}

/** End of a PDF string (`<hex>` or `(literal)`, escapes and nested parentheses) starting at `at`. */
function stringEnd(bytes: Buffer, at: number): number {
  if (bytes[at] === 0x3c) return bytes.indexOf(0x3e, at) + 1;
  let depth = 0;
  for (let i = at; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Ghostscript dates its output from SOURCE_DATE_EPOCH, but derives the trailer's /ID from the
 * output file's name (ours is a temporary name with the process id) and the clock. The ID is
 * replaced by a hash of the rest of the file, as src/print/pdf-finish.ts does for our PDFs, so
 * the same print PDF always gives the same bytes. The trailer comes after the cross-reference
 * table, so no offset moves. A file without a classic trailer is returned as it is.
 */
export function reproducibleId(bytes: Buffer): Buffer {
  const trailer = bytes.lastIndexOf('trailer');
  const key = trailer < 0 ? -1 : bytes.indexOf('/ID', trailer);
  if (key < 0) return bytes;
  let at = key + 3;
  while (at < bytes.length && bytes[at] !== 0x5b && bytes[at] !== 0x2f && bytes[at] !== 0x3e) at++;
  if (bytes[at] !== 0x5b) return bytes;
  let end = at + 1;
  for (let i = 0; i < 2; i++) {
    while (end < bytes.length && /\s/.test(String.fromCharCode(bytes[end] ?? 0))) end++;
    end = stringEnd(bytes, end);
    if (end <= 0) return bytes;
  }
  end = bytes.indexOf(0x5d, end) + 1;
  if (end <= 0) return bytes;
  const id = createHash('sha256').update(bytes.subarray(0, key)).update(bytes.subarray(end)).digest('hex').slice(0, 32).toUpperCase();
  return Buffer.concat([bytes.subarray(0, key), Buffer.from(`/ID [<${id}><${id}>]`, 'latin1'), bytes.subarray(end)]);
}

/**
 * The copy of the print PDF Ghostscript converts: no annotations, black and dark grey as
 * K-only CMYK. Returns its bytes and how many colour operators were made K-only.
 */
export async function prepareForPdfx(bytes: Uint8Array): Promise<{ bytes: Uint8Array; kOnly: number; annotations: number }> {
  const doc = await PDFDocument.load(bytes, PDF_LOAD);
  let annotations = 0;
  for (const page of doc.getPages()) {
    annotations += page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.size() ?? 0;
    page.node.delete(PDFName.of('Annots'));
  }
  // Forms (none of ours) would keep widget annotations alive through the AcroForm.
  doc.catalog.delete(PDFName.of('AcroForm'));
  const kOnly = mapDarkNeutralsToK(doc);
  return { bytes: await doc.save({ useObjectStreams: false }), kOnly, annotations };
}

/** The output profile: the print shop's (checked, IccProfileError when damaged) or FOGRA39. */
async function outputProfile(iccProfile: string | undefined): Promise<IccProfile | string> {
  if (!iccProfile) {
    const description = iccFacts(await readFile(FOGRA39_PROFILE), FOGRA39_PROFILE).description ?? 'FOGRA39';
    // The identifier of the ICC registry (color.org), so a preflight recognises the condition.
    return { path: FOGRA39_PROFILE, description, condition: 'FOGRA39', source: 'FOGRA39' };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(iccProfile);
  } catch {
    return `Profil ICC de l’imprimeur introuvable${NBSP}: ${iccProfile}. La variante PDF/X-3 n’est pas produite.`;
  }
  const description = iccFacts(bytes, iccProfile).description ?? basename(iccProfile);
  return { path: iccProfile, description, condition: description, source: 'édition' };
}

/**
 * Converts the print PDF to CMYK PDF/X-3 with Ghostscript, then preflights the result. Never
 * throws for a missing or failing Ghostscript: the variant is optional, `made: false` says why
 * (in French). Throws IccProfileError for a damaged profile, and PdfxPreflightError (after
 * the file is written, so it can be looked at) when the result fails the preflight.
 */
export async function buildPdfx(options: PdfxOptions): Promise<PdfxResult> {
  const started = Date.now();
  const gs = options.gs ?? 'gs';
  const version = await ghostscriptVersion(gs, options.env);
  if (!version) return { made: false, reason: GS_MISSING };
  const profile = await outputProfile(options.iccProfile);
  if (typeof profile === 'string') return { made: false, reason: profile };

  const work = await mkdtemp(join(tmpdir(), 'compendium-pdfx-'));
  const temporary = `${options.output}.${process.pid}.tmp`;
  try {
    const [definition, icc, input, output] = ['PDFX_def.ps', 'output-intent.icc', 'input.pdf', 'output.pdf'].map((name) => join(work, name)) as [string, string, string, string];
    await copyFile(profile.path, icc);
    await writeFile(definition, pdfxDefinition(profile, options.title, icc), 'latin1');
    const prepared = await prepareForPdfx(await readFile(options.input));
    await writeFile(input, prepared.bytes);
    const args = [
      '-dBATCH',
      '-dNOPAUSE',
      '-dQUIET',
      // SAFER (the default) stays on; only the profile may be read by the prologue.
      `--permit-file-read=${icc}`,
      '-sDEVICE=pdfwrite',
      '-dPDFX=true',
      '-dPDFXCompatibilityPolicy=1',
      '-sColorConversionStrategy=CMYK',
      '-sProcessColorModel=DeviceCMYK',
      `-sOutputICCProfile=${icc}`,
      // Photos are already at print resolution: no downsampling, high-quality JPEG re-encoding
      // (CMYK conversion must re-encode them).
      '-dDownsampleColorImages=false',
      '-dDownsampleGrayImages=false',
      '-dAutoFilterColorImages=false',
      '-dColorImageFilter=/DCTEncode',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      // « % » in an output name is a page-number format to Ghostscript (a temporary folder may have one).
      `-sOutputFile=${output.replace(/%/g, '%%')}`,
      '-c',
      '<< /ColorImageDict << /QFactor 0.15 /Blend 1 /HSamples [1 1 1 1] /VSamples [1 1 1 1] >> >> setdistillerparams',
      '-f',
      definition,
      input,
    ];
    // Ghostscript's own temporary files (gs_*) in `work` too: killed by the signal, it leaves them.
    const result = await runTool(gs, args, { ...(options.env ?? process.env), TMPDIR: work }, options.signal);
    if (options.signal?.aborted) return { made: false, reason: `Variante PDF/X-3 interrompue.` };
    if (result.code !== 0) {
      const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
      return { made: false, reason: `Ghostscript a échoué (code ${result.code})${NBSP}: ${detail}` };
    }
    await writeFile(temporary, reproducibleId(await readFile(output)));
    await rename(temporary, options.output);
    const [original, converted] = await Promise.all([readFile(options.input), readFile(options.output)]);
    const report = await preflight(options.output, { gs, name: basename(options.output) });
    if (!report.passed) throw new PdfxPreflightError(options.output, formatPreflight(report));
    return {
      made: true,
      file: {
        path: options.output,
        bytes: (await stat(options.output)).size,
        profile,
        colors: await inspectColors(converted),
        boxesKept: await boxesKept(original, converted),
        kOnlyColors: prepared.kOnly,
        annotationsRemoved: prepared.annotations,
        preflight: report,
        ms: Date.now() - started,
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(temporary, { force: true });
  }
}
