// The project pages' address, as a function rather than a "/projets/{{ projet.slug }}/" string
// in projet.njk's front matter: Eleventy compiles a permalink string anew for every page, three
// times (~0.2 s at 1 000 projects), and calls a function as it is. Slugs are ids
// (common.schema.json: lower-case letters, digits and hyphens), so there is nothing to escape.
// https://www.11ty.dev/docs/permalinks/
export default {
  permalink: (data) => `/projets/${data.projet.slug}/`,
};
