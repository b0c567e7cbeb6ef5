/**
 * Checks that span files, which a schema cannot express: references between files,
 * duplicate ids and slugs, each project placed exactly once per edition, what a tier
 * requires of a project, and images that must exist on disk.
 */
import sharp from 'sharp';
import { join, basename, dirname } from 'node:path';
import type { Compendium, Project, Tier, Image } from '../model.ts';
import { RUBRICS, TIERS, TIER_TITLES } from '../model.ts';
import { location, type Finding } from './finding.ts';
import { rememberIds } from './known-ids.ts';
import { displayPath, type Loaded, type Origin } from './load.ts';
import { findingAt, type Issue } from './origin.ts';
import { checkDataFile, pathSyntaxIssue, readDataFile } from './files.ts';
import { iccIssue, MAX_ICC_BYTES } from './icc-check.ts';
import { nearest, suggest } from './suggest.ts';

type Collection = Exclude<keyof Compendium, 'editions' | 'site'>;

const LABELS: Record<Collection, string> = {
  territoires: 'territoire',
  themes: 'thème',
  organisations: 'organisation',
  projets: 'projet',
  partenaires: 'partenaire',
  temoignages: 'témoignage',
  contacts: 'contact',
};

/** « un autre projet », « une autre organisation »; « un nouveau … », « une nouvelle … ». */
const another = (c: Collection): string => (c === 'organisations' ? 'une autre organisation' : `un autre ${LABELS[c]}`);
const aNew = (c: Collection): string => (c === 'organisations' ? 'une nouvelle organisation' : `un nouveau ${LABELS[c]}`);

const origins = (loaded: Loaded, collection: string): Origin[] => loaded.sources.records.get(collection) ?? [];

/**
 * Of records sharing an id, the one that keeps it: the record whose file is named after the
 * id (the original; the other is a copy being made into a new record), else the first read.
 */
function keeperOf(group: number[], os: Origin[], id: string): number {
  return group.find((i) => os[i]!.pointer === '' && basename(os[i]!.doc.file, '.yaml') === id) ?? group[0]!;
}

function duplicates(loaded: Loaded, out: Finding[]): void {
  for (const collection of Object.keys(LABELS) as Collection[]) {
    const items = loaded.compendium[collection] as Array<{ id: string; slug?: string }>;
    const os = origins(loaded, collection);
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => groups.set(item.id, [...(groups.get(item.id) ?? []), i]));
    const copies = new Set<number>();
    for (const [id, group] of groups) {
      if (group.length < 2) continue;
      const keeper = keeperOf(group, os, id);
      for (const i of group.filter((g) => g !== keeper)) {
        copies.add(i);
        const o = os[i]!;
        const own = o.pointer === '' ? basename(o.doc.file, '.yaml') : undefined;
        out.push(findingAt('erreur', o, ['id'], {
          code: 'DUPLICATE_ID',
          message: `identifiant en double « ${id} » : déjà utilisé par ${another(collection)} (${os[keeper]!.doc.file})`,
          hint: own && own !== id ? `Si ce fichier est une copie pour ${aNew(collection)}, donnez-lui son propre identifiant (« id: ${own} », le nom du fichier).` : 'Donnez un identifiant différent à l’un des deux.',
        }));
      }
    }
    const seenSlug = new Map<string, number>();
    items.forEach((item, i) => {
      const o = os[i]!;
      if (collection === 'projets' && !copies.has(i)) {
        const slug = item.slug ?? item.id;
        const firstSlug = seenSlug.get(slug);
        if (firstSlug !== undefined) {
          out.push(findingAt('erreur', o, [item.slug ? 'slug' : 'id'], { code: 'DUPLICATE_SLUG', message: `adresse web en double « ${slug} » : un autre projet a déjà cette adresse (${os[firstSlug]!.doc.file})`, hint: 'Changez « slug » pour que chaque projet ait sa propre adresse.' }));
        } else seenSlug.set(slug, i);
      }
      if (o.pointer === '' && !copies.has(i) && basename(o.doc.file, '.yaml') !== item.id) {
        out.push(findingAt('avertissement', o, ['id'], { code: 'ID_FILENAME', message: `l’identifiant « ${item.id} » ne correspond pas au nom du fichier (${basename(o.doc.file)})`, hint: `Les autres fichiers le citent par son identifiant : renommez le fichier en ${item.id}.yaml, ou changez « id » (et ses mentions) pour « ${basename(o.doc.file, '.yaml')} ».` }));
      }
    });
  }
  const orders = new Map<number, string>();
  loaded.compendium.territoires.forEach((t, i) => {
    const prior = orders.get(t.ordre);
    if (prior) out.push(findingAt('erreur', origins(loaded, 'territoires')[i]!, ['ordre'], { code: 'DUPLICATE_ORDER', message: `ordre ${t.ordre} déjà pris par le territoire « ${prior} »`, hint: 'Donnez à chaque territoire une position différente.' }));
    else orders.set(t.ordre, t.id);
  });
}

