/**
 * Nunjucks filters only the print edition needs. The rest (typo, md, phone…) are the web
 * edition's own, registered by print/eleventy.config.js from src/site/filters/.
 */
import nunjucks from 'nunjucks';
import { renderMarkdown } from '../site/markdown.ts';
import { typographize } from '../site/typography.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `{{ rubric.texte | mdRunIn(rubric.titre) }}`: the Markdown text with its title as a run-in
 * head at the start of the first paragraph, as the brochure sets its rubrics
 * (« La réponse à un besoin social du territoire : le supermarché… »).
 */
export function mdRunIn(source: unknown, head: unknown): nunjucks.runtime.SafeString {
  const html = renderMarkdown(typeof source === 'string' ? source : '', 4);
  const runIn = `<strong class="run-in">${escapeHtml(typographize(`${String(head ?? '')} :`))}</strong> `;
  // A text that does not open with a paragraph (a list) gets its head in a paragraph of its own.
  const withHead = html.startsWith('<p>') ? html.replace('<p>', `<p class="rubric">${runIn}`) : `<p class="rubric">${runIn}</p>\n${html}`;
  return new nunjucks.runtime.SafeString(withHead);
}

/** Words a line must not break inside: compounds with a hyphen (« parle-t-on », « Château-Salins »). */
const HYPHENATED = /[\p{L}\p{N}’']+(?:-[\p{L}\p{N}’']+)+/gu;

/**
 * `{{ title | headline }}`: a title with French typography, set for display: a hyphenated
 * compound is never broken at its hyphen (« de quoi parle-t- / on ? »), a dash between
 * spaces stays with the word before it (« Territoire de Forbach / – Saint-Avold » is wrong),
 * and a short last word never makes a line alone (« … Sociale et Solidaire / (ESS) » in the
 * contents).
 */
export function headline(value: unknown): nunjucks.runtime.SafeString {
  const text = escapeHtml(typographize(value === undefined || value === null ? '' : String(value)));
  const html = text
    .replace(/ ([–—]) /g, '\u00A0$1 ')
    .replace(/ (\S{1,5})$/u, '\u00A0$1')
    .replace(HYPHENATED, (word) => (word.length <= 24 ? `<span class="nobr">${word}</span>` : word));
  return new nunjucks.runtime.SafeString(html);
}

/**
 * `{{ html | lead("featured__lead") }}`: marks a text's first paragraph, when the text opens
 * with one, as its lead. A class rather than `> p:first-child`: Paged.js clones a paragraph
 * split by a page break with its attributes, so the lead's continuation on the next page stays
 * a lead (it came out in the body's size, in the narrow column, in theme booklets), and a
 * rubric that opens the next page does not become one.
 */
export function lead(html: unknown, className: unknown): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(String(html ?? '').replace(/^(\s*)<p>/, `$1<p class="${escapeHtml(String(className))}">`));
}

/**
 * `{{ figure.valeur | figureValue }}`: a key figure set for display, its leading words
 * (« plus de », « près de ») in small type above the number so the number keeps one line.
 */
export function figureValue(value: unknown): nunjucks.runtime.SafeString {
  const text = escapeHtml(typographize(value === undefined || value === null ? '' : String(value)));
  const match = /^([^\d]+?)[\s\u00A0\u202F]+(\d.*)$/u.exec(text);
  // An empty prefix keeps its line, so that the numbers of a row stand on one baseline.
  return new nunjucks.runtime.SafeString(
    match ? `<span class="figure__prefix">${match[1]}</span> ${match[2]}` : `<span class="figure__prefix" aria-hidden="true">\u00A0</span>${text}`,
  );
}
