/**
 * Markdown links the editions would not publish as written: both editions accept only
 * http(s), mailto and tel links (src/site/urls.ts); any other target is refused and the
 * reader sees the raw « [texte](www.exemple.fr) ». A slip with a sure fix (a web or e-mail
 * address without its scheme) is an error naming the address to write; any other refused
 * target (javascript:…) is a warning, the site's defences dropping it as before.
 */
import { join } from 'node:path';
import type { Finding } from './finding.ts';
import type { Loaded, Origin } from './load.ts';
import { displayPath } from './load.ts';
import { findingAt, type Issue } from './origin.ts';
import { isAllowedLink } from '../site/urls.ts';

/** Inline links `[text](target)`, with the target's offset in the text. */
const LINK = /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;

/** The issue of each refused link target of a Markdown text. */
export function refusedLinks(markdown: string): Array<Issue & { index: number; blocking: boolean }> {
  const out: Array<Issue & { index: number; blocking: boolean }> = [];
  for (const m of markdown.matchAll(LINK)) {
    const target = m[2]!;
    if (isAllowedLink(target)) continue;
    const web = /^(www\.|[a-z0-9-]+\.[a-z]{2,}(\/|$))/i.test(target) ? `https://${target}` : undefined;
    const mail = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(target) ? `mailto:${target}` : undefined;
    const fix = web ?? mail;
    out.push({
      index: m.index,
      blocking: fix !== undefined,
      code: 'LINK_REFUSED',
      message: `lien « [${m[1]}](${target}) » : l’adresse « ${target} » n’est pas publiée, le lecteur verrait le texte brut`,
      hint: fix ? `Écrivez « [${m[1]}](${fix}) ».` : 'Écrivez une adresse complète (https://…), une adresse e-mail (mailto:…) ou un numéro (tel:…).',
    });
  }
  return out;
}

/** Findings for the Markdown fields of projects and partners, and the editions' texts. */
export function markdownLinkFindings(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  const c = loaded.compendium;
  const origins = (collection: string): Origin[] => loaded.sources.records.get(collection) ?? [];
  const field = (o: Origin, path: string[], text: string | null | undefined): void => {
    for (const { code, message, hint, blocking } of refusedLinks(text ?? '')) out.push(findingAt(blocking ? 'erreur' : 'avertissement', o, path, { code, message, hint }));
  };
  c.projets.forEach((p, i) => {
    const o = origins('projets')[i]!;
    field(o, ['description'], p.description);
    field(o, ['resume'], p.resume);
    for (const [key, text] of Object.entries(p.rubriques ?? {})) field(o, ['rubriques', key], text);
  });
  c.partenaires.forEach((p, i) => field(origins('partenaires')[i]!, ['texte'], p.texte));
  for (const ed of c.editions) {
    const dir = loaded.sources.editions.get(ed.annee)!.dir;
    for (const [name, text] of Object.entries(ed.textes)) {
      for (const { index, blocking, ...issue } of refusedLinks(text)) {
        const line = text.slice(0, index).split('\n').length;
        const column = index - text.lastIndexOf('\n', index - 1);
        out.push({ severity: blocking ? 'erreur' : 'avertissement', file: displayPath(join(dir, name)), line, column, source: text.split('\n')[line - 1], ...issue });
      }
    }
  }
  return out;
}