/** How an unknown id is named, and the agreement of « supprimé(e) ». */
const UNKNOWN = {
  territoire: ['territoire inconnu', 'supprimé'],
  organisation: ['organisation inconnue', 'supprimée'],
  thème: ['thème inconnu', 'supprimé'],
  projet: ['projet inconnu', 'supprimé'],
  partenaire: ['partenaire inconnu', 'supprimé'],
  témoignage: ['témoignage inconnu', 'supprimé'],
  contact: ['contact inconnu', 'supprimé'],
} as const;

/** One reference to an id that no record has. */
interface UnknownRef {
  o: Origin;
  path: Array<string | number>;
  kind: keyof typeof UNKNOWN;
  id: string;
  /** Ids of the same kind, for a typo suggestion. */
  known: string[];
  /** Where records of this kind are written (« data/temoignages.yaml »). */
  folder: string;
  /** Ids of this kind that existed in earlier runs (see known-ids.ts). */
  before: Set<string> | undefined;
  /** The edition whose edition.yaml holds the reference, if any, and whether it is a draft. */
  edition?: { annee: number; draft: boolean };
}

/** How to take a reference out: a list item's line goes; a required field is replaced. */
function removal(r: UnknownRef): string {
  const last = r.path[r.path.length - 1];
  if (typeof last === 'number') {
    const list = r.path.slice(0, -1).filter((x) => typeof x === 'string').join(' > ');
    return `supprimez la ligne « - ${r.id} » de la liste « ${list} »`;
  }
  // A testimonial's organisation is optional (and written in a list file): its line can go.
  if (r.path[0] === 'organisation' && r.o.pointer !== '') return `supprimez la ligne « organisation: ${r.id} »`;
  const existing = r.kind === 'organisation' ? 'une organisation existante' : `un ${r.kind} existant`;
  return `remplacez « ${r.id} » par l’identifiant d’${existing}`;
}

/**
 * The findings of unknown references, each placed where it is written. A near-identical
 * spelling of an existing id is suggested; an id that existed before is said to be removed,
 * with every place that still cites it; never another record's id for a removed one.
 */
