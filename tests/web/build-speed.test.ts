import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import nunjucks from 'nunjucks';
import { SearchIndexer } from '../../src/site/search-index.ts';
import once from '../../src/site/filters/once.ts';
import { renderMarkdown, plainText } from '../../src/site/markdown.ts';
import { typographize } from '../../src/site/typography.ts';
import { tempDir } from './support/fixtures.ts';
import { checksums } from '../helpers/checksums.ts';

/**
 * What the web build's speed-ups must not change: the search index does not depend on the
 * order Eleventy renders pages in, a cached macro call gives what the macro gives, and cached
 * texts are the texts.
 */

const page = (title: string, body: boolean) =>
  `<!DOCTYPE html><html lang="fr"><head><title>${title}</title></head><body><main${body ? ' data-pagefind-body' : ''}><h1>${title}</h1><p>Le projet ${title} aide les habitants du quartier.</p></main></body></html>`;

/** Indexes the pages, handed over in the given order, into a fresh folder; returns it and the count. */
async function index(sequence: string[], pages: Array<[string, string, string]>): Promise<{ dir: string; count: number }> {
  const dir = await tempDir('search');
  const search = await SearchIndexer.start(sequence);
  try {
    for (const [path, url, content] of pages) search.page(path, url, content);
    return { dir, count: await search.write(dir) };
  } finally {
    await search.close();
  }
}

const search = suite('search index fed during the rendering');

const projects = ['alpha', 'beta', 'gamma', 'delta'].map((s): [string, string, string] => [`projets/${s}/index.html`, `/projets/${s}/`, page(s, true)]);
const others: Array<[string, string, string]> = [
  ['index.html', '/', page('Accueil', true)],
  ['laureats/theme/x/index.html', '/laureats/theme/x/', page('Filtre', false)],
  ['territoires/metz/index.html', '/territoires/metz/', page('Metz', true)],
  ['donnees/laureats.json', '/donnees/laureats.json', '{}'],
];
const sequence = projects.map(([, url]) => url);

search('the same index whatever order the pages are rendered in', async () => {
  const a = await index(sequence, [...projects, ...others]);
  const b = await index(sequence, [others[2]!, projects[3]!, others[0]!, projects[1]!, others[3]!, projects[0]!, others[1]!, projects[2]!]);
  const [sa, sb] = [checksums(a.dir), checksums(b.dir)];
  assert.equal(Object.keys(sb).sort(), Object.keys(sa).sort());
  assert.equal(Object.keys(sa).filter((f) => sa[f] !== sb[f]), [], 'byte-identical files');
});

search('pages without data-pagefind-body are left out, unless no page has it', async () => {
  assert.is((await index(sequence, [...projects, ...others])).count, 6, 'four projects, home, territory; not the filter page nor the JSON');
  const bare = [...projects, ...others].map(([p, u, c]): [string, string, string] => [p, u, c.replace(' data-pagefind-body', '')]);
  assert.is((await index(sequence, bare)).count, 7, 'every HTML page when none is marked');
});

const cache = suite('cached macro calls and texts');

cache('once: the macro runs once per subject and arguments, and its HTML is returned each time', () => {
  const calls: string[] = [];
  const macro = (p: object, hidden?: unknown) => {
    calls.push(`${(p as { id: string }).id}:${String(hidden)}`);
    return new nunjucks.runtime.SafeString(`<li${hidden ? ' hidden' : ''}>${(p as { id: string }).id}</li>`);
  };
  const p = { id: 'a' };
  const q = { id: 'b' };
  assert.is(String(once(macro, 'item', p, null)), '<li>a</li>');
  assert.is(String(once(macro, 'item', p, null)), '<li>a</li>');
  assert.is(String(once(macro, 'item', p, true)), '<li hidden>a</li>');
  assert.is(String(once(macro, 'item', p, false)), '<li>a</li>');
  assert.is(String(once(macro, 'item', q, null)), '<li>b</li>');
  assert.equal(calls, ['a:null', 'a:true', 'a:false', 'b:null'], 'null, true and false are cached apart; each subject has its own');
  // A new object (a new build's view model) is rendered afresh.
  once(macro, 'item', { id: 'a' }, null);
  assert.is(calls.length, 5);
});

cache('cached Markdown and typography give what a first rendering gives', () => {
  const text = 'Un **projet** : l\'entraide.\n\n## Suite\n\nVoir [le site](https://exemple.fr) ?';
  const first = [renderMarkdown(text, 3), renderMarkdown(text, 2), plainText(text), typographize(text)];
  assert.equal([renderMarkdown(text, 3), renderMarkdown(text, 2), plainText(text), typographize(text)], first);
  assert.ok(first[0]!.includes('<h3>') && first[1]!.includes('<h2>'), 'the heading level is part of the cache key');
});

search.run();
cache.run();
