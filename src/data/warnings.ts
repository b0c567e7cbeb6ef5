/**
 * Editorial checks: problems an editor should look at before publishing, which do not stop
 * the build (unless `--strict`): contact details that may not work, images still to be
 * supplied or without credit, texts longer than their tier's print budget, rubrics absent
 * from the printed brochure. A few are errors, because an edition would stop on them or
 * drop what the editor typed: an image without alt, a contact the site would not publish.
 */
import type { Image, Tier } from '../model.ts';
import { RUBRICS, TIER_TITLES } from '../model.ts';
import { BUDGETS, type BudgetField } from '../budgets.ts';
import type { Finding } from './finding.ts';
import type { Loaded, Origin } from './load.ts';
import { findingAt } from './origin.ts';
import { ALT_HINT } from './messages.ts';
import { checkEmail, checkPhone, checkUrl, type ContactIssue } from './contact-checks.ts';
import { textWarnings } from './editorial-checks.ts';
import { figureWarnings } from './figure-checks.ts';
import { staleFigureWarnings } from './stale-figures.ts';
import type { Issue } from './origin.ts';

const origins = (loaded: Loaded, collection: string): Origin[] => loaded.sources.records.get(collection) ?? [];

/** Length as a reader counts it: Markdown list markers and line breaks do not count. */
export function textLength(text: string): number {
  return text.replace(/^\s*[-*]\s+/gm, '').replace(/\s+/g, ' ').trim().length;
}

function imageWarnings(img: Image | undefined, o: Origin, path: string[], what: string, out: Finding[]): void {
  if (!img) return;
  if (img.a_fournir && !img.fichier) {
    out.push(findingAt('avertissement', o, [...path, 'a_fournir'], { code: 'IMAGE_TO_SUPPLY', message: `${what} à fournir`, hint: 'Déposez l’image dans data/images/, puis remplacez « a_fournir: true » par « fichier: … » et « alt: … ».' }));
    return;
  }
  // Both editions refuse an image without alt (RGAA): an error here, not late in the build.
  if (img.fichier && !img.alt?.trim()) {
    // « alt: "" » is written: the finding goes to its line, and says to fill it, not to add it.
    if (typeof img.alt === 'string') out.push(findingAt('erreur', o, [...path, 'alt'], { code: 'ALT_MISSING', message: `${what} : texte alternatif (« alt ») vide`, hint: ALT_HINT }));
    else out.push(findingAt('erreur', o, path, { code: 'ALT_MISSING', message: `${what} sans texte alternatif (« alt »)`, hint: 'Ajoutez « alt: » sous « fichier: », avec en une phrase ce que montre l’image : c’est ce que lisent les lecteurs d’écran (RGAA). Le site et le PDF ne sont pas construits sans lui.' }, true));
  }
  // Both editions show an image only when it is no longer awaited: the file would be ignored.
  if (img.fichier && img.a_fournir) {
    out.push(findingAt('erreur', o, [...path, 'a_fournir'], { code: 'IMAGE_STILL_AWAITED', message: `${what} : « a_fournir: true » est resté à côté de « fichier: », l’image ne serait pas affichée`, hint: 'Supprimez la ligne « a_fournir: true » maintenant que le fichier est là.' }, true));
  }
  if (img.fichier && !img.credit?.trim() && path[0] === 'photo') {
    out.push(findingAt('avertissement', o, path, { code: 'CREDIT_MISSING', message: `${what} sans crédit photo`, hint: 'Ajoutez « credit: » avec le nom du photographe ou du détenteur des droits.' }, true));
  }
}

function budgetWarnings(loaded: Loaded, out: Finding[]): void {
  const c = loaded.compendium;
  const index = new Map(c.projets.map((p, i) => [p.id, i]));
  // The tier of the latest edition that places the project decides its budget.
  const tierOf = new Map<string, { tier: Tier; annee: number }>();
  for (const ed of c.editions) {
    for (const et of ed.territoires) {
      for (const tier of ['a_la_une', 'aussi_laureats', 'autres_laureats'] as Tier[]) {
        for (const id of et[tier] ?? []) tierOf.set(id, { tier, annee: ed.annee });
      }
    }
  }
  for (const [id, { tier, annee }] of tierOf) {
    const i = index.get(id);
    if (i === undefined) continue;
    const p = c.projets[i]!;
    const o = origins(loaded, 'projets')[i]!;
    const budget = BUDGETS[tier];
    const fields: Array<[BudgetField, string | null | undefined, string[]]> = [
      ['description', p.description, ['description']],
      ['resume', p.resume, ['resume']],
      ...RUBRICS.map((r): [BudgetField, string | null | undefined, string[]] => [r, p.rubriques?.[r], ['rubriques', r]]),
    ];
    let total = 0;
    for (const [field, text, path] of fields) {
      if (!text) continue;
      const n = textLength(text);
      total += n;
      const max = budget[field];
      if (max !== undefined && n > max) {
        out.push(findingAt('avertissement', o, path, { code: 'TEXT_TOO_LONG', message: `texte trop long pour « ${TIER_TITLES[tier]} » (édition ${annee}) : ${n.toLocaleString('fr-FR')} caractères pour ${max.toLocaleString('fr-FR')} au plus`, hint: `Raccourcissez de ${(n - max).toLocaleString('fr-FR')} caractères, sinon le texte débordera de sa place dans le PDF.` }));
      }
    }
    if (budget.total !== undefined && total > budget.total) {
      out.push(findingAt('avertissement', o, ['id'], { code: 'PROJECT_TOO_LONG', message: `projet trop long pour « ${TIER_TITLES[tier]} » (édition ${annee}) : ${total.toLocaleString('fr-FR')} caractères en tout pour ${budget.total.toLocaleString('fr-FR')} au plus`, hint: 'Raccourcissez la description ou les rubriques.' }));
    }
  }
}

