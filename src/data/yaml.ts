/**
 * Reads one YAML data file: checks it is readable UTF-8 text of a sane size, parses it with
 * js-yaml (once, through its event stream, which also gives us source positions) and turns
 * every failure into a French finding with line and column — never a stack trace.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseEvents, constructFromEvents, YAMLException } from 'js-yaml';
import { indexEvents, LineCounter, type Span } from './positions.ts';
import type { Finding } from './finding.ts';

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
 * again (parsing is most of the loading time at 1 000 projects).
 */
export type ParseCache = Map<string, { source: string; result: ReadResult }>;

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

/** French wording of js-yaml's reasons; unknown reasons are shown as they are. */
const REASONS: Array<[RegExp, string, string?]> = [
  [/duplicated mapping key/, 'clé en double : cette clé est déjà écrite plus haut dans le même bloc', 'Gardez une seule fois la clé, ou renommez l’une des deux.'],
  [/tab characters must not be used in indentation/, 'tabulation dans l’indentation : YAML n’accepte que des espaces', 'Remplacez la tabulation en début de ligne par des espaces (2 par niveau).'],
  [/bad indentation of a mapping entry/, 'indentation incorrecte ou « : » en trop sur cette ligne', 'Vérifiez l’alignement avec les lignes voisines ; si le texte contient « : », mettez-le entre guillemets.'],
  [/deficient indentation/, 'indentation insuffisante : la ligne est moins décalée que le bloc auquel elle appartient', 'Alignez la ligne sur les autres lignes du bloc, ou fermez le crochet ou le guillemet resté ouvert au-dessus.'],
  [/unexpected end of the stream within a (double|single) quoted scalar/, 'guillemet non fermé', 'Fermez le guillemet ouvert sur cette ligne.'],
  [/end of the stream or a document separator is expected/, 'contenu inattendu : la structure du fichier est rompue ici', 'Vérifiez l’indentation et les « : » de cette ligne.'],
  [/missed comma between flow collection entries/, 'virgule manquante entre deux éléments d’une liste entre crochets'],
  [/unexpected end of the stream within a flow collection/, 'crochet ou accolade non fermé'],
  [/can not read a block mapping entry; a multiline key may not be an implicit key/, 'clé sur plusieurs lignes : une clé doit tenir sur une ligne et finir par « : »'],
  [/incomplete explicit mapping pair; a key node is missed/, 'valeur sans clé'],
  [/unknown tag/, 'étiquette YAML inconnue (un « ! » en début de valeur)', 'Mettez la valeur entre guillemets.'],
  [/maximum nesting depth/, 'imbrication trop profonde'],
];

function translate(reason: string): { message: string; hint?: string } {
  for (const [re, message, hint] of REASONS) if (re.test(reason)) return { message, hint };
  return { message: `syntaxe YAML invalide (${reason})`, hint: 'Comparez la ligne avec un fichier voisin qui fonctionne.' };
}

/**
 * js-yaml reports an unclosed « [ », « { » or quote where the next line starts; the editor's
 * mistake is on the line before. Looks back from the error line for such a line.
 */
function unclosedBefore(lines: LineCounter, errorLine: number): { message: string; hint: string; offset: number } | undefined {
  for (let n = errorLine - 1; n >= 1 && n >= errorLine - 3; n--) {
    const text = lines.lineText(n).replace(/#.*$/, '');
    if (!text.trim()) continue;
    const count = (ch: string): number => text.split(ch).length - 1;
    const offset = lines.lineStart(n);
    for (const [open, close, name] of [['[', ']', 'crochet « [ »'], ['{', '}', 'accolade « { »']] as const) {
      if (count(open) > count(close)) {
        return { message: `${name} ouvert et jamais fermé`, hint: `Fermez-le par « ${close} » sur la même ligne, ou mettez tout le texte entre guillemets.`, offset: offset + text.indexOf(open) };
      }
    }
    if (count('"') % 2 === 1) return { message: 'guillemet « " » ouvert et jamais fermé', hint: 'Fermez le guillemet à la fin du texte.', offset: offset + text.indexOf('"') };
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
      const unclosed = err.mark ? unclosedBefore(lines, err.mark.line + 1) : undefined;
      if (unclosed) return fail(file, 'YAML_SYNTAX', unclosed.message, unclosed.hint, { lines, offset: unclosed.offset });
      const { message, hint } = translate(err.reason);
      const offset = err.mark ? Math.min(err.mark.position, source.length) : 0;
      return fail(file, 'YAML_SYNTAX', message, hint, err.mark ? { lines, offset } : undefined);
    }
    const reason = err instanceof Error ? err.message : String(err);
    return fail(file, 'YAML_SYNTAX', `lecture YAML impossible (${reason})`);
  }
}

/** Reads a file from disk and parses it; every failure becomes a finding. */
export async function readYamlFile(path: string, file: string, cache?: ParseCache): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.size > MAX_FILE_BYTES) {
      const mo = (info.size / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
      return fail(file, 'FILE_TOO_LARGE', `fichier trop volumineux (${mo} Mo ; 1 Mo au plus)`, 'Un fichier de données fait quelques kilo-octets : vérifiez qu’il ne s’agit pas d’un export ou d’une image renommée.');
    }
    bytes = await readFile(path);
  } catch (err) {
    return fail(file, 'FILE_UNREADABLE', `fichier illisible (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
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
  const hit = cache.get(path);
  if (hit?.source === source && (hit.result.ok ? hit.result.doc.file : hit.result.finding.file) === file) return fresh(hit.result);
  const result = parseYaml(file, source);
  cache.set(path, { source, result });
  return fresh(result);
}
