/**
 * Reads the whole data folder: every YAML file parsed and checked against its schema, every
 * Markdown file an edition references. Pure of Eleventy: returns the data, the findings,
 * and an index of where each record was written (for the cross-file checks' positions).
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, basename } from 'node:path';
import type { Compendium, LoadedEdition, SiteFacts } from '../model.ts';
import type { Finding } from './finding.ts';
import { readYamlFile, MAX_FILE_BYTES, type ParseCache, type ReadResult, type YamlFile } from './yaml.ts';
import { displayPath, pathSyntaxIssue, readDataFile } from './files.ts';
import { validatorFor, type Kind } from './schemas.ts';
import { schemaFindings, locate } from './messages.ts';
import type { ErrorObject } from 'ajv';

/** Where one record was written: its file and the JSON Pointer of the record in it. */
export interface Origin {
  doc: YamlFile;
  pointer: string;
}

export interface Sources {
  /** Per collection, per record index: where it was written. */
  records: Map<string, Origin[]>;
  /** Per edition year: its folder and edition.yaml. */
  editions: Map<number, { dir: string; doc: YamlFile }>;
}

export interface Loaded {
  compendium: Compendium;
  findings: Finding[];
  sources: Sources;
  dataDir: string;
  /** Ids of records whose file failed its schema: known to exist, so not « inconnus ». */
  invalidIds: Set<string>;
  /** Year folders whose edition.yaml could not be read: what they place is unknown. */
  unreadEditions: string[];
  /**
   * The records of files that failed their schema, each without the values the schema refused:
   * kept out of `compendium` (nothing is built from them, no cross-file check sees them), but
   * the per-value checks (contacts, web addresses, texts, images) still read the rest, so one
   * mistake in a file does not hide the others (« toutes les erreurs en une fois »).
   */
  rejected?: { compendium: Compendium; records: Map<string, Origin[]> };
}

/** Schema keywords about an object's keys, not its value: the object itself stays readable. */
const KEY_KEYWORDS = new Set(['required', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'dependentRequired']);

/**
 * A copy of a rejected document without the fields its schema refused, so that no check reads
 * a value of the wrong type (« annee: 2O24 » is gone, the contact beside it stays). A field is
 * dropped whole when anything in it was refused: a photo with « alt: » empty must not come
 * back as « photo sans texte alternatif » on top of the schema error. A record (at depth
 * `recordDepth`) refused as a whole becomes undefined. The parsed document may be shared with
 * later loads (ParseCache): it is copied, never changed.
 */
function pruneRefused(value: unknown, errors: readonly ErrorObject[], recordDepth: number): unknown {
  const copy: unknown = structuredClone(value);
  const parts = (pointer: string): string[] => (pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const paths = errors.map((e) => {
    const at = parts(e.instancePath);
    if (at.length > recordDepth) return at.slice(0, recordDepth + 1);
    // A missing or unexpected key leaves the record itself readable.
    return KEY_KEYWORDS.has(e.keyword) ? null : at;
  });
  for (const at of paths) {
    if (!at) continue;
    if (at.length === 0) return undefined;
    let parent: unknown = copy;
    for (const k of at.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[k] : undefined;
    if (!parent || typeof parent !== 'object') continue;
    // In a list the slot stays (undefined), so the items after it keep their index and position.
    if (Array.isArray(parent)) parent[Number(at[at.length - 1])] = undefined;
    else delete (parent as Record<string, unknown>)[at[at.length - 1]!];
  }
  return copy;
}

export { displayPath };

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The names in a folder of the data, sorted; [] when it is absent. A file (or anything else)
 * where the folder should be is an error, not « erreur inattendue (ENOTDIR) ».
 */
async function folderEntries(dir: string, findings: Finding[]): Promise<string[]> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT') findings.push({ severity: 'erreur', code: 'FOLDER_UNREADABLE', file: displayPath(dir), message: `dossier illisible (${info.code ?? 'erreur'})`, hint: 'Vérifiez que le dossier existe et que vous avez le droit de le lire (un lien symbolique cassé ?).' });
    return [];
  }
  if (!info.isDirectory()) {
    findings.push({ severity: 'erreur', code: 'NOT_A_FOLDER', file: displayPath(dir), message: 'c’est un fichier, alors qu’un dossier est attendu ici', hint: 'Renommez ou déplacez ce fichier, puis créez le dossier à sa place.' });
    return [];
  }
  return (await readdir(dir)).sort();
}

