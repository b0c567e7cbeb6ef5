/**
 * Mistakes whose cause sits above the line js-yaml blames, explained in the editor's terms.
 * new-edition once wrote empty tiers as `aussi_laureats: []`; an editor who adds « - projet »
 * under such a line gets js-yaml's « bad indentation », which says nothing of the `[]`.
 */
import type { LineCounter } from './positions.ts';

export interface Hint {
  message: string;
  hint: string;
  offset: number;
}

/**
 * An item « - … » written under `key: []` (or `key: {}`): the key already has its value, an
 * empty list, so the item belongs to nothing. Looks up from the error line past the items.
 */
export function itemsUnderEmptyFlow(lines: LineCounter, errorLine: number): Hint | undefined {
  if (!/^\s*-(\s|$)/.test(lines.lineText(errorLine))) return undefined;
  let n = errorLine;
  while (n >= 1 && /^\s*(-\s|-$|#|$)/.test(lines.lineText(n))) n--;
  if (n < 1) return undefined;
  const text = lines.lineText(n);
  const m = /^(\s*)([^\s#:][^#:]*):\s*(\[\s*\]|\{\s*\})\s*(#.*)?$/.exec(text);
  if (!m) return undefined;
  const empty = m[3]!.replace(/\s+/g, '');
  return {
    message: `« ${empty} » après « ${m[2]}: » veut dire « liste vide » : les lignes « - … » écrites dessous n’appartiennent à rien`,
    hint: `Supprimez « ${empty} » à la fin de la ligne ${n} pour qu’il reste « ${m[2]}: », puis gardez un élément par ligne, chacun précédé de « - » et décalé de deux espaces de plus que « ${m[2]} ».`,
    offset: lines.lineStart(n) + text.indexOf(m[3]!),
  };
}
