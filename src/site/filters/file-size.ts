/** `{{ bytes | fileSize }}`: « 2,4 Mo », « 850 ko » (French units, decimal comma). */
export default function fileSize(bytes: number): string {
  const fmt = (n: number, digits: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
  if (bytes >= 1_000_000) return `${fmt(bytes / 1_000_000, 1)}\u00A0Mo`;
  return `${fmt(Math.max(1, Math.round(bytes / 1000)), 0)}\u00A0ko`;
}
