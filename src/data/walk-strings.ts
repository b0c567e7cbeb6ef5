/**
 * Every string the editions may print, with where it was typed: each value of every YAML file
 * loaded (records and editions), by JSON pointer, and each line of the editions' Markdown
 * texts. The character checks (controls, glyphs the fonts lack) walk the same ground, so it
 * is walked here once, the same way for both.
 */
import { join } from 'node:path';
import { displayPath } from './files.ts';
import type { Loaded } from './load.ts';
import { escapePointer } from './positions.ts';
import type { YamlFile } from './yaml.ts';

/** Calls `visit` for each string value of the loaded YAML files; keys in `skip` are not entered. */
export function eachYamlString(loaded: Loaded, visit: (doc: YamlFile, value: string, pointer: string) => void, skip: ReadonlySet<string> = new Set()): void {
  const docs = new Set<YamlFile>();
  for (const origins of loaded.sources.records.values()) for (const o of origins) docs.add(o.doc);
  for (const { doc } of loaded.sources.editions.values()) docs.add(doc);
  const walk = (doc: YamlFile, value: unknown, pointer: string): void => {
    if (typeof value === 'string') visit(doc, value, pointer);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(doc, v, `${pointer}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!skip.has(k)) walk(doc, v, `${pointer}/${escapePointer(k)}`);
    }
  };
  for (const doc of docs) walk(doc, doc.value, '');
}

/** Calls `visit` for each line (1-based `line`) of each Markdown text of each edition. */
export function eachTextLine(loaded: Loaded, visit: (file: string, text: string, line: string, number: number) => void): void {
  for (const edition of loaded.compendium.editions) {
    const dir = loaded.sources.editions.get(edition.annee)?.dir;
    if (!dir) continue;
    for (const [name, text] of Object.entries(edition.textes ?? {})) {
      const file = displayPath(join(dir, name));
      text.split('\n').forEach((line, i) => visit(file, text, line, i + 1));
    }
  }
}
