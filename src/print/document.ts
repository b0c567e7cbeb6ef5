/**
 * What the print templates (templates/print/) read: the web edition's view model of one
 * edition, narrowed to the whole brochure or to a booklet (one territory, one theme), with
 * what only print needs — anchors for the table of contents, page format, image paths in the
 * print folder, the page budget of a featured project. Pure: no I/O.
 */
import { BUDGETS } from '../budgets.ts';
import { bigNumbers } from '../data/figure-checks.ts';
import { textLength } from '../data/warnings.ts';
import { tierHeading, type Compendium, type Image, type LoadedEdition, type Tier } from '../model.ts';
import { buildViewModel, isAvailable, type EditionView, type ProjectView, type TestimonialView, type TierView, type TerritoryView } from '../site/view-model.ts';
import { BookletConflictError, EditionNotFoundError, EmptyBookletError, UnknownBookletError } from './errors.ts';
import { PAGE_FORMATS, type PageFormat } from './format.ts';
import { NBSP } from './french.ts';

/** What is being printed: the whole brochure, or a booklet of one territory or one theme. */
export type PrintKind = 'edition' | 'territoire' | 'theme';

export interface PrintImage {
  /** Path inside the print folder, e.g. `images/projets/graoucoop.jpg`. */
  src: string;
  /** Path of the original file (copied as is: the print PDF keeps its full resolution). */
  source: string;
  alt: string;
  credit?: string;
}

export interface PrintProject extends ProjectView {
  /** Fragment id of its entry (table of contents, territory summary). */
  anchor: string;
  image?: PrintImage;
  /** Pages a featured project may take (`data-fit-max-pages`). */
  maxPages: number;
  /**
   * Description and rubrics exceed BUDGETS.a_la_une.total: the text is set in one column, so
   * the page it overflows onto (which the fit check reports) still reads in order.
   */
  overBudget: boolean;
}

export interface PrintTier extends Omit<TierView, 'projets'> {
  anchor: string;
  projets: PrintProject[];
}

export interface PrintTerritory extends Omit<TerritoryView, 'rangs' | 'autres'> {
  anchor: string;
  /** Territory tint, 0–5 (the web edition's `--t<n>` colours). */
  tint: number;
  /** Non-empty tiers only, in print order. */
  rangs: PrintTier[];
  /** Laureates printed in this section. */
  laureats: number;
  /**
   * The section ends with a short list only (no « aussi », at most two « autres »): it shares
   * the last featured project's page instead of being left alone on a nearly empty one.
   */
  tailShared: boolean;
  /**
   * A tinted heading instead of a full-page opener, the entries on the same page: every section
   * of a theme's booklet (short sections, one style for the whole booklet), none elsewhere.
   */
  compact: boolean;
  /** What the opener says under the name: « 15 lauréats en 2025 », « 1 lauréat de ce thème ». */
  countLabel: string;
  /**
   * The edition's testimonials by this section's laureates, in the edition's order: the first
   * that fits and is not printed yet closes the section's last page when that page would be
   * left short (print/handlers/closing-quote.js); never elsewhere, never twice in a document.
   */
  temoignages: TestimonialView[];
}

export interface TocEntry {
  /** Fragment id of the section; a group label (« Les partenaires ») has none and no page number. */
  anchor?: string;
  titre: string;
  /** Nested entries (partners, territories). */
  entries?: TocEntry[];
}

export interface FigureGroup {
  echelle: string;
  chiffres: Array<{ valeur: string; libelle: string }>;
  /** The distinct sources of the group's figures, printed once under it. */
  sources: string[];
}

