/**
 * Reads one YAML data file: checks it is readable UTF-8 text of a sane size, parses it with
 * js-yaml (once, through its event stream, which also gives us source positions) and turns
 * every failure into a French finding with line and column — never a stack trace.
 */
import { lstatSync } from 'node:fs';
import { parseEvents, constructFromEvents, YAMLException } from 'js-yaml';
import { indexEvents, LineCounter, type Span } from './positions.ts';
import type { Finding } from './finding.ts';
import { readDataFile } from './files.ts';
import { itemsUnderEmptyFlow } from './yaml-hints.ts';

/** Data files are hand-written: anything this big is a mistake (a pasted export, a binary). */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface YamlFile {
  /** Path as shown to editors. */
  file: string;
  source: string;
  value: unknown;
  spans: Map<string, Span>;
  lines: LineCounter;
}

export type ReadResult = { ok: true; doc: YamlFile } | { ok: false; finding: Finding };

/**
 * Files already parsed, by path, with the text they were parsed from: a long-running caller
 * (the preview) keeps one across loads, so that after a save only the changed file is parsed
 * again (parsing is most of the loading time at 1 000 projects). `stamp` is the file's
 * identity when it was read (see stampOf): while it is the same, the file is not even read
 * again — checking and reading a file is six system calls, its stamp one, and at 1 000
 * projects the reads were a third of a load once parsing was cached.
 */
export type ParseCache = Map<string, { source: string; result: ReadResult; stamp?: string }>;

/**
 * What changes whenever a file is written, renamed over or replaced: its inode, size and
 * times. Undefined for anything but a plain file (a symlink's target may change under it),
 * and for a file changed in the last moments: the system's clock for file times is coarse
 * (a few ms), so two writes that close together could leave the same stamp (git's « racy
 * clean » files); such a file is read again next time.
 */
