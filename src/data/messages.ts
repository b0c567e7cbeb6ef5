/**
 * Turns ajv's errors into French findings, one wording per keyword (as eslint does for its
 * config), each placed at the line and column of the offending value in the YAML source:
 * an unknown key points at the key, a missing key at the mapping that should hold it.
 */
import type { ErrorObject } from 'ajv';
import type { Finding } from './finding.ts';
import type { YamlFile } from './yaml.ts';
import { unescapePointer } from './positions.ts';
import { suggest } from './suggest.ts';
import { slugify } from './slug.ts';

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: '« true » ou « false »',
  array: 'une liste (lignes commençant par « - »)',
  object: 'un bloc de clés (« clé: valeur » en retrait)',
  null: 'vide (« ~ »)',
};

/** How a found value is shown in a message: the text itself, or what kind of thing it is. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'une valeur vide';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'un bloc de clés';
  if (typeof value === 'string') return `« ${value.length > 60 ? `${value.slice(0, 57)}…` : value} »`;
  return `« ${String(value)} »`;
}

/** The name editors know a value by: its key, or « key » (élément n) inside a list. */
export function nameOf(pointer: string): string {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  if (parts.length === 0) return 'le fichier';
  const last = parts[parts.length - 1]!;
  if (/^\d+$/.test(last)) {
    const parent = parts.length > 1 ? `« ${parts[parts.length - 2]} »` : 'la liste';
    return `l’élément ${Number(last) + 1} de ${parent}`;
  }
  return `« ${last} »`;
}

const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** The schemas' pattern of a text that must not be blank (spaces only). */
const BLANK_PATTERN = '\\S';
/** What to write in an empty « alt: » (never « supprimez la ligne »: the image needs it). */
export const ALT_HINT = 'Écrivez après « alt: », en une phrase, ce que montre l’image : c’est ce que lisent les lecteurs d’écran (RGAA). Ne supprimez pas la ligne : le site et le PDF ne sont pas construits sans elle.';
const BLANK_HINT = 'Écrivez le texte (des espaces seuls ne comptent pas), ou supprimez la ligne si la clé est facultative.';

interface Message {
  message: string;
  hint?: string;
  /** Pointer whose position the finding takes, and whether to prefer its key. */
  at: string;
  atKey?: boolean;
}

/**
 * A text field that YAML typed as a number or a boolean: the editor wrote text, YAML read
 * something else (`telephone: 0387375757` became 387375757, `nom: true` a boolean). Says what
 * YAML read and how to quote it; `raw` is the value as written in the file.
 */
function typedScalar(name: string, key: string, value: number | boolean, raw: string | undefined): { message: string; hint: string } {
  const written = raw ?? String(value);
  const read = typeof value === 'boolean' ? `la valeur logique ${value ? '« vrai »' : '« faux »'}` : `le nombre ${describeValue(value)}`;
  const lost = typeof value === 'number' && /^[+-]?0\d/.test(written) ? ' : le zéro du début est perdu' : typeof value === 'number' && String(value) !== written ? ' : ce n’est plus ce qui est écrit' : '';
  const example = /^\d+$/.test(key) ? `"${written}"` : `${key}: "${written}"`;
  return {
    message: `${name} doit être un texte, mais YAML a lu ${written === String(value) ? '' : `« ${written} » comme `}${read}${lost}`,
    hint: `Mettez la valeur entre guillemets : ${example}${key === 'telephone' && /^0\d{9}$/.test(written) ? ` (ou, par groupes de deux chiffres : telephone: "${written.replace(/\d\d(?=\d)/g, '$& ')}")` : ''}.`,
  };
}