export interface PrintDocument {
  kind: PrintKind;
  annee: number;
  titre: string;
  editeur: string;
  /** The booklet's subject (« Territoire de Thionville », « Mobilité solidaire »), absent for the brochure. */
  sujet?: { id: string; nom: string };
  /** Base of the PDF file names: `innovation-sociale-moselle-2025[-thionville]`. */
  fileBase: string;
  format: PageFormat & { bleedMm: number; cropMarks: boolean; iccProfile?: string };
  metadata: { title: string; author: string; subject: string; keywords: string[]; lang: 'fr' };
  edition: EditionView;
  source: LoadedEdition;
  cover?: PrintImage;
  signaturePortrait?: PrintImage;
  figures: FigureGroup[];
  partnerLogos: Record<string, PrintImage>;
  testimonialPhotos: Record<string, PrintImage>;
  territoires: PrintTerritory[];
  /** Every project printed, in print order. */
  projets: PrintProject[];
  toc: TocEntry[];
  contacts: Compendium['contacts'];
}

export interface PrintDocumentOptions {
  /** Year of the edition (default: the latest). */
  edition?: number;
  territory?: string;
  theme?: string;
}

const FILE_PREFIX = 'innovation-sociale-moselle';

/**
 * Most « autres lauréats » a territory's last featured page can take below the project (each
 * is a few lines). Beyond, the list opens a page of its own, which it then fills enough.
 */
const SHARED_TAIL_MAX = 2;

/**
 * The printed title of a tier: the brochure names the territory under « Les autres lauréats »
 * (« Les autres lauréats sur le territoire de Thionville », « Autre lauréat sur le territoire
 * de Sarreguemines – Bitche » when there is one), with the territory's own words for a title;
 * « Projet à la une », « Il est aussi lauréat » over one entry.
 */
export function tierTitle(key: Tier, count: number, territory: { dans: string; dans_titre?: string }): string {
  // Counted on what is printed: the web's title counts the whole edition's section, and a
  // booklet may print fewer of it.
  const title = tierHeading(key, count);
  return key === 'autres_laureats' ? `${title} ${territory.dans_titre ?? territory.dans}` : title;
}

/** « 15 lauréats en 2025 » in the brochure, « 1 lauréat de ce thème » in a theme's booklet. */
export function countLabel(count: number, kind: PrintKind, year: number): string {
  const laureates = `${count}${NBSP}lauréat${count > 1 ? 's' : ''}`;
  return kind === 'theme' ? `${laureates} de ce thème` : `${laureates} en ${year}`;
}

/**
 * The edition's testimonials (in the edition's order) given by the organisation of one of the
 * projects printed in a section: the laureates' own words that a short last page of their
 * section may print beside their projects. An organisation with laureates in two sections
 * gives both the same candidate: the layout prints it once, where it is needed first.
 */
export function sectionTestimonials<T extends { organisation?: string }>(testimonials: readonly T[], tiers: readonly { projets: readonly { organisation: { id: string } }[] }[]): T[] {
  const organisations = new Set(tiers.flatMap((r) => r.projets.map((p) => p.organisation.id)));
  return testimonials.filter((t) => t.organisation !== undefined && organisations.has(t.organisation));
}

/** `{ key: value }` when value is defined, else `{}` (exactOptionalPropertyTypes-friendly spreads). */
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** An image of the data as the print folder holds it (under images/, same relative path). */
function printImage(image: Image | undefined, fallbackAlt: string): PrintImage | undefined {
  if (!isAvailable(image)) return undefined;
  return {
    src: `images/${image.fichier.split(/[\\/]/).map(encodeURIComponent).join('/')}`,
    source: image.fichier,
    alt: image.alt?.trim() || fallbackAlt,
    ...(image.credit ? { credit: image.credit } : {}),
  };
}

function selectEdition(c: Compendium, year: number | undefined): LoadedEdition {
  const years = c.editions.map((e) => e.annee).sort((a, b) => a - b);
  const wanted = year ?? years[years.length - 1];
  const found = c.editions.find((e) => e.annee === wanted);
  if (!found) throw new EditionNotFoundError(wanted ?? 0, years);
  return found;
}

/**
 * Groups the key figures printed as big numbers by scale (France, Grand Est, Moselle…), in the
 * order they are written: those the page's text does not state (src/data/figure-checks.ts).
 */
