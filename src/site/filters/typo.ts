/** `{{ text | typo }}`: French typography on a plain data string (escaped afterwards by Nunjucks). */
import { typographize } from '../typography.ts';

export default function typo(value: unknown): string {
  return value === undefined || value === null ? '' : typographize(String(value));
}
