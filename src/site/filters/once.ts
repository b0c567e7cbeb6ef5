/**
 * `{{ projectItem | once("laureate-item", p, hidden) }}`: calls the macro with `p` and the
 * other arguments the first time, and returns the same HTML whenever it is asked again with the
 * same ones. For lists repeated over many pages: the laureate list shows every project on the
 * index and on each of the ~25 filter pages, the same item each time but for its `hidden` flag,
 * which made the filter pages cost as much as all the project pages together at 1 000 projects
 * (and grow as projects × filters).
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
