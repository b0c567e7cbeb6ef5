/**
 * The layout of the brochure and of every booklet of the bundled data (6 territories, 11
 * themes), built in one browser: contents pages that tell the truth, a whole number of sheets
 * without a run of blank pages, no page left nearly empty, headings and booklet texts as
 * printed. Read back from the real PDFs (pdftotext, pdf.js, pixels at 20 ppi).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { buildPrint, type BuildPrintResult } from '../../src/print/build.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { blankPages, pageTexts, pdfLines, pdfOutline, pdfStructure, pixelFill, poppler, requirePoppler, squash, tocNumbers, type StructNode } from './pdf-helpers.ts';
import { BUNDLED_DATA, ENV, tempDir } from './support/fixture.ts';

interface Built {
  id: string;
  result: BuildPrintResult;
  /** Each page's text in reading order. */
  pages: string[];
  lines: string[][];
  outline: Awaited<ReturnType<typeof pdfOutline>>;
  blank: boolean[];
  /** Each page's filled height, from its pixels. */
  fill: number[];
  tags: StructNode[];
}

const layout = suite<{ docs: Built[] }>('print layout (brochure and every booklet, bundled data)');

/** Text as compared: no spaces, no soft hyphens, one apostrophe. */
const norm = (text: string) => squash(text).replace(/['\u02BC]/g, '’').toLowerCase();

layout.before(async (ctx) => {
  requirePoppler();
  const loaded = await loadCompendium(BUNDLED_DATA);
  const c = loaded.compendium;
  if (!c) throw new Error('the bundled data does not load');
  const territories = c.territoires.map((t) => t.id);
  const themes = c.themes.map((t) => t.id);
  const jobs = [{ id: 'brochure' }, ...territories.map((id) => ({ id, territory: id })), ...themes.map((id) => ({ id, theme: id }))];
  const outDir = await tempDir('layout');
  const session: BrowserSession = await launchBrowser({ timeoutMs: 60_000, protocolTimeoutMs: 300_000 });
  ctx.docs = [];
  try {
    for (const { id, ...job } of jobs) {
      const result = await buildPrint({ dataDir: BUNDLED_DATA, compendium: c, outDir, pdfx: false, session, env: ENV, ...job });
      const bytes = await readFile(result.screen.path);
      ctx.docs.push({
        id,
        result,
        pages: await pageTexts(result.screen.path, bytes),
        lines: await pdfLines(bytes),
        outline: await pdfOutline(bytes),
        blank: await blankPages(result.screen.path),
        fill: await pixelFill(result.screen.path),
        tags: await pdfStructure(bytes),
      });
    }
  } finally {
    await session.close();
  }
});

layout('builds the brochure and all 17 booklets', ({ docs }) => {
  assert.is(docs.length, 18, docs.map((d) => d.id).join(', '));
});

layout('every number of every contents page is the page where that heading prints', ({ docs }) => {
  const wrong: string[] = [];
  for (const doc of docs) {
    // The contents are in document order: each entry's bookmark is the next one of that title
    // (« Moselle » is also a heading of the key figures, before the territory).
    let from = 0;
    for (const { titre, number } of tocNumbers(doc.lines, doc.result)) {
      // The heading's page: its bookmark (made from the heading), checked against the text.
      const at = doc.outline.findIndex((e, i) => i >= from && norm(e.title) === norm(titre));
      from = at + 1;
      const page = doc.outline[at]?.page ?? 0;
      if (!norm(doc.pages[page - 1] ?? '').includes(norm(titre))) wrong.push(`${doc.id}: « ${titre} » introuvable page ${page}`);
      else if (page !== number) wrong.push(`${doc.id}: « ${titre} » annoncé page ${number}, imprimé page ${page}`);
    }
  }
  assert.equal(wrong, []);
});

layout('a whole number of sheets, and at most one blank page: the inside back cover', ({ docs }) => {
  for (const doc of docs) {
    assert.is(doc.result.pageCount % 4, 0, `${doc.id}: ${doc.result.pageCount} pages`);
    const blank = doc.blank.flatMap((b, i) => (b ? [i + 1] : []));
    assert.ok(blank.length <= 1, `${doc.id}: blank pages ${blank.join(', ')}`);
    if (blank.length) assert.is(blank[0], doc.result.pageCount - 1, `${doc.id}: the blank page is the inside back cover`);
  }
});

layout('no page under 75 % filled, but the cover, openers, notes, the back cover and the inside back cover', ({ docs }) => {
  // The openers are sized to their content (a small section's featured project on its
  // opener's page), partners and other policies flow, short one-page texts are set larger or
  // in pairs to fill their page (print/handlers/fit-fill.js). The last two short pages were
  // section ends whose next section did not fit under them (brochure p. 34, 67 %; lien-social
  // p. 9, 73 %): a laureate's testimonial closes them now (print/handlers/closing-quote.js).
  const sparse = docs.flatMap((doc) => doc.result.findings.filter((f) => f.kind === 'sparse-page' || f.kind === 'empty-page').map((f) => `${doc.id}: ${f.message}`));
  assert.equal(sparse, []);
});

layout('no page under 75 % filled read from the PDF’s pixels, but the covers, openers and the blank page', ({ docs }) => {
  const low = docs.flatMap((doc) =>
    doc.fill.flatMap((fill, i) => {
      const facts = doc.result.pageFacts[i];
      const exempt = i === 0 || i === doc.fill.length - 1 || doc.blank[i] || facts?.allowSparse || facts?.name?.startsWith('opener');
      return fill < 0.75 && !exempt ? [`${doc.id} p. ${i + 1}: ${Math.round(fill * 100)} %`] : [];
    }),
  );
  assert.equal(low, []);
});

layout('a laureate’s testimonial closes the short last page of its section, and only that page', ({ docs }) => {
  const quoted = (doc: Built, words: string) => doc.pages.flatMap((text, i) => (norm(text).includes(norm(words)) ? [i + 1] : []));
  const brochure = docs.find((d) => d.id === 'brochure');
  const lienSocial = docs.find((d) => d.id === 'lien-social');
  const leroy = 'un écosystème très favorable, peut-être plus qu’ailleurs';
  if (!brochure || !lienSocial) throw new Error('brochure and lien-social are built');
  // In the brochure: with the testimonials (p. 6) and at the foot of Thionville's last page.
  assert.equal(quoted(brochure, leroy), [6, 34]);
  assert.match(norm(brochure.pages[33] ?? ''), new RegExp(`${norm('Wimoov')}.*${norm(leroy)}.*${norm('Frédéric LEROY')}`));
  assert.equal(quoted(lienSocial, leroy), [9]);
  // Sections whose last page is full keep theirs out: Rachel BURGY (ECCU’M, Metz – Orne) is
  // printed once in the brochure, with the testimonials.
  assert.equal(quoted(brochure, 'des emplois durables et non délocalisables'), [6]);
});

layout('no heading ends a page: each is followed on its page by the first lines of its text', ({ docs }) => {
  // Before print/handlers/keep-split.js, a section's band ended page 2 (or 4) of 9 of the 11
  // theme booklets, its featured project on the next page: src/print/fit.ts now reports a
  // page whose last line belongs to a heading.
  const stranded = docs.flatMap((doc) => doc.result.findings.filter((f) => f.kind === 'heading-at-foot').map((f) => `${doc.id}: ${f.message}`));
  assert.equal(stranded, []);
});

layout('no box spans the page’s own columns (a lead set with column-span outside a multi-column text)', ({ docs }) => {
  const faults = docs.flatMap((doc) => doc.result.findings.filter((f) => f.kind === 'layout-fault').map((f) => `${doc.id}: ${f.message}`));
  assert.equal(faults, []);
});

layout('tier headings as printed: « Les autres lauréats sur le territoire de … », singular when there is one', ({ docs }) => {
  const text = norm((docs.find((d) => d.id === 'brochure')?.pages ?? []).join('\n'));
  for (const heading of [
    'Les autres lauréats sur le territoire de la Moselle',
    'Les autres lauréats sur le territoire de Metz – Orne',
    'Les autres lauréats sur le territoire de Thionville',
    'Les autres lauréats sur le territoire de Forbach – Saint-Avold',
    'Autre lauréat sur le territoire de Sarreguemines – Bitche',
    'Autre lauréat sur le territoire de Sarrebourg – Château-Salins',
  ]) {
    assert.ok(text.includes(norm(heading)), heading);
  }
});

layout('booklet texts: names as typed, a theme counts its own laureates, one opener style per booklet', ({ docs }) => {
  for (const doc of docs.filter((d) => d.result.html.document.kind === 'territoire')) {
    const t = doc.result.html.document.territoires[0];
    const intro = squash(doc.pages[1] ?? '');
    assert.ok(intro.includes(squash(`lauréats de l’appel à projets « Innovation Sociale en Moselle » ${t?.dans}`)) || intro.includes(squash(`${t?.dans}, tirés`)), `${doc.id}: ${doc.pages[1]}`);
    assert.ok(doc.result.html.document.territoires.every((x) => !x.compact), `${doc.id}: a full opener`);
  }
  for (const doc of docs.filter((d) => d.result.html.document.kind === 'theme')) {
    const all = doc.pages.join('\n');
    assert.not.match(all, /lauréats? en 2025/, `${doc.id}: counts the theme’s laureates`);
    assert.match(all, /\d+\s?lauréats? de ce thème/, doc.id);
    assert.ok(doc.result.html.document.territoires.every((x) => x.compact), `${doc.id}: one opener style, the compact one`);
  }
});

layout('a featured text continued on the next page keeps its rubrics’ size: only the first paragraph is a lead', async ({ docs }) => {
  // Paged.js clones the split text box on the next page; `> p:first-child` made its first
  // paragraph a second lead (11.5 pt serif, full width) in theme booklets (Alimentation p5, p8).
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const RUBRIC = /^(La réponse à|L[’ʼ]apport du|Les partenariats nés|La pérennisation)/;
  let rubrics = 0;
  const wrong: string[] = [];
  for (const doc of docs) {
    const pdf = await getDocument({ data: new Uint8Array(await readFile(doc.result.screen.path)), verbosity: 0 }).promise;
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || !RUBRIC.test(item.str)) continue;
        rubrics++;
        // The rubric heads are set in the body's sans (pdf.js names the face's kind from its
        // descriptor); as a lead they came out in the serif.
        const family = content.styles[item.fontName]?.fontFamily ?? '';
        if (family !== 'sans-serif') wrong.push(`${doc.id} p${n} ${item.str.slice(0, 30)} (${family})`);
      }
    }
    await pdf.destroy();
  }
  assert.ok(rubrics > 50, `${rubrics} rubric heads found`);
  assert.equal(wrong, []);
});