/** The issue without its `blocking` flag, which becomes the finding's severity. */
const strip = ({ blocking: _blocking, ...issue }: ContactIssue): Issue => issue;

/**
 * Runs every editorial check. `perValueOnly`: only those that read one value of one record,
 * not those that compare records (budgets, figures), for records that failed their schema.
 */
export function editorialWarnings(loaded: Loaded, perValueOnly = false): Finding[] {
  const out: Finding[] = [];
  const c = loaded.compendium;
  const contact = (o: Origin, path: Array<string>, value: { email?: string; telephone?: string; site_web?: string } | undefined): void => {
    if (!value) return;
    const checks: Array<[keyof typeof value, (s: string) => ReturnType<typeof checkEmail>]> = [['email', checkEmail], ['telephone', checkPhone], ['site_web', checkUrl]];
    for (const [key, check] of checks) {
      const v = value[key];
      const issue = v ? check(v) : undefined;
      if (issue) out.push(findingAt(issue.blocking ? 'erreur' : 'avertissement', o, [...path, key], strip(issue)));
    }
  };
  const url = (o: Origin, path: Array<string | number>, value: string | undefined): void => {
    const issue = value ? checkUrl(value) : undefined;
    if (issue) out.push(findingAt(issue.blocking ? 'erreur' : 'avertissement', o, path, strip(issue)));
  };

  c.projets.forEach((p, i) => {
    const o = origins(loaded, 'projets')[i]!;
    contact(o, ['contact'], p.contact);
    imageWarnings(p.photo, o, ['photo'], 'photo du projet', out);
    if (p.annee_statut) {
      out.push(findingAt('avertissement', o, ['annee_statut'], { code: 'YEAR_UNCONFIRMED', message: `année ${p.annee_statut} (${p.annee}) : le badge « Lauréat » n’est imprimé ni sur le site ni dans le PDF`, hint: 'Confirmez l’année auprès du service, corrigez « annee » si besoin, puis supprimez la ligne « annee_statut ».' }));
    }
    for (const r of RUBRICS) {
      if (p.rubriques && r in p.rubriques && p.rubriques[r] === null) {
        out.push(findingAt('avertissement', o, ['rubriques', r], { code: 'RUBRIC_EMPTY', message: `la rubrique « ${r} » est vide (absente de la brochure imprimée)`, hint: 'Demandez le texte au porteur de projet, ou acceptez une page à la une sans cette rubrique.' }, true));
      }
    }
  });
  c.organisations.forEach((org, i) => {
    const o = origins(loaded, 'organisations')[i]!;
    url(o, ['site_web'], org.site_web);
    imageWarnings(org.logo, o, ['logo'], 'logo', out);
  });
  c.partenaires.forEach((p, i) => {
    const o = origins(loaded, 'partenaires')[i]!;
    url(o, ['site_web'], p.site_web);
    (p.reseaux ?? []).forEach((r, j) => url(o, ['reseaux', j, 'url'], r.url));
    imageWarnings(p.logo, o, ['logo'], 'logo du partenaire', out);
    imageWarnings(p.photo, o, ['photo'], 'photo du partenaire', out);
  });
  c.temoignages.forEach((t, i) => imageWarnings(t.photo, origins(loaded, 'temoignages')[i]!, ['photo'], 'portrait', out));
  c.contacts.forEach((k, i) => contact(origins(loaded, 'contacts')[i]!, [], { email: k.email, telephone: k.telephone }));
  for (const ed of c.editions) {
    const o: Origin = { doc: loaded.sources.editions.get(ed.annee)!.doc, pointer: '' };
    imageWarnings(ed.couverture, o, ['couverture'], 'image de couverture', out);
    url(o, ['appel', 'lien', 'url'], ed.appel?.lien?.url);
  }
  // The accessibility statement links these two as they are written (templates/accessibilite.njk).
  const site = origins(loaded, 'site')[0];
  if (site) for (const key of ['schema_pluriannuel', 'plan_action'] as const) url(site, ['accessibilite', key], c.site?.accessibilite?.[key] ?? undefined);
  // The site's own address prefixes every canonical link: « https://x.fr. » passes its schema.
  if (site) url(site, ['adresse'], c.site?.adresse ?? undefined);
  if (!perValueOnly) budgetWarnings(loaded, out);
  out.push(...textWarnings(loaded));
  if (perValueOnly) return out;
  out.push(...figureWarnings(loaded));
  out.push(...staleFigureWarnings(loaded));
  return out;
}
