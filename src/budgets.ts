/**
 * Print budgets: how many characters each text may have in each tier so that the printed
 * layout holds it (a featured project on its page(s), a compact entry in its column).
 * One place for both the editors' warnings and the print fit check, so they agree.
 * Calibrated on the 2025 brochure: every printed text fits, with a margin for next year.
 */
import type { RubricKey, Tier } from './model.ts';

export type BudgetField = 'description' | 'resume' | RubricKey;

export const BUDGETS: Record<Tier, Partial<Record<BudgetField, number>> & { total?: number; pages?: number }> = {
  a_la_une: {
    description: 1100,
    besoin_social: 750,
    apport_departement: 650,
    partenariats: 550,
    perennisation: 750,
    /** Sum of the description and the four rubrics. */
    total: 3400,
    /** Pages a featured project may take in print. */
    pages: 1,
  },
  aussi_laureats: { description: 800 },
  autres_laureats: { resume: 320, description: 320 },
};