export function groupFigures(edition: LoadedEdition): FigureGroup[] {
  const groups: FigureGroup[] = [];
  const k = edition.chiffres_cles;
  for (const { echelle, valeur, libelle, source } of bigNumbers(k?.chiffres, k?.fichier ? edition.textes[k.fichier] : undefined)) {
    let group = groups.find((g) => g.echelle === echelle);
    if (!group) groups.push((group = { echelle, chiffres: [], sources: [] }));
    group.chiffres.push({ valeur, libelle });
    if (source && !group.sources.includes(source)) group.sources.push(source);
  }
  return groups;
}

/** Builds the print document of one edition, or of one of its booklets. */
export function buildPrintDocument(c: Compendium, options: PrintDocumentOptions = {}): PrintDocument {
  if (options.territory && options.theme) throw new BookletConflictError(options.territory, options.theme);
  const source = selectEdition(c, options.edition);
  // The view model describes the latest edition it is given: hide later ones, keep earlier
  // ones (a project's list of editions stays right for the year printed).
  const vm = buildViewModel({ ...c, editions: c.editions.filter((e) => e.annee <= source.annee) });
  const edition = vm.edition;
  const format = PAGE_FORMATS[source.format?.page ?? 'A4'];
  const maxPages = (BUDGETS.a_la_une.pages ?? 1) * format.featuredPagesFactor;

  let sujet: PrintDocument['sujet'];
  let keep: (p: ProjectView) => boolean = () => true;
  if (options.territory) {
    const t = edition.territoires.find((x) => x.id === options.territory);
    if (!t) throw new UnknownBookletError('territoire', options.territory, edition.territoires.map((x) => x.id), source.annee);
    sujet = { id: t.id, nom: t.intitule };
    keep = (p) => p.territoire.id === t.id;
  } else if (options.theme) {
    const theme = vm.themes.find((x) => x.id === options.theme);
    if (!theme) throw new UnknownBookletError('thème', options.theme, vm.themes.map((x) => x.id), source.annee);
    sujet = { id: theme.id, nom: theme.nom };
    keep = (p) => p.themes.some((x) => x.id === theme.id);
  }

  const kind: PrintKind = options.territory ? 'territoire' : options.theme ? 'theme' : 'edition';
  const total = BUDGETS.a_la_une.total ?? Infinity;
  const toPrint = (p: ProjectView): PrintProject => ({
    ...p,
    anchor: `projet-${p.slug}`,
    maxPages,
    overBudget: [p.description, ...p.rubriques.map((r) => r.texte)].reduce((n, text) => n + (text ? textLength(text) : 0), 0) > total,
    ...optional('image', printImage(p.photo, p.titre)),
  });
  const territoires: PrintTerritory[] = edition.territoires.flatMap((t) => {
    const rangs = t.rangs
      .map((r) => ({ key: r.key, titre: r.titre, anchor: `${t.id}-${r.key.replaceAll('_', '-')}`, projets: r.projets.filter(keep).map(toPrint) }))
      .filter((r) => r.projets.length > 0)
      .map((r) => ({ ...r, titre: tierTitle(r.key, r.projets.length, t) }));
    if (rangs.length === 0) return [];
    const { rangs: _rangs, autres: _autres, ...rest } = t; // eslint-disable-line @typescript-eslint/no-unused-vars
    const count = (key: string) => rangs.find((r) => r.key === key)?.projets.length ?? 0;
    const tailShared = count('a_la_une') > 0 && count('aussi_laureats') === 0 && count('autres_laureats') > 0 && count('autres_laureats') <= SHARED_TAIL_MAX;
    const laureats = rangs.reduce((n, r) => n + r.projets.length, 0);
    const temoignages = sectionTestimonials(edition.temoignages, rangs);
    return [{ ...rest, anchor: `territoire-${t.id}`, tint: t.ordre % 6, rangs, laureats, tailShared, compact: kind === 'theme', countLabel: countLabel(laureats, kind, source.annee), temoignages }];
  });
  if (sujet && territoires.length === 0) throw new EmptyBookletError(sujet.nom, source.annee);
  const projets = territoires.flatMap((t) => t.rangs.flatMap((r) => r.projets));

  const titleYear = `${source.titre} ${source.annee}`;
  const title = sujet ? `${titleYear} — ${sujet.nom}` : titleYear;
  const partnerLogos: Record<string, PrintImage> = {};
  for (const p of edition.partenaires) {
    const logo = printImage(p.logo, `Logo ${p.nom}`);
    if (logo) partnerLogos[p.id] = logo;
  }
  const testimonialPhotos: Record<string, PrintImage> = {};
  for (const t of edition.temoignages) {
    const photo = printImage(t.photo, t.personne);
    if (photo) testimonialPhotos[t.id] = photo;
  }

  return {
    kind,
    annee: source.annee,
    titre: source.titre,
    editeur: source.editeur,
    ...(sujet ? { sujet } : {}),
    fileBase: [FILE_PREFIX, source.annee, ...(sujet ? [sujet.id] : [])].join('-'),
    format: {
      ...format,
      bleedMm: source.format?.fond_perdu_mm ?? 3,
      cropMarks: source.format?.traits_de_coupe ?? false,
      ...(source.format?.profil_icc ? { iccProfile: source.format.profil_icc } : {}),
    },
    metadata: {
      title,
      author: source.editeur,
      subject: sujet
        ? `Les lauréats de l’appel à projets « Innovation Sociale en Moselle » : ${sujet.nom}`
        : `Les lauréats de l’appel à projets « Innovation Sociale en Moselle », édition ${source.annee}`,
      keywords: ['innovation sociale', 'économie sociale et solidaire', 'Moselle', String(source.annee)],
      lang: 'fr',
    },
    edition,
    source,
    ...optional('cover', printImage(source.couverture, title)),
    ...optional('signaturePortrait', printImage(source.edito.signature.portrait, source.edito.signature.nom)),
    figures: groupFigures(source),
    partnerLogos,
    testimonialPhotos,
    territoires,
    projets,
    toc: tableOfContents(kind, source, edition, territoires),
    contacts: vm.contacts,
  };
}