function stampOf(path: string): string | undefined {
  // Synchronous on purpose: a few µs a file, where the same call sent to libuv's threads and
  // awaited cost 0.1 to 0.3 s for 1 000 files on a busy machine.
  let s;
  try {
    s = lstatSync(path, { bigint: true });
  } catch {
    return undefined; // gone or unreadable: the read says why
  }
  if (!s.isFile() || BigInt(Date.now()) * 1_000_000n - s.ctimeNs < 100_000_000n) return undefined;
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** A result handed out of a ParseCache: its value is a copy, since loading adds to it. */
const fresh = (r: ReadResult): ReadResult => (r.ok ? { ok: true, doc: { ...r.doc, value: structuredClone(r.doc.value) } } : r);

const fail = (file: string, code: string, message: string, hint?: string, at?: { lines: LineCounter; offset: number }): ReadResult => {
  const finding: Finding = { severity: 'erreur', code, file, message, hint };
  if (at) {
    const pos = at.lines.position(at.offset);
    Object.assign(finding, pos, { source: at.lines.lineText(pos.line) });
  }
  return { ok: false, finding };
};

const QUOTE = 'Si le texte commence par un signe (« ! », « & », « * », « % », « @ »…), mettez tout le texte entre guillemets.';

/**
 * French wording of every reason js-yaml 5 can give (read from its source: the parser's and
 * the event constructor's `throwError` calls). `$1` in a message is the regexp's first group.
 * A reason not listed gets a French message too (see translate): no English reaches editors.
 */
const REASONS: Array<[RegExp, string, string?]> = [
  [/duplicated mapping key/, 'clé en double : cette clé est déjà écrite plus haut dans le même bloc', 'Gardez une seule fois la clé, ou renommez l’une des deux.'],
  [/tab characters must not be used in indentation/, 'tabulation dans l’indentation : YAML n’accepte que des espaces', 'Remplacez la tabulation en début de ligne par des espaces (2 par niveau).'],
  [/bad indentation of a mapping entry/, 'indentation incorrecte ou « : » en trop sur cette ligne', 'Vérifiez l’alignement avec les lignes voisines ; si le texte contient « : », mettez-le entre guillemets.'],
  [/bad indentation of a sequence entry/, 'indentation incorrecte d’un élément de liste (« - »)', 'Alignez les « - » d’une même liste les uns sous les autres.'],
  [/deficient indentation/, 'indentation insuffisante : la ligne est moins décalée que le bloc auquel elle appartient', 'Alignez la ligne sur les autres lignes du bloc, ou fermez le crochet ou le guillemet resté ouvert au-dessus.'],
  [/unexpected end of the (stream|document) within a (double|single) quoted scalar/, 'guillemet non fermé', 'Fermez le guillemet ouvert sur cette ligne.'],
  [/end of the stream or a document separator is expected/, 'contenu inattendu : la structure du fichier est rompue ici', 'Vérifiez l’indentation et les « : » de cette ligne (une espace après chaque « : »).'],
  [/missed comma between flow collection entries/, 'virgule manquante entre deux éléments d’une liste entre crochets'],
  [/expected the node content, but found ','/, 'virgule en trop dans une liste entre crochets', 'Supprimez la virgule, ou écrivez l’élément qui manque.'],
  [/unexpected end of the stream within a flow collection/, 'crochet ou accolade non fermé'],
  [/can not read a block mapping entry; a multiline key may not be an implicit key/, 'clé sur plusieurs lignes : une clé doit tenir sur une ligne et finir par « : »'],
  [/expected ':' after a mapping key/, '« : » manquant après la clé', 'Écrivez « clé: valeur ».'],
  [/a whitespace character is expected after the key-value separator/, 'espace manquante après « : »', 'Écrivez « clé: valeur » avec une espace après les deux-points ; si « : » fait partie du texte, mettez tout le texte entre guillemets.'],
  [/incomplete (explicit )?mapping pair/, 'clé sans valeur ou valeur sans clé', 'Écrivez « clé: valeur » ; une ligne commençant par « ? » n’est pas attendue dans ces fichiers.'],
  [/unknown (scalar|sequence|mapping) tag !<([^>]*)>/, 'étiquette YAML inconnue « $2 » : YAML lit « ! » en début de valeur comme une étiquette', QUOTE],
  [/undeclared tag handle|tag name cannot contain|tag suffix cannot contain|named tag handle cannot contain|within a verbatim tag|duplication of a tag property/, 'étiquette YAML mal formée : YAML lit « ! » en début de valeur comme une étiquette', QUOTE],
  [/cannot resolve a node with !<tag:yaml\.org,2002:([^>]*)> explicit tag/, 'la valeur ne correspond pas à son étiquette « !!$1 »', 'Retirez l’étiquette « !!… », ou mettez la valeur entre guillemets.'],
  [/cannot resolve a node with !<([^>]*)> explicit tag/, 'la valeur ne correspond pas à son étiquette « $1 »', 'Retirez l’étiquette, ou mettez la valeur entre guillemets.'],
  [/nesting exceeded maxDepth \((\d+)\)/, 'imbrication trop profonde : plus de $1 niveaux de blocs ou de crochets', 'Un fichier de données n’a que quelques niveaux de retrait : vérifiez les crochets « [ » et accolades « { » de cette ligne.'],
  [/aliases exceeded maxAliases \((\d+)\)/, 'trop de références « * » (alias YAML) : $1 au plus', 'Écrivez les valeurs en entier au lieu de les répéter avec « & » et « * ».'],
  [/merge keys exceeded|abnormal merge sequence size|cannot merge mappings/, 'fusion de blocs « << » impossible ou trop grande', 'Écrivez les clés en entier au lieu d’utiliser « << ».'],
  [/unidentified alias "([^"]*)"/, 'référence « *$1 » inconnue : aucune ancre « &$1 » ne la précède', QUOTE],
  [/recursive alias/, 'référence « * » circulaire : une ancre « & » se contient elle-même', 'Écrivez les valeurs en entier au lieu d’utiliser « & » et « * ».'],
  [/alias node should not have any properties|duplication of an anchor property|name of an (alias|anchor) node must contain/, '« & » ou « * » mal placé : YAML y voit une ancre ou une référence', QUOTE],
  [/expected valid JSON character|non-printable characters|null byte is not allowed/, 'caractère de contrôle invisible dans le texte', 'Supprimez-le (il vient souvent d’un copier-coller) : retapez la fin de la ligne.'],
  [/unknown escape sequence|expected hexadecimal character/, 'barre oblique inversée « \\ » suivie d’un caractère inattendu, entre guillemets doubles', 'Doublez la barre oblique inversée (« \\\\ »), ou utilisez des guillemets simples.'],
  [/a line break is expected|explicit indentation width of a block scalar|repeat of a chomping mode|repeat of an indentation width/, 'en-tête de texte sur plusieurs lignes (« | » ou « > ») incorrect', 'Écrivez « | » seul en fin de ligne, puis le texte sur les lignes suivantes, en retrait.'],
  [/directive|unacceptable YAML version|previously declared suffix/, 'ligne commençant par « % » : YAML y voit une directive', QUOTE],
  [/can not read a document|expected a document|expected a single document/, 'contenu inattendu : le fichier ne se lit pas comme un document YAML', 'Comparez le fichier avec un fichier voisin qui fonctionne.'],
];

