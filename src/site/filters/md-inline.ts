/** `{{ quote | mdInline }}`: one paragraph of Markdown without its <p>, for quotes. */
import nunjucks from 'nunjucks';
import { renderInline } from '../markdown.ts';

export default function mdInline(source: unknown): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(typeof source === 'string' ? renderInline(source) : '');
}
