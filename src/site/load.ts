/**
 * Loads and validates the data folder for the web edition, then builds its view model.
 * Invalid data stops the build with the validator's French messages (InvalidDataError);
 * warnings do not stop it (the CLI shows them). Strings are cleaned of control and bidi
 * override characters first (clean-text.ts), so no output format receives them.
 */
import { join, resolve } from 'node:path';
import { loadCompendium, formatFinding, type LoadResult } from '../data/index.ts';
import { displayPath } from '../data/load.ts';
import { InvalidDataError } from '../errors.ts';
import { buildViewModel, type CoverIndex, type PdfIndex, type ViewModel } from './view-model.ts';
import { publishable } from '../edition/publishable.ts';
import { publishedPart } from '../edition/drafts.ts';
import { pictureIndex, type PictureSet } from './images.ts';
import { cleanData } from './clean-text.ts';

/** What a build passes to the templates' data file (see templates/_data/site.js). */
export interface SiteSettings {
  dataDir?: string;
  siteUrl?: string;
  pathPrefix?: string;
  pdfs?: PdfIndex;
  covers?: CoverIndex;
  /** Publish draft editions too (the preview does; builds do not). */
  drafts?: boolean;
  /** Output folder, where the resized photos are written (default `_site`). */
  outDir?: string;
  /** Data already loaded by buildSite(), so the templates' data file does not load it again. */
  preloaded?: () => SiteData;
}

export interface SiteData extends ViewModel {
  /** Absolute folder of the data's images (data/images). */
  imagesDir: string;
  /** Each project's photo as <picture> HTML, by project id and placement. */
  pictures: Record<string, PictureSet>;
}

/** `loaded`: the data as a caller already loaded it from `settings.dataDir` (the preview). */
export async function loadSite(settings: SiteSettings = {}, loaded?: LoadResult): Promise<SiteData> {
  const dataDir = resolve(settings.dataDir ?? 'data');
  const result = loaded ?? (await loadCompendium(dataDir));
  // A draft with errors is left out, never blocking the published editions (edition/drafts.ts).
  const { compendium, blocking } = publishedPart(result);
  if (!compendium) throw new InvalidDataError(blocking.map(formatFinding).join('\n'), blocking.length);
  // The file each project was read from, for image errors (« data/projets/x.yaml : l’image … »).
  const origins = result.loaded.sources.records.get('projets') ?? [];
  const fileOf = new Map(result.partial.projets.map((p, i) => [p.id, origins[i]?.doc.file ?? displayPath(join(dataDir, 'projets', `${p.id}.yaml`))]));
  const vm = buildViewModel(cleanData(publishable(compendium, { drafts: settings.drafts })), { siteUrl: settings.siteUrl, pathPrefix: settings.pathPrefix, pdfs: settings.pdfs, covers: settings.covers });
  const imagesDir = join(dataDir, 'images');
  const pictures = await pictureIndex(vm.projets, { imagesDir, outDir: resolve(settings.outDir ?? '_site') }, (p) => fileOf.get(p.id)!);
  return { ...vm, imagesDir, pictures };
}