async function yamlFilesIn(dir: string, findings: Finding[]): Promise<string[]> {
  const names = await folderEntries(dir, findings);
  for (const n of names) {
    if (/\.yml$/i.test(n) || (/\.yaml$/i.test(n) && n !== n.toLowerCase())) {
      findings.push({ severity: 'avertissement', code: 'IGNORED_FILE', file: displayPath(join(dir, n)), message: 'fichier ignoré : seuls les fichiers en « .yaml » (minuscules) sont lus', hint: 'Renommez-le avec l’extension .yaml.' });
    }
  }
  return names.filter((n) => n.endsWith('.yaml') && !n.startsWith('.')).map((n) => join(dir, n));
}

/** How many files of a folder are read ahead of the one being validated. */
const READ_AHEAD = 16;

/**
 * The reads of a folder's files, started a few files ahead of their turn: awaited one after
 * the other, each file's stat and read were a round trip to the I/O threads while the main
 * thread waited (half of the loading time at 1 000 projects). Handed over in the files' order,
 * so findings and records keep their order; at most READ_AHEAD are in flight (a folder of
 * thousands of files does not open thousands of descriptors at once).
 */
function readAhead(paths: string[], root: string, cache?: ParseCache): () => Promise<ReadResult> {
  const started: Array<Promise<ReadResult>> = [];
  let taken = 0;
  return () => {
    while (started.length < Math.min(paths.length, taken + 1 + READ_AHEAD)) {
      const path = paths[started.length]!;
      const read = readYamlFile(path, displayPath(path), root, cache);
      // readYamlFile turns failures into findings; should it throw anyway, the error is
      // raised when that file's turn comes, not as an unhandled rejection before it.
      read.catch(() => {});
      started.push(read);
    }
    return started[taken++]!;
  };
}

/** Reads and validates one YAML file; returns its document only when it is schema-valid. */
async function loadOne(path: string, root: string, kind: Kind, findings: Finding[], invalidIds?: Set<string>, pending?: Promise<ReadResult>, cache?: ParseCache, onRejected?: (doc: YamlFile, errors: readonly ErrorObject[]) => void): Promise<YamlFile | undefined> {
  const read = await (pending ?? readYamlFile(path, displayPath(path), root, cache));
  if (!read.ok) {
    findings.push(read.finding);
    // A file that cannot be parsed still holds its record: name it after the file, so its
    // mentions elsewhere are not reported as unknown on top of the real cause.
    invalidIds?.add(basename(path, '.yaml'));
    return undefined;
  }
  const validate = validatorFor(kind);
  if (!validate(read.doc.value)) {
    findings.push(...schemaFindings(read.doc, validate.errors ?? []));
    const id = (read.doc.value as { id?: unknown } | null)?.id;
    if (typeof id === 'string') invalidIds?.add(id);
    onRejected?.(read.doc, validate.errors ?? []);
    return undefined;
  }
  return read.doc;
}

/**
 * Loads the data folder. Never throws for a problem in the data: it becomes a finding.
 * `cache`: files parsed by earlier loads (see ParseCache).
 */
