/**
 * `{{ html | webRefs(edition) }}`: the brochure's texts point « ci-dessus » at what stands above
 * them on the printed page (« voir définition ci-dessus », the definitions printed before the
 * call for projects). On the web that text is on another page: the reference becomes a link
 * to the definition's page. The words of the data are kept; only the pointer changes medium.
 */
import nunjucks from 'nunjucks';
import type { EditionView } from '../view-model.ts';

const DEFINITION_ABOVE = /\(voir (la )?définition[\s\u00A0\u202F]+ci-dessus\)/g;

export default function webRefs(html: unknown, edition: EditionView): nunjucks.runtime.SafeString {
  const text = String(html ?? '');
  const defs = edition.source.definitions ?? [];
  // The definition a text about the call for projects means: innovation sociale's, else the first.
  const def = defs.find((d) => d.id.includes('innovation')) ?? defs[0];
  if (!def) return new nunjucks.runtime.SafeString(text);
  const href = `${edition.base}ess-innovation-sociale/#${def.id}`;
  return new nunjucks.runtime.SafeString(text.replace(DEFINITION_ABOVE, () => `(voir la <a href="${href}">définition de l’innovation sociale</a>)`));
}
