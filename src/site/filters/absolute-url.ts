/** `{{ page.url | absoluteUrl(site) }}`: full URL (site origin + path prefix + page) for canonical links and metadata. */
import { absoluteUrl as resolve, type ViewModel } from '../view-model.ts';

export default function absoluteUrl(url: string, site: Pick<ViewModel, 'siteUrl' | 'pathPrefix'>): string {
  return resolve(site, url);
}
