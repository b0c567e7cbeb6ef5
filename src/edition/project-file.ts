/**
 * The text of a new project file: the keys the editor gave, and every other key present
 * as a commented line with its meaning, so an editor never starts from a blank page and
 * nothing unfinished can be published by accident (a commented key is simply absent).
 */
import type { Project } from '../model.ts';

export interface NewProject {
  id: string;
  nom: string;
  organisation: string;
  annee: number;
  territoire: string;
  territoire_cible?: string;
  public_cible?: string;
}

const q = (s: string): string => (/^[\w\sÀ-ÿ’'.,()–-]+$/u.test(s) && !/^[-\s]/.test(s) && !/: /.test(s) ? s : JSON.stringify(s));

export function projectFile(p: NewProject, featured = false): string {
  const opt = (key: keyof Project, value: string | undefined, help: string): string => (value ? `${key}: ${q(value)}  # ${help}` : `# ${key}: …  # ${help}`);
  return `# Projet lauréat « ${p.nom} » — créé par « compendium add-project ».
# Les lignes qui commencent par « # » sont des commentaires : pour remplir une clé, enlevez
# le « # » et l’espace qui le suit au début de ses lignes, puis remplacez « … ». Chaque clé
# est décrite dans schemas/projet.schema.json et dans docs/guide-editeur.md.
id: ${p.id}
nom: ${q(p.nom)}
organisation: ${p.organisation}
annee: ${p.annee}
territoire: ${p.territoire}
${opt('territoire_cible', p.territoire_cible, 'Territoire ciblé, tel qu’imprimé (ex. : Metz et alentours)')}
${opt('public_cible', p.public_cible, 'Public ciblé (ex. : tout public)')}

# Description du projet (obligatoire pour « à la une » et « ils sont aussi lauréats »).
# description: |
#   …

# Une phrase pour la liste « Les autres lauréats ».
# resume: …

# Les quatre rubriques, obligatoires pour un projet « à la une ».
# rubriques:
#   besoin_social: |
#     …
#   apport_departement: |
#     …
#   partenariats: |
#     …
#   perennisation: |
#     …

# Coordonnées, telles qu’elles seront imprimées.
# contact:
#   email: …
#   telephone: …
#   site_web: https://…

# Photo (obligatoire pour « à la une ») : déposez-la dans data/images/projets/,
# au moins 2\u00A0010 pixels de large (17 cm de texte à 300 pixels par pouce ; validate le vérifie).
${featured ? 'photo:\n  a_fournir: true' : '# photo:'}
#   fichier: projets/${p.id}.jpg
#   alt: …  # ce que montre la photo, en une phrase
#   credit: …

# Thèmes (identifiants de data/themes.yaml), pour les filtres du site.
# themes:
#   - …
`;
}

export function organisationFile(id: string, nom: string): string {
  return `# Structure porteuse — créée par « compendium add-project ».
# Clés décrites dans schemas/organisation.schema.json.
id: ${id}
nom: ${q(nom)}
# nom_complet: …  # nom développé quand « nom » est un sigle
# site_web: https://…
`;
}
