/**
 * Print budgets: how many characters each text may have in each tier so that the printed
 * layout holds it (a featured project on its page(s), a compact entry in its column).
 * One place for both the editors' warnings and the print fit check, so they agree.
 * Calibrated on the 2025 brochure (longest featured project: 1 791 characters in all, longest
 * description 726, longest rubric 459; longest « aussi » description 692; longest one-line
 * résumé 311) and on the print layout (print/brochure.css): tests/print builds a featured
 * project at each of these limits (one field at its maximum, the total exactly at `total`,
 * a two-line title, a full contact and its photo) and checks it holds on `pages` A4 page(s).
 * The first figures (900/600/2 600) did not: at 2 600 characters the photo shrank to a
 * 52 mm strip; 2 100 keeps it at least 68 mm high, with room for the longest real project.
 */
import type { RubricKey, Tier } from './model.ts';

export type BudgetField = 'description' | 'resume' | RubricKey;

export const BUDGETS: Record<Tier, Partial<Record<BudgetField, number>> & { total?: number; pages?: number }> = {
  a_la_une: {
    description: 800,
    besoin_social: 500,
    apport_departement: 500,
    partenariats: 500,
    perennisation: 500,
    /** Sum of the description and the four rubrics. */
    total: 2100,
    /** Pages a featured project may take in print. */
    pages: 1,
  },
  aussi_laureats: { description: 800 },
  autres_laureats: { resume: 320, description: 320 },
};
