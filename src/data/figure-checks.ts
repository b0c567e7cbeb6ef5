/**
 * Key figures printed once. The 2025 brochure's key figures page printed the Grand Est and
 * Moselle figures twice — as big numbers, then again in the text beside them (« 2 160
 * établissements employeurs, soit 7,70 % … ») — and one label said its number again
 * (« 2019 — année de création de l’appel à projets (depuis 2019) »).
 *
 * The rule, for both editions: the key figures page (`chiffres_cles`) prints each figure as a
 * big number, and its text (`chiffres_cles.fichier`) says what the numbers do not. Where the
 * text states a figure anyway, the text wins — its sentences are never cut — and that figure's
 * big number is left out (`bigNumbers`); `validate` warns, on the line of the text, so that the
 * editor chooses which to keep. A label that repeats its own number is a warning too.
 *
 * A figure is « stated » when its number is written with its unit (« 65 % », « 2,7 millions »,
 * « 700 000 € »), whatever the spaces (« 15 000 », « 15000 »). A bare number under 1 000
 * (« 80 », « 6 ») is too common to stand alone: it counts only followed by its label's first
 * word (« 80 porteurs », « 6 éditions »).
 */
import { join } from 'node:path';
import type { Finding } from './finding.ts';
import type { Loaded, Origin } from './load.ts';
import { displayPath } from './load.ts';
import { findingAt } from './origin.ts';

export interface KeyFigure {
  valeur: string;
  libelle: string;
  echelle: string;
}

const SPACE = '[\\s\\u00A0\\u202F]';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The figure's number as written, without « plus de », « près de »: « 38 000 », « 12 % ». */
export function figureNumber(valeur: string): string | null {
  const at = valeur.search(/\d/);
  return at === -1 ? null : valeur.slice(at).trim();
}

/** A pattern that finds the figure in a text (see the top of this file), or null for a figure without a number. */
export function figurePattern(figure: Pick<KeyFigure, 'valeur' | 'libelle'>): RegExp | null {
  const number = figureNumber(figure.valeur);
  if (!number) return null;
  const parts = number.split(/[\s\u00A0\u202F]+/);
  let source = '';
  parts.forEach((part, i) => {
    if (i > 0) source += /^\d/.test(part) && /\d$/.test(parts[i - 1]!) ? `${SPACE}?` : `${SPACE}*`;
    source += escape(part);
  });
  const bare = /^\d+$/.test(number) && Number(number) < 1000;
  if (bare) {
    const word = /\p{L}+/u.exec(figure.libelle)?.[0];
    if (!word) return null;
    source += `${SPACE}+${escape(word)}`;
  }
  return new RegExp(`(?<![\\d,.])${source}(?![\\d]|,\\d)`, 'iu');
}

/** Where `text` states the figure (its offset and the words as written), or null. */
export function statedIn(figure: Pick<KeyFigure, 'valeur' | 'libelle'>, text: string | undefined): { offset: number; excerpt: string } | null {
  const pattern = text ? figurePattern(figure) : null;
  const match = pattern?.exec(text ?? '');
  return match ? { offset: match.index, excerpt: match[0] } : null;
}

/** The figures printed as big numbers on a page whose text is `text`: those the text does not state. */
export function bigNumbers<T extends Pick<KeyFigure, 'valeur' | 'libelle'>>(figures: readonly T[] | undefined, text: string | undefined): T[] {
  return (figures ?? []).filter((figure) => !statedIn(figure, text));
}

/** Whether a figure's label says its number again (« année de création … (depuis 2019) »). */
export function labelRepeatsValue(figure: Pick<KeyFigure, 'valeur' | 'libelle'>): boolean {
  // The digits alone, without their unit: « (depuis 2019) » repeats « 2019 ».
  const digits = /\d[\d\s\u00A0\u202F,]*/.exec(figure.valeur)?.[0].trim();
  if (!digits) return false;
  const pattern = digits.split(/[\s\u00A0\u202F]+/).map(escape).join(`${SPACE}?`);
  return new RegExp(`(?<![\\d,.])${pattern}(?![\\d]|,\\d)`, 'u').test(figure.libelle);
}

/** The warnings of each edition's key figures: figures its text states, labels that repeat their number. */
export function figureWarnings(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  for (const ed of loaded.compendium.editions) {
    const k = ed.chiffres_cles;
    if (!k) continue;
    const source = loaded.sources.editions.get(ed.annee);
    if (!source) continue;
    const origin: Origin = { doc: source.doc, pointer: '' };
    const text = k.fichier ? ed.textes[k.fichier] : undefined;
    k.chiffres.forEach((figure, i) => {
      const name = `« ${figure.valeur} ${figure.libelle} » (${figure.echelle})`;
      if (labelRepeatsValue(figure)) {
        out.push(
          findingAt('avertissement', origin, ['chiffres_cles', 'chiffres', i, 'libelle'], {
            code: 'FIGURE_LABEL_REPEATS_VALUE',
            message: `le chiffre clé ${name} répète son nombre dans son libellé : il serait imprimé deux fois`,
            hint: `Retirez « ${figureNumber(figure.valeur)} » du libellé : le grand chiffre le dit déjà.`,
          }),
        );
      }
      const stated = k.fichier && text ? statedIn(figure, text) : null;
      if (stated && k.fichier && text) {
        const line = text.slice(0, stated.offset).split('\n').length;
        const column = stated.offset - text.lastIndexOf('\n', stated.offset - 1);
        out.push({
          severity: 'avertissement',
          code: 'FIGURE_PRINTED_TWICE',
          file: displayPath(join(source.dir, k.fichier)),
          line,
          column,
          source: text.split('\n')[line - 1],
          message: `le texte des chiffres clés dit « ${stated.excerpt} », déjà chiffre clé ${name} : seul le texte est imprimé, le grand chiffre est omis`,
          hint: 'Pour garder le grand chiffre, retirez du texte la phrase qui le répète ; pour garder la phrase, retirez ce chiffre de « chiffres_cles » dans edition.yaml.',
        });
      }
    });
  }
  return out;
}
