/**
 * Markdown of the data (descriptions, édito, partner texts) to HTML: markdown-it with raw
 * HTML off, only http(s)/mailto/tel links, no images, headings shifted to fit the page's outline,
 * then French typography. https://github.com/markdown-it/markdown-it#init-with-presets-and-options
 */
import MarkdownIt from 'markdown-it';
import { isAllowedLink } from './urls.ts';
import { typographizeHtml } from './typography.ts';
import { boundedMemo } from './memo.ts';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.validateLink = isAllowedLink;
// No images in texts: photos come from the YAML (with alt text and credit, resized), and an
// image from another site would be a request to a third party, which the site never makes.
md.disable('image');

/**
 * Rendered texts by kind and source. A text is rendered wherever it is shown (a project's
 * description on its page, its excerpt on cards of the home and territory pages of every
 * edition address and in meta descriptions), always to the same HTML: render it once.
 */
const cached = boundedMemo(20_000);

/**
 * Renders Markdown. `headingLevel` is the level the text's highest heading must take (the
 * page around it owns the levels above), so a partner's « ### » sits under its h2.
 */
export function renderMarkdown(source: string | undefined, headingLevel = 2): string {
  if (!source) return '';
  return cached(`block${headingLevel}\0${source}`, () => renderBlock(source, headingLevel));
}

function renderBlock(source: string, headingLevel: number): string {
  const tokens = md.parse(source, {});
  const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
  if (levels.length) {
    const shift = headingLevel - Math.min(...levels);
    for (const t of tokens) {
      if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + shift)}`;
    }
  }
  return typographizeHtml(md.renderer.render(tokens, md.options, {}));
}

/** Renders one paragraph of Markdown without the enclosing <p> (for quotes and short texts). */
export function renderInline(source: string | undefined): string {
  return source ? cached(`inline\0${source}`, () => typographizeHtml(md.renderInline(source))) : '';
}

/** Plain text of a Markdown source (for meta descriptions and excerpts), whitespace collapsed. */
export function plainText(source: string | undefined): string {
  if (!source) return '';
  return cached(`plain\0${source}`, () =>
    md
      .render(source)
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
