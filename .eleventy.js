// Eleventy configuration of the web edition: it only wires plugins. The templates are in
// templates/ (templates/print/ belongs to the print edition and is ignored here); the data
// comes from templates/_data/site.js. Build with `compendium build` or src/site/build.ts:
// the TypeScript modules below need the tsx loader that those entry points register.
// https://www.11ty.dev/docs/config/
import { HtmlBasePlugin } from '@11ty/eleventy';
import compendium from './src/site/plugin.ts';

export default function (eleventyConfig) {
  // Sub-path hosting: root-relative URLs in the HTML get the path prefix.
  // https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Filters, the picture shortcode, fonts and open data: src/site/plugin.ts.
  eleventyConfig.addPlugin(compendium);

  // Autoescape stays on: every data string is escaped unless a filter returns safe HTML.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, trimBlocks: true, lstripBlocks: true });

  eleventyConfig.addPassthroughCopy({ 'templates/assets': 'assets' });
  eleventyConfig.ignores.add('templates/print/**');
  eleventyConfig.ignores.add('templates/assets/**');
  eleventyConfig.ignores.add('templates/**/README.md');
}

export const config = {
  // Output: Eleventy's default, _site/ (buildSite passes its own; a config value would override it).
  dir: { input: 'templates', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