function unknownFindings(refs: UnknownRef[]): Finding[] {
  return refs.map((r) => {
    const [unknown, removed] = UNKNOWN[r.kind];
    const at = (x: UnknownRef): string => location(findingAt('erreur', x.o, x.path, { code: '', message: '' }));
    const same = refs.filter((x) => x !== r && x.id === r.id && x.kind === r.kind);
    // A published edition that cites it is named apart: its line is not one to delete.
    const published = same.filter((x) => x.edition && !x.edition.draft);
    const elsewhere = same.filter((x) => !published.includes(x)).map(at);
    const also = (elsewhere.length ? ` Il est aussi cité dans ${elsewhere.join(', ')}.` : '') + (published.length ? ` L’édition publiée ${published[0]!.edition!.annee} le cite aussi (${published.map(at).join(', ')}) : ne la modifiez pas, remettez ${restoreTarget(r)}.` : '');
    const fix = removal(r);
    // The territories are a closed list: a wrong one can only mean one of them.
    const guess = suggest(r.id, r.known) ?? (r.kind === 'territoire' ? nearest(r.id, r.known) : undefined);
    // A published edition is not to be rewritten: the record goes back, and only the drafts
    // that cite it lose their line. « Supprimez la ligne » here would change what was printed.
    if (r.edition && !r.edition.draft && (r.before?.has(r.id) || !guess)) {
      const drafts = refs.filter((x) => x.id === r.id && x.kind === r.kind && x.edition?.draft).map(at);
      const draftFix = drafts.length ? ` ; pour le retirer de l’édition en préparation, supprimez seulement sa ligne « - ${r.id} » dans ${drafts.join(', ')}` : '';
      const restore = `${restoreTarget(r)} (depuis votre dernière sauvegarde du dossier data/)`;
      if (r.before?.has(r.id)) {
        return findingAt('erreur', r.o, r.path, {
          code: 'REMOVED_REF',
          message: `${r.kind} « ${r.id} » ${removed} de ${r.folder}, mais l’édition publiée ${r.edition.annee} l’utilise encore`,
          hint: `Ne modifiez pas l’édition ${r.edition.annee} : elle est publiée. Remettez ${restore} : cette édition le cite toujours${draftFix}.`,
        });
      }
      return findingAt('erreur', r.o, r.path, {
        code: 'UNKNOWN_REF',
        message: `${unknown} « ${r.id} », cité par l’édition publiée ${r.edition.annee}`,
        hint: `Cet identifiant n’existe pas dans ${r.folder}, et l’édition ${r.edition.annee} est publiée : ne la modifiez pas. S’il a été supprimé, remettez ${restore}${draftFix}.`,
      });
    }
    if (r.before?.has(r.id)) {
      return findingAt('erreur', r.o, r.path, { code: 'REMOVED_REF', message: `${r.kind} « ${r.id} » ${removed} de ${r.folder}, mais encore cité ici`, hint: `${fix.charAt(0).toUpperCase()}${fix.slice(1)}.${also}` });
    }
    if (guess) return findingAt('erreur', r.o, r.path, { code: 'UNKNOWN_REF', message: `${unknown} « ${r.id} » : vouliez-vous dire « ${guess} » ?`, hint: `Corrigez en « ${guess} ».` });
    if (r.kind === 'territoire') {
      return findingAt('erreur', r.o, r.path, { code: 'UNKNOWN_REF', message: `${unknown} « ${r.id} »`, hint: `Les territoires sont ceux de ${r.folder} : écrivez l’un de ${r.known.map((k) => `« ${k} »`).join(', ')}.` });
    }
    return findingAt('erreur', r.o, r.path, { code: 'UNKNOWN_REF', message: `${unknown} « ${r.id} »`, hint: `Cet identifiant n’existe pas dans ${r.folder}. S’il a été supprimé, ${fix} ; sinon, corrigez l’identifiant ou créez-le dans ${r.folder}.${also}` });
  });
}

/** How to put back a record a published edition cites: its own file, or its block in a list file. */
const restoreTarget = (r: UnknownRef): string => (r.folder.endsWith('/') ? `le fichier ${r.folder}${r.id}.yaml` : `le ${r.kind} « ${r.id} » dans ${r.folder}`);

