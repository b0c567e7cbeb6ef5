/**
 * « Vouliez-vous dire … ? »: the candidate that is a near-identical spelling of the word, or
 * nothing. A suggestion is followed to the letter by an editor working alone, so it must only
 * ever fix a typo: ids are mostly names of people, organisations and places, and
 * `frederic-leybold` (a testimonial that was removed) must never become `frederic-leroy`
 * (someone else's quote). Hence a budget of edits that grows slowly with the length, and a
 * check word by word: a suggestion may change a word's spelling, never replace a word.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Folds case and accents, so « Année » matches « annee »; words are joined by « _ ». */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s_-]+/g, '_');

/** Edits a typo may take: one up to 10 characters, two beyond (two slips in a long id). */
export const typoBudget = (length: number): number => (length <= 10 ? 1 : 2);

/** Words an editor may leave out of an id: articles, legal forms (« graoucoop » for « scic-graoucoop »). */
const OPTIONAL_WORDS = new Set(['le', 'la', 'les', 'l', 'de', 'du', 'des', 'd', 'et', 'a', 'au', 'aux', 'association', 'asso', 'scic', 'scop', 'sas', 'sarl', 'sa', 'eurl', 'gie', 'cooperative']);

/**
 * Whether `typed` is a typo of `known` (both folded): within the budget overall, and, when
 * they have several words, each word changed by a slip at most. Different words (another
 * surname, another town) are never a typo.
 */
function isTypo(typed: string, known: string): boolean {
  // Zero after folding: only case or accents differ (« Année », « a4 »), always a typo.
  const distance = editDistance(typed, known);
  if (distance > typoBudget(typed.length)) return false;
  const a = typed.split('_');
  const b = known.split('_');
  if (a.length === 1 && b.length === 1) return true;
  if (a.length !== b.length) return distance <= 1;
  // A changed word must be long enough for a slip to be told from another word (« le », « la »).
  return a.every((w, i) => w === b[i] || (Math.min(w.length, b[i]!.length) >= 4 && editDistance(w, b[i]!) <= typoBudget(w.length)));
}

/** Returns the candidate `word` is a typo of, or undefined when none is plausibly meant. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = fold(word);
  const typos = candidates.filter((c) => isTypo(w, fold(c)));
  if (typos.length > 0) {
    // The closest; two equally close candidates are ambiguous: suggest neither.
    const scored = typos.map((c) => ({ c, d: editDistance(w, fold(c)) })).sort((x, y) => x.d - y.d);
    return scored.length > 1 && scored[0]!.d === scored[1]!.d ? undefined : scored[0]!.c;
  }
  // An id typed without its article or legal form (« filon » for « le-filon »).
  if (w.length >= 4) {
    const within = candidates.filter((c) => {
      const words = fold(c).split('_');
      return words.includes(w) && words.every((x) => x === w || OPTIONAL_WORDS.has(x));
    });
    if (within.length === 1) return within[0];
  }
  return undefined;
}

/** Abbreviations of place names (« st-avold » for « saint-avold »). */
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes', chx: 'chateau' };

/**
 * The nearest of a short closed list (the six territories): a wrong id there can only mean one
 * of them, so the one sharing the most words is proposed (« forbach-st-avold » →
 * « forbach-saint-avold »), else the closest spelling; a tie proposes none.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const words = (s: string): string[] => fold(s).split('_').map((x) => ABBREVIATIONS[x] ?? x).filter((x) => x.length > 1 && !OPTIONAL_WORDS.has(x));
  const typed = new Set(words(word));
  const best = (scored: Array<{ c: string; s: number }>, higher: boolean): string | undefined => {
    const sorted = [...scored].sort((x, y) => (higher ? y.s - x.s : x.s - y.s));
    if (sorted.length === 0 || (sorted.length > 1 && sorted[0]!.s === sorted[1]!.s)) return undefined;
    return sorted[0]!.c;
  };
  // A word cut short counts (« sarreguemine »), if long enough to tell the towns apart.
  const meets = (x: string): boolean => [...typed].some((t) => t === x || (Math.min(t.length, x.length) >= 5 && (t.startsWith(x) || x.startsWith(t))));
  const shared = candidates.map((c) => ({ c, s: words(c).filter(meets).length })).filter((x) => x.s > 0);
  if (shared.length > 0) return best(shared, true);
  const close = candidates.map((c) => ({ c, s: editDistance(fold(word), fold(c)) })).filter((x) => x.s <= Math.max(3, fold(word).length / 3));
  return best(close, false);
}
