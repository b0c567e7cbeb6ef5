// The sitemap lists absolute URLs: without the site's address (data/site.yaml or --url) it is
// not written at all. https://www.11ty.dev/docs/permalinks/#permalink-false
export default {
  eleventyComputed: {
    permalink: (data) => (data.site.siteUrl ? '/sitemap.xml' : false),
  },
};