function references(loaded: Loaded, before: Map<string, Set<string>>, out: Finding[]): void {
  const c = loaded.compendium;
  const ids = (col: Collection): string[] => (c[col] as Array<{ id: string }>).map((x) => x.id);
  const known = { territoires: ids('territoires'), themes: ids('themes'), organisations: ids('organisations'), projets: ids('projets'), partenaires: ids('partenaires'), temoignages: ids('temoignages'), contacts: ids('contacts') };
  // A record whose file failed its schema exists all the same: do not call it unknown.
  const has = (col: keyof typeof known, id: string): boolean => known[col].includes(id) || loaded.invalidIds.has(id);
  const refs: UnknownRef[] = [];
  const ignored = ignoredFiles(loaded);
  const misnamed = new Map<string, { kind: string; id: string; refs: UnknownRef[] }>();
  const unknown = (o: Origin, path: Array<string | number>, kind: keyof typeof UNKNOWN, id: string, col: keyof typeof known, folder: string, edition?: UnknownRef['edition']): void => {
    const ref = { o, path, kind, id, known: known[col], folder, before: before.get(col), edition };
    // Its file is there, under a name that is not read (`.yml`): that is the one thing to fix.
    const file = ignored.get(`${col}/${id}`);
    if (file) misnamed.set(file, { kind, id, refs: [...(misnamed.get(file)?.refs ?? []), ref] });
    else refs.push(ref);
  };

  c.projets.forEach((p, i) => {
    const o = origins(loaded, 'projets')[i]!;
    if (!has('organisations', p.organisation)) unknown(o, ['organisation'], 'organisation', p.organisation, 'organisations', 'data/organisations/');
    if (!has('territoires', p.territoire)) unknown(o, ['territoire'], 'territoire', p.territoire, 'territoires', 'data/territoires.yaml');
    (p.themes ?? []).forEach((t, j) => {
      if (!has('themes', t)) unknown(o, ['themes', j], 'thème', t, 'themes', 'data/themes.yaml');
    });
  });
  c.temoignages.forEach((t, i) => {
    if (t.organisation && !has('organisations', t.organisation)) unknown(origins(loaded, 'temoignages')[i]!, ['organisation'], 'organisation', t.organisation, 'organisations', 'data/organisations/');
  });
  // data/site.yaml names the person who receives accessibility reports.
  const siteOrigin = origins(loaded, 'site')[0];
  const contact = c.site?.accessibilite?.contact;
  if (siteOrigin && contact && !has('contacts', contact)) unknown(siteOrigin, ['accessibilite', 'contact'], 'contact', contact, 'contacts', 'data/contacts.yaml');

  const placed = new Set<string>();
  // A project's territory in an edition is the one that edition lists it under; its file's
  // `territoire` is the current one, which only its latest edition must agree with. A project
  // can so move for 2026 without rewriting 2025, which stays as published.
  const latestListing = new Map<string, number>();
  for (const ed of c.editions) for (const et of ed.territoires) for (const tier of TIERS) for (const pid of et[tier] ?? []) latestListing.set(pid, Math.max(latestListing.get(pid) ?? ed.annee, ed.annee));
  for (const ed of c.editions) {
    const src = loaded.sources.editions.get(ed.annee)!;
    const eo: Origin = { doc: src.doc, pointer: '' };
    const edition = { annee: ed.annee, draft: ed.brouillon === true };
    if (basename(src.dir) !== String(ed.annee)) {
      out.push(findingAt('erreur', eo, ['annee'], { code: 'EDITION_YEAR', message: `l’année ${ed.annee} ne correspond pas au dossier « ${basename(src.dir)} »`, hint: `Renommez le dossier en ${ed.annee}, ou corrigez l’année.` }));
    }
    (ed.partenaires ?? []).forEach((id, j) => {
      if (!has('partenaires', id)) unknown(eo, ['partenaires', j], 'partenaire', id, 'partenaires', 'data/partenaires/', edition);
    });
    (ed.temoignages?.liste ?? []).forEach((id, j) => {
      if (!has('temoignages', id)) unknown(eo, ['temoignages', 'liste', j], 'témoignage', id, 'temoignages', 'data/temoignages.yaml', edition);
    });
    const seenTerritory = new Set<string>();
    const where = new Map<string, string>();
    ed.territoires.forEach((et, i) => {
      if (!has('territoires', et.territoire)) unknown(eo, ['territoires', i, 'territoire'], 'territoire', et.territoire, 'territoires', 'data/territoires.yaml', edition);
      else if (seenTerritory.has(et.territoire)) out.push(findingAt('erreur', eo, ['territoires', i, 'territoire'], { code: 'DUPLICATE_TERRITORY', message: `le territoire « ${et.territoire} » est listé deux fois dans l’édition`, hint: 'Regroupez ses projets sous une seule entrée.' }));
      seenTerritory.add(et.territoire);
      for (const tier of TIERS) {
        (et[tier] ?? []).forEach((pid, j) => {
          const path = ['territoires', i, tier, j];
          const index = known.projets.indexOf(pid);
          if (index < 0) {
            if (!loaded.invalidIds.has(pid)) unknown(eo, path, 'projet', pid, 'projets', 'data/projets/', edition);
            return;
          }
          // Named as the brochure prints it (« Forbach – Saint-Avold »), not by its id.
          const label = `${TIER_TITLES[tier]} (${c.territoires.find((t) => t.id === et.territoire)?.nom ?? et.territoire})`;
          const prior = where.get(pid);
          if (prior) {
            out.push(findingAt('erreur', eo, path, { code: 'PROJECT_TWICE', message: `le projet « ${pid} » est listé deux fois dans l’édition ${ed.annee} : dans « ${prior} » et dans « ${label} »`, hint: 'Un projet n’a qu’une place par édition : supprimez l’une des deux lignes.' }));
            return;
          }
          where.set(pid, label);
          placed.add(pid);
          const p = c.projets[index]!;
          if (p.territoire !== et.territoire && latestListing.get(pid) === ed.annee && has('territoires', et.territoire) && has('territoires', p.territoire)) {
            out.push(wrongTerritory(pid, p.territoire, et.territoire, ed, eo, path, origins(loaded, 'projets')[index]!));
          }
          if (p.annee > ed.annee) {
            out.push(findingAt('erreur', eo, path, { code: 'FUTURE_PROJECT', message: `le projet « ${pid} » est lauréat ${p.annee}, après l’édition ${ed.annee}`, hint: 'Vérifiez l’année du projet.' }));
          }
          tierRequirements(p, tier, origins(loaded, 'projets')[index]!, ed.annee, out);
        });
      }
    });
  }
  c.projets.forEach((p, i) => {
    // An edition.yaml that could not be read places nothing: every project would seem unplaced.
    if (!placed.has(p.id) && c.editions.length > 0 && loaded.unreadEditions.length === 0) {
      out.push(findingAt('erreur', origins(loaded, 'projets')[i]!, ['id'], { code: 'PROJECT_UNPLACED', message: `le projet « ${p.id} » ne figure dans aucune édition`, hint: `Ajoutez « ${p.id} » à l’une des listes a_la_une, aussi_laureats ou autres_laureats de son territoire dans data/editions/<année>/edition.yaml.` }));
    }
  });
  out.push(...unknownFindings(refs));
  for (const [file, { kind, id, refs: cited }] of misnamed) {
    const at = cited.map((x) => location(findingAt('erreur', x.o, x.path, { code: '', message: '' })));
    const years = new Set(cited.map((x) => (x.edition?.draft ? x.edition.annee : undefined)));
    out.push({
      severity: 'erreur',
      code: 'MISNAMED_FILE',
      file,
      message: `fichier ignoré à cause de son extension, alors que le ${kind} « ${id} » est cité par ${at.join(', ')}`,
      hint: `Renommez le fichier en ${id}.yaml (extension « .yaml », en minuscules) : seuls ces fichiers sont lus. Ne supprimez pas les lignes qui le citent.`,
      // Cited by one draft only: set aside with that draft, like its other errors.
      ...(years.size === 1 && [...years][0] !== undefined ? { edition: [...years][0] } : {}),
    });
  }
}

