/**
 * An edition's laureates as open data (each edition's own files at /<year>/donnees/, the
 * latest's at /donnees/): one record per project, in the brochure's order
 * (territory, then tier, then position), with the same fields in JSON and CSV. The fields
 * are documented on the « Données ouvertes » page from OPEN_DATA_FIELDS.
 *
 * CSV: UTF-8 with a byte-order mark (so Excel detects UTF-8 and shows accents), « ; » as
 * separator (French spreadsheets use the comma as decimal mark and expect « ; »; LibreOffice
 * and csv libraries read either), CRLF line ends and RFC 4180 quoting; text that a spreadsheet
 * would run as a formula is defused (see csvField).
 *
 * Each file says its own licence, producer and date (a file copied away from its page keeps
 * them): top-level keys in JSON, three columns in CSV; a DCAT-AP description of the data set
 * (catalogue.jsonld) sits beside them for data.gouv.fr's harvester.
 */
import { TIER_TITLES } from '../model.ts';
import publication from '../../templates/_data/publication.js';
import { mailHref, webHref } from './urls.ts';
import { absoluteUrl, type EditionView, type ProjectView, type ViewModel } from './view-model.ts';

export interface OpenDataField {
  name: string;
  description: string;
  example: string;
  value: (p: ProjectView, vm: ViewModel, edition: EditionView) => string | number | string[] | null;
}

const orNull = (s: string | undefined) => s ?? null;

export const OPEN_DATA_FIELDS: readonly OpenDataField[] = [
  { name: 'id', description: 'Identifiant stable du projet.', example: 'la-cravate-solidaire-metz', value: (p) => p.id },
  { name: 'edition', description: 'Année de l’édition du recueil.', example: '2025', value: (_p, _vm, edition) => edition.annee },
  { name: 'annee_laureat', description: 'Année où le projet a été lauréat de l’appel à projets.', example: '2023', value: (p) => p.annee },
  { name: 'nom', description: 'Nom du projet (vide quand le recueil ne cite que la structure).', example: 'une recyclerie solidaire', value: (p) => orNull(p.nom) },
  { name: 'structure', description: 'Nom de la structure porteuse.', example: 'Association Exemple', value: (p) => p.organisation.nom },
  { name: 'structure_nom_complet', description: 'Nom développé de la structure, quand son nom usuel est un sigle.', example: 'Carrefour des Organisations de Jeunesse', value: (p) => orNull(p.organisation.nom_complet) },
  { name: 'territoire', description: 'Identifiant du territoire (section du recueil).', example: 'metz-orne', value: (p) => p.territoire.id },
  { name: 'territoire_nom', description: 'Nom du territoire.', example: 'Metz – Orne', value: (p) => p.territoire.nom },
  { name: 'rang', description: `Place dans l’édition : « a_la_une » (${TIER_TITLES.a_la_une}), « aussi_laureats » (${TIER_TITLES.aussi_laureats}) ou « autres_laureats » (${TIER_TITLES.autres_laureats}).`, example: 'a_la_une', value: (p, _vm, edition) => p.editions.find((e) => e.annee === edition.annee)?.rang ?? null },
  { name: 'territoire_cible', description: 'Territoire ciblé par le projet, tel qu’imprimé.', example: 'Metz et alentours', value: (p) => orNull(p.territoireCible) },
  { name: 'public_cible', description: 'Public ciblé, tel qu’imprimé.', example: 'tout public', value: (p) => orNull(p.publicCible) },
  { name: 'themes', description: 'Identifiants des thèmes (en CSV : séparés par « | »).', example: 'insertion|mobilite-solidaire', value: (p) => p.themes.map((t) => t.id) },
  { name: 'resume', description: 'Résumé en une phrase.', example: 'Des vélos réparés par des personnes en insertion.', value: (p) => orNull(p.resume) },
  { name: 'email', description: 'Adresse e-mail de la structure publiée dans le recueil (vide quand c’est celle d’une personne : prénom.nom, messagerie personnelle).', example: 'contact@exemple.fr', value: (p) => (mailHref(p.contact.ouvert.email) ? (p.contact.ouvert.email ?? null) : null) },
  { name: 'telephone', description: 'Téléphone de la structure publié dans le recueil (vide quand c’est un portable, sauf contact déclaré public).', example: '03 87 00 00 00', value: (p) => orNull(p.contact.ouvert.telephone) },
  { name: 'site_web', description: 'Site web du projet ou de la structure.', example: 'https://exemple.fr', value: (p) => webHref(p.contact.siteWeb) ?? webHref(p.organisation.site_web) ?? null },
  { name: 'url', description: 'Adresse de la page du projet sur ce site (sans le nom du site tant que son adresse publique n’est pas fixée).', example: 'https://innovation-sociale.exemple.fr/projets/exemple/', value: (p, vm) => absoluteUrl(vm, p.url) },
  { name: 'licence', description: 'Licence des données.', example: 'Licence Ouverte 2.0', value: () => LICENCE.nom },
  { name: 'producteur', description: 'Producteur des données.', example: 'Département de la Moselle', value: (_p, _vm, edition) => edition.source.editeur },
  { name: 'date', description: 'Date de publication des données (celle du recueil, ou son année).', example: '2025-06-30', value: (_p, _vm, edition) => publicationDate(edition) },
];

