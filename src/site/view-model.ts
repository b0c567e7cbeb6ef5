/**
 * The web edition's view of the data: every reference resolved (project → organisation,
 * territory, themes; edition → territories → three tiers of projects), navigation computed
 * (previous/next within a territory, editions a project appears in), facets for the
 * laureate index, and the addresses of every edition. Pure: no I/O, no Eleventy, so it is
 * tested on its own; the print edition reads the latest edition's view from it too.
 */
import { printedName } from './organisation-name.ts';
import { openContact, projectPeople, type OpenContact } from '../data/personal-contacts.ts';
import {
  RUBRICS,
  RUBRIC_TITLES,
  TIERS,
  TIER_TITLES,
  tierHeading,
  type Compendium,
  type SiteFacts,
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
import { CompendiumError } from '../errors.ts';

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

/** The cover of an edition's PDF as an image (the first page, 600 px wide). */
export interface CoverImage {
  /** Root-relative URL, e.g. `/pdf/innovation-sociale-moselle-2025-couverture.jpg`. */
  href: string;
  width: number;
  height: number;
}

/** Covers by edition year. */
export type CoverIndex = Record<number, CoverImage>;

export interface ViewOptions {
  /** Origin of the published site, without trailing slash; overrides data/site.yaml's « adresse ». */
  siteUrl?: string;
  /** Sub-path the site is served under (default `/`). */
  pathPrefix?: string;
  pdfs?: PdfIndex;
  /** For the editions page and link previews (og:image). */
  covers?: CoverIndex;
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

/** One edition a project appeared in: its tier there and the territory page that lists it. */
export interface EditionAppearance {
  annee: number;
  rang: Tier;
  /** The territory's page in that edition (at the root for the latest edition). */
  url: string;
  /** What the reader sees: « À la une dans le recueil 2026 », « parmi les autres lauréats en 2025 ». */
  libelle: string;
}

export interface ProjectView {
  id: string;
  slug: string;
  url: string;
  /** What the reader sees as the project's name: its own, or else its organisation's. */
  titre: string;
  /** The project's own name, when it has one. */
  nom?: string;
  organisation: Organisation;
  /** The organisation's name as printed (src/site/organisation-name.ts). */
  structure: string;
  annee: number;
  /** False when the year is to be confirmed (`annee_statut`): no « Lauréat » badge then. */
  anneeConnue: boolean;
  territoire: TerritoryRef;
  themes: Theme[];
  territoireCible?: string;
  publicCible?: string;
  resume?: string;
  description?: string;
  /** Rubrics present in the brochure, in print order (null ones are left out). */
  rubriques: RubricView[];
  /** As printed; `ouvert`: the part that open data and metadata may carry (RGPD, src/data/personal-contacts.ts). */
  contact: { email?: string; telephone?: string; siteWeb?: string; ouvert: OpenContact };
  /** A photo that exists (has a file and is not awaited). */
  photo?: Image & { fichier: string };
  /** The brochure has a photo here that has not been supplied yet. */
  photoAFournir: boolean;
  /** The editions the project appears in, newest first. */
  editions: EditionAppearance[];
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
  /** The territory's page in its edition's pages: `/territoires/x/` or `/2025/territoires/x/`. */
  url: string;
  /** Year and address (`base`) of the edition this view belongs to. */
  annee: number;
  base: string;
  /** The edition's three tiers, empty ones included (templates skip them). */
  rangs: TierView[];
  /** Laureates of the territory shown in an earlier edition but not in this one. */
  autres: ProjectView[];
  /** Laureates of this edition in the territory. */
  count: number;
}

export interface TestimonialView extends Testimonial {
  organisationNom?: string;
}

export interface Crumb {
  url: string;
  label: string;
}

/**
 * One edition at one address. The latest edition is built twice: at the root (`base` `/`),
 * where its pages are canonical, and at its permanent address `/<year>/` (`mirror`), whose
 * pages are the same and point their canonical link at the root. See `buildViewModel`.
 */
export interface EditionView {
  annee: number;
  source: LoadedEdition;
  textes: Record<string, string>;
  /** Where this edition's pages live: `/` or `/<year>/`. */
  base: string;
  /** Its permanent address, `/<year>/`, the same for every build to come. */
  permalien: string;
  /** This is the latest edition (the one at the root). */
  latest: boolean;
  /** The `/<latest>/` copy of the root pages: canonical to the root, kept out of the sitemap and search. */
  mirror: boolean;
  /** Breadcrumb items before a page of this edition (« Éditions › Recueil 2025 »); none at the root. */
  crumbs: Crumb[];
  /** Territories the edition lists, in order (its sections). */
  territoires: TerritoryView[];
  /** Every territory of the data, in order, with this edition's tiers: one page each. */
  sections: TerritoryView[];
  aLaUne: ProjectView[];
  laureats: ProjectView[];
  temoignages: TestimonialView[];
  partenaires: Partner[];
  pdfs: PdfFile[];
  cover?: CoverImage;
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
  /** For a territory: how a sentence names it (« en Moselle »). */
  dans?: string;
}

export interface Facet {
  kind: FacetKind;
  label: string;
  values: FacetValue[];
}

export interface ViewModel {
  /**
   * Origin of the published site (data/site.yaml « adresse », or --url), without trailing
   * slash; undefined when unknown: then no absolute URL is written anywhere (no address is
   * assumed: a default would claim someone else's site).
   */
  siteUrl?: string;
  /** data/site.yaml's accessibility facts, and the contact they name. */
  accessibilite: AccessibilityView;
  pathPrefix: string;
  /** The latest edition, at the root. */
  edition: EditionView;
  /** Every edition once, at its canonical address (the latest at the root), newest first. */
  editions: EditionView[];
  /** What the edition templates paginate over: the root, then every edition at `/<year>/`. */
  editionPages: EditionView[];
  /** The edition pages of editions that have a call for projects page. */
  appelPages: EditionView[];
  /** Every territory page of every edition page. */
  territoryPages: TerritoryView[];
  /** The territories of the root (latest edition). */
  territoires: TerritoryView[];
  themes: Theme[];
  /** Every project, alphabetical by title (French collation). */
  projets: ProjectView[];
  facets: Facet[];
  facetPages: FacetValue[];
  contacts: Compendium['contacts'];
}

export class ViewModelError extends CompendiumError {
  constructor(message: string) {
    super('VIEW_MODEL', message);
  }
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
/** Code-point order, the same on every machine (ids are ASCII slugs): breaks ties of the collator. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/** How a project page names its place in an edition (after « À la une dans le recueil 2026 ; »). */
const TIER_PHRASES: Record<Tier, string> = {
  a_la_une: 'à la une',
  aussi_laureats: `parmi « ${TIER_TITLES.aussi_laureats} »`,
  autres_laureats: 'parmi les autres lauréats',
};

/** « À la une dans le recueil 2026 » for the newest appearance, « parmi les autres lauréats en 2025 » after. */
export function appearanceLabel(rang: Tier, annee: number, first: boolean): string {
  const text = `${TIER_PHRASES[rang]} ${first ? 'dans le recueil' : 'en'} ${annee}`;
  return first ? text.charAt(0).toLocaleUpperCase('fr') + text.slice(1) : text;
}

const byYear = (a: { annee: number }, b: { annee: number }) => a.annee - b.annee;

/**
 * Builds the view model of every edition and every project.
 *
 * Addresses: the latest edition is served at the root (`/`, `/territoires/x/`…), which is what
 * people link to and what search engines index; every edition also has a permanent address
 * `/<year>/` that stays valid when a newer edition takes the root. For the latest edition that
 * address is a mirror of the root: same pages, canonical link to the root, left out of the
 * sitemap and the search index, so there is never duplicate content. Projects have one page
 * (`/projets/<slug>/`) across editions, which lists the editions they appeared in.
 */
export function buildViewModel(c: Compendium, options: ViewOptions = {}): ViewModel {
  const chronological = [...c.editions].sort(byYear);
  const latest = chronological[chronological.length - 1];
  if (!latest) throw new ViewModelError('aucune édition à publier');

  const organisation = byId(c.organisations, 'organisation');
  const territory = byId(
    c.territoires.map((t): TerritoryRef => ({ ...t, url: `/territoires/${t.id}/` })),
    'territoire',
  );
  const theme = byId(c.themes, 'thème');
  const partner = byId(c.partenaires, 'partenaire');
  const testimonial = byId(c.temoignages, 'témoignage');
  const canonicalBase = (annee: number) => (annee === latest.annee ? '/' : `/${annee}/`);

  // Where each project stands in each edition: its tier and the territory that lists it.
  const placements = new Map<number, Map<string, { rang: Tier; territoire: string }>>();
  for (const e of chronological) {
    const placed = new Map<string, { rang: Tier; territoire: string }>();
    for (const t of e.territoires) for (const rang of TIERS) for (const id of t[rang] ?? []) placed.set(id, { rang, territoire: t.territoire });
    placements.set(e.annee, placed);
  }
  const appearances = (id: string): EditionAppearance[] =>
    [...chronological]
      .reverse()
      .flatMap((e) => {
        const at = placements.get(e.annee)!.get(id);
        return at ? [{ annee: e.annee, rang: at.rang, url: `${canonicalBase(e.annee)}territoires/${at.territoire}/` }] : [];
      })
      .map((a, i) => ({ ...a, libelle: appearanceLabel(a.rang, a.annee, i === 0) }));

  const currentTerritory = (id: string): string | undefined =>
    [...chronological].reverse().map((e) => placements.get(e.annee)!.get(id)?.territoire).find((t) => t !== undefined);

  const projects = new Map<string, ProjectView>();
  for (const p of c.projets) {
    const org = organisation(p.organisation);
    const slug = p.slug ?? p.id;
    // Its territory in the latest edition built that lists it (crosscheck.ts): the file's
    // `territoire` may already be a draft's, which a published build must not show. The file's
    // is still resolved, so that an unknown one is reported as the bug it is.
    const own = territory(p.territoire);
    const listedIn = currentTerritory(p.id);
    projects.set(p.id, {
      id: p.id,
      slug,
      url: `/projets/${slug}/`,
      titre: p.nom ?? printedName(org),
      nom: p.nom,
      organisation: org,
      structure: printedName(org),
      annee: p.annee,
      anneeConnue: p.annee_statut === undefined,
      territoire: listedIn ? territory(listedIn) : own,
      themes: (p.themes ?? []).map(theme),
      territoireCible: p.territoire_cible,
      publicCible: p.public_cible,
      resume: p.resume,
      description: p.description,
      rubriques: rubricsOf(p),
      contact: { email: p.contact?.email, telephone: p.contact?.telephone, siteWeb: p.contact?.site_web, ouvert: openContact(p.contact, projectPeople(c, p)) },
      photo: isAvailable(p.photo) ? p.photo : undefined,
      photoAFournir: Boolean(p.photo && !isAvailable(p.photo)),
      editions: appearances(p.id),
      rang: placements.get(latest.annee)!.get(p.id)?.rang,
    });
  }
  const project = byId([...projects.values()], 'projet');
  const alphabetical = [...projects.values()].sort((a, b) => collator.compare(a.titre, b.titre) || byCode(a.id, b.id));
  const orderedTerritories = [...c.territoires].sort((a, b) => a.ordre - b.ordre || byCode(a.id, b.id));

  const editionView = (e: LoadedEdition, base: string): EditionView => {
    const earlier = new Set(chronological.filter((x) => x.annee < e.annee).flatMap((x) => [...placements.get(x.annee)!.keys()]));
    const sections: TerritoryView[] = orderedTerritories.map((t) => {
      const selection = e.territoires.find((s) => s.territoire === t.id);
      // A project that moved since is shown, in this edition, in the territory that listed it.
      const here = territory(t.id);
      const inHere = (p: ProjectView): ProjectView => (p.territoire.id === t.id ? p : { ...p, territoire: here });
      const rangs = TIERS.map((key) => ({ key, titre: tierHeading(key, (selection?.[key] ?? []).length), projets: (selection?.[key] ?? []).map(project).map(inHere) }));
      const inEdition = new Set(rangs.flatMap((r) => r.projets.map((p) => p.id)));
      const autres = [...projects.values()]
        .filter((p) => p.territoire.id === t.id && !inEdition.has(p.id) && earlier.has(p.id))
        .sort((a, b) => b.annee - a.annee || collator.compare(a.titre, b.titre) || byCode(a.id, b.id));
      return { ...t, url: `${base}territoires/${t.id}/`, annee: e.annee, base, rangs, autres, count: inEdition.size };
    });
    const territoires = sections.filter((t) => e.territoires.some((s) => s.territoire === t.id));
    const permalien = `/${e.annee}/`;
    return {
      annee: e.annee,
      source: e,
      textes: e.textes,
      base,
      permalien,
      latest: e === latest,
      mirror: e === latest && base !== '/',
      crumbs: base === '/' ? [] : [{ url: '/editions/', label: 'Éditions' }, { url: base, label: `Recueil ${e.annee}` }],
      territoires,
      sections,
      aLaUne: territoires.flatMap((t) => t.rangs[0]?.projets ?? []),
      laureats: territoires.flatMap((t) => t.rangs.flatMap((r) => r.projets)),
      temoignages: (e.temoignages?.liste ?? []).map(testimonial).map((t) => ({
        ...t,
        organisationNom: t.organisation ? organisation(t.organisation).nom : undefined,
      })),
      partenaires: (e.partenaires ?? []).map(partner),
      pdfs: options.pdfs?.[e.annee] ?? [],
      ...(options.covers?.[e.annee] ? { cover: options.covers[e.annee] } : {}),
      editoExtrait: firstParagraph(e.textes[e.edito.fichier]),
    };
  };

  const root = editionView(latest, '/');
  const byAddress = [...chronological].reverse().map((e) => editionView(e, `/${e.annee}/`));
  const editionPages = [root, ...byAddress];

  // Previous/next follow the root territory page's reading order: the latest edition's tiers,
  // then the laureates of earlier editions. Every project is in one of the two.
  for (const t of root.sections) {
    const sequence = [...t.rangs.flatMap((r) => r.projets), ...t.autres];
    sequence.forEach((p, i) => {
      const link = (q: ProjectView | undefined): ProjectLink | undefined => (q ? { slug: q.slug, url: q.url, titre: q.titre } : undefined);
      p.precedent = link(sequence[i - 1]);
      p.suivant = link(sequence[i + 1]);
    });
  }

  const facets = buildFacets(alphabetical, root.sections, c.themes);
  return {
    siteUrl: (options.siteUrl ?? c.site?.adresse ?? undefined)?.replace(/\/+$/, ''),
    accessibilite: accessibilityView(c),
    pathPrefix: normalisePrefix(options.pathPrefix),
    edition: root,
    editions: [root, ...byAddress.filter((e) => !e.mirror)],
    editionPages,
    appelPages: editionPages.filter((e) => e.source.appel),
    territoryPages: editionPages.flatMap((e) => e.sections),
    territoires: root.sections,
    themes: c.themes,
    projets: alphabetical,
    facets,
    facetPages: facets.flatMap((f) => f.values),
    contacts: c.contacts,
  };
}

export interface AccessibilityView {
  /** RGAA's three states; « non conforme » until an audit says otherwise. */
  etat: 'non conforme' | 'partiellement conforme' | 'totalement conforme';
  facts?: NonNullable<SiteFacts['accessibilite']>;
  /** The person of contacts.yaml who receives accessibility reports. */
  personne?: Compendium['contacts'][number];
}

/**
 * RGAA 4.1's rule for the statement: a site that has not been audited is « non conforme »;
 * an audit gives « totalement » (100 % of criteria), « partiellement » (at least 50 %) or
 * « non conforme » (under 50 %).
 */
export function conformity(audit: { taux: number } | null | undefined): AccessibilityView['etat'] {
  if (!audit) return 'non conforme';
  if (audit.taux >= 100) return 'totalement conforme';
  return audit.taux >= 50 ? 'partiellement conforme' : 'non conforme';
}

function accessibilityView(c: Compendium): AccessibilityView {
  const facts = c.site?.accessibilite;
  return { etat: conformity(facts?.audit), facts, personne: facts && c.contacts.find((x) => x.id === facts.contact) };
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
    { kind: 'territoire', label: 'Territoire', values: territories.map((t) => ({ ...value('territoire', t.id, t.nom, (p) => p.territoire.id === t.id), dans: t.dans })) },
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

/**
 * Absolute URL of a root-relative page URL, for canonical links, sitemaps and JSON-LD; without
 * a site address, the path under the prefix (a relative reference, never an invented origin).
 */
export function absoluteUrl(vm: Pick<ViewModel, 'siteUrl' | 'pathPrefix'>, url: string): string {
  return `${vm.siteUrl ?? ''}${vm.pathPrefix}${url.replace(/^\//, '')}`;
}
