/**
 * Failure paths of pagination, with Paged.js replaced by a stub in a real page: a layout that
 * never ends, one that throws, one that gives up on content (« Layout repeated »); and a box
 * too tall for any page, laid out by the real Paged.js, caught by the fit check.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PaginationError, PaginationTimeoutError, PrintInputNotFoundError } from '../../src/print/errors.ts';
import { collectPageFacts, fitFindings, type FitFinding, type FitKind } from '../../src/print/fit.ts';
import { loadPrintPage, paginate } from '../../src/print/paginate.ts';
import { renderPrint } from '../../src/print/render.ts';
import { closePagedFixture, layOut, openPagedFixture, type PagedFixture } from './support/paged.ts';

type Context = PagedFixture;

const failing = suite<Context>('paginate: failures and overflow');

failing.before(async (ctx) => {
  Object.assign(ctx, await openPagedFixture('paginate'));
  await writeFile(join(ctx.dir, 'page.html'), '<!doctype html><html lang="fr"><title>t</title><p>Bonjour</p></html>');
});

failing.after(async (ctx) => {
  await closePagedFixture(ctx);
});

/** Loads the page, then swaps Paged.js for a stub whose preview() runs `body`. */
async function withStub(ctx: Context, body: string, timeoutMs: number): Promise<unknown> {
  const page = await ctx.session.browser.newPage();
  try {
    const loaded = await loadPrintPage(page, ctx.server.urlFor('page.html'), { bleedMm: 3, cropMarks: false, timeoutMs: 10_000 });
    await page.evaluate(`window.Paged = { Previewer: class { preview() { ${body} } } };`);
    return await paginate(page, loaded, { timeoutMs }).catch((e: unknown) => e);
  } finally {
    await page.close();
  }
}

failing('a layout that does not finish in time is a PaginationTimeoutError', async (ctx) => {
  const error = await withStub(ctx, 'window.__compendiumProgress(2); return new Promise(() => {});', 1000);
  assert.instance(error, PaginationTimeoutError);
  assert.is((error as PaginationTimeoutError).code, 'PAGINATION_TIMEOUT');
  assert.is(
    (error as Error).message,
    'La mise en page n’est pas terminée après 1\u00A0s (2\u00A0pages composées). Un élément trop grand pour une page bloque peut-être Paged.js\u00A0; augmentez le délai si le document est simplement long.',
  );
});

failing('an exception in Paged.js is a PaginationError that says what Paged.js said', async (ctx) => {
  const error = await withStub(ctx, 'return Promise.reject(new Error("boom"));', 10_000);
  assert.instance(error, PaginationError);
  assert.match((error as Error).message, /^La mise en page par Paged\.js a échoué\u00A0: Error: boom/);
});

failing('content Paged.js gives up on (« Layout repeated ») fails instead of silently missing', async (ctx) => {
  const error = await withStub(ctx, 'console.error("Layout repeated at: ", document.body); return Promise.resolve({ total: 1 });', 10_000);
  assert.instance(error, PaginationError);
  assert.match((error as Error).message, /un élément ne tient sur aucune page/);
});

/** The fit findings of `kind` on `body` (with base.css), laid out by Paged.js in a new tab. */
const findingsOf = (ctx: Context, name: string, body: string, kind: FitKind): Promise<FitFinding[]> =>
  layOut(ctx, name, body, async (page) => fitFindings(await collectPageFacts(page)).filter((f) => f.kind === kind));

failing('a box taller than the text area is reported by name, on its page, with its excess', async (ctx) => {
  const overflows = await findingsOf(
    ctx,
    'tall.html',
    '<section class="chapter"><h2 class="chapter-title">Un</h2><p>Texte avant.</p>' +
      '<div data-fit-name="Tableau géant" style="height: 320mm; break-inside: avoid">Boîte trop haute</div><p>Après.</p></section>',
    'overflow',
  );
  // 320 mm of box in a 297 − 20 − 22 = 255 mm text area: 65 mm too many, on page 2
  // (Paged.js moves the box off page 1, which it cannot fill either).
  assert.equal(overflows.map(({ page: n, name }) => ({ n, name })), [{ n: 2, name: 'Tableau géant' }]);
  assert.match(overflows[0]?.message ?? '', /de 65\u00A0mm\./);
});

