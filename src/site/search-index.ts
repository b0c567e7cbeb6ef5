/**
 * The Pagefind index of the site (https://pagefind.app/docs/node-api/), fed with the pages
 * while Eleventy renders them rather than read back from disk afterwards.
 *
 * Why: indexing is a third of the web build at 1 000 projects. Pagefind parses pages in its
 * own process, so pages handed over during the rendering are indexed on the other core while
 * Eleventy keeps going; and `addDirectory` would read and parse every HTML file, when the
 * pages Pagefind then leaves out (without data-pagefind-body: the filter pages, each listing
 * every project, and the `/<latest>/` mirror) are most of the site's bytes.
 *
 * Reproducible: Pagefind numbers pages in the order they arrive (its service handles requests
 * one at a time, in order) and the index depends on it, so the order must not depend on how
 * Eleventy happens to schedule its rendering. The pages listed in `sequence` (the project
 * pages, in the view model's order) are handed over in that order, each as soon as it and
 * those before it are rendered; every other page after the rendering, in path order.
 * Leaving out the pages without data-pagefind-body is what Pagefind does itself once one page
 * has it; if none had, every page is indexed, as Pagefind would.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { CompendiumError } from '../errors.ts';

export class SearchIndexError extends CompendiumError {
  constructor(messages: string[], cause?: unknown) {
    super('SEARCH_INDEX', `l’index de recherche n’a pas pu être construit : ${messages.join(' ; ')}`, { cause });
  }
}

interface Page {
  /** Path in the output folder, e.g. `projets/x/index.html` (Pagefind derives the URL from it). */
  path: string;
  content: string;
}

const MARKER = 'data-pagefind-body';
const byPath = (a: Page, b: Page) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The page as Pagefind should read it: a space between adjacent tags. The templates write
 * `<dt>Territoire</dt><dd>Moselle</dd>`, badges and headings side by side with no white space
 * (CSS spaces them), and Pagefind joins such texts into one word: excerpts read
 * « TerritoireMoselle » and the words cannot be found. Only the indexed copy changes.
 */
export function spaced(html: string): string {
  return html.replace(/>(?=<)/g, '> ');
}

export class SearchIndexer {
  readonly #index: pagefind.PagefindIndex;
  /** URL → position in the sequence. */
  readonly #positions: Map<string, number>;
  /** Sequence pages rendered before their turn, by position. */
  readonly #waiting = new Map<number, Page | null>();
  #next = 0;
  /** Pages outside the sequence, handed over at the end. */
  readonly #others: Page[] = [];
  /** Pages without the marker, kept in case no page has it. */
  readonly #unmarked: Page[] = [];
  #marked = 0;
  readonly #added: Array<Promise<pagefind.NewFileResponse>> = [];

  private constructor(index: pagefind.PagefindIndex, sequence: string[]) {
    this.#index = index;
    this.#positions = new Map(sequence.map((url, i) => [url, i]));
  }

  /** Starts Pagefind's process. `sequence`: URLs of the pages to hand over in this order. */
  static async start(sequence: string[]): Promise<SearchIndexer> {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
    if (!index) throw new SearchIndexError(errors);
    return new SearchIndexer(index, sequence);
  }

  /** One page as it will be written (`path` relative to the output folder, `url` as Eleventy gives it). */
  page(path: string, url: string | false | undefined, content: string): void {
    if (!path.endsWith('.html')) return;
    const page = { path, content };
    const position = typeof url === 'string' ? this.#positions.get(url) : undefined;
    if (position === undefined) {
      this.#others.push(page);
      return;
    }
    this.#waiting.set(position, page);
    // Hand over this page and those after it that were already waiting for their turn.
    while (this.#waiting.has(this.#next)) {
      const ready = this.#waiting.get(this.#next);
      this.#waiting.delete(this.#next);
      this.#next += 1;
      if (ready) this.#add(ready);
    }
  }

  #add(page: Page): void {
    if (!page.content.includes(MARKER)) {
      this.#unmarked.push(page);
      return;
    }
    this.#marked += 1;
    // Not awaited here: the requests queue up in Pagefind's process.
    this.#added.push(this.#index.addHTMLFile({ sourcePath: page.path, content: spaced(page.content) }));
  }

  /** Hands over the remaining pages, writes the index and its UI into `<outDir>/pagefind/`; returns the pages indexed. */
  async write(outDir: string): Promise<number> {
    // Sequence pages that were never rendered leave a gap: the ones after it still go in order.
    for (const position of [...this.#waiting.keys()].sort((a, b) => a - b)) {
      const page = this.#waiting.get(position);
      if (page) this.#add(page);
    }
    this.#waiting.clear();
    for (const page of this.#others.sort(byPath)) this.#add(page);
    if (this.#marked === 0) for (const page of this.#unmarked.sort(byPath)) this.#added.push(this.#index.addHTMLFile({ sourcePath: page.path, content: spaced(page.content) }));
    const failed = (await Promise.all(this.#added)).flatMap((a) => a.errors);
    if (failed.length) throw new SearchIndexError(failed);
    // The files are written here, not by Pagefind: its process panics with a Rust backtrace
    // on a full disk, where ours fails with ENOSPC, which the build reports in French.
    const out = await this.#index.getFiles();
    if (out.errors.length) throw new SearchIndexError(out.errors);
    for (const file of out.files) {
      const path = join(outDir, 'pagefind', file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    // The pages really indexed are the fragments Pagefind wrote, one each.
    return (await readdir(join(outDir, 'pagefind', 'fragment'))).length;
  }

  /** Ends Pagefind's process (after `write`, or when the build failed). */
  async close(): Promise<void> {
    // A failed build may leave requests pending: settle them before the process goes away.
    await Promise.allSettled(this.#added);
    await this.#index.deleteIndex();
    await pagefind.close();
  }
}
