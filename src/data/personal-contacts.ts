/**
 * Personal data in contacts (RGPD). The brochure prints each laureate's contact as the
 * laureate gave it, and the web pages show the same; but the open data files and the pages'
 * machine-readable metadata (JSON-LD) are published under a licence that allows any reuse,
 * so they carry only contacts that belong to a structure, not to a person.
 *
 * Whether a contact is a person's cannot be known for sure, so the rule is explicit and
 * editable: an editor says `public: true` (the structure's own address or number) or
 * `public: false`; without either, a contact that *looks* personal — firstname.lastname,
 * a consumer mail domain, a mobile number — is kept out, and `validate` says so.
 */
import type { Compendium, Project } from '../model.ts';

/** Mail services of individuals: an address there is a person's unless told otherwise. */
const CONSUMER_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.fr', 'yahoo.com', 'ymail.com', 'hotmail.fr', 'hotmail.com', 'outlook.fr', 'outlook.com', 'live.fr', 'live.com',
  'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aol.fr', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'club-internet.fr',
  'laposte.net', 'bbox.fr', 'numericable.fr', 'gmx.fr', 'gmx.com', 'gmx.de', 'web.de', 'protonmail.com', 'proton.me', 'tutanota.com', 'yandex.com', 'mailo.com', 'netcourrier.com',
]);

/** Words that make a local part generic (contact.metz, accueil-asso), not a person's name. */
const GENERIC = /^(contact|contacts|info|infos|accueil|secretariat|direction|admin|administration|asso|association|bonjour|hello|communication|coordination|projet|projets|service|bureau|equipe|team|benevoles|rh|compta|presidence|president|siege|adherents|inscription|inscriptions|reservation|boutique|atelier|ateliers|epicerie|magasin|recrutement|partenariats)$/;

export type ContactReason = 'prénom.nom' | 'initiale et nom' | 'messagerie personnelle' | 'téléphone portable';

/**
 * What is known of the people around an address: the names of people in the data
 * (testimonials, quotes, contacts, signatures), the text of the entry the address is in, and
 * the names of its structure and project (an address made from those is the structure's).
 */
export interface PeopleContext {
  people?: readonly string[];
  entry?: string;
  structure?: readonly string[];
  /** Place names of the data (territories, communes targeted): never a surname. */
  places?: readonly string[];
}

/**
 * Common French given names, to recognise « gaelle@… » or « fredericleroy@… ». Not a census:
 * a name it misses falls back on the other rules, and an editor's `public:` always wins.
 */
const GIVEN_NAMES = new Set(
  ('adeline agnes alain alexandre alexandra alice alphonse amandine amelie anais andre anne antoine arnaud aurelie bernard bertrand brigitte bruno camille carole caroline catherine cecile celine chantal charles christian christine christophe claire claude clement corinne damien daniel david delphine denis didier dominique edith elisabeth elodie emilie emmanuel eric estelle fabien fabienne fabrice florence francis francois francoise frederic gabrielle gaelle gerard gilles guillaume helene herve hugo isabelle jacques jean jeanne jerome joel julie julien karine laetitia laura laure laurence laurent lea louis lucie ludovic marc marie marine martine mathieu matthieu maxime michel michele mohamed monique muriel myriam nadia nathalie nicolas olivier pascal pascale patrice patricia patrick paul philippe pierre raphael regis remi robert romain sabine sandrine sebastien serge sophie stephane stephanie sybille sylvie thierry thomas valerie vanessa veronique victor victoria vincent virginie xavier yann yves').split(' '),
);

const startsWithGivenName = (s: string): boolean => [...GIVEN_NAMES].some((n) => s.startsWith(n) && (s.length === n.length || s.length - n.length >= 3));

