/**
 * Editorial checks of the texts, for the slips the 2025 brochure went to print with: a word
 * repeated within a sentence (« recyclerie trimestrielle … trimestrielle »), a space before a
 * full stop or a comma (« marché local . »), a wrong apostrophe (« l‘accompagnement »,
 * « l'idée »). Warnings only, placed on the line and column of the slip: the data keeps the
 * text as printed, and the editor decides.
 *
 * `textIssues` is pure (a text in, issues with their offset in the text out); `textWarnings`
 * places them in the YAML files.
 */
import type { Finding } from './finding.ts';
import type { Loaded, Origin } from './load.ts';
import { locate } from './messages.ts';
import type { Issue } from './origin.ts';
import { escapePointer } from './positions.ts';
import { boundedMemo } from '../memo.ts';

export interface TextIssue extends Issue {
  /** Offset of the slip in the text. */
  offset: number;
  /** The text of the slip, as written, to find it in the file. */
  excerpt: string;
}

/**
 * Words that may well come twice in a sentence: grammatical words, and words the brochure
 * uses as terms (« projet de … et projet de … »). Compared after `lemma`.
 */
const COMMON = new Set(
  [
    'avec', 'dans', 'pour', 'sans', 'sous', 'entre', 'vers', 'chez', 'depuis', 'pendant', 'selon', 'autour', 'apres', 'avant', 'contre', 'parmi', 'ainsi', 'aussi',
    'leur', 'leurs', 'notre', 'votre', 'cette', 'cet', 'ces', 'celle', 'celui', 'ceux', 'dont', 'elle', 'elles', 'nous', 'vous', 'tout', 'tous', 'toute', 'toutes',
    'plus', 'moins', 'tres', 'bien', 'mais', 'donc', 'comme', 'lorsque', 'puis', 'encore', 'meme', 'autre', 'chaque', 'quel', 'quelle', 'afin', 'notamment', 'egalement',
    'etre', 'avoir', 'sont', 'etait', 'fait', 'faire', 'peut', 'permet', 'permettre', 'permettant',
    'projet', 'personne', 'structure', 'association', 'action', 'activite', 'public', 'social', 'sociale', 'territoire', 'departement', 'moselle', 'innovation', 'solidaire',
  ].map((word) => lemma(word)),
);
/** Shorter words are left out of the repetition check. */
const MIN_REPEATED = 6;
/**
 * Farther apart than this (in words), a repetition is more often a term said twice on purpose
 * (« réemploi », « acteurs ») than a slip: 25 words raised 40 warnings on the 2025 data,
 * nearly all deliberate.
 */
const MAX_DISTANCE = 6;
/**
 * A repetition across these is an enumeration or a parallel, said on purpose: « bénéficiaires
 * du RSA, bénéficiaires d’une protection », « pour les habitants et par les habitants ».
 */
const CLAUSE_BREAK = /[,;:()«»–—]|\s(?:et|ou|ni|mais|puis|comme)\s/u;

/** A loose lemma: no accents, no case, no plural or feminine ending. */
export function lemma(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/(?:e?s|x)$/u, '')
    .replace(/e$/u, '');
}

function repeatedWords(text: string): TextIssue[] {
  const out: TextIssue[] = [];
  // Clauses of sentences: a sentence ends at . ! ? … or a line break (a list item).
  const clause = new RegExp(`(?:(?!${CLAUSE_BREAK.source})[^.!?…\\n])+`, 'gu');
  for (const s of text.matchAll(clause)) {
    const seen = new Map<string, number>();
    let index = 0;
    // Words of letters; « l’ » and « d’ » are elisions, not words.
    for (const w of s[0].matchAll(/\p{L}+(?:[-]\p{L}+)*/gu)) {
      index += 1;
      const word = w[0];
      const key = lemma(word);
      if (word.length < MIN_REPEATED || COMMON.has(key) || /^\p{Lu}/u.test(word)) continue;
      const first = seen.get(key);
      if (first !== undefined && index - first <= MAX_DISTANCE) {
        out.push({
          code: 'WORD_REPEATED',
          message: `mot répété dans la même phrase : « ${word} » (${index - first} mots plus loin)`,
          hint: 'Vérifiez la phrase : supprimez la répétition ou remplacez l’un des deux mots (le texte est laissé tel quel).',
          offset: (s.index ?? 0) + (w.index ?? 0),
          excerpt: text.slice((s.index ?? 0) + (w.index ?? 0), (s.index ?? 0) + (w.index ?? 0) + 40),
        });
        seen.delete(key);
        continue;
      }
      seen.set(key, index);
    }
  }
  return out;
}