/** The French message and hint of a js-yaml reason; never the English reason itself. */
export function translate(reason: string): { message: string; hint?: string } {
  for (const [re, message, hint] of REASONS) {
    const match = re.exec(reason);
    if (match) return { message: message.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? ''), hint };
  }
  return { message: 'syntaxe YAML invalide à cet endroit', hint: 'Comparez la ligne avec un fichier voisin qui fonctionne ; mettez entre guillemets un texte qui contient « : », « # » ou commence par un signe.' };
}

/**
 * js-yaml reports an unclosed « [ », « { » or quote where the next line starts; the editor's
 * mistake is on the line before. Looks back from the error line for such a line.
 */
function unclosedBefore(lines: LineCounter, errorLine: number): { message: string; hint: string; offset: number } | undefined {
  for (let n = errorLine - 1; n >= 1 && n >= errorLine - 3; n--) {
    const text = lines.lineText(n).replace(/#.*$/, '');
    if (!text.trim()) continue;
    // Brackets inside a closed quoted text are text, not YAML: blanked (same length) first.
    const bare = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (quoted) => ' '.repeat(quoted.length));
    const count = (ch: string, within = bare): number => within.split(ch).length - 1;
    const offset = lines.lineStart(n);
    for (const [open, close, name] of [['[', ']', 'crochet « [ »'], ['{', '}', 'accolade « { »']] as const) {
      if (count(open) > count(close)) {
        return { message: `${name} ouvert et jamais fermé`, hint: `Fermez-le par « ${close} » sur la même ligne, ou mettez tout le texte entre guillemets.`, offset: offset + bare.indexOf(open) };
      }
    }
    if (count('"', text) % 2 === 1) return { message: 'guillemet « " » ouvert et jamais fermé', hint: 'Fermez le guillemet à la fin du texte.', offset: offset + text.indexOf('"') };
    return undefined;
  }
  return undefined;
}

