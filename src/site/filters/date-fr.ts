/** `{{ '2025-06-30' | dateFr }}`: « 30 juin 2025 » (or « juin 2025 » for AAAA-MM). */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

export default function dateFr(value: unknown): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(value ?? ''));
  if (!m) return String(value ?? '');
  const month = MONTHS[Number(m[2]) - 1] ?? m[2];
  const day = m[3] ? `${Number(m[3]) === 1 ? '1er' : Number(m[3])}\u00A0` : '';
  return `${day}${month}\u00A0${m[1]}`;
}
