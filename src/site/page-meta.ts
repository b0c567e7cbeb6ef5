/**
 * What each page computes from its data (see templates/templates.11tydata.js): the edition it
 * belongs to, its canonical address, whether search engines and the search index get it, its
 * title and description. Titles and descriptions are plain text, unescaped: the layout escapes
 * them. Computed here rather than in front matter, where Eleventy would render (and so
 * HTML-escape) a template string a second time.
 */
import { plainText } from './markdown.ts';
import type { EditionView, FacetValue, ProjectView, TerritoryView, ViewModel } from './view-model.ts';
import upperFirst from './filters/upper-first.ts';

export interface PageData {
  title?: string;
  description?: string;
  projet?: ProjectView;
  territoire?: TerritoryView;
  facet?: FacetValue;
  site?: ViewModel;
  /** The edition an edition page paginates over (see the `pagination` of templates/index.njk). */
  editionPage?: EditionView;
  /** Path of the title in the edition, e.g. `appel.titre`, for pages titled by the data. */
  titleFrom?: string;
  /** `false` keeps the page out of the search index and the sitemap. */
  searchable?: boolean;
  page?: { url?: string | false };
}

/**
 * The edition a page shows: the one it paginates over, its territory's, or else the latest
 * (pages that belong to no edition: projects, laureates, search… show the latest's name).
 */
export function pageEdition(data: PageData): EditionView | undefined {
  if (data.editionPage) return data.editionPage;
  const t = data.territoire;
  if (t && data.site) return data.site.editionPages.find((e) => e.base === t.base && e.annee === t.annee);
  return data.site?.edition;
}

/** The page's canonical path: its own, except for the `/<latest>/` mirror, whose pages point at the root. */
export function canonicalPath(data: PageData): string | undefined {
  const url = data.page?.url;
  if (!url) return undefined;
  const edition = pageEdition(data);
  return edition?.mirror && url.startsWith(edition.base) ? `/${url.slice(edition.base.length)}` : url;
}

/** Whether the page goes into the search index and the sitemap (mirror pages do not: they are duplicates). */
export function isIndexable(data: PageData): boolean {
  return data.searchable !== false && !pageEdition(data)?.mirror;
}

/** Cuts a text at a word boundary to at most `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.]+$/, '')}…`;
}

/** Where a sentence ends: after . ! ? … (and a closing » or parenthesis), before a capital or « . */
const SENTENCE_END = /(?<=[.!?…][»)\u00A0\u202F]*)\s+(?=[«\p{Lu}])/gu;

/**
 * A teaser: the text's first sentences, as many as fit in `max` characters, never a sentence
 * cut in the middle. A first sentence longer than `max` is kept whole up to twice `max`
 * (a teaser is a sentence, not a fragment); only beyond is it cut at a word, with « … ».
 */
export function firstSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index > max) break;
    end = m.index;
  }
  if (end > 0) return text.slice(0, end);
  const first = text.split(SENTENCE_END)[0]!;
  return first.length <= 2 * max ? first : truncate(first, max);
}

export function facetTitle(f: FacetValue): string {
  if (f.kind === 'annee') return `Lauréats ${f.label}`;
  if (f.kind === 'territoire') return f.dans ? `Lauréats ${f.dans}` : `Lauréats du territoire ${f.label}`;
  return `Lauréats du thème « ${f.label} »`;
}

export function metaTitle(data: PageData): string | undefined {
  if (data.projet) return upperFirst(data.projet.titre);
  if (data.territoire) return data.territoire.intitule;
  if (data.facet) return facetTitle(data.facet);
  const edition = pageEdition(data);
  if (data.titleFrom && edition) {
    const found = data.titleFrom.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], edition.source);
    if (typeof found === 'string') return found;
  }
  return data.title;
}

/**
 * The page's description, one per page: a mirror page (`/<latest>/…`, a duplicate whose
 * canonical is the root's) says it is the edition's permanent address.
 */
export function metaDescription(data: PageData): string | undefined {
  const text = describe(data);
  const edition = pageEdition(data);
  if (!text || !edition?.mirror) return text;
  return `${text.replace(/[.…]$/, '')} (recueil ${edition.annee}, adresse permanente).`;
}

const AAP = 'l’appel à projets Innovation sociale du Département de la Moselle';

function describe(data: PageData): string | undefined {
  if (data.projet) {
    const p = data.projet;
    return truncate(p.resume ?? (plainText(p.description) || `${upperFirst(p.titre)}, porté par ${p.organisation.nom}, lauréat ${p.annee}.`), 160);
  }
  if (data.territoire) return truncate(plainText(data.territoire.description) || `Les lauréats de l’appel à projets Innovation sociale ${data.territoire.dans} présentés dans le recueil ${data.territoire.annee}.`, 160);
  if (data.facet) {
    const f = data.facet;
    const n = f.projets.length;
    const what = n > 1 ? `Les ${n} projets lauréats` : 'Le projet lauréat';
    if (f.kind === 'annee') return `${what} ${f.label} de ${AAP}.`;
    if (f.kind === 'territoire') return `${what} ${f.dans ?? `du territoire ${f.label}`} de ${AAP}.`;
    return `${what} du thème « ${f.label} » de ${AAP}.`;
  }
  if (data.description) return data.description;
  const edition = pageEdition(data);
  if (!edition) return undefined;
  // An edition's home (no title of its own): what the edition holds; its édito has the extract.
  if (!data.title && !data.titleFrom && data.page?.url === edition.base) {
    return `Le recueil ${edition.annee} des projets lauréats de ${AAP} : ${edition.laureats.length} projets, territoire par territoire, et l’appel à projets.`;
  }
  return truncate(plainText(edition.editoExtrait), 160);
}