function spaceBeforePunctuation(text: string): TextIssue[] {
  // A space (of any kind) between a word and a full stop or comma that ends a clause; not
  // « … » nor a decimal (« ,5 »).
  return Array.from(text.matchAll(/(?<=[\p{L}\p{N})»])([ \u00A0\u202F]+)([.,])(?!\.|\d)/gu), (m) => ({
    code: 'SPACE_BEFORE_PUNCTUATION',
    message: `espace avant « ${m[2]} »`,
    hint: `En français, pas d’espace avant le point ni la virgule : supprimez-la (« ${text.slice(Math.max(0, (m.index ?? 0) - 12), m.index).trimStart()}${m[2]} »).`,
    offset: m.index ?? 0,
    excerpt: m[0],
  }));
}

function wrongApostrophes(text: string): TextIssue[] {
  // ‘ (an opening quote) anywhere, or ' between letters: « l‘accompagnement », « l'idée ».
  return Array.from(text.matchAll(/\p{L}['‘]\p{L}|‘/gu), (m) => {
    const mark = m[0].includes('‘') ? '‘' : '\'';
    return {
      code: 'WRONG_APOSTROPHE',
      message: `apostrophe « ${mark} » au lieu de « ’ » (« ${m[0]}… »)`,
      hint: 'Remplacez-la par l’apostrophe typographique « ’ » (AltGr + g sur un clavier français, ou copiez-la d’ici).',
      offset: m.index ?? 0,
      excerpt: m[0],
    };
  });
}

/**
 * Remembered by text: the preview loads the whole data after each save, and checking every
 * text again was a third of a load at 1 000 projects, for texts that had not changed.
 */
const issuesOf = boundedMemo<readonly TextIssue[]>(200_000);

/** Every slip of `text`, in order (the same array for the same text: do not modify it). */
export function textIssues(text: string): readonly TextIssue[] {
  return issuesOf(text, () => [...repeatedWords(text), ...spaceBeforePunctuation(text), ...wrongApostrophes(text)].sort((a, b) => a.offset - b.offset));
}

/** Every string of a record, with its path: nested texts (rubrics, quotes) included. */
function* strings(value: unknown, path: Array<string | number> = []): Generator<[string, Array<string | number>]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** Fields that are not prose: identifiers, addresses, files. */
const NOT_PROSE = new Set(['id', 'slug', 'organisation', 'territoire', 'themes', 'email', 'telephone', 'site_web', 'url', 'fichier', 'annee_statut', 'nom_imprime', 'forme']);

/**
 * The slip's place in the file: the value's own position, moved to where the excerpt is
 * written from there on (a block scalar keeps its text as is; a folded one may not, and
 * then the value's position is the best there is).
 */
function place(origin: Origin, path: Array<string | number>, issue: TextIssue, text: string): Pick<Finding, 'line' | 'column' | 'source'> {
  const pointer = origin.pointer + path.map((p) => `/${escapePointer(String(p))}`).join('');
  const at = locate(origin.doc, pointer);
  const lines = origin.doc.lines;
  const from = lines.lineStart(at.line) + at.column - 1;
  // The excerpt may come earlier in the same text (« l‘accompagnement » then « l‘association »
  // are both « l‘a »): the slip is the excerpt's occurrence of the same rank in the file.
  const occurrence = (excerpt: string): number => {
    let rank = 0;
    for (let i = text.indexOf(excerpt); i !== -1 && i < issue.offset; i = text.indexOf(excerpt, i + 1)) rank += 1;
    let found = lines.source.indexOf(excerpt, from);
    for (; found !== -1 && rank > 0; rank -= 1) found = lines.source.indexOf(excerpt, found + 1);
    return found;
  };
  // As much of the excerpt as is on one line, shortened until found (a folded scalar may
  // break the line elsewhere than the text does).
  let excerpt = issue.excerpt.split('\n')[0]!.slice(0, 40);
  let found = occurrence(excerpt);
  while (found === -1 && excerpt.length > 8) {
    excerpt = excerpt.slice(0, Math.floor(excerpt.length / 2));
    found = occurrence(excerpt);
  }
  if (found === -1) return at;
  const pos = lines.position(found);
  return { ...pos, source: lines.lineText(pos.line) };
}

/** The editorial slips of every text of the data (projects, organisations, partners, testimonials). */
export function textWarnings(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  const c = loaded.compendium;
  const collections: Array<[string, readonly object[]]> = [
    ['projets', c.projets],
    ['organisations', c.organisations],
    ['partenaires', c.partenaires],
    ['temoignages', c.temoignages],
  ];
  for (const [name, records] of collections) {
    const origins = loaded.sources.records.get(name) ?? [];
    records.forEach((record, i) => {
      const origin = origins[i];
      if (!origin) return;
      for (const [text, path] of strings(record)) {
        if (path.some((p) => typeof p === 'string' && NOT_PROSE.has(p))) continue;
        for (const issue of textIssues(text)) {
          const { code, message, hint } = issue;
          out.push({ severity: 'avertissement', code, file: origin.doc.file, ...place(origin, path, issue, text), message, ...(hint ? { hint } : {}) });
        }
      }
    });
  }
  return out;
}
