/**
 * Checks of what the web edition publishes about people and about itself: contacts that
 * look personal and would otherwise reach the open data (RGPD, see personal-contacts.ts),
 * and data/site.yaml's reference to the accessibility contact.
 */
import type { Finding } from './finding.ts';
import type { Loaded } from './load.ts';
import { findingAt } from './origin.ts';
import { suggest } from './suggest.ts';
import { personalEmailReason, personalPhoneReason } from './personal-contacts.ts';

export function publicationChecks(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  const c = loaded.compendium;
  const projectOrigins = loaded.sources.records.get('projets') ?? [];
  c.projets.forEach((p, i) => {
    const o = projectOrigins[i];
    if (!o || !p.contact || p.contact.public !== undefined) return;
    const reasons = [
      ...(personalEmailReason(p.contact.email) ? [`l’e-mail (${personalEmailReason(p.contact.email)})`] : []),
      ...(personalPhoneReason(p.contact.telephone) ? [`le téléphone (${personalPhoneReason(p.contact.telephone)})`] : []),
    ];
    if (reasons.length === 0) return;
    out.push(
      findingAt('avertissement', o, ['contact'], {
        code: 'PERSONAL_CONTACT',
        message: `contact qui semble personnel : ${reasons.join(' et ')} ; il est publié sur la page du projet et dans le PDF, mais pas dans les données ouvertes`,
        hint: 'Si ce sont les coordonnées de la structure, ajoutez « public: true » sous « contact: » ; pour le retirer aussi des données ouvertes sans avertissement, ajoutez « public: false ».',
      }, true),
    );
  });

  const site = c.site;
  const siteOrigin = loaded.sources.records.get('site')?.[0];
  const contactId = site?.accessibilite?.contact;
  if (siteOrigin && contactId && !c.contacts.some((x) => x.id === contactId)) {
    const known = c.contacts.map((x) => x.id);
    const guess = suggest(contactId, known);
    out.push(
      findingAt('erreur', siteOrigin, ['accessibilite', 'contact'], {
        code: 'UNKNOWN_REF',
        message: `contact inconnu « ${contactId} »${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`,
        hint: `Indiquez l’identifiant d’une personne de contacts.yaml${known.length ? ` (${known.join(', ')})` : ''}.`,
      }),
    );
  }
  return out;
}
