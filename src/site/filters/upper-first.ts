/** `{{ name | upperFirst }}`: project names are written in lower case; the web shows them in sentence case. */
export default function upperFirst(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
}
