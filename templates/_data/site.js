// The whole site's data: the validated compendium as a view model (src/site/view-model.ts).
// buildSite() passes its settings (and the data it has already loaded and validated, so
// invalid data stops it before Eleventy starts) as the global `compendiumBuild`; Eleventy hands global
// data to data-file functions: https://www.11ty.dev/docs/data-js/#arguments-to-global-data-files
import { loadSite } from '../../src/site/load.ts';

export default async function (globalData) {
  const settings = globalData.compendiumBuild ?? {};
  return settings.preloaded ? settings.preloaded() : loadSite(settings);
}
