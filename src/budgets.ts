/**
 * Print budgets: how many characters each text may have in each tier so that the printed
 * layout holds it (a featured project on its page(s), a compact entry in its column).
 * One place for both the editors' warnings and the print fit check, so they agree.
 * Calibrated on the 2025 brochure (longest featured project: 1 791 characters in all, longest
 * description 726, longest rubric 459; longest « aussi » description 692; longest one-line
 * résumé 311) and on the print layout's fit check, which verifies a project at the budget fits.
 */
import type { RubricKey, Tier } from './model.ts';

export type BudgetField = 'description' | 'resume' | RubricKey;

export const BUDGETS: Record<Tier, Partial<Record<BudgetField, number>> & { total?: number; pages?: number }> = {
  a_la_une: {
    description: 900,
    besoin_social: 600,
    apport_departement: 600,
    partenariats: 600,
    perennisation: 600,
    /** Sum of the description and the four rubrics. */
    total: 2600,
    /** Pages a featured project may take in print. */
    pages: 1,
  },
  aussi_laureats: { description: 800 },
  autres_laureats: { resume: 320, description: 320 },
};
