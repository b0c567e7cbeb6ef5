// Computed data for every page: the edition it shows, its canonical address, whether it is
// indexed, its title and description (src/site/page-meta.ts). https://www.11ty.dev/docs/data-computed/
import { pageEdition, canonicalPath, isIndexable, metaTitle, metaDescription } from '../src/site/page-meta.ts';

export default {
  eleventyComputed: {
    edition: (data) => pageEdition(data),
    canonicalUrl: (data) => canonicalPath(data),
    indexable: (data) => isIndexable(data),
    metaTitle: (data) => metaTitle(data),
    metaDescription: (data) => metaDescription(data),
  },
};
