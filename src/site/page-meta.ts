/**
 * Title and description of each page, computed from its data (see templates/templates.11tydata.js).
 * Plain text, unescaped: the layout escapes them. Computed here rather than in front matter,
 * where Eleventy would render (and so HTML-escape) a template string a second time.
 */
import { plainText } from './markdown.ts';
import type { FacetValue, ProjectView, TerritoryView, ViewModel } from './view-model.ts';
import upperFirst from './filters/upper-first.ts';

interface PageData {
  title?: string;
  description?: string;
  projet?: ProjectView;
  territoire?: TerritoryView;
  facet?: FacetValue;
  site?: ViewModel;
  /** Path of the title in the edition, e.g. `appel.titre`, for pages titled by the data. */
  titleFrom?: string;
}

/** Cuts a text at a word boundary to at most `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.]+$/, '')}…`;
}

export function facetTitle(f: FacetValue): string {
  if (f.kind === 'annee') return `Lauréats ${f.label}`;
  if (f.kind === 'territoire') return `Lauréats du territoire ${f.label}`;
  return `Lauréats du thème « ${f.label} »`;
}

export function metaTitle(data: PageData): string | undefined {
  if (data.projet) return upperFirst(data.projet.titre);
  if (data.territoire) return data.territoire.intitule;
  if (data.facet) return facetTitle(data.facet);
  if (data.titleFrom && data.site) {
    const found = data.titleFrom.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data.site.edition.source);
    if (typeof found === 'string') return found;
  }
  return data.title;
}

export function metaDescription(data: PageData): string | undefined {
  if (data.projet) {
    const p = data.projet;
    return truncate(p.resume ?? (plainText(p.description) || `${upperFirst(p.titre)}, porté par ${p.organisation.nom}, lauréat ${p.annee}.`), 160);
  }
  if (data.territoire) return truncate(plainText(data.territoire.description) || `Les lauréats de l’appel à projets Innovation sociale sur le ${data.territoire.intitule.replace(/^Territoire/, 'territoire')}.`, 160);
  if (data.facet) return `${data.facet.projets.length} projets lauréats de l’appel à projets Innovation sociale du Département de la Moselle.`;
  if (data.description) return data.description;
  if (data.site) return truncate(plainText(data.site.edition.editoExtrait), 160);
  return undefined;
}
