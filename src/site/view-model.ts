/**
 * The web edition's view of the data: every reference resolved (project → organisation,
 * territory, themes; edition → territories → three tiers of projects), navigation computed
 * (previous/next within a territory, editions a project appears in), facets for the
 * laureate index. Pure: no I/O, no Eleventy, so it is tested on its own.
 */
import {
  RUBRICS,
  RUBRIC_TITLES,
  TIERS,
  TIER_TITLES,
  type Compendium,
  type Image,
  type LoadedEdition,
  type Organisation,
  type Partner,
  type Project,
  type RubricKey,
  type Territory,
  type Testimonial,
  type Theme,
  type Tier,
} from '../model.ts';

/** One PDF of an edition, as produced by the print build. */
export interface PdfFile {
  kind: 'ecran' | 'impression';
  /** Root-relative URL, e.g. `/pdf/innovation-sociale-2025-ecran.pdf`. */
  href: string;
  bytes: number;
  pages: number;
}

/** PDFs by edition year. */
export type PdfIndex = Record<number, PdfFile[]>;

export interface ViewOptions {
  /** Origin of the published site, without trailing slash (default https://www.moselle.fr). */
  siteUrl?: string;
  /** Sub-path the site is served under (default `/`). */
  pathPrefix?: string;
  pdfs?: PdfIndex;
}

export interface ProjectLink {
  slug: string;
  url: string;
  titre: string;
}

export interface RubricView {
  key: RubricKey;
  titre: string;
  texte: string;
}

/** A territory as a project refers to it: its data and its page. */
export type TerritoryRef = Territory & { url: string };

export interface ProjectView {
  id: string;
  slug: string;
  url: string;
  /** What the reader sees as the project's name: its own, or else its organisation's. */
  titre: string;
  /** The project's own name, when it has one. */
  nom?: string;
  organisation: Organisation;
  annee: number;
  territoire: TerritoryRef;
  themes: Theme[];
  territoireCible?: string;
  publicCible?: string;
  resume?: string;
  description?: string;
  /** Rubrics present in the brochure, in print order (null ones are left out). */
  rubriques: RubricView[];
  contact: { email?: string; telephone?: string; siteWeb?: string };
  /** A photo that exists (has a file and is not awaited). */
  photo?: Image & { fichier: string };
  /** The brochure has a photo here that has not been supplied yet. */
  photoAFournir: boolean;
  /** Years of the editions the project appears in, oldest first. */
  editions: number[];
  /** Tier in the latest edition, if it appears there. */
  rang?: Tier;
  precedent?: ProjectLink;
  suivant?: ProjectLink;
}

export interface TierView {
  key: Tier;
  titre: string;
  projets: ProjectView[];
}

export interface TerritoryView extends Territory {
  url: string;
  /** The three tiers in the latest edition, empty ones included (templates skip them). */
  rangs: TierView[];
  /** Laureates of the territory that are not in the latest edition. */
  autres: ProjectView[];
  count: number;
}

export interface TestimonialView extends Testimonial {
  organisationNom?: string;
}

export interface EditionView {
  annee: number;
  source: LoadedEdition;
  textes: Record<string, string>;
  territoires: TerritoryView[];
  aLaUne: ProjectView[];
  laureats: ProjectView[];
  temoignages: TestimonialView[];
  partenaires: Partner[];
  pdfs: PdfFile[];
  /** First paragraph of the édito (Markdown). */
  editoExtrait: string;
}

export type FacetKind = 'annee' | 'territoire' | 'theme';

export interface FacetValue {
  kind: FacetKind;
  value: string;
  label: string;
  url: string;
  projets: ProjectView[];
}

export interface Facet {
  kind: FacetKind;
  label: string;
  values: FacetValue[];
}

