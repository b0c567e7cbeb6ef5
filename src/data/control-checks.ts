/**
 * Invisible control characters written as YAML escapes (`"\u001b"`, `"\x07"`, `"\u202E"`).
 * Typed raw, YAML refuses them (yaml.ts); escaped, they load. Neither edition can publish
 * them as typed: they are invalid in HTML and XML, and a right-to-left override reverses what
 * follows it. So both editions remove them — the site and the PDF alike, from one cleaning of
 * the loaded data (src/site/clean-text.ts, applied by index.ts) — and `validate` says so
 * here, once per value, with the text as it will be published. A warning, not an error: the
 * published text is the editor's minus characters no reader could see, and the hostile corpus
 * of the web tests (tests/fixtures/web-hostile) must keep building to prove those defences.
 */
import { cleanText } from '../site/clean-text.ts';
import { codePoint, type Finding } from './finding.ts';
import type { Loaded } from './load.ts';
import { locate, nameOf } from './messages.ts';
import { eachTextLine, eachYamlString } from './walk-strings.ts';

/** The characters of `text` that cleanText removes, each once, in order of appearance. */
export function removedControls(text: string): string[] {
  const kept = new Set(cleanText(text));
  return [...new Set([...text].filter((c) => !kept.has(c) && c !== '\uFFFD'))];
}

const NAMES: Record<string, string> = { '\u0000': 'nul', '\u0007': 'bip', '\u0008': 'retour arrière', '\u001B': 'Échap', '\u007F': 'suppression', '\u202E': 'inversion droite-à-gauche', '\u202D': 'forçage gauche-à-droite' };
const describe = (c: string): string => `${codePoint(c)}${NAMES[c] ? ` (${NAMES[c]})` : ''}`;

/** One warning per value holding control characters, naming them and the text as published. */
export function controlWarnings(loaded: Loaded): Finding[] {
  const out: Finding[] = [];
  eachYamlString(loaded, (doc, value, pointer) => {
    const removed = removedControls(value);
    if (!removed.length) return;
    const published = cleanText(value);
    const at = locate(doc, pointer);
    // The caret goes to the escape itself when the line shows it (`\x1B`, `\u202E`).
    const escape = at.source.slice(at.column - 1).search(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[0abe])/i);
    out.push({
      severity: 'avertissement',
      code: 'CONTROL_CHARACTER',
      file: doc.file,
      ...at,
      ...(escape >= 0 ? { column: at.column + escape } : {}),
      message: `${nameOf(pointer)} contient ${removed.length > 1 ? 'des caractères de contrôle invisibles' : 'un caractère de contrôle invisible'} : ${removed.slice(0, 5).map(describe).join(', ')} ; ni le site ni le PDF ne peuvent le${removed.length > 1 ? 's' : ''} publier, ${removed.length > 1 ? 'ils sont retirés' : 'il est retiré'} des deux`,
      hint: published.length <= 120 && !published.includes('\n') ? `Supprimez-le${removed.length > 1 ? 's' : ''} : écrivez « ${published} ».` : 'Supprimez l’échappement (« \\x… » ou « \\u… ») du texte : il vient souvent d’un copier-coller.',
    });
  });
  // The Markdown texts of the editions are no YAML: a control there is raw, found line by line.
  eachTextLine(loaded, (file, _text, line, number) => {
    const removed = removedControls(line.replace(/\r$/, ''));
    if (!removed.length) return;
    out.push({ severity: 'avertissement', code: 'CONTROL_CHARACTER', file, line: number, column: line.indexOf(removed[0]!) + 1, source: line, message: `le texte contient ${removed.length > 1 ? 'des caractères de contrôle invisibles' : 'un caractère de contrôle invisible'} : ${removed.slice(0, 5).map(describe).join(', ')} ; ni le site ni le PDF ne peuvent le${removed.length > 1 ? 's' : ''} publier, ${removed.length > 1 ? 'ils sont retirés' : 'il est retiré'} des deux`, hint: 'Retapez la ligne : le caractère vient souvent d’un copier-coller.' });
  });
  return out;
}
