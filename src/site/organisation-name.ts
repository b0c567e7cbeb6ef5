/**
 * The name of an organisation as the brochure prints it: its usual name (often an acronym),
 * or, where the brochure prints both, the usual and the full name in the brochure's order —
 * « AMLI – Association pour l’Accompagnement… », « Action Sociale du Bassin Houiller – ASBH ».
 * Both editions print this one name.
 */
import type { Organisation } from '../model.ts';

/** The en dash between the two forms, as French typography sets it. */
const SEPARATOR = ' – ';

/** `org`'s name as printed (`nom_imprime` in schemas/organisation.schema.json). */
export function printedName(org: Pick<Organisation, 'nom' | 'nom_complet' | 'nom_imprime'>): string {
  if (!org.nom_complet || !org.nom_imprime) return org.nom;
  return org.nom_imprime === 'nom_puis_complet' ? `${org.nom}${SEPARATOR}${org.nom_complet}` : `${org.nom_complet}${SEPARATOR}${org.nom}`;
}
