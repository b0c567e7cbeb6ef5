/**
 * The same book from either browser the tool may print with: Debian's chromium (found on the
 * system) and the one npm installs with the tool (@sparticuz/chromium, what a fresh machine
 * gets). The bundled brochure built with the browser of this run (CHROME_PATH, else the
 * system's) is compared with the same brochure built with the other one: page count, the text
 * of every page, which project is on which page, the contents' numbers, the fonts. Both lay
 * out with the embedded web fonts only (no system font), so nothing else may differ; byte for
 * byte only from the same browser (tests/reliability/reproducible.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findChrome, type FoundBrowser } from '../../src/browser/find-chrome.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { formatReport } from '../../src/build/report.ts';
import { buildPrint, type BuildPrintResult } from '../../src/print/build.ts';
import { pdfFonts, pdfLines, pdfOutline, requirePoppler, squash, tocNumbers, type OutlineEntry } from './pdf-helpers.ts';
import { BUNDLED_DATA, ENV, bundledBuild, tempDir } from './support/fixture.ts';

interface Book {
  result: BuildPrintResult;
  text: string[][];
  outline: OutlineEntry[];
}

interface Context {
  /** The browser of this run, and the other one (undefined when this machine has only one). */
  found: FoundBrowser;
  other?: FoundBrowser;
  books: [Book, Book];
}

const browsers = suite<Context>('the bundled brochure from both browsers');

/** The other browser the tool could use here: the system's or npm's, whichever this run is not. */
async function otherBrowser(found: FoundBrowser): Promise<FoundBrowser | undefined> {
  const here = await realpath(found.executablePath);
  const candidates = [findChrome({ env: {}, bundled: false }), findChrome({ env: {}, candidates: [] })];
  for (const candidate of await Promise.allSettled(candidates)) {
    if (candidate.status === 'fulfilled' && (await realpath(candidate.value.executablePath)) !== here) return candidate.value;
  }
  return undefined;
}

async function read(result: BuildPrintResult): Promise<Book> {
  const screen = await readFile(result.screen.path);
  return { result, text: await pdfLines(screen), outline: await pdfOutline(screen) };
}

browsers.before(async (ctx) => {
  ctx.found = await findChrome();
  ctx.other = await otherBrowser(ctx.found);
  if (!ctx.other) {
    // CI installs both (.ci/run); a machine with one browser has nothing to compare.
    if (process.env.CI) throw new Error(`CI needs two browsers to compare; found only ${ctx.found.executablePath}`);
    return;
  }
  const session = await launchBrowser({ browser: ctx.other, timeoutMs: 60_000, protocolTimeoutMs: 180_000 });
  try {
    const outDir = await tempDir('other-browser');
    const other = await buildPrint({ env: ENV, dataDir: BUNDLED_DATA, outDir, pdfx: false, session });
    ctx.books = [await read(await bundledBuild()), await read(other)];
  } finally {
    await session.close();
  }
});

/** `uvu` has no skip: a test on a machine with one browser says so and passes. */
const compare = (name: string, fn: (ctx: Context) => void | Promise<void>) =>
  browsers(name, async (ctx) => {
    if (!ctx.other) return console.log(`  (${name}: one browser on this machine, nothing to compare)`);
    await fn(ctx);
  });

compare('the build report names each browser, at the version the executable reports', ({ found, other, books }) => {
  [found, other!].forEach((browser, i) => {
    const used = books[i]!.result.browser;
    assert.is(used?.path, browser.executablePath);
    const version = /\d+\.\d+\.\d+\.\d+/.exec(spawnSync(browser.executablePath, ['--version'], { encoding: 'utf8' }).stdout)?.[0];
    assert.ok(version && used?.version.endsWith(`/${version}`), `${used?.version} is ${browser.executablePath} ${version}`);
  });
  assert.is.not(books[0].result.browser?.version, books[1].result.browser?.version, 'two different browsers compared');
  const report = formatReport({
    outDir: '_site',
    summary: { projets: 0, organisations: 0, partenaires: 0, temoignages: 0, contacts: 0, editions: [] },
    warnings: 0,
    sitePages: 0,
    searchPages: 0,
    pdfs: [],
    browsers: [books[0].result.browser!],
    notes: [],
    timings: [],
  });
  assert.match(report, `\n  Navigateur\u00A0: ${books[0].result.browser!.version.replace('/', ' ')} (${found.source}\u00A0: ${found.executablePath})\n`);
});

compare('the same number of pages, and the same text on every page (its characters, in any order)', ({ books: [a, b] }) => {
  assert.is(b.result.pageCount, a.result.pageCount, 'page count');
  assert.is(b.text.length, a.text.length);
  // The same characters on each page, in any order: where a line breaks a word (« intergénération-|
  // nels » or « intergénéra-|tionnels ») may differ by a glyph's width from one Chromium to the
  // other (hyphen-limit.js keeps the hyphen whose line needs it most), and with it the order in
  // which two columns' lines interleave in the extracted text; what the page holds may not.
  const held = (lines: string[]) => [...squash(lines.join('')).replace(/-/g, '')].sort().join('');
  a.text.forEach((lines, i) => assert.is(held(b.text[i] ?? []), held(lines), `page ${i + 1}`));
});

compare('every project on the same page', ({ books: [a, b] }) => {
  const projects = a.result.html.document.territoires.flatMap((t) => t.rangs.flatMap((r) => r.projets));
  assert.is(projects.length, 56);
  const pageOf = (book: Book, titre: string) => book.outline.find((e) => squash(e.title) === squash(titre))?.page;
  for (const p of projects) {
    assert.ok(pageOf(a, p.titre), `« ${p.titre} » in the outline`);
    assert.is(pageOf(b, p.titre), pageOf(a, p.titre), `page of « ${p.titre} »`);
  }
  assert.equal(b.outline, a.outline, 'the whole outline, entry by entry');
});

compare('the contents give the same page numbers', ({ books: [a, b] }) => {
  const [x, y] = [tocNumbers(a.text, a.result), tocNumbers(b.text, b.result)];
  assert.ok(x.length >= 20, `${x.length} numbered entries`);
  assert.equal(y, x);
});

compare('both embed the same fonts, ours only: no system font stood in for a glyph', ({ books }) => {
  if (!requirePoppler()) return;
  const [a, b] = books.map((book) => new Set(pdfFonts(book.result.screen.path).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))));
  for (const name of a!) assert.match(name, /^(SourceSans3|SourceSerif4)/, name);
  assert.equal([...b!].sort(), [...a!].sort());
});

browsers.run();
