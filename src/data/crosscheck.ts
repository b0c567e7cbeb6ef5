/**
 * Checks that span files, which a schema cannot express: references between files,
 * duplicate ids and slugs, each project placed exactly once per edition, what a tier
 * requires of a project, and images that must exist on disk.
 */
import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import { join, basename } from 'node:path';
import type { Compendium, Project, Tier, Image } from '../model.ts';
import { RUBRICS, TIERS, TIER_TITLES } from '../model.ts';
import type { Finding } from './finding.ts';
import { displayPath, type Loaded, type Origin } from './load.ts';
import { findingAt } from './origin.ts';
import { suggest } from './suggest.ts';

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

const origins = (loaded: Loaded, collection: string): Origin[] => loaded.sources.records.get(collection) ?? [];

function duplicates(loaded: Loaded, out: Finding[]): void {
  for (const collection of Object.keys(LABELS) as Collection[]) {
    const items = loaded.compendium[collection] as Array<{ id: string; slug?: string }>;
    const seenId = new Map<string, number>();
    const seenSlug = new Map<string, number>();
    items.forEach((item, i) => {
      const o = origins(loaded, collection)[i]!;
      const first = seenId.get(item.id);
      if (first !== undefined) {
        const other = origins(loaded, collection)[first]!;
        out.push(findingAt('erreur', o, ['id'], { code: 'DUPLICATE_ID', message: `identifiant en double « ${item.id} » : déjà utilisé par un autre ${LABELS[collection]} (${other.doc.file})`, hint: 'Donnez un identifiant différent à l’un des deux.' }));
      } else seenId.set(item.id, i);
      if (collection === 'projets') {
        const slug = item.slug ?? item.id;
        const firstSlug = seenSlug.get(slug);
        if (firstSlug !== undefined && first === undefined) {
          out.push(findingAt('erreur', o, [item.slug ? 'slug' : 'id'], { code: 'DUPLICATE_SLUG', message: `adresse web en double « ${slug} » : un autre projet a déjà cette adresse (${origins(loaded, collection)[firstSlug]!.doc.file})`, hint: 'Changez « slug » pour que chaque projet ait sa propre adresse.' }));
        } else seenSlug.set(slug, i);
      }
      if (o.pointer === '' && basename(o.doc.file, '.yaml') !== item.id) {
        out.push(findingAt('avertissement', o, ['id'], { code: 'ID_FILENAME', message: `l’identifiant « ${item.id} » ne correspond pas au nom du fichier`, hint: `Renommez le fichier en ${item.id}.yaml, pour le retrouver facilement.` }));
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

const UNKNOWN = {
  territoire: 'territoire inconnu',
  organisation: 'organisation inconnue',
  thème: 'thème inconnu',
  projet: 'projet inconnu',
  partenaire: 'partenaire inconnu',
  témoignage: 'témoignage inconnu',
} as const;

/** A reference to an unknown id, with a « vouliez-vous dire » suggestion. */
function unknownRef(o: Origin, path: Array<string | number>, kind: keyof typeof UNKNOWN, id: string, known: string[], folder: string): Finding {
  const guess = suggest(id, known);
  return findingAt('erreur', o, path, {
    code: 'UNKNOWN_REF',
    message: `${UNKNOWN[kind]} « ${id} »${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`,
    hint: guess ? `Corrigez en « ${guess} ».` : `Utilisez l’identifiant d’un fichier de ${folder}, ou créez-le.`,
  });
}

function references(loaded: Loaded, out: Finding[]): void {
  const c = loaded.compendium;
  const ids = (col: Collection): string[] => (c[col] as Array<{ id: string }>).map((x) => x.id);
  const known = { territoires: ids('territoires'), themes: ids('themes'), organisations: ids('organisations'), projets: ids('projets'), partenaires: ids('partenaires'), temoignages: ids('temoignages') };
  // A record whose file failed its schema exists all the same: do not call it unknown.
  const has = (col: keyof typeof known, id: string): boolean => known[col].includes(id) || loaded.invalidIds.has(id);

  c.projets.forEach((p, i) => {
    const o = origins(loaded, 'projets')[i]!;
    if (!has('organisations', p.organisation)) out.push(unknownRef(o, ['organisation'], 'organisation', p.organisation, known.organisations, 'data/organisations/'));
    if (!has('territoires', p.territoire)) out.push(unknownRef(o, ['territoire'], 'territoire', p.territoire, known.territoires, 'data/territoires.yaml'));
    (p.themes ?? []).forEach((t, j) => {
      if (!has('themes', t)) out.push(unknownRef(o, ['themes', j], 'thème', t, known.themes, 'data/themes.yaml'));
    });
  });
  c.temoignages.forEach((t, i) => {
    if (t.organisation && !has('organisations', t.organisation)) out.push(unknownRef(origins(loaded, 'temoignages')[i]!, ['organisation'], 'organisation', t.organisation, known.organisations, 'data/organisations/'));
  });

  const placed = new Set<string>();
  for (const ed of c.editions) {
    const src = loaded.sources.editions.get(ed.annee)!;
    const eo: Origin = { doc: src.doc, pointer: '' };
    if (basename(src.dir) !== String(ed.annee)) {
      out.push(findingAt('erreur', eo, ['annee'], { code: 'EDITION_YEAR', message: `l’année ${ed.annee} ne correspond pas au dossier « ${basename(src.dir)} »`, hint: `Renommez le dossier en ${ed.annee}, ou corrigez l’année.` }));
    }
    (ed.partenaires ?? []).forEach((id, j) => {
      if (!has('partenaires', id)) out.push(unknownRef(eo, ['partenaires', j], 'partenaire', id, known.partenaires, 'data/partenaires/'));
    });
    (ed.temoignages?.liste ?? []).forEach((id, j) => {
      if (!has('temoignages', id)) out.push(unknownRef(eo, ['temoignages', 'liste', j], 'témoignage', id, known.temoignages, 'data/temoignages.yaml'));
    });
    const seenTerritory = new Set<string>();
    const where = new Map<string, string>();
    ed.territoires.forEach((et, i) => {
      if (!has('territoires', et.territoire)) out.push(unknownRef(eo, ['territoires', i, 'territoire'], 'territoire', et.territoire, known.territoires, 'data/territoires.yaml'));
      else if (seenTerritory.has(et.territoire)) out.push(findingAt('erreur', eo, ['territoires', i, 'territoire'], { code: 'DUPLICATE_TERRITORY', message: `le territoire « ${et.territoire} » est listé deux fois dans l’édition`, hint: 'Regroupez ses projets sous une seule entrée.' }));
      seenTerritory.add(et.territoire);
      for (const tier of TIERS) {
        (et[tier] ?? []).forEach((pid, j) => {
          const path = ['territoires', i, tier, j];
          const index = known.projets.indexOf(pid);
          if (index < 0) {
            if (!loaded.invalidIds.has(pid)) out.push(unknownRef(eo, path, 'projet', pid, known.projets, 'data/projets/'));
            return;
          }
          const label = `${TIER_TITLES[tier]} (${et.territoire})`;
          const prior = where.get(pid);
          if (prior) {
            out.push(findingAt('erreur', eo, path, { code: 'PROJECT_TWICE', message: `le projet « ${pid} » est listé deux fois dans l’édition ${ed.annee} : dans « ${prior} » et dans « ${label} »`, hint: 'Un projet n’a qu’une place par édition : supprimez l’une des deux lignes.' }));
            return;
          }
          where.set(pid, label);
          placed.add(pid);
          const p = c.projets[index]!;
          if (p.territoire !== et.territoire && has('territoires', et.territoire) && has('territoires', p.territoire)) {
            out.push(findingAt('erreur', eo, path, { code: 'WRONG_TERRITORY', message: `le projet « ${pid} » est rattaché au territoire « ${p.territoire} » mais listé sous « ${et.territoire} »`, hint: `Déplacez la ligne sous le territoire « ${p.territoire} », ou changez « territoire » dans data/projets/${pid}.yaml.` }));
          }
          if (p.annee > ed.annee) {
            out.push(findingAt('erreur', eo, path, { code: 'FUTURE_PROJECT', message: `le projet « ${pid} » est lauréat ${p.annee}, après l’édition ${ed.annee}`, hint: 'Vérifiez l’année du projet.' }));
          }
          tierRequirements(p, tier, origins(loaded, 'projets')[index]!, out);
        });
      }
    });
  }
  c.projets.forEach((p, i) => {
    if (!placed.has(p.id) && c.editions.length > 0) {
      out.push(findingAt('erreur', origins(loaded, 'projets')[i]!, ['id'], { code: 'PROJECT_UNPLACED', message: `le projet « ${p.id} » ne figure dans aucune édition`, hint: `Ajoutez « ${p.id} » à l’une des listes a_la_une, aussi_laureats ou autres_laureats de son territoire dans data/editions/<année>/edition.yaml.` }));
    }
  });
}

/** What each tier needs of a project to be laid out. */
function tierRequirements(p: Project, tier: Tier, o: Origin, out: Finding[]): void {
  const missing = (field: string, why: string): void => {
    out.push(findingAt('erreur', o, [], { code: 'TIER_FIELD_MISSING', message: `la clé « ${field} » manque : elle est obligatoire pour un projet placé dans « ${TIER_TITLES[tier]} »`, hint: why }, true));
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
      out.push(findingAt('erreur', o, p.rubriques ? ['rubriques'] : [], { code: 'RUBRIC_MISSING', message: `la rubrique « ${r} » manque : elle est obligatoire pour un projet à la une`, hint: `Ajoutez « ${r}: … » sous « rubriques: » (ou « ${r}: ~ » si la rubrique n’existe pas, ce qui sera signalé).` }, true));
    }
  }
  if (!p.photo) out.push(findingAt('erreur', o, [], { code: 'PHOTO_MISSING', message: 'la photo manque : elle est obligatoire pour un projet à la une', hint: 'Ajoutez « photo: » avec « fichier: » et « alt: », ou « a_fournir: true » en attendant la photo.' }, true));
}

/** Photos are printed and resized: above this, a file is a mistake (a raw scan, a poster). */
const MAX_PIXELS = 100_000_000;

/** Reads an image's header: a file that is not a decodable image stops the build here. */
async function imageIssue(file: string): Promise<{ code: string; message: string; hint: string } | undefined> {
  try {
    // limitInputPixels: false so that a huge image gets our message rather than sharp's.
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height || !['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif'].includes(meta.format ?? '')) {
      return { code: 'IMAGE_FORMAT', message: `format d’image non pris en charge (${meta.format ?? 'inconnu'})`, hint: 'Enregistrez l’image en JPEG, PNG ou WebP.' };
    }
    if (meta.width * meta.height > MAX_PIXELS) {
      const mp = Math.round((meta.width * meta.height) / 1e6);
      return { code: 'IMAGE_TOO_LARGE', message: `image trop grande (${meta.width} × ${meta.height} pixels, ${mp} mégapixels ; 100 au plus)`, hint: 'Réduisez-la à 4 000 pixels de large au plus : c’est bien assez pour une pleine page imprimée.' };
    }
    // The header can be fine and the data truncated: decode it fully, cheaply (tiny output).
    await sharp(file, { limitInputPixels: false, failOn: 'error' }).resize(8, 8).toBuffer();
    return undefined;
  } catch {
    return { code: 'IMAGE_UNREADABLE', message: 'image illisible (fichier corrompu ou pas une image)', hint: 'Ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en JPEG ou PNG.' };
  }
}

/** Every `fichier:` of an image must exist under data/images and be a readable image. */
async function images(loaded: Loaded, out: Finding[]): Promise<void> {
  const checks: Array<Promise<void>> = [];
  const visit = (img: Image | undefined, o: Origin, path: string[]): void => {
    if (!img) return;
    if (!img.fichier && !img.a_fournir) {
      out.push(findingAt('erreur', o, path, { code: 'IMAGE_EMPTY', message: 'image sans fichier', hint: 'Indiquez « fichier: » ou « a_fournir: true ».' }, true));
      return;
    }
    if (!img.fichier) return;
    const file = join(loaded.dataDir, 'images', img.fichier);
    checks.push(
      (async () => {
        const found = await stat(file).then((s) => s.isFile(), () => false);
        if (!found) {
          out.push(findingAt('erreur', o, [...path, 'fichier'], { code: 'IMAGE_NOT_FOUND', message: `image introuvable : ${displayPath(file)}`, hint: 'Vérifiez le nom du fichier (majuscules, extension) et qu’il est bien dans data/images/.' }));
          return;
        }
        const issue = await imageIssue(file);
        if (issue) out.push(findingAt('erreur', o, [...path, 'fichier'], { ...issue, message: `${displayPath(file)} : ${issue.message}` }));
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
  }
  await Promise.all(checks);
}

/** Runs every cross-file check. */
export async function crossCheck(loaded: Loaded): Promise<Finding[]> {
  const out: Finding[] = [];
  duplicates(loaded, out);
  references(loaded, out);
  await images(loaded, out);
  return out;
}