export interface ViewModel {
  siteUrl: string;
  pathPrefix: string;
  edition: EditionView;
  editions: number[];
  territoires: TerritoryView[];
  themes: Theme[];
  /** Every project, alphabetical by title (French collation). */
  projets: ProjectView[];
  facets: Facet[];
  facetPages: FacetValue[];
  contacts: Compendium['contacts'];
}

export class ViewModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewModelError';
  }
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function byId<T extends { id: string }>(items: readonly T[], what: string): (id: string) => T {
  const map = new Map(items.map((i) => [i.id, i]));
  return (id) => {
    const found = map.get(id);
    // The validator rejects unknown references; reaching this is a bug, not an editor's error.
    if (!found) throw new ViewModelError(`${what} inconnu : ${id}`);
    return found;
  };
}

/** Whether an image can be shown: it has a file and is not marked as awaited. */
export function isAvailable(image: Image | undefined): image is Image & { fichier: string } {
  return Boolean(image?.fichier) && !image?.a_fournir;
}

function rubricsOf(p: Project): RubricView[] {
  return RUBRICS.flatMap((key) => {
    const texte = p.rubriques?.[key];
    return texte ? [{ key, titre: RUBRIC_TITLES[key], texte }] : [];
  });
}

function firstParagraph(markdown: string | undefined): string {
  return (markdown ?? '').trim().split(/\n\s*\n/)[0] ?? '';
}

/** Builds the view model of the latest edition and of every project. */
export function buildViewModel(c: Compendium, options: ViewOptions = {}): ViewModel {
  const latest = c.editions.reduce<LoadedEdition | undefined>((a, e) => (!a || e.annee > a.annee ? e : a), undefined);
  if (!latest) throw new ViewModelError('aucune édition à publier');

  const organisation = byId(c.organisations, 'organisation');
  const territory = byId(
    c.territoires.map((t): TerritoryRef => ({ ...t, url: `/territoires/${t.id}/` })),
    'territoire',
  );
  const theme = byId(c.themes, 'thème');
  const partner = byId(c.partenaires, 'partenaire');
  const testimonial = byId(c.temoignages, 'témoignage');

  const editionsOf = new Map<string, number[]>();
  for (const e of [...c.editions].sort((a, b) => a.annee - b.annee)) {
    for (const t of e.territoires) {
      for (const tier of TIERS) for (const id of t[tier] ?? []) editionsOf.set(id, [...(editionsOf.get(id) ?? []), e.annee]);
    }
  }
  const rankOf = new Map<string, Tier>();
  for (const t of latest.territoires) for (const tier of TIERS) for (const id of t[tier] ?? []) rankOf.set(id, tier);

  const projects = new Map<string, ProjectView>();
  for (const p of c.projets) {
    const org = organisation(p.organisation);
    const slug = p.slug ?? p.id;
    projects.set(p.id, {
      id: p.id,
      slug,
      url: `/projets/${slug}/`,
      titre: p.nom ?? org.nom,
      nom: p.nom,
      organisation: org,
      annee: p.annee,
      territoire: territory(p.territoire),
      themes: (p.themes ?? []).map(theme),
      territoireCible: p.territoire_cible,
      publicCible: p.public_cible,
      resume: p.resume,
      description: p.description,
      rubriques: rubricsOf(p),
      contact: { email: p.contact?.email, telephone: p.contact?.telephone, siteWeb: p.contact?.site_web },
      photo: isAvailable(p.photo) ? p.photo : undefined,
      photoAFournir: Boolean(p.photo && !isAvailable(p.photo)),
      editions: editionsOf.get(p.id) ?? [],
      rang: rankOf.get(p.id),
    });
  }
  const project = byId([...projects.values()], 'projet');
  const alphabetical = [...projects.values()].sort((a, b) => collator.compare(a.titre, b.titre) || collator.compare(a.id, b.id));

  const territories: TerritoryView[] = [...c.territoires]
    .sort((a, b) => a.ordre - b.ordre)
    .map((t) => {
      const selection = latest.territoires.find((s) => s.territoire === t.id);
      const rangs = TIERS.map((key) => ({ key, titre: TIER_TITLES[key], projets: (selection?.[key] ?? []).map(project) }));
      const inEdition = new Set(rangs.flatMap((r) => r.projets.map((p) => p.id)));
      const autres = [...projects.values()]
        .filter((p) => p.territoire.id === t.id && !inEdition.has(p.id))
        .sort((a, b) => b.annee - a.annee || collator.compare(a.titre, b.titre));
      return { ...t, url: `/territoires/${t.id}/`, rangs, autres, count: inEdition.size + autres.length };
    });

  // Previous/next follow the territory page's reading order: the edition's tiers, then the rest.
  for (const t of territories) {
    const sequence = [...t.rangs.flatMap((r) => r.projets), ...t.autres];
    sequence.forEach((p, i) => {
      const link = (q: ProjectView | undefined): ProjectLink | undefined => (q ? { slug: q.slug, url: q.url, titre: q.titre } : undefined);
      p.precedent = link(sequence[i - 1]);
      p.suivant = link(sequence[i + 1]);
    });
  }

  const edTerritories = territories.filter((t) => latest.territoires.some((s) => s.territoire === t.id));
  const laureats = edTerritories.flatMap((t) => t.rangs.flatMap((r) => r.projets));
  const edition: EditionView = {
    annee: latest.annee,
    source: latest,
    textes: latest.textes,
    territoires: edTerritories,
    aLaUne: edTerritories.flatMap((t) => t.rangs[0]?.projets ?? []),
    laureats,
    temoignages: (latest.temoignages?.liste ?? []).map(testimonial).map((t) => ({
      ...t,
      organisationNom: t.organisation ? organisation(t.organisation).nom : undefined,
    })),
    partenaires: (latest.partenaires ?? []).map(partner),
    pdfs: options.pdfs?.[latest.annee] ?? [],
    editoExtrait: firstParagraph(latest.textes[latest.edito.fichier]),
  };

  const facets = buildFacets(alphabetical, territories, c.themes);
  return {
    siteUrl: (options.siteUrl ?? 'https://www.moselle.fr').replace(/\/+$/, ''),
    pathPrefix: normalisePrefix(options.pathPrefix),
    edition,
    editions: c.editions.map((e) => e.annee).sort((a, b) => a - b),
    territoires: territories,
    themes: c.themes,
    projets: alphabetical,
    facets,
    facetPages: facets.flatMap((f) => f.values),
    contacts: c.contacts,
  };
}

