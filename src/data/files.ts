/**
 * The one gate through which the data's files are read. Every path the data names (a photo, a
 * logo, an edition's Markdown text, the print shop's ICC profile) and every file of the
 * folder walk must, after its symlinks are followed, lie inside the data folder, be a regular
 * file and be no larger than its kind allows — checked with lstat/stat/realpath, before
 * anything is opened for reading. Why: a photo named `../../secret.jpg`, or a symlink
 * `projets/lien.yaml -> /elsewhere/notes.txt`, would otherwise be published; a FIFO blocks a
 * read forever; `/dev/zero` has no end. Files are then opened with O_NONBLOCK and checked
 * again on the open descriptor, so a file swapped for a FIFO between the two cannot block.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Shows paths relative to the current folder, as editors type them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Why a data path cannot be read: a stable code and the French words of a finding. */
export interface FileIssue {
  code: string;
  message: string;
  hint?: string;
}

export type Checked = { ok: true; path: string; size: number } | { ok: false; issue: FileIssue };

/** A size in French: « 1,5 Mo », « 300 ko ». */
export function frenchSize(bytes: number): string {
  const mo = bytes / 1024 / 1024;
  if (mo >= 1) return `${mo.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.ceil(bytes / 1024).toLocaleString('fr-FR')} ko`;
}

/**
 * The problem of a path as the data writes it, before the disk is looked at: absolute paths
 * and `..` segments leave the folder they are relative to. Backslashes count as separators
 * (a path typed on Windows), so `..\secret.jpg` is caught on every system.
 */
export function pathSyntaxIssue(name: string, folder: string): FileIssue | undefined {
  if (isAbsolute(name) || /^[a-zA-Z]:/.test(name) || name.startsWith('\\') || name.startsWith('~')) {
    return { code: 'PATH_ABSOLUTE', message: `chemin absolu « ${name} » : seuls les fichiers du dossier ${folder} sont lus`, hint: `Copiez le fichier dans ${folder} et indiquez son chemin depuis ce dossier.` };
  }
  if (name.split(/[\\/]/).includes('..')) {
    return { code: 'PATH_OUTSIDE', message: `le chemin « ${name} » sort du dossier ${folder} (« .. »)`, hint: `Copiez le fichier dans ${folder} et indiquez son chemin depuis ce dossier.` };
  }
  return undefined;
}

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** What kind of non-regular file a stat describes, in French. */
function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'un dossier';
  if (info.isFIFO()) return 'un tube nommé (FIFO)';
  if (info.isSocket()) return 'une socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'un périphérique';
  return 'un fichier spécial';
}

/** The first component of `path` under `root` that exists but is not a folder (for ENOTDIR). */
async function notAFolder(root: string, path: string): Promise<string | undefined> {
  let current = root;
  const parts = relative(root, path).split(sep);
  for (const part of parts.slice(0, -1)) {
    current = join(current, part);
    const info = await stat(current).catch(() => undefined);
    if (info && !info.isDirectory()) return current;
  }
  return undefined;
}

export interface CheckOptions {
  /** The data folder (its real path is compared with the file's). */
  root: string;
  /** Largest size accepted, in bytes. */
  maxBytes: number;
}

/**
 * Checks that `path` may be read: it resolves inside `root`, is a regular file, and is at most
 * `maxBytes` long. Never opens the file; returns its real path and size.
 */
export async function checkDataFile(path: string, options: CheckOptions): Promise<Checked> {
  const { root, maxBytes } = options;
  const fail = (code: string, message: string, hint?: string): Checked => ({ ok: false, issue: { code, message, hint } });
  const link = await lstat(path).catch((error: NodeJS.ErrnoException) => error);
  if (link instanceof Error) {
    if (link.code === 'ENOTDIR') {
      const blocker = await notAFolder(root, path);
      return fail('NOT_A_FOLDER', `${blocker ? displayPath(blocker) : 'un élément du chemin'} est un fichier, alors qu’un dossier est attendu à cet endroit du chemin`, 'Renommez ou déplacez ce fichier, puis créez le dossier à sa place.');
    }
    if (link.code === 'ENOENT') return fail('FILE_NOT_FOUND', 'fichier introuvable');
    if (link.code === 'EACCES') return fail('FILE_UNREADABLE', 'fichier illisible (droits d’accès insuffisants)', 'Donnez le droit de lecture sur ce fichier.');
    return fail('FILE_UNREADABLE', `fichier illisible (${link.code ?? 'erreur'})`);
  }
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (link.isSymbolicLink() && (code === 'ENOENT' || code === 'ENOTDIR')) {
      return fail('BROKEN_LINK', 'lien symbolique cassé : il pointe vers un fichier qui n’existe pas', 'Remplacez le lien par le fichier lui-même.');
    }
    if (code === 'ELOOP') return fail('BROKEN_LINK', 'lien symbolique en boucle', 'Remplacez le lien par le fichier lui-même.');
    return fail('FILE_UNREADABLE', `fichier illisible (${code ?? 'erreur'})`);
  }
  if (!isInside(realRoot, real)) {
    // The real target is not named: it lies outside data/ and may be private.
    return fail('PATH_OUTSIDE', 'lien symbolique vers un fichier hors du dossier de données : seuls les fichiers du dossier de données sont lus', 'Copiez le fichier lui-même dans le dossier de données à la place du lien.');
  }
  const info = await stat(real).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return fail('FILE_UNREADABLE', `fichier illisible (${info.code ?? 'erreur'})`);
  if (!info.isFile()) {
    const kind = kindOf(info);
    return fail(info.isDirectory() ? 'IS_A_FOLDER' : 'NOT_A_FILE', `c’est ${kind}, pas un fichier ordinaire`, info.isDirectory() ? 'Un fichier est attendu à cet endroit : renommez le dossier, ou indiquez le fichier qu’il contient.' : 'Remplacez-le par un fichier ordinaire.');
  }
  if (info.size > maxBytes) {
    return fail('FILE_TOO_LARGE', `fichier trop volumineux (${frenchSize(info.size)} ; ${frenchSize(maxBytes)} au plus)`, 'Vérifiez qu’il ne s’agit pas d’un export ou d’un fichier renommé ; réduisez-le sinon.');
  }
  return { ok: true, path: real, size: info.size };
}

/**
 * Reads a file that checkDataFile accepted: opened without blocking, checked again on the
 * descriptor (regular, still within the limit) and read to at most `maxBytes` + 1 bytes.
 */
export async function readChecked(path: string, maxBytes: number): Promise<Buffer | FileIssue> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { code: 'NOT_A_FILE', message: 'ce n’est plus un fichier ordinaire' };
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { code: 'FILE_TOO_LARGE', message: `fichier trop volumineux (plus de ${frenchSize(maxBytes)})` };
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** checkDataFile then readChecked: the bytes of a data file, or why they cannot be read. */
export async function readDataFile(path: string, options: CheckOptions): Promise<{ ok: true; bytes: Buffer } | { ok: false; issue: FileIssue }> {
  const checked = await checkDataFile(path, options);
  if (!checked.ok) return checked;
  try {
    const bytes = await readChecked(checked.path, options.maxBytes);
    return Buffer.isBuffer(bytes) ? { ok: true, bytes } : { ok: false, issue: bytes };
  } catch (error) {
    return { ok: false, issue: { code: 'FILE_UNREADABLE', message: `fichier illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})` } };
  }
}