/** The entries of the table of contents, as the sections are laid out (see templates/print/). */
function tableOfContents(kind: PrintKind, source: LoadedEdition, edition: EditionView, territoires: PrintTerritory[]): TocEntry[] {
  const entries: TocEntry[] = [];
  if (kind === 'edition') {
    entries.push({ anchor: 'edito', titre: source.edito.titre });
    for (const d of source.definitions ?? []) entries.push({ anchor: `definition-${d.id}`, titre: d.titre });
    if (source.chiffres_cles) entries.push({ anchor: 'chiffres-cles', titre: source.chiffres_cles.titre });
    if (source.temoignages && edition.temoignages.length) entries.push({ anchor: 'temoignages', titre: source.temoignages.titre });
    if (source.politique) entries.push({ anchor: 'politique', titre: source.politique.titre });
    if (source.appel) entries.push({ anchor: 'appel', titre: source.appel.titre });
    if (edition.partenaires.length) {
      entries.push({
        titre: 'Les partenaires',
        entries: edition.partenaires.map((p) => ({ anchor: `partenaire-${p.id}`, titre: p.nom })),
      });
    }
    (source.autres_politiques ?? []).forEach((p, i) => entries.push({ anchor: `politique-${i + 1}`, titre: p.titre }));
  } else {
    entries.push({ anchor: 'introduction', titre: 'Introduction' });
  }
  entries.push({
    titre: 'Les lauréats par territoire',
    entries: territoires.map((t) => ({ anchor: t.anchor, titre: t.intitule })),
  });
  entries.push({ anchor: 'contacts', titre: 'Vos contacts au Département' });
  return entries;
}