function buildFacets(projets: ProjectView[], territories: TerritoryView[], themes: Theme[]): Facet[] {
  const value = (kind: FacetKind, v: string, label: string, match: (p: ProjectView) => boolean): FacetValue => ({
    kind,
    value: v,
    label,
    url: `/laureats/${kind}/${v}/`,
    projets: projets.filter(match),
  });
  const years = [...new Set(projets.map((p) => p.annee))].sort((a, b) => b - a);
  return [
    { kind: 'annee', label: 'Année', values: years.map((y) => value('annee', String(y), String(y), (p) => p.annee === y)) },
    { kind: 'territoire', label: 'Territoire', values: territories.map((t) => value('territoire', t.id, t.nom, (p) => p.territoire.id === t.id)) },
    {
      kind: 'theme',
      label: 'Thème',
      values: themes.map((t) => value('theme', t.id, t.nom, (p) => p.themes.some((x) => x.id === t.id))).filter((v) => v.projets.length > 0),
    },
  ];
}

/** `innovation-sociale` → `/innovation-sociale/`; empty → `/`. */
export function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Absolute URL of a root-relative page URL, for canonical links, sitemaps and JSON-LD. */
export function absoluteUrl(vm: Pick<ViewModel, 'siteUrl' | 'pathPrefix'>, url: string): string {
  return `${vm.siteUrl}${vm.pathPrefix}${url.replace(/^\//, '')}`;
}
