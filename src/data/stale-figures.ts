/**
 * Key figures left stale in copied texts. `new-edition` copies the previous edition's texts;
 * the editor then updates the key figures (80 → 92 porteurs de projet, 6 → 7 éditions), but the
 * copied `appel-a-projets.md` still says « soutenir 80 porteurs de projet » and « En 6 éditions
 * annuelles ». Nothing linked the two. So: for each key figure an edition changed (same label
 * and scale as in the previous edition, another value), every place one of its texts states the
 * previous value (as figure-checks.ts finds a figure) is a warning, with both values.
 */
import { join } from 'node:path';
import type { Finding } from './finding.ts';
import type { Loaded } from './load.ts';
import { displayPath } from './load.ts';
import { figurePattern, type KeyFigure } from './figure-checks.ts';
import type { LoadedEdition } from '../model.ts';

/** A key figure's identity across editions: its label and scale (its value is what changes). */
const key = (f: Pick<KeyFigure, 'libelle' | 'echelle'>): string => `${f.libelle}\u0000${f.echelle}`;

/** Every offset where `text` states `figure`, with the words as written. */
function statedAll(figure: Pick<KeyFigure, 'valeur' | 'libelle'>, text: string): Array<{ offset: number; excerpt: string }> {
  const pattern = figurePattern(figure);
  if (!pattern) return [];
  const global = new RegExp(pattern.source, `${pattern.flags}g`);
  return [...text.matchAll(global)].map((m) => ({ offset: m.index, excerpt: m[0] }));
}

/** Where an edition's texts state a previous value of a key figure it changed. */
export interface StaleMention {
  file: string;
  line: number;
  column: number;
  excerpt: string;
  before: KeyFigure;
  after: KeyFigure;
}

/** The stale mentions of `ed`'s texts, given the edition before it (pure: `diff` shows them too). */
export function staleMentions(previous: Pick<LoadedEdition, 'chiffres_cles'>, ed: Pick<LoadedEdition, 'chiffres_cles' | 'textes'>): StaleMention[] {
  const now = new Map((ed.chiffres_cles?.chiffres ?? []).map((f) => [key(f), f]));
  const changed = (previous.chiffres_cles?.chiffres ?? []).flatMap((before) => {
    const after = now.get(key(before));
    return after && after.valeur.trim() !== before.valeur.trim() ? [{ before, after }] : [];
  });
  const out: StaleMention[] = [];
  if (changed.length === 0) return out;
  for (const [file, text] of Object.entries(ed.textes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const { before, after } of changed) {
      for (const stated of statedAll(before, text)) {
        const line = text.slice(0, stated.offset).split('\n').length;
        const column = stated.offset - text.lastIndexOf('\n', stated.offset - 1);
        out.push({ file, line, column, excerpt: stated.excerpt, before, after });
      }
    }
  }
  return out;
}

export function staleFigureWarnings(loaded: Loaded): Finding[] {
  const editions = [...loaded.compendium.editions].sort((a, b) => a.annee - b.annee);
  return editions.flatMap((ed, i) => {
    const previous = editions[i - 1];
    const source = loaded.sources.editions.get(ed.annee);
    if (!previous || !source) return [];
    return staleMentions(previous, ed).map(({ file, line, column, excerpt, before, after }): Finding => ({
      severity: 'avertissement',
      code: 'FIGURE_STALE_IN_TEXT',
      file: displayPath(join(source.dir, file)),
      line,
      column,
      source: ed.textes[file]!.split('\n')[line - 1],
      message: `le texte dit « ${excerpt} », valeur de l’édition ${previous.annee} du chiffre clé « ${after.libelle} » (${after.echelle}), que l’édition ${ed.annee} a changée\u00A0: ${before.valeur} → ${after.valeur}`,
      hint: `Si la phrase parle de l’édition ${ed.annee}, remplacez « ${before.valeur} » par « ${after.valeur} ».`,
    }));
  });
}