const plain = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Words of a text, lowercased and without accents or hyphens (« Anne-Claire » → « anneclaire »). */
const words = (s: string): string[] => plain(s).replace(/[-’']/g, '').split(/[^a-z]+/).filter(Boolean);

/**
 * Whether the local part is a person's initial glued to a surname (vsaccucci, saccucciv) or a
 * given name glued to it, the surname being one that the context names: a person of the data,
 * or a word of the entry itself. A word of the structure's or project's name never counts
 * (lfilon@ is Le Filon's address), nor a short one.
 */
function initialAndSurname(local: string, context: PeopleContext): boolean {
  const own = new Set((context.structure ?? []).flatMap(words));
  const named = (context.people ?? []).map(words).filter((w) => w.length >= 2);
  for (const name of named) {
    const surnames = name.slice(1).filter((s) => s.length >= 3 && !own.has(s));
    const given = name[0]!;
    for (const s of surnames) if ([`${given[0]}${s}`, `${s}${given[0]}`, `${given}${s}`, `${s}${given}`, s].includes(local)) return true;
  }
  const inEntry = new Set(words(context.entry ?? '').filter((w) => w.length >= 4 && !own.has(w)));
  return local.length >= 5 && (inEntry.has(local.slice(1)) || inEntry.has(local.slice(0, -1)));
}

/** Two consonants French words may begin with; any other pair opening an address is an initial. */
const ONSETS = new Set('bl br ch cl cr dr fl fr gl gn gr kl kr ph pl pr ps rh sc sh sk sl sm sn sp st sv th tr vr wh'.split(' '));

/**
 * An initial glued to a name no one in the data bears (vsaccucci@rqbi.fr): the address opens
 * on two consonants no French word opens on, and is not made from the structure's name or the
 * domain (mdesignmetz@ is Fablab MDesign's, mjcborny@mjc-borny.fr the MJC's).
 */
function bareInitial(local: string, domain: string, context: PeopleContext): boolean {
  if (!/^[b-df-hj-np-tv-xz]{2}[a-z]{4,}$/.test(local) || ONSETS.has(local.slice(0, 2))) return false;
  const label = plain(domain.split('.')[0] ?? '').replace(/[^a-z]/g, '');
  if (label.includes(local.slice(0, 3)) || local.includes(label.slice(0, 4))) return false;
  const own = (context.structure ?? []).flatMap((s) => [...words(s), ...plain(s).split(/[^a-z]+/)]).filter((w) => w.length >= 3);
  return !own.some((w) => local.includes(w) || w.includes(local.slice(0, 4)));
}

/** Why an e-mail address looks like a person's, or undefined. */
export function personalEmailReason(email: string | undefined, context: PeopleContext = {}): ContactReason | undefined {
  const m = /^([^@\s]+)@([^@\s]+)$/.exec(email?.trim().toLowerCase() ?? '');
  if (!m) return undefined;
  const [, local, domain] = m as unknown as [string, string, string];
  if (CONSUMER_DOMAINS.has(domain.replace(/\.$/, ''))) return 'messagerie personnelle';
  const parts = local.normalize('NFD').replace(/\p{M}/gu, '').split(/[._-]/);
  if (parts.some((p) => GENERIC.test(p))) return undefined;
  // prénom.nom, nom.prénom, p.nom — but a place is not a surname (aidants.thionville@).
  const places = new Set((context.places ?? []).flatMap(words).filter((w) => w.length >= 4 && !GIVEN_NAMES.has(w)));
  if (parts.length === 2 && parts.every((p) => /^[a-z]+$/.test(p)) && parts.some((p) => p.length >= 2) && !parts.some((p) => places.has(p))) return 'prénom.nom';
  // prénom@ or prénomnom@
  if (parts.length === 1 && startsWithGivenName(parts[0]!.replace(/\d+$/, ''))) return 'prénom.nom';
  if (parts.length === 1 && initialAndSurname(parts[0]!.replace(/\d+$/, ''), context)) return 'initiale et nom';
  if (parts.length === 1 && bareInitial(parts[0]!.replace(/\d+$/, ''), domain, context)) return 'initiale et nom';
  return undefined;
}

/** Why a phone number looks like a person's (a French mobile), or undefined. */
export function personalPhoneReason(phone: string | undefined): ContactReason | undefined {
  const digits = phone?.replace(/[\s.\u00A0\u202F()-]/g, '') ?? '';
  return /^(0|\+33|0033)[67]\d{8}$/.test(digits) ? 'téléphone portable' : undefined;
}

export interface OpenContact {
  email?: string;
  telephone?: string;
}

const peopleOf = new WeakMap<Compendium, string[]>();
const placesOf = new WeakMap<Compendium, string[]>();

/** The territories' names and ids, and the communes the projects target, as written. */
function dataPlaces(c: Compendium): string[] {
  let places = placesOf.get(c);
  if (!places) {
    places = [...c.territoires.flatMap((t) => [t.id.replace(/-/g, ' '), t.nom]), ...c.projets.flatMap((p) => (p.territoire_cible ? [p.territoire_cible] : []))];
    placesOf.set(c, places);
  }
  return places;
}

/** The names of people the data holds, with the project's own text and names: see PeopleContext. */
export function projectPeople(c: Compendium, p: Project): PeopleContext {
  let people = peopleOf.get(c);
  if (!people) {
    people = [
      ...c.temoignages.map((t) => t.personne),
      ...c.partenaires.flatMap((x) => (x.citation ? [x.citation.personne] : [])),
      ...c.contacts.map((k) => k.nom),
      ...c.editions.flatMap((e) => (e.edito?.signature?.nom ? [e.edito.signature.nom] : [])),
    ];
    peopleOf.set(c, people);
  }
  const org = c.organisations.find((o) => o.id === p.organisation);
  const texts = [p.nom, p.resume, p.description, p.territoire_cible, p.public_cible, ...Object.values(p.rubriques ?? {})];
  return { people, entry: texts.filter(Boolean).join('\n'), structure: [p.id, p.nom ?? '', p.organisation, org?.nom ?? '', org?.nom_complet ?? ''], places: dataPlaces(c) };
}

/** The part of a project's contact that may be published as open data and metadata. */
export function openContact(contact: Project['contact'], context: PeopleContext = {}): OpenContact {
  if (!contact || contact.public === false) return {};
  const keep = contact.public === true;
  return {
    email: keep || !personalEmailReason(contact.email, context) ? contact.email : undefined,
    telephone: keep || !personalPhoneReason(contact.telephone) ? contact.telephone : undefined,
  };
}