/** Parses YAML text already decoded (see readYamlFile for the checks on bytes). */
export function parseYaml(file: string, source: string): ReadResult {
  const lines = new LineCounter(source);
  const tab = /^( *)\t/m.exec(source);
  if (tab) {
    // js-yaml also rejects these, but its position points past the tab; ours names the line.
    const { message, hint } = translate('tab characters must not be used in indentation');
    return fail(file, 'YAML_TAB', message, hint, { lines, offset: tab.index + tab[1]!.length });
  }
  try {
    const events = parseEvents(source, { filename: file });
    const docs = constructFromEvents(events, { source, filename: file, maxAliases: 100 });
    if (docs.length === 0 || docs[0] === null || docs[0] === undefined) {
      return fail(file, 'EMPTY_FILE', 'le fichier est vide', 'Complétez-le en partant d’un fichier voisin, ou supprimez-le.');
    }
    if (docs.length > 1) {
      return fail(file, 'YAML_MULTIDOC', 'le fichier contient plusieurs documents séparés par « --- »', 'Gardez un seul document par fichier : supprimez la ligne « --- » et ce qui suit, ou déplacez-le dans un autre fichier.');
    }
    return { ok: true, doc: { file, source, value: docs[0], spans: indexEvents(source, events), lines } };
  } catch (err) {
    if (err instanceof YAMLException) {
      // Reasons about the very character js-yaml stopped at are never a bracket left open above.
      const local = /non-printable|JSON character|escape|hexadecimal|tag|alias|anchor|duplicated|maxDepth|directive|null byte/.test(err.reason);
      const unclosed = err.mark && !local ? (itemsUnderEmptyFlow(lines, err.mark.line + 1) ?? unclosedBefore(lines, err.mark.line + 1)) : undefined;
      if (unclosed) return fail(file, 'YAML_SYNTAX', unclosed.message, unclosed.hint, { lines, offset: unclosed.offset });
      const { message, hint } = translate(err.reason);
      const offset = err.mark ? Math.min(err.mark.position, source.length) : 0;
      return fail(file, 'YAML_SYNTAX', message, hint, err.mark ? { lines, offset } : undefined);
    }
    // Not a YAMLException (the event constructor's own Error, a stack overflow): still French.
    const { message, hint } = translate(err instanceof Error ? err.message : String(err));
    return fail(file, 'YAML_SYNTAX', message, hint);
  }
}

/**
 * Reads a data file from disk and parses it; every failure becomes a finding. `root` is the
 * data folder: the file must resolve inside it (see files.ts), be a regular file, and weigh
 * at most MAX_FILE_BYTES, all checked before it is opened.
 */
export async function readYamlFile(path: string, file: string, root: string, cache?: ParseCache): Promise<ReadResult> {
  const known = cache?.get(path);
  // Taken before the read: a write during the read changes it, so the file is read again next time.
  const stamp = cache ? stampOf(path) : undefined;
  if (known?.stamp && known.stamp === stamp && (known.result.ok ? known.result.doc.file : known.result.finding.file) === file) return fresh(known.result);
  const read = await readDataFile(path, { root, maxBytes: MAX_FILE_BYTES });
  if (!read.ok) {
    const { code, message, hint } = read.issue;
    const tooLarge = 'Un fichier de données fait quelques kilo-octets : vérifiez qu’il ne s’agit pas d’un export ou d’une image renommée.';
    return fail(file, code, message, code === 'FILE_TOO_LARGE' ? tooLarge : hint);
  }
  const bytes = read.bytes;
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(file, 'NOT_UTF8', 'le fichier n’est pas encodé en UTF-8', 'Enregistrez-le en « UTF-8 » depuis votre éditeur de texte (menu Enregistrer sous… > Encodage).');
  }
  if (source.includes('\u0000')) {
    return fail(file, 'BINARY_FILE', 'le fichier contient des caractères binaires : ce n’est pas un fichier texte', 'Vérifiez qu’il ne s’agit pas d’une image ou d’un document de traitement de texte renommé en .yaml.');
  }
  if (!cache) return parseYaml(file, source);
  if (known?.source === source && (known.result.ok ? known.result.doc.file : known.result.finding.file) === file) {
    cache.set(path, { ...known, stamp });
    return fresh(known.result);
  }
  const result = parseYaml(file, source);
  cache.set(path, { source, result, stamp });
  return fresh(result);
}