/** The open data licence, as short name and address (publication.js has its long name). */
export const LICENCE = { nom: 'Licence Ouverte 2.0', url: publication.licenceDonnees.url };

/** The edition's publication date (AAAA-MM-JJ) if the data gives it, else its year. */
export function publicationDate(edition: EditionView): string {
  return edition.source.dates?.publication ?? String(edition.annee);
}

export type OpenDataRecord = Record<string, string | number | string[] | null>;

/** The records of an edition (default: the latest). */
export function openDataRecords(vm: ViewModel, edition: EditionView = vm.edition): OpenDataRecord[] {
  return edition.laureats.map((p) => Object.fromEntries(OPEN_DATA_FIELDS.map((f) => [f.name, f.value(p, vm, edition)])));
}

export function openDataJson(vm: ViewModel, edition: EditionView = vm.edition): string {
  const doc = {
    titre: `${edition.source.titre} ${edition.annee} : lauréats`,
    producteur: edition.source.editeur,
    licence: LICENCE,
    date: publicationDate(edition),
    edition: edition.annee,
    documentation: absoluteUrl(vm, '/donnees-ouvertes/'),
    champs: OPEN_DATA_FIELDS.map((f) => f.name),
    laureats: openDataRecords(vm, edition),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Spreadsheets read a cell that starts with = + - @ (or a tab or carriage return) as a formula:
 * a project name like `=HYPERLINK("http://…")` would become a live link, or worse a command
 * (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection). Such a text cell is
 * written with a leading apostrophe, which spreadsheets take as « this is text » and hide.
 * Numbers are written as numbers. The JSON file is left as the data says.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-like text defused, quoted when RFC 4180 requires it (separator, quote, line break). */
export function csvField(value: string | number | string[] | null): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join('|') : String(value);
  const s = typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[";\r\n,]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The data set in DCAT-AP (JSON-LD), the vocabulary of data.gouv.fr's harvester and of the
 * European portals: title, description, publisher, licence, dates, and the two files.
 */
export function openDataCatalog(vm: ViewModel, edition: EditionView = vm.edition): string {
  const file = (name: string, mediaType: string, format: string): Record<string, unknown> => ({
    '@type': 'dcat:Distribution',
    'dct:title': name,
    'dcat:downloadURL': { '@id': absoluteUrl(vm, `${edition.base}donnees/${name}`) },
    'dcat:mediaType': mediaType,
    'dct:format': format,
    'dct:license': { '@id': LICENCE.url },
  });
  const doc = {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
    '@type': 'dcat:Dataset',
    'dct:identifier': `innovation-sociale-moselle-${edition.annee}-laureats`,
    'dct:title': `${edition.source.titre} ${edition.annee} : lauréats`,
    'dct:description': `Les ${edition.laureats.length} projets lauréats de l’appel à projets Innovation sociale présentés dans le recueil ${edition.annee} : structure porteuse, territoire, rang dans le recueil, public et territoire ciblés, thèmes, contact de la structure.`,
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': edition.source.editeur },
    'dct:license': { '@id': LICENCE.url },
    'dct:issued': { '@value': publicationDate(edition), '@type': /^\d{4}-\d{2}-\d{2}$/.test(publicationDate(edition)) ? 'xsd:date' : 'xsd:gYear' },
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/FRA' },
    'dct:spatial': 'Moselle (57), France',
    'dcat:keyword': ['innovation sociale', 'économie sociale et solidaire', 'appel à projets', 'Moselle'],
    'dcat:landingPage': { '@id': absoluteUrl(vm, '/donnees-ouvertes/') },
    'dcat:distribution': [file('laureats.csv', 'text/csv', 'CSV'), file('laureats.json', 'application/json', 'JSON')],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function openDataCsv(vm: ViewModel, edition: EditionView = vm.edition): string {
  const rows = [OPEN_DATA_FIELDS.map((f) => f.name), ...openDataRecords(vm, edition).map((r) => OPEN_DATA_FIELDS.map((f) => r[f.name] ?? null))];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(';')).join('\r\n')}\r\n`;
}