/**
 * Files of data/projets/, partenaires/ and organisations/ that are not read for their name
 * (`cafe-des-aidants.yml`, `Cafe.yaml`), by « collection/id »: load.ts warns of each.
 */
function ignoredFiles(loaded: Loaded): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of loaded.findings) {
    if (f.code !== 'IGNORED_FILE') continue;
    const col = basename(dirname(f.file));
    map.set(`${col}/${basename(f.file).replace(/\.ya?ml$/i, '').toLowerCase()}`, f.file);
  }
  return map;
}

/**
 * A project's file and its latest edition disagree on its territory. In a draft, either may be
 * the slip: move the line, or the project moves from this edition on. A published edition
 * never changes, so the file is the one to put back (found in the project file, not the edition).
 */
export function wrongTerritory(pid: string, current: string, listed: string, ed: { annee: number; brouillon?: boolean | undefined }, eo: Origin, path: Array<string | number>, po: Origin): Finding {
  const message = `le projet « ${pid} » est rattaché au territoire « ${current} » mais sa dernière édition, ${ed.annee}, le liste sous « ${listed} »`;
  if (ed.brouillon === true) {
    return findingAt('erreur', eo, path, {
      code: 'WRONG_TERRITORY',
      message,
      hint: `S’il change de territoire à partir de ${ed.annee}, mettez « territoire: ${listed} » dans data/projets/${pid}.yaml (les éditions précédentes le gardent sous leur territoire)\u00A0; sinon déplacez la ligne sous le territoire « ${current} ».`,
    });
  }
  return findingAt('erreur', po, ['territoire'], {
    code: 'WRONG_TERRITORY',
    message,
    hint: `L’édition ${ed.annee} est publiée et ne change pas\u00A0: remettez « territoire: ${listed} » ici. Pour changer le projet de territoire, listez-le sous « ${current} » dans l’édition en préparation (guide, «\u00A0Changer un projet de territoire\u00A0»).`,
  });
}