layout('notes pages are ruled every 8 mm down to the foot, every line drawn at screen resolution', async ({ docs }) => {
  // A repeating gradient printed as a shading that viewers rasterised with one hairline in three
  // missing (p. 42 at 50–150 dpi): each line is now a vector stroke (print/handlers/ruled-lines.js).
  let seen = 0;
  for (const doc of docs) {
    // A whole notes page: its title, the running head and the folio, nothing else.
    const notes = doc.pages.flatMap((text, i) => (i > 0 && /\bNotes\b/.test(text) && squash(text).length < 90 ? [i + 1] : []));
    for (const page of notes) {
      const rows = await ruledRows(doc.result.screen.path, page);
      const gaps = rows.slice(1).map((r, i) => r - (rows[i] ?? 0));
      assert.ok(rows.length >= 20, `${doc.id} p${page}: ${rows.length} ruled lines`);
      // 8 mm at 150 ppi is 47 px.
      assert.equal(gaps.filter((g) => Math.abs(g - 47) > 2), [], `${doc.id} p${page}: line spacing`);
      seen++;
    }
  }
  assert.ok(seen >= 1, 'at least one whole notes page among the 18 documents');
});

layout('tags a screen reader can use: no empty heading, quotes as quotes, figures with alt, headings nested', ({ docs }) => {
  for (const doc of docs) {
    const headings = doc.tags.filter((t) => /^H\d$/.test(t.role));
    assert.equal(headings.filter((h) => h.empty).map((h) => `p${h.page} ${h.role}`), [], `${doc.id}: empty headings`);
    assert.equal(doc.tags.filter((t) => t.role === 'Figure' && !t.alt).map((t) => `p${t.page}`), [], `${doc.id}: figures without alt`);
    // No level skipped on the way down (an H3 follows an H2 or an H3, never an H1 alone).
    const skips = headings.flatMap((h, i) => (i > 0 && Number(h.role.slice(1)) > Number(headings[i - 1]?.role.slice(1)) + 1 ? [`p${h.page} ${headings[i - 1]?.role} → ${h.role}`] : []));
    assert.equal(skips, [], `${doc.id}: heading levels skipped`);
  }
  const brochure = docs.find((d) => d.id === 'brochure')?.tags ?? [];
  // The six partner and call quotes (p8–13), the two definitions and the testimonials: quotes.
  const quotePages = new Set(brochure.filter((t) => t.role === 'BlockQuote' && !t.empty).map((t) => t.page));
  for (const page of [4, 6, 8, 9, 10, 11, 12, 13]) assert.ok(quotePages.has(page), `a BlockQuote on page ${page}`);
});

/** The rows (px at 150 ppi) of the hairlines across a page: rows darkened over 60 % of its width. */
async function ruledRows(path: string, page: number): Promise<number[]> {
  const dir = await tempDir('ruled');
  poppler('pdftoppm', ['-r', '150', '-gray', '-png', '-f', String(page), '-l', String(page), path, join(dir, 'p')]);
  const file = (await readdir(dir)).find((f) => f.endsWith('.png')) ?? '';
  const { data, info } = await sharp(join(dir, file)).greyscale().raw().toBuffer({ resolveWithObject: true });
  // Runs of marked rows: a hairline darkens one or two rows (anti-aliased), the title's thick
  // rule several: only hairlines are ruled lines.
  const runs: Array<{ start: number; length: number }> = [];
  for (let y = 0; y < info.height; y++) {
    let marked = 0;
    for (let x = 0; x < info.width; x++) if ((data[y * info.width + x] ?? 255) < 250) marked++;
    if (marked <= info.width * 0.6) continue;
    const last = runs.at(-1);
    if (last && last.start + last.length === y) last.length++;
    else runs.push({ start: y, length: 1 });
  }
  return runs.filter((r) => r.length <= 2).map((r) => r.start);
}

layout.run();
