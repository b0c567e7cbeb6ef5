/**
 * `{{ edition.source.dates | callPeriod }}`: the call for projects' dates as a reader expects
 * them on the call's page and section, « Appel à projets ouvert du 15 janvier au 31 mars 2026 »
 * (the year once when both dates share it), or « … à partir du … », « … jusqu’au … » when only
 * one is given; empty when neither is (the published 2025 edition has none: its pages are unchanged).
 */
import dateFr from './date-fr.ts';

interface Dates {
  appel_ouverture?: string | undefined;
  appel_cloture?: string | undefined;
}

const year = (date: string): string => date.slice(0, 4);

export default function callPeriod(dates: Dates | undefined | null): string {
  const open = dates?.appel_ouverture;
  const close = dates?.appel_cloture;
  if (open && close) {
    // « du 15 janvier au 31 mars 2026 »: the opening's year only when it differs.
    const from = year(open) === year(close) ? dateFr(open).replace(/\u00A0\d{4}$/, '') : dateFr(open);
    return `Appel à projets ouvert du ${from} au ${dateFr(close)}`;
  }
  if (open) return `Appel à projets ouvert à partir du ${dateFr(open)}`;
  if (close) return `Appel à projets ouvert jusqu’au ${dateFr(close)}`;
  return '';
}
