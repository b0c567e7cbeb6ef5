/**
 * Checks of what the web edition publishes about people: contacts that look personal and
 * would otherwise reach the open data (RGPD, see personal-contacts.ts). data/site.yaml's
 * reference to the accessibility contact is checked with the other references (crosscheck.ts).
 */
import type { Finding } from './finding.ts';
import type { Loaded } from './load.ts';
import { findingAt } from './origin.ts';
import { personalEmailReason, personalPhoneReason, projectPeople } from './personal-contacts.ts';

export function publicationChecks(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  const c = loaded.compendium;
  const projectOrigins = loaded.sources.records.get('projets') ?? [];
  c.projets.forEach((p, i) => {
    const o = projectOrigins[i];
    if (!o || !p.contact || p.contact.public !== undefined) return;
    const email = personalEmailReason(p.contact.email, projectPeople(c, p));
    const reasons = [
      ...(email ? [`l’e-mail (${email})`] : []),
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

  return out;
}
