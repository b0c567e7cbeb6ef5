/** `{{ text | plain(160) }}`: Markdown as plain text with French typography, cut at a word boundary. */
import { plainText } from '../markdown.ts';
import { typographize } from '../typography.ts';
import { truncate } from '../page-meta.ts';

export default function plain(source: unknown, max = 0): string {
  const text = typographize(plainText(typeof source === 'string' ? source : ''));
  return max ? truncate(text, max) : text;
}