/** What each tier needs of a project to be laid out. */
function tierRequirements(p: Project, tier: Tier, o: Origin, edition: number, out: Finding[]): void {
  const missing = (field: string, why: string): void => {
    out.push({ ...findingAt('erreur', o, [], { code: 'TIER_FIELD_MISSING', message: `la clé « ${field} » manque : elle est obligatoire pour un projet placé dans « ${TIER_TITLES[tier]} »`, hint: why }, true), edition });
  };
  if (tier === 'autres_laureats') {
    if (!p.resume && !p.description) missing('resume', 'Écrivez en une phrase ce que fait le projet (« resume: … »).');
    return;
  }
  if (!p.nom) missing('nom', 'Donnez le nom du projet (« nom: … »).');
  if (!p.description) missing('description', 'Décrivez le projet (« description: … »).');
  if (tier !== 'a_la_une') return;
  if (!p.territoire_cible) missing('territoire_cible', 'Indiquez le territoire ciblé (« territoire_cible: … »).');
  if (!p.public_cible) missing('public_cible', 'Indiquez le public ciblé (« public_cible: … »).');
  for (const r of RUBRICS) {
    if (!p.rubriques || !(r in p.rubriques)) {
      out.push({ ...findingAt('erreur', o, p.rubriques ? ['rubriques'] : [], { code: 'RUBRIC_MISSING', message: `la rubrique « ${r} » manque : elle est obligatoire pour un projet à la une`, hint: `Ajoutez « ${r}: … » sous « rubriques: » (ou « ${r}: ~ » si la rubrique n’existe pas, ce qui sera signalé).` }, true), edition });
    }
  }
  if (!p.photo) out.push({ ...findingAt('erreur', o, [], { code: 'PHOTO_MISSING', message: 'la photo manque : elle est obligatoire pour un projet à la une', hint: 'Ajoutez « photo: » avec « fichier: » et « alt: », ou « a_fournir: true » en attendant la photo.' }, true), edition });
}

/** Photos are printed and resized: above this, a file is a mistake (a raw scan, a poster). */
export const MAX_PIXELS = 100_000_000;

/** Largest image file read: a 100-megapixel JPEG weighs about 30 MB. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * Formats the editions can show. The site converts every one with sharp; the print folder
 * converts those Chromium cannot draw (TIFF, GIF, AVIF) to PNG or JPEG (src/print/html.ts).
 */
const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif'];

/**
 * Reads an image's header (sharp's metadata does not decode the pixels): a file that is not
 * an image, or has too many pixels, stops the build here; only then is it decoded, cheaply.
 */
