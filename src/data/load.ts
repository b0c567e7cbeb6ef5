/**
 * Reads the whole data folder: every YAML file parsed and checked against its schema, every
 * Markdown file an edition references. Pure of Eleventy: returns the data, the findings,
 * and an index of where each record was written (for the cross-file checks' positions).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, basename } from 'node:path';
import type { Compendium, LoadedEdition, SiteFacts } from '../model.ts';
import type { Finding } from './finding.ts';
import { readYamlFile, type ReadResult, type YamlFile } from './yaml.ts';
import { validatorFor, type Kind } from './schemas.ts';
import { schemaFindings, locate } from './messages.ts';

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
}

/** Shows paths relative to the current folder, as editors type them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function yamlFilesIn(dir: string, findings: Finding[]): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const names = (await readdir(dir)).sort();
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
function readAhead(paths: string[]): () => Promise<ReadResult> {
  const started: Array<Promise<ReadResult>> = [];
  let taken = 0;
  return () => {
    while (started.length < Math.min(paths.length, taken + 1 + READ_AHEAD)) {
      const path = paths[started.length]!;
      const read = readYamlFile(path, displayPath(path));
      // readYamlFile turns failures into findings; should it throw anyway, the error is
      // raised when that file's turn comes, not as an unhandled rejection before it.
      read.catch(() => {});
      started.push(read);
    }
    return started[taken++]!;
  };
}

/** Reads and validates one YAML file; returns its document only when it is schema-valid. */
async function loadOne(path: string, kind: Kind, findings: Finding[], invalidIds?: Set<string>, pending?: Promise<ReadResult>): Promise<YamlFile | undefined> {
  const read = await (pending ?? readYamlFile(path, displayPath(path)));
  if (!read.ok) {
    findings.push(read.finding);
    return undefined;
  }
  const validate = validatorFor(kind);
  if (!validate(read.doc.value)) {
    findings.push(...schemaFindings(read.doc, validate.errors ?? []));
    const id = (read.doc.value as { id?: unknown } | null)?.id;
    if (typeof id === 'string') invalidIds?.add(id);
    return undefined;
  }
  return read.doc;
}

/** Loads the data folder. Never throws for a problem in the data: it becomes a finding. */
export async function loadData(dataDir: string): Promise<Loaded> {
  const findings: Finding[] = [];
  const records = new Map<string, Origin[]>();
  const editions = new Map<number, { dir: string; doc: YamlFile }>();
  const invalidIds = new Set<string>();
  const c: Compendium = { territoires: [], themes: [], organisations: [], projets: [], partenaires: [], temoignages: [], contacts: [], editions: [] };

  if (!(await exists(dataDir))) {
    findings.push({ severity: 'erreur', code: 'NO_DATA_DIR', file: displayPath(dataDir), message: 'dossier de données introuvable', hint: 'Indiquez le dossier qui contient territoires.yaml et projets/ (par défaut : data).' });
    return { compendium: c, findings, sources: { records, editions }, dataDir, invalidIds };
  }

  const push = <K extends Exclude<keyof Compendium, 'site'>>(collection: K, items: Compendium[K], doc: YamlFile, base: string | null): void => {
    const origins = records.get(collection) ?? [];
    items.forEach((item, i) => {
      (c[collection] as unknown[]).push(item);
      origins.push({ doc, pointer: base === null ? '' : `${base}/${i}` });
    });
    records.set(collection, origins);
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
    const doc = await loadOne(path, kind, findings);
    if (doc) push(key, (doc.value as Record<string, never[]>)[key] ?? [], doc, `/${key}`);
  }

  // The web site's own facts (optional): its address and accessibility statement.
  const sitePath = join(dataDir, 'site.yaml');
  if (await exists(sitePath)) {
    const doc = await loadOne(sitePath, 'site', findings);
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
    const next = readAhead(paths);
    for (const path of paths) {
      const doc = await loadOne(path, kind, findings, invalidIds, next());
      if (doc) push(key, [doc.value] as never[], doc, null);
    }
  }

  // Editions: editions/<year>/edition.yaml and the Markdown files it references.
  const edRoot = join(dataDir, 'editions');
  const years = (await exists(edRoot)) ? (await readdir(edRoot)).sort() : [];
  for (const year of years) {
    const dir = join(edRoot, year);
    if (!(await stat(dir)).isDirectory()) continue;
    const path = join(dir, 'edition.yaml');
    if (!(await exists(path))) {
      findings.push({ severity: 'erreur', code: 'MISSING_FILE', file: displayPath(path), message: `le dossier d’édition ${year} n’a pas de fichier edition.yaml`, hint: 'Créez l’édition avec « compendium new-edition », ou supprimez le dossier.' });
      continue;
    }
    const doc = await loadOne(path, 'edition', findings);
    if (!doc) continue;
    const edition = doc.value as LoadedEdition;
    edition.textes = await readTexts(dir, doc, findings);
    editions.set(edition.annee, { dir, doc });
    c.editions.push(edition);
  }
  if (years.length === 0) {
    findings.push({ severity: 'erreur', code: 'NO_EDITION', file: displayPath(edRoot), message: 'aucune édition : le dossier editions/ est vide ou absent', hint: 'Créez la première édition dans editions/<année>/edition.yaml.' });
  }
  c.editions.sort((a, b) => a.annee - b.annee);
  return { compendium: c, findings, sources: { records, editions }, dataDir, invalidIds };
}

/** Collects every `fichier:` of an edition and reads it; a missing one is an error at its line. */
async function readTexts(dir: string, doc: YamlFile, findings: Finding[]): Promise<Record<string, string>> {
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
    try {
      const bytes = await readFile(path);
      texts[name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
      if (texts[name]!.trim() === '') {
        findings.push({ severity: 'avertissement', code: 'EMPTY_TEXT', file: displayPath(path), message: `le texte ${name} est vide`, hint: 'Écrivez le texte de cette page.' });
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const pos = locate(doc, pointer);
      findings.push(
        code === 'ENOENT'
          ? { severity: 'erreur', code: 'MISSING_TEXT', file: doc.file, ...pos, message: `le fichier ${name} est introuvable dans ${displayPath(dir)}`, hint: `Créez ${basename(name)} dans le dossier de l’édition, ou corrigez son nom ici.` }
          : { severity: 'erreur', code: 'NOT_UTF8', file: displayPath(path), message: 'le fichier n’est pas encodé en UTF-8', hint: 'Enregistrez-le en « UTF-8 » depuis votre éditeur de texte.' },
      );
    }
  }
  return texts;
}
