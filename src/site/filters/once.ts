/**
 * `{{ projectItem | once("laureate-item", p, false) }}`: calls the macro with `p` and the
 * other arguments the first time, and returns the same HTML whenever it is asked again with the
 * same ones. For lists repeated over many pages: a project's item appears on the laureate
 * index and on each filter page it belongs to (year, territory, themes).
 *
 * Only for macros whose output depends on their arguments alone — true of Nunjucks macros,
 * which see no variable of the page that calls them, as long as the filters they use are pure
 * (ours are). `name` tells apart the macros cached on the same object; the other arguments must
 * be primitives. The cache hangs on `subject`, an object of the build's view model, so each
 * build (the preview's rebuilds included) starts afresh with its new objects.
 */
import type nunjucks from 'nunjucks';

type Primitive = string | number | boolean | null | undefined;
type Macro = (subject: object, ...args: Primitive[]) => nunjucks.runtime.SafeString;

const rendered = new WeakMap<object, Map<string, nunjucks.runtime.SafeString>>();

export default function once(macro: Macro, name: string, subject: object, ...args: Primitive[]): nunjucks.runtime.SafeString {
  let bySubject = rendered.get(subject);
  if (!bySubject) rendered.set(subject, (bySubject = new Map()));
  // JSON keeps null, false and undefined apart (a macro may treat them alike, the key does not).
  const key = JSON.stringify([name, ...args.map((a) => (a === undefined ? '\u0000undefined' : a))]);
  let html = bySubject.get(key);
  if (html === undefined) {
    html = macro(subject, ...args);
    bySubject.set(key, html);
  }
  return html;
}
