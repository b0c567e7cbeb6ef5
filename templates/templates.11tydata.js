// Computed data for every page: title and description from the page's own data (project,
// territory, facet…). https://www.11ty.dev/docs/data-computed/
import { metaTitle, metaDescription } from '../src/site/page-meta.ts';

export default {
  eleventyComputed: {
    metaTitle: (data) => metaTitle(data),
    metaDescription: (data) => metaDescription(data),
  },
};