failing('a heading left at the foot of a page, its text on the next, is reported by its text', async (ctx) => {
  // h5: base.css keeps h1–h4 with what follows; this one is free to end the page.
  const found = await findingsOf(
    ctx,
    'foot.html',
    '<p style="height: 235mm">Texte avant.</p><h5>Titre orphelin</h5><p style="height: 80mm; break-inside: avoid">Son texte.</p>' +
      '<h5>Titre suivi</h5><p>Son texte, sur la même page.</p>',
    'heading-at-foot',
  );
  assert.equal(found.map(({ page: n, name }) => ({ n, name })), [{ n: 1, name: 'Titre orphelin' }]);
  assert.match(found[0]?.message ?? '', /^Page 1\u00A0: le titre «\u00A0Titre orphelin\u00A0» termine la page/);
});

failing('a box set across columns outside a multi-column box is a layout fault', async (ctx) => {
  // The theme booklets' lead (column-span: all in a one-column text) spanned Paged.js's own
  // page columns, out of its text's flow, and ran past the foot of its page.
  const found = await findingsOf(
    ctx,
    'spanner.html',
    '<section data-fit-name="Projet sans colonnes"><div><p style="column-span: all">Chapeau.</p><p>Texte.</p></div></section>' +
      '<section data-fit-name="Projet en colonnes"><div style="columns: 2"><p style="column-span: all">Chapeau.</p><p>Texte.</p></div></section>',
    'layout-fault',
  );
  assert.equal(found.map(({ page: n, name }) => ({ n, name })), [{ n: 1, name: 'Projet sans colonnes' }]);
});

failing('a contents box does not excuse the rest of its page; ruled lines count as filled', async (ctx) => {
  const found = await findingsOf(
    ctx,
    'shared-sparse.html',
    // Page 1: a short contents (sparse by design) and a short text under it, 45 % filled: before,
    // the contents' mark let the whole page through (a booklet's contents and introduction).
    '<nav data-fit-allow-sparse><p>Sommaire</p></nav><div style="height: 110mm; background: #eee">Introduction</div>' +
      // Page 2 (the next box does not fit on page 1): a tinted box, then rules every 8 mm to
      // the foot (a notes block): filled, not a hole.
      '<div style="height: 150mm; break-inside: avoid; background: #eee">Dernière entrée.</div><section data-fit-allow-sparse>' +
      Array.from({ length: 12 }, () => '<div style="height: 8mm; border-bottom: 0.4pt solid #999"></div>').join('') +
      '</section>',
    'sparse-page',
  );
  assert.equal(found.map((f) => f.page), [1]);
});

failing('requests leaving the local server are refused at once and listed', async (ctx) => {
  await writeFile(join(ctx.dir, 'external.html'), '<!doctype html><html lang="fr"><title>t</title><img src="https://example.org/logo.png" alt=""></html>');
  const page = await ctx.session.browser.newPage();
  try {
    const loaded = await loadPrintPage(page, ctx.server.urlFor('external.html'), { bleedMm: 3, cropMarks: false, timeoutMs: 10_000 });
    assert.equal(loaded.blockedRequests, ['https://example.org/logo.png']);
  } finally {
    await page.close();
  }
});

failing('renderPrint refuses a missing input before starting any browser', async () => {
  const error = await renderPrint({ input: '/nulle/part/livret.html', metadata: { title: 't', author: 'a' } }).catch((e: unknown) => e);
  assert.instance(error, PrintInputNotFoundError);
  assert.is((error as Error).message, 'Fichier HTML d’impression introuvable\u00A0: /nulle/part/livret.html');
});

failing.run();