export async function loadData(dataDir: string, cache?: ParseCache): Promise<Loaded> {
  const findings: Finding[] = [];
  const records = new Map<string, Origin[]>();
  const editions = new Map<number, { dir: string; doc: YamlFile }>();
  const invalidIds = new Set<string>();
  const unreadEditions: string[] = [];
  const c: Compendium = { territoires: [], themes: [], organisations: [], projets: [], partenaires: [], temoignages: [], contacts: [], editions: [] };

  const root = await stat(dataDir).catch(() => undefined);
  if (!root?.isDirectory()) {
    findings.push({ severity: 'erreur', code: 'NO_DATA_DIR', file: displayPath(dataDir), message: root ? 'ce n’est pas un dossier : indiquez le dossier de données' : 'dossier de données introuvable', hint: 'Indiquez le dossier qui contient territoires.yaml et projets/ (par défaut : data).' });
    return { compendium: c, findings, sources: { records, editions }, dataDir, invalidIds, unreadEditions };
  }

  const rejected = { compendium: { territoires: [], themes: [], organisations: [], projets: [], partenaires: [], temoignages: [], contacts: [], editions: [] } as Compendium, records: new Map<string, Origin[]>() };
  const push = <K extends Exclude<keyof Compendium, 'site'>>(collection: K, items: Compendium[K], doc: YamlFile, base: string | null, into: { compendium: Compendium; records: Map<string, Origin[]> } = { compendium: c, records }): void => {
    const origins = into.records.get(collection) ?? [];
    items.forEach((item, i) => {
      // A record the schema refused as a whole (pruneRefused) is left out, its index kept.
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      (into.compendium[collection] as unknown[]).push(item);
      origins.push({ doc, pointer: base === null ? '' : `${base}/${i}` });
    });
    into.records.set(collection, origins);
  };
  /** Keeps what a file that failed its schema says besides its mistakes (Loaded.rejected). */
  const reject =
    <K extends Exclude<keyof Compendium, 'site' | 'editions'>>(collection: K, listKey: string | null) =>
    (doc: YamlFile, errors: readonly ErrorObject[]): void => {
      const value = pruneRefused(doc.value, errors, listKey === null ? 0 : 2);
      const items = listKey === null ? [value] : (value as Record<string, unknown> | undefined)?.[listKey];
      if (Array.isArray(items)) push(collection, items as Compendium[K], doc, listKey === null ? null : `/${listKey}`, rejected);
    };

  // Files holding a list under one key.
  const lists: Array<[string, Kind, 'territoires' | 'themes' | 'temoignages' | 'contacts', boolean]> = [
    ['territoires.yaml', 'territoires', 'territoires', true],
    ['themes.yaml', 'themes', 'themes', false],
    ['temoignages.yaml', 'temoignages', 'temoignages', false],
    ['contacts.yaml', 'contacts', 'contacts', false],
  ];
  for (const [name, kind, key, required] of lists) {
    const path = join(dataDir, name);
    if (!(await exists(path))) {
      if (required) findings.push({ severity: 'erreur', code: 'MISSING_FILE', file: displayPath(path), message: `fichier obligatoire absent : ${name}`, hint: 'Reprenez-le depuis les données fournies avec l’outil.' });
      continue;
    }
    const doc = await loadOne(path, dataDir, kind, findings, undefined, undefined, cache, reject(key, key));
    if (doc) push(key, (doc.value as Record<string, never[]>)[key] ?? [], doc, `/${key}`);
  }

  // The web site's own facts (optional): its address and accessibility statement.
  const sitePath = join(dataDir, 'site.yaml');
  if (await exists(sitePath)) {
    const doc = await loadOne(sitePath, dataDir, 'site', findings, undefined, undefined, cache);
    if (doc) {
      c.site = doc.value as SiteFacts;
      records.set('site', [{ doc, pointer: '' }]);
    }
  }

  // Folders holding one record per file.
  const folders: Array<[string, Kind, 'organisations' | 'projets' | 'partenaires']> = [
    ['organisations', 'organisation', 'organisations'],
    ['projets', 'projet', 'projets'],
    ['partenaires', 'partenaire', 'partenaires'],
  ];
  for (const [folder, kind, key] of folders) {
    const paths = await yamlFilesIn(join(dataDir, folder), findings);
    const next = readAhead(paths, dataDir, cache);
    for (const path of paths) {
      const doc = await loadOne(path, dataDir, kind, findings, invalidIds, next(), undefined, reject(key, null));
      if (doc) push(key, [doc.value] as never[], doc, null);
    }
  }

  // Editions: editions/<year>/edition.yaml and the Markdown files it references.
  const edRoot = join(dataDir, 'editions');
  const years = await folderEntries(edRoot, findings);
  for (const year of years) {
    const dir = join(edRoot, year);
    const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isFolder) {
      // A stray file (a README, a note) is ignored; one named like a year was meant as an edition.
      if (/^\d{4}$/.test(year)) findings.push({ severity: 'erreur', code: 'NOT_A_FOLDER', file: displayPath(dir), message: `l’édition ${year} devrait être un dossier (editions/${year}/edition.yaml), pas un fichier`, hint: 'Créez l’édition avec « compendium new-edition ».' });
      continue;
    }
    const path = join(dir, 'edition.yaml');
    if (!(await exists(path))) {
      findings.push({ severity: 'erreur', code: 'MISSING_FILE', file: displayPath(path), message: `le dossier d’édition ${year} n’a pas de fichier edition.yaml`, hint: 'Créez l’édition avec « compendium new-edition », ou supprimez le dossier.' });
      continue;
    }
    const doc = await loadOne(path, dataDir, 'edition', findings, undefined, undefined, cache);
    if (!doc) {
      unreadEditions.push(year);
      continue;
    }
    const edition = doc.value as LoadedEdition;
    edition.textes = await readTexts(dir, dataDir, doc, findings);
    editions.set(edition.annee, { dir, doc });
    c.editions.push(edition);
  }
  if (years.length === 0) {
    findings.push({ severity: 'erreur', code: 'NO_EDITION', file: displayPath(edRoot), message: 'aucune édition : le dossier editions/ est vide ou absent', hint: 'Créez la première édition dans editions/<année>/edition.yaml.' });
  }
  c.editions.sort((a, b) => a.annee - b.annee);
  return { compendium: c, findings, sources: { records, editions }, dataDir, invalidIds, unreadEditions, rejected };
}

