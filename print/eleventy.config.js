// Eleventy configuration of the print edition: it only wires. Input is templates/print/
// (brochure.njk → brochure.html); the web edition's partials (templates/_includes/) are on
// the Nunjucks search path after the print ones, and its filters are reused, so both
// editions write names, typography and links the same way. Run by src/print/html.ts, which
// registers tsx (for the TypeScript modules below) and passes the data as the global `doc`.
// https://www.11ty.dev/docs/config/
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import typo from '../src/site/filters/typo.ts';
import md from '../src/site/filters/md.ts';
import mdInline from '../src/site/filters/md-inline.ts';
import plain from '../src/site/filters/plain.ts';
import upperFirst from '../src/site/filters/upper-first.ts';
import phone from '../src/site/filters/phone.ts';
import callPeriod from '../src/site/filters/call-period.ts';
import { webHref, mailHref, telHref, displayUrl } from '../src/site/filters/hrefs.ts';
import { figureValue, headline, lead, mdRunIn } from '../src/print/filters.ts';
import { silenceBenchmarks } from '../src/site/quiet.ts';

const includes = (path) => fileURLToPath(new URL(path, import.meta.url));

export default function (eleventyConfig) {
  // No « [11ty] Benchmark » lines in English on the editor's terminal (see the module).
  silenceBenchmarks(eleventyConfig);

  // Print partials first, then the web edition's: https://www.11ty.dev/docs/languages/nunjucks/#optional-use-your-nunjucks-environment
  const loader = new nunjucks.FileSystemLoader([includes('../templates/print/_includes/'), includes('../templates/_includes/')]);
  // Autoescape on: every data string is escaped unless a filter returns safe HTML.
  eleventyConfig.setLibrary('njk', new nunjucks.Environment(loader, { autoescape: true, trimBlocks: true, lstripBlocks: true }));

  for (const [name, filter] of Object.entries({ typo, plain, upperFirst, phone, callPeriod, webHref, mailHref, telHref, displayUrl })) {
    eleventyConfig.addFilter(name, filter);
  }
  eleventyConfig.addNunjucksFilter('md', md);
  eleventyConfig.addNunjucksFilter('mdInline', mdInline);
  eleventyConfig.addNunjucksFilter('mdRunIn', mdRunIn);
  eleventyConfig.addNunjucksFilter('headline', headline);
  eleventyConfig.addNunjucksFilter('lead', lead);
  eleventyConfig.addNunjucksFilter('figureValue', figureValue);

  eleventyConfig.ignores.add('**/README.md');
}

// The input folder (templates/print/) is given by src/print/html.ts as an absolute path, so
// the build does not depend on the working folder; these are relative to it.
export const config = {
  dir: { includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