function describe(e: ErrorObject, raw?: string): Message {
  const at = e.instancePath;
  const name = nameOf(at);
  const found = describeValue(e.data);
  const schema = (e.parentSchema ?? {}) as { title?: string; description?: string; properties?: Record<string, { description?: string }> };
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const where = at === '' ? 'dans ce fichier' : `dans ${name}`;
      const desc = schema.properties?.[missing]?.description;
      return { message: `la clé obligatoire « ${missing} » manque ${where}`, hint: `Ajoutez une ligne « ${missing}: … »${desc ? ` : ${desc.charAt(0).toLowerCase()}${desc.slice(1)}` : '.'}`, at, atKey: true };
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schema.properties ?? {});
      const guess = suggest(key, known);
      return {
        message: `clé inconnue « ${key} »${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`,
        hint: guess ? `Renommez la clé en « ${guess} ».` : `Clés possibles ici : ${known.map((k) => `« ${k} »`).join(', ')}.`,
        at: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        atKey: true,
      };
    }
    case 'type': {
      const types = ([] as string[]).concat((e.params as { type: string | string[] }).type);
      const expected = types.map((t) => TYPE_NAMES[t] ?? t).join(' ou ');
      if (types.includes('string') && (typeof e.data === 'number' || typeof e.data === 'boolean')) {
        const key = unescapePointer(at.slice(at.lastIndexOf('/') + 1));
        return { ...typedScalar(name, key, e.data, raw), at };
      }
      let hint: string | undefined;
      if (types.includes('integer') && typeof e.data === 'string') hint = 'Écrivez le nombre en chiffres, sans guillemets (attention aux lettres O à la place du zéro).';
      else if (types.includes('string') && typeof e.data === 'object' && e.data !== null) hint = 'Si le texte contient « : » ou commence par « - », mettez-le entre guillemets ou utilisez « | » sur la ligne de la clé.';
      // An image's alt is needed by both editions: without its line, the next error is « sans texte alternatif ».
      else if (types.includes('string') && e.data === null && at.endsWith('/alt')) hint = ALT_HINT;
      else if (types.includes('string') && e.data === null) hint = 'Écrivez le texte après « : », ou supprimez la ligne.';
      else if (types.includes('boolean')) hint = 'Écrivez true (oui) ou false (non).';
      else if (types.includes('array')) hint = 'Écrivez un élément par ligne, chacun précédé de « - ».';
      return { message: `${name} doit être ${expected} (trouvé ${found})`, hint, at };
    }
    case 'minLength':
      return { message: `${name} ne doit pas être vide`, hint: BLANK_HINT, at };
    case 'maxLength':
      return { message: `${name} est trop long (${String(e.data).length} caractères, ${(e.params as { limit: number }).limit} au plus)`, at };
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      if (pattern === ID_PATTERN) {
        // « - a » then «    - b » one space further right: YAML reads the second line as the
        // rest of the first (« a - b »). Two items, not one id to merge: say which line moved.
        const merged = /^(\S+)\s+-\s+(\S.*)$/.exec(String(e.data));
        if (merged && /^\d+$/.test(at.split('/').pop() ?? '')) {
          return {
            message: `« ${merged[2]} », sur la ligne suivante, est lu comme la suite de « ${merged[1]} » : son « - » est plus décalé que celui-ci`,
            hint: `Alignez le « - » de « ${merged[2]} » exactement sous celui de « ${merged[1]} » (même nombre d’espaces en début de ligne).`,
            at,
          };
        }
        const proposal = slugify(String(e.data));
        return { message: `${name} doit être un identifiant en minuscules sans accents ni espaces (trouvé ${found})`, hint: `Par exemple : ${proposal || 'mon-projet'}.`, at };
      }
      // « nom: "   " » gave an empty <h1> and <title>: spaces alone are no text.
      if (pattern === BLANK_PATTERN) return { message: `${name} ne doit pas être vide`, hint: BLANK_HINT, at };
      if (pattern.includes('\\.md$')) return { message: `${name} doit être un nom de fichier Markdown en minuscules finissant par .md (trouvé ${found})`, hint: 'Par exemple : edito.md.', at };
      return { message: `${name} n’a pas la forme attendue (trouvé ${found})`, hint: schema.description, at };
    }
    case 'format': {
      const format = (e.params as { format: string }).format;
      if (format === 'date') return { message: `${name} doit être une date au format AAAA-MM-JJ (trouvé ${found})`, hint: 'Par exemple : 2025-06-30.', at };
      return { message: `${name} n’a pas le format « ${format} » (trouvé ${found})`, at };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return { message: `${name} doit valoir au moins ${(e.params as { limit: number }).limit} (trouvé ${found})`, hint: schema.description, at };
    case 'maximum':
    case 'exclusiveMaximum':
      return { message: `${name} doit valoir au plus ${(e.params as { limit: number }).limit} (trouvé ${found})`, hint: schema.description, at };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = suggest(String(e.data), allowed);
      return {
        message: `${name} doit valoir ${allowed.map((v) => `« ${v} »`).join(' ou ')} (trouvé ${found})${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`,
        at,
      };
    }
    case 'uniqueItems': {
      const { i } = e.params as { i: number; j: number };
      return { message: `${name} contient deux fois la même valeur (${describeValue((e.data as unknown[])[i])})`, hint: 'Supprimez le doublon.', at };
    }
    case 'minItems':
      return { message: `${name} doit contenir au moins ${(e.params as { limit: number }).limit} élément(s)`, at };
    case 'maxItems':
      return { message: `${name} contient trop d’éléments (${(e.params as { limit: number }).limit} au plus)`, at };
    default:
      return { message: `${name} est invalide (${e.message ?? e.keyword})`, hint: schema.description, at };
  }
}

/** Where a pointer is written: the value, or its key when asked; else the closest parent. */
export function locate(doc: YamlFile, pointer: string, preferKey = false): { line: number; column: number; source: string } {
  let p = pointer;
  for (;;) {
    const span = doc.spans.get(p);
    if (span) {
      const offset = preferKey && span.key !== undefined ? span.key : span.value;
      const pos = doc.lines.position(offset);
      return { ...pos, source: doc.lines.lineText(pos.line) };
    }
    if (p === '') return { line: 1, column: 1, source: doc.lines.lineText(1) };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** A scalar as written in the source (plain, on one line, comment removed), when indexed. */
function rawValue(doc: YamlFile, pointer: string): string | undefined {
  const span = doc.spans.get(pointer);
  if (!span) return undefined;
  const pos = doc.lines.position(span.value);
  const text = doc.lines.lineText(pos.line).slice(pos.column - 1).replace(/\s+#.*$/, '').trim();
  return text || undefined;
}

/** Converts ajv errors of one file into findings. */
export function schemaFindings(doc: YamlFile, errors: readonly ErrorObject[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of errors) {
    const m = describe(e, rawValue(doc, e.instancePath));
    const pos = locate(doc, m.at, m.atKey);
    const key = `${pos.line}:${pos.column}:${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ severity: 'erreur', code: `SCHEMA_${e.keyword.toUpperCase()}`, file: doc.file, ...pos, message: m.message, hint: m.hint });
  }
  return out;
}
