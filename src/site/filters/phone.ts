/** `{{ tel | phone }}`: a phone number as printed, with no-break spaces so it never wraps. */
export default function phone(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim().replace(/\s+/g, '\u00A0');
}
