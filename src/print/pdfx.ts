/**
 * The PDF/X-3 variant of the print PDF, made with Ghostscript (pdfwrite): every colour
 * converted to CMYK through an ICC profile that is also embedded as the output intent, page
 * boxes kept, fonts embedded. Optional: without Ghostscript the build says so and goes on.
 *
 * Which profile: the print shop's own when the edition names one (`format.profil_icc`, a path
 * under data/). Otherwise the FOGRA39 profile bundled in print/icc/ (coated paper, ISO
 * 12647-2 — what French print shops usually ask for when they have no profile of their own),
 * built with ArgyllCMS from the FOGRA39 measurement data that Debian's icc-profiles-free ships
 * under the Zlib licence; print/icc/README.md says how, so it can be rebuilt and checked.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { NBSP } from './french.ts';
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
  ms: number;
}

export type PdfxResult = { made: true; file: PdfxFile } | { made: false; reason: string };

function run(command: string, args: string[], env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ code: number | null; stdout: string; stderr: string; missing: boolean }> {
  return new Promise((done) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => done({ code, stdout, stderr, missing: false }));
  });
}

/** Ghostscript's version, or undefined when it is not installed. */
export async function ghostscriptVersion(gs = 'gs', env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await run(gs, ['--version'], env);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** The default output profile: FOGRA39, built from free measurement data (print/icc/README.md). */
export const FOGRA39_PROFILE = fileURLToPath(new URL('../../print/icc/FOGRA39L-argyll.icc', import.meta.url));

/** The `desc` tag of an ICC profile (v2 `desc` or v4 `mluc`), for the output intent. */
export function iccDescription(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 132) return undefined;
  const count = view.getUint32(128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= bytes.byteLength; i++) {
    const at = 132 + i * 12;
    if (Buffer.from(bytes.subarray(at, at + 4)).toString('latin1') !== 'desc') continue;
    const offset = view.getUint32(at + 4);
    const type = Buffer.from(bytes.subarray(offset, offset + 4)).toString('latin1');
    if (type === 'desc') {
      const length = view.getUint32(offset + 8);
      return Buffer.from(bytes.subarray(offset + 12, offset + 12 + length)).toString('latin1').replace(/\0+$/, '');
    }
    if (type === 'mluc') {
      const size = view.getUint32(offset + 20);
      const start = view.getUint32(offset + 24);
      return Buffer.from(bytes.subarray(offset + start, offset + start + size)).swap16().toString('utf16le');
    }
  }
  return undefined;
}

/**
 * PostScript string literal: backslashes and parentheses escaped, non-ASCII as octal. Text for
 * the PDF is Latin-1 (PDFDocEncoding); a file name is UTF-8, the bytes the file system holds.
 */
function psString(text: string, encoding: 'latin1' | 'utf8' = 'latin1'): string {
  return `(${Array.from(Buffer.from(text, encoding), (byte) => {
    const c = String.fromCharCode(byte);
    if (c === '(' || c === ')' || c === '\\') return `\\${c}`;
    return byte < 32 || byte > 126 ? `\\${byte.toString(8).padStart(3, '0')}` : c;
  }).join('')})`;
}

/** The PDFX_def.ps prologue (after Ghostscript's lib/PDFX_def.ps) for this profile and title. */
export function pdfxDefinition(profile: IccProfile, title: string): string {
  return `%!
% PDF/X-3 prologue written by compendium (src/print/pdfx.ts), after Ghostscript's lib/PDFX_def.ps.
[ /GTS_PDFXVersion (PDF/X-3:2002) /Title ${psString(title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profile.path, 'utf8')} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${psString(profile.description)}
  /Info ${psString(profile.description)}
  /OutputConditionIdentifier ${psString(profile.condition)}
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
 * Converts the print PDF to CMYK PDF/X-3 with Ghostscript. Never throws for a missing or
 * failing Ghostscript: the variant is optional, `made: false` says why (in French).
 */
export async function buildPdfx(options: PdfxOptions): Promise<PdfxResult> {
  const started = Date.now();
  const gs = options.gs ?? 'gs';
  const version = await ghostscriptVersion(gs, options.env);
  if (!version) return { made: false, reason: GS_MISSING };

  let profile: IccProfile;
  if (options.iccProfile) {
    let bytes: Buffer;
    try {
      bytes = await readFile(options.iccProfile);
    } catch {
      return { made: false, reason: `Profil ICC de l’imprimeur introuvable${NBSP}: ${options.iccProfile}. La variante PDF/X-3 n’est pas produite.` };
    }
    const description = iccDescription(bytes) ?? basename(options.iccProfile);
    profile = { path: options.iccProfile, description, condition: description, source: 'édition' };
  } else {
    const path = FOGRA39_PROFILE;
    const description = iccDescription(await readFile(path)) ?? 'FOGRA39';
    // The identifier of the ICC registry (color.org), so a preflight recognises the condition.
    profile = { path, description, condition: 'FOGRA39', source: 'FOGRA39' };
  }

  const work = await mkdtemp(join(tmpdir(), 'compendium-pdfx-'));
  const temporary = `${options.output}.${process.pid}.tmp`;
  try {
    const definition = join(work, 'PDFX_def.ps');
    await writeFile(definition, pdfxDefinition(profile, options.title), 'latin1');
    const args = [
      '-dBATCH',
      '-dNOPAUSE',
      '-dQUIET',
      // SAFER (the default) stays on; only the profile may be read by the prologue.
      `--permit-file-read=${profile.path}`,
      '-sDEVICE=pdfwrite',
      '-dPDFX=true',
      '-dPDFXCompatibilityPolicy=1',
      '-sColorConversionStrategy=CMYK',
      '-sProcessColorModel=DeviceCMYK',
      `-sOutputICCProfile=${profile.path}`,
      // Photos are already at print resolution: no downsampling, high-quality JPEG re-encoding
      // (CMYK conversion must re-encode them).
      '-dDownsampleColorImages=false',
      '-dDownsampleGrayImages=false',
      '-dAutoFilterColorImages=false',
      '-dColorImageFilter=/DCTEncode',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      `-sOutputFile=${temporary}`,
      '-c',
      '<< /ColorImageDict << /QFactor 0.15 /Blend 1 /HSamples [1 1 1 1] /VSamples [1 1 1 1] >> >> setdistillerparams',
      '-f',
      definition,
      options.input,
    ];
    // Ghostscript's own temporary files (gs_*) in `work` too: killed by the signal, it leaves them.
    const result = await run(gs, args, { ...(options.env ?? process.env), TMPDIR: work }, options.signal);
    if (options.signal?.aborted) return { made: false, reason: `Variante PDF/X-3 interrompue.` };
    if (result.code !== 0) {
      await rm(temporary, { force: true });
      const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
      return { made: false, reason: `Ghostscript a échoué (code ${result.code})${NBSP}: ${detail}` };
    }
    await writeFile(temporary, reproducibleId(await readFile(temporary)));
    await rename(temporary, options.output);
    const [original, converted] = await Promise.all([readFile(options.input), readFile(options.output)]);
    return {
      made: true,
      file: {
        path: options.output,
        bytes: (await stat(options.output)).size,
        profile,
        colors: await inspectColors(converted),
        boxesKept: await boxesKept(original, converted),
        ms: Date.now() - started,
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(temporary, { force: true });
  }
}
