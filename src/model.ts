/**
 * Types of the data as the editors write it (see schemas/*.schema.json, which are the
 * authoritative, documented form) and of the loaded compendium.
 */

export type Id = string;

export interface Image {
  fichier?: string;
  a_fournir?: boolean;
  alt?: string;
  credit?: string;
}

export interface Quote {
  texte: string;
  personne: string;
  fonction?: string;
}

export interface Link {
  libelle: string;
  url?: string;
  precision?: string;
}

export interface Territory {
  id: Id;
  nom: string;
  intitule: string;
  /** Completes a sentence: « en Moselle », « sur le territoire de Metz – Orne ». */
  dans: string;
  /** The same in printed headings, where the brochure differs (« sur le territoire de la Moselle »). */
  dans_titre?: string;
  ordre: number;
  description?: string;
}

export interface Theme {
  id: Id;
  nom: string;
}

export interface Organisation {
  id: Id;
  nom: string;
  nom_complet?: string;
  /** How the brochure prints a name with its full form: « AMLI – Association… », « Action… – ASBH ». */
  nom_imprime?: 'nom_puis_complet' | 'complet_puis_nom';
  forme?: string;
  site_web?: string;
  logo?: Image;
}

/** The four rubrics of a featured page, in print order. */
export const RUBRICS = ['besoin_social', 'apport_departement', 'partenariats', 'perennisation'] as const;
export type RubricKey = (typeof RUBRICS)[number];

export const RUBRIC_TITLES: Record<RubricKey, string> = {
  besoin_social: 'La réponse à un besoin social du territoire',
  apport_departement: 'L’apport du financement du Département dans le déploiement du dispositif',
  partenariats: 'Les partenariats nés du dispositif',
  perennisation: 'La pérennisation du dispositif',
};

export interface Project {
  id: Id;
  slug?: Id;
  nom?: string;
  organisation: Id;
  annee: number;
  /** The year is a guess (« incertaine ») or not known (« inconnue »): never printed. */
  annee_statut?: 'incertaine' | 'inconnue';
  territoire: Id;
  territoire_cible?: string;
  public_cible?: string;
  resume?: string;
  description?: string;
  /** A rubric set to null was absent from the printed brochure. */
  rubriques?: Partial<Record<RubricKey, string | null>>;
  contact?: { email?: string; telephone?: string; site_web?: string; public?: boolean };
  photo?: Image;
  themes?: Id[];
}

export interface Partner {
  id: Id;
  nom: string;
  titre: string;
  texte: string;
  site_web?: string;
  reseaux?: Link[];
  citation?: Quote;
  logo?: Image;
  photo?: Image;
}

export interface Testimonial {
  id: Id;
  citation: string;
  personne: string;
  fonction: string;
  organisation?: Id;
  photo?: Image;
}

export interface Contact {
  id: Id;
  nom: string;
  fonction: string;
  email?: string;
  telephone?: string;
}

/** The three tiers of an edition's territory section, in print order. */
export const TIERS = ['a_la_une', 'aussi_laureats', 'autres_laureats'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_TITLES: Record<Tier, string> = {
  a_la_une: 'Projets à la une',
  aussi_laureats: 'Ils sont aussi lauréats',
  autres_laureats: 'Les autres lauréats',
};

const TIER_TITLES_ONE: Record<Tier, string> = {
  a_la_une: 'Projet à la une',
  aussi_laureats: 'Il est aussi lauréat',
  autres_laureats: 'Autre lauréat',
};

/**
 * A tier's title as the heading of `count` projects: singular over one (a theme's booklet
 * often has one « aussi lauréat » in a territory, under « Ils sont aussi lauréats »).
 */
export function tierHeading(tier: Tier, count: number): string {
  return count === 1 ? TIER_TITLES_ONE[tier] : TIER_TITLES[tier];
}

export interface EditionTerritory {
  territoire: Id;
  a_la_une?: Id[];
  aussi_laureats?: Id[];
  autres_laureats?: Id[];
}

export interface Edition {
  annee: number;
  /** An edition in preparation: not published, shown by the preview only. */
  brouillon?: boolean;
  titre: string;
  sous_titre?: string;
  editeur: string;
  dates?: { publication?: string; appel_ouverture?: string; appel_cloture?: string };
  format?: { page?: 'A4' | 'A5'; fond_perdu_mm?: number; traits_de_coupe?: boolean; profil_icc?: string };
  couverture?: Image;
  edito: {
    titre: string;
    fichier: string;
    signature: { nom: string; fonction: string; mention?: string; portrait?: Image };
  };
  definitions?: Array<{ id: Id; titre: string; fichier: string; source?: string }>;
  chiffres_cles?: {
    titre: string;
    fichier?: string;
    chiffres: Array<{ valeur: string; libelle: string; echelle: string; source?: string }>;
  };
  temoignages?: { titre: string; liste: Id[] };
  politique?: { titre: string; fichier: string };
  appel?: {
    titre: string;
    fichier: string;
    etapes: Array<{ titre: string; detail?: string; texte: string }>;
    modalites?: string;
    citation?: Quote;
    lien?: Link;
  };
  partenaires?: Id[];
  autres_politiques?: Array<{ titre: string; fichier: string }>;
  credits_photos?: string[];
  territoires: EditionTerritory[];
}

/** An edition with the Markdown files it references, read from its folder. */
export interface LoadedEdition extends Edition {
  /** Markdown source of each referenced file, by file name. */
  textes: Record<string, string>;
}

/** The web site's own facts (data/site.yaml): its public address and accessibility statement. */
export interface SiteFacts {
  /** Where the site is published; null or absent: no absolute URL is written. */
  adresse?: string | null;
  accessibilite?: {
    date_declaration: string;
    /** Id of the person in contacts.yaml who receives accessibility reports. */
    contact: Id;
    audit?: { date: string; realise_par: string; taux: number; non_conformites?: string[]; derogations?: string[] } | null;
    schema_pluriannuel?: string | null;
    plan_action?: string | null;
  };
}

/** Everything under data/, as loaded and validated. */
export interface Compendium {
  territoires: Territory[];
  themes: Theme[];
  organisations: Organisation[];
  projets: Project[];
  partenaires: Partner[];
  temoignages: Testimonial[];
  contacts: Contact[];
  editions: LoadedEdition[];
  /** data/site.yaml, when present. */
  site?: SiteFacts;
}
