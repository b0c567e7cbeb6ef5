/** `{{ text | plain(160) }}`: Markdown as plain text with French typography; with a length, its first whole sentences (page-meta.ts, firstSentences). */
import { plainText } from '../markdown.ts';
import { typographize } from '../typography.ts';
import { firstSentences } from '../page-meta.ts';

export default function plain(source: unknown, max = 0): string {
  const text = typographize(plainText(typeof source === 'string' ? source : ''));
  return max ? firstSentences(text, max) : text;
}