async function imageIssue(file: string): Promise<{ code: string; message: string; hint: string } | undefined> {
  try {
    // limitInputPixels: false so that a huge image gets our message rather than sharp's.
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height || !IMAGE_FORMATS.includes(meta.format ?? '')) {
      return { code: 'IMAGE_FORMAT', message: `format d’image non pris en charge (${meta.format ?? 'inconnu'})`, hint: 'Enregistrez l’image en JPEG, PNG ou WebP.' };
    }
    if (meta.width * meta.height > MAX_PIXELS) {
      const mp = Math.round((meta.width * meta.height) / 1e6);
      return { code: 'IMAGE_TOO_LARGE', message: `image trop grande (${meta.width} × ${meta.height} pixels, ${mp} mégapixels ; 100 au plus)`, hint: 'Réduisez-la à 4 000 pixels de large au plus : c’est bien assez pour une pleine page imprimée.' };
    }
    // The header can be fine and the data truncated: decode it fully, cheaply (tiny output).
    await sharp(file, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).resize(8, 8).toBuffer();
    return undefined;
  } catch {
    return { code: 'IMAGE_UNREADABLE', message: 'image illisible (fichier corrompu ou pas une image)', hint: 'Ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en JPEG ou PNG.' };
  }
}

/**
 * The widest an image is printed (print/base.css): a cover over the whole page with its bleed,
 * anything else across the text area. The fit check of the PDF build knows the exact size;
 * this is the editor's warning before any PDF, from the header alone (§9 of the guide).
 */
const COVER_WIDTH_MM = 216;
const TEXT_WIDTH_MM = 170;
const PRINT_PPI = 300;

async function lowResolution(file: string, widthMm: number): Promise<{ code: string; message: string; hint: string } | undefined> {
  const meta = await sharp(file, { limitInputPixels: false }).metadata().catch(() => undefined);
  // Sideways photos (EXIF orientation 5–8) are printed turned: their width is the height.
  const width = meta && (meta.orientation ?? 1) >= 5 ? meta.height : meta?.width;
  // Rounded up to ten pixels: the figure the guide gives.
  const needed = Math.ceil((widthMm / 25.4) * PRINT_PPI / 10) * 10;
  if (!width || width >= needed) return undefined;
  const ppi = Math.floor(width / (widthMm / 25.4));
  const where = widthMm === COVER_WIDTH_MM ? 'sur toute la page' : `sur la largeur du texte (${widthMm / 10} cm)`;
  const n = (x: number) => x.toLocaleString('fr-FR');
  return {
    code: 'IMAGE_LOW_RESOLUTION',
    message: `image de ${n(width)} pixels de large : imprimée ${where}, elle n’aurait que ${ppi} ppi ; l’imprimeur en demande ${PRINT_PPI}`,
    hint: `Fournissez l’original en au moins ${n(needed)} pixels de large (le site l’affiche déjà telle quelle ; la construction du PDF donne la taille exacte à laquelle elle est imprimée).`,
  };
}

/**
 * A file the data names, relative to `base` (data/images for images, data/ for the ICC
 * profile): checked by files.ts (inside the data folder, a regular file, `maxBytes` at most).
 * Returns its real path, or pushes the finding at the `fichier:` line and returns undefined.
 */
async function namedFile(loaded: Loaded, base: string, name: string, maxBytes: number, o: Origin, path: string[], out: Finding[], notFound: Issue): Promise<string | undefined> {
  const file = join(base, name);
  const syntax = pathSyntaxIssue(name, displayPath(base));
  const checked = syntax ? { ok: false as const, issue: syntax } : await checkDataFile(file, { root: loaded.dataDir, maxBytes });
  if (checked.ok) return checked.path;
  const { code, message, hint } = checked.issue;
  if (code === 'FILE_NOT_FOUND') out.push(findingAt('erreur', o, path, { ...notFound, message: `${notFound.message} : ${displayPath(file)}` }));
  else if (syntax) out.push(findingAt('erreur', o, path, { code, message, hint }));
  else out.push(findingAt('erreur', o, path, { code, message: `${displayPath(file)} : ${message}`, hint }));
  return undefined;
}

