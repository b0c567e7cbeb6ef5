/**
 * `{{ text | md(3) }}`: Markdown to safe HTML (raw HTML off, safe links only, typography).
 * Returns a SafeString: the output is already escaped by markdown-it.
 */
import nunjucks from 'nunjucks';
import { renderMarkdown } from '../markdown.ts';

export default function md(source: unknown, headingLevel = 2): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(typeof source === 'string' ? renderMarkdown(source, headingLevel) : '');
}