/**
 * Collects every `fichier:` of an edition and reads it through files.ts (inside the data
 * folder, a regular file, MAX_FILE_BYTES at most); any problem is an error at its line.
 */
async function readTexts(dir: string, dataDir: string, doc: YamlFile, findings: Finding[]): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  const refs: Array<[string, string]> = [];
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'fichier' && typeof v === 'string' && v.endsWith('.md')) refs.push([v, `${pointer}/${k}`]);
        else walk(v, `${pointer}/${k}`);
      }
    }
  };
  walk(doc.value, '');
  for (const [name, pointer] of refs) {
    if (name in texts) continue;
    const path = join(dir, name);
    const at = (): { line: number; column: number; source: string } => locate(doc, pointer);
    const syntax = pathSyntaxIssue(name, displayPath(dir));
    const read = syntax ? { ok: false as const, issue: syntax } : await readDataFile(path, { root: dataDir, maxBytes: MAX_FILE_BYTES });
    if (!read.ok) {
      const { code, message, hint } = read.issue;
      findings.push(
        code === 'FILE_NOT_FOUND'
          ? { severity: 'erreur', code: 'MISSING_TEXT', file: doc.file, ...at(), message: `le fichier ${name} est introuvable dans ${displayPath(dir)}`, hint: `Créez ${basename(name)} dans le dossier de l’édition, ou corrigez son nom ici.` }
          : { severity: 'erreur', code, file: doc.file, ...at(), message: `${displayPath(path)} : ${message}`, hint },
      );
      continue;
    }
    try {
      texts[name] = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/\r\n?/g, '\n');
    } catch {
      findings.push({ severity: 'erreur', code: 'NOT_UTF8', file: displayPath(path), message: 'le fichier n’est pas encodé en UTF-8', hint: 'Enregistrez-le en « UTF-8 » depuis votre éditeur de texte.' });
      continue;
    }
    if (texts[name]!.trim() === '') {
      findings.push({ severity: 'avertissement', code: 'EMPTY_TEXT', file: displayPath(path), message: `le texte ${name} est vide`, hint: 'Écrivez le texte de cette page.' });
    }
  }
  return texts;
}