/** Every `fichier:` of an image must be a readable image under data/ (by default data/images). */
async function images(loaded: Loaded, out: Finding[]): Promise<void> {
  const checks: Array<Promise<void>> = [];
  const imagesDir = join(loaded.dataDir, 'images');
  const visit = (img: Image | undefined, o: Origin, path: string[]): void => {
    if (!img) return;
    if (!img.fichier && !img.a_fournir) {
      out.push(findingAt('erreur', o, path, { code: 'IMAGE_EMPTY', message: 'image sans fichier', hint: 'Indiquez « fichier: » ou « a_fournir: true ».' }, true));
      return;
    }
    if (!img.fichier) return;
    const name = img.fichier;
    checks.push(
      (async () => {
        const notFound = { code: 'IMAGE_NOT_FOUND', message: 'image introuvable', hint: 'Vérifiez le nom du fichier (majuscules, extension) et qu’il est bien dans data/images/.' };
        const real = await namedFile(loaded, imagesDir, name, MAX_IMAGE_BYTES, o, [...path, 'fichier'], out, notFound);
        if (!real) return;
        const issue = await imageIssue(real);
        if (issue) out.push(findingAt('erreur', o, [...path, 'fichier'], { ...issue, message: `${displayPath(join(imagesDir, name))} : ${issue.message}` }));
        else {
          const low = await lowResolution(real, path.at(-1) === 'couverture' ? COVER_WIDTH_MM : TEXT_WIDTH_MM);
          if (low) out.push(findingAt('avertissement', o, [...path, 'fichier'], { ...low, message: `${displayPath(join(imagesDir, name))} : ${low.message}` }));
        }
      })(),
    );
  };
  const c = loaded.compendium;
  c.projets.forEach((p, i) => visit(p.photo, origins(loaded, 'projets')[i]!, ['photo']));
  c.organisations.forEach((p, i) => visit(p.logo, origins(loaded, 'organisations')[i]!, ['logo']));
  c.partenaires.forEach((p, i) => {
    visit(p.logo, origins(loaded, 'partenaires')[i]!, ['logo']);
    visit(p.photo, origins(loaded, 'partenaires')[i]!, ['photo']);
  });
  c.temoignages.forEach((t, i) => visit(t.photo, origins(loaded, 'temoignages')[i]!, ['photo']));
  for (const ed of c.editions) {
    const o: Origin = { doc: loaded.sources.editions.get(ed.annee)!.doc, pointer: '' };
    visit(ed.couverture, o, ['couverture']);
    visit(ed.edito.signature.portrait, o, ['edito', 'signature', 'portrait']);
    const icc = ed.format?.profil_icc;
    if (icc) {
      checks.push(
        (async () => {
          const notFound = { code: 'ICC_NOT_FOUND', message: 'profil ICC introuvable', hint: 'Indiquez le chemin du profil depuis le dossier data/ (par exemple : impression/imprimeur.icc).' };
          const real = await namedFile(loaded, loaded.dataDir, icc, MAX_ICC_BYTES, o, ['format', 'profil_icc'], out, notFound);
          if (!real) return;
          const read = await readDataFile(real, { root: loaded.dataDir, maxBytes: MAX_ICC_BYTES });
          const issue = read.ok ? iccIssue(read.bytes) : read.issue;
          if (issue) out.push(findingAt('erreur', o, ['format', 'profil_icc'], { ...issue, message: `${displayPath(join(loaded.dataDir, icc))} : ${issue.message}` }));
        })(),
      );
    }
  }
  await Promise.all(checks);
}

/** Runs every cross-file check. */
export async function crossCheck(loaded: Loaded): Promise<Finding[]> {
  const out: Finding[] = [];
  duplicates(loaded, out);
  const ids = Object.fromEntries((Object.keys(LABELS) as Collection[]).map((col) => [col, (loaded.compendium[col] as Array<{ id: string }>).map((x) => x.id)]));
  references(loaded, await rememberIds(loaded.dataDir, ids), out);
  await images(loaded, out);
  return out;
}
