/**
 * The 2025 brochure as a typographer and a reader check it (issue 14), on the real PDFs of the
 * bundled data: hyphenation read back from pdf.js text positions (lines ending in a hyphen,
 * runs of them, breaks in capitalised words), the screen PDF's text as pdftotext and pdf.js
 * extract it (soft hyphens, letter-spaced labels, every word as often as printed), the names
 * and the year badges as printed.
 */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BuildPrintResult } from '../../src/print/build.ts';
import { figureNumber } from '../../src/data/figure-checks.ts';
import { loadCompendium } from '../../src/data/index.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { poppler, requirePoppler } from './pdf-helpers.ts';
import { BUNDLED_DATA, bundledBuild, tempDir } from './support/fixture.ts';

interface Line {
  page: number;
  text: string;
}

/**
 * Each page's text lines from pdf.js positions: items on one baseline and close together make
 * a line (the two columns of a page stay apart), columns read left to right, top to bottom.
 */
async function positionedLines(bytes: Uint8Array): Promise<{ lines: Line[]; softHyphensInWords: string[]; drawn: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const lines: Line[] = [];
  const softHyphensInWords: string[] = [];
  let drawn = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    drawn += content.items.map((item) => ('str' in item ? item.str : '')).join('\n') + '\n';
    const items = content.items
      .flatMap((item) => ('str' in item && item.str.trim() !== '' ? [{ x: item.transform[4] as number, y: Math.round(item.transform[5] as number), w: item.width, s: item.str }] : []))
      .sort((a, b) => b.y - a.y || a.x - b.x);
    for (const item of items) if (/\u00AD\p{L}/u.test(item.s)) softHyphensInWords.push(`p${n} ${item.s}`);
    const page: Array<{ x: number; y: number; end: number; text: string }> = [];
    for (const item of items) {
      const last = page.at(-1);
      if (last && last.y === item.y && item.x - last.end < 15) {
        last.text += (item.x - last.end > 1 ? ' ' : '') + item.s;
        last.end = item.x + item.w;
      } else page.push({ x: item.x, y: item.y, end: item.x + item.w, text: item.s });
    }
    page.sort((a, b) => (Math.abs(a.x - b.x) < 30 ? 0 : a.x - b.x) || b.y - a.y);
    lines.push(...page.map((l) => ({ page: n, text: l.text.trim() })));
  }
  await doc.destroy();
  return { lines, softHyphensInWords, drawn };
}

interface Context {
  result: BuildPrintResult;
  screen: Uint8Array;
  lines: Line[];
  softHyphensInWords: string[];
  /** pdf.js's text items in the order they are drawn, one a line. */
  drawn: string;
  /** pdftotext of the screen PDF, page by page. */
  pages: string[];
}

const text = suite<Context>('the 2025 brochure as a typographer and a reader check it');

text.before(async (ctx) => {
  requirePoppler();
  ctx.result = await bundledBuild();
  ctx.screen = await readFile(ctx.result.screen.path);
  Object.assign(ctx, await positionedLines(ctx.screen));
  ctx.pages = poppler('pdftotext', ['-enc', 'UTF-8', ctx.result.screen.path, '-']).split('\f').slice(0, -1);
});

const hyphenated = (line: Line) => /\p{L}[-\u2010\u00AD]$/u.test(line.text);

text('at most 8 % of the lines end in a hyphen (17 % before), never three in a row', ({ lines }) => {
  const withText = lines.filter((l) => /\p{L}/u.test(l.text));
  const ends = withText.filter(hyphenated);
  assert.ok(withText.length > 1500, `${withText.length} lines read`);
  assert.ok(ends.length / withText.length <= 0.08, `${ends.length} hyphenated lines of ${withText.length}`);
  const runs: string[] = [];
  let run: Line[] = [];
  for (const line of [...withText, { page: 0, text: '' }]) {
    if (hyphenated(line)) run.push(line);
    else {
      if (run.length > 2) runs.push(`p${run[0]!.page}: ${run.map((l) => l.text.split(' ').pop()).join(' / ')}`);
      run = [];
    }
  }
  assert.equal(runs, [], 'runs of three or more hyphenated lines');
});

text('no paragraph ends on a line under 5 characters (« ment. » p16, « tion. » p8 before)', async ({ result }) => {
  // Poppler's blocks are the paragraphs as laid out, through their inline elements (links,
  // emphasis, run-in heads), each with its lines. (Written to a file: too long for a pipe's buffer.)
  const file = `${await tempDir('text-layer-bbox')}/layout.html`;
  poppler('pdftotext', ['-bbox-layout', result.screen.path, file]);
  const layout = await readFile(file, 'utf8');
  const short: string[] = [];
  let paragraphs = 0;
  for (const [n, page] of (layout.match(/<page[\s\S]*?<\/page>/g) ?? []).entries()) {
    for (const block of page.match(/<block[\s\S]*?<\/block>/g) ?? []) {
      const lines = (block.match(/<line[\s\S]*?<\/line>/g) ?? []).map((line) => [...line.matchAll(/>([^<]*)<\/word>/g)].map((m) => m[1]).join(' '));
      if (lines.length < 2) continue;
      paragraphs += 1;
      const last = lines.at(-1)!;
      // A syllable of text (lower case): not a heading's last word, « … Houiller – / ASBH » p39.
      if (last.length < 5 && /\p{Ll}/u.test(last)) short.push(`p${n + 1}: ${lines.at(-2)} / ${last}`);
    }
  }
  assert.ok(paragraphs > 300, `${paragraphs} paragraphs of two lines or more`);
  assert.equal(short, []);
});

text('the key figures page prints each figure once (p5 printed them as big numbers and again in its text)', async ({ pages }) => {
  const { compendium } = await loadCompendium(BUNDLED_DATA);
  const figures = compendium!.editions.at(-1)!.chiffres_cles!.chiffres;
  // The page itself, not the contents that name it.
  const page = pages.find((p) => p.includes('Les chiffres clés de l’ESS en Moselle') && p.includes('GRAND EST') && p.includes('FRANCE'))!;
  const counts = figures.map((f) => {
    const number = figureNumber(f.valeur)!;
    const pattern = number.split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u00A0\\u202F]*');
    return `${f.valeur} ${page.match(new RegExp(`(?<![\\d,])${pattern}(?![\\d]|,\\d)`, 'gu'))?.length ?? 0}`;
  });
  assert.equal(counts, figures.map((f) => `${f.valeur} 1`));
  assert.not.ok(page.includes('depuis 2019'), '« 2019 … (depuis 2019) »');
});

/** Territory openers whose contents list one featured project, under « Projet à la une » (singular, as the kicker). */
const singleFeaturedOpeners = (result: BuildPrintResult) =>
  result.html.document.territoires.filter((t) => !t.compact && t.rangs.find((r) => r.key === 'a_la_une')?.projets.length === 1).length;

text('text-only featured pages: no wide word spaces (3.7 em after a run-in head before)', async ({ screen, result }) => {
  // Word spaces from pdf.js positions: the gap between two words of a line, in ems of the text.
  const doc = await getDocument({ data: new Uint8Array(screen), verbosity: 0 }).promise;
  let widest = { em: 0, where: '' };
  let pages = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const items = (await (await doc.getPage(n)).getTextContent()).items.flatMap((item) =>
      'str' in item && item.str.trim() !== '' ? [{ x: item.transform[4] as number, y: Math.round(item.transform[5] as number), w: item.width, s: item.str, size: Math.hypot(item.transform[0] as number, item.transform[1] as number) }] : [],
    );
    const kickers = items.map((i) => i.s).join(' ').split('PROJET À LA UNE').length - 1;
    if (!kickers) continue;
    // Two featured projects may share a page, or one its section opener's page.
    pages += kickers;
    // An opener's contents (titles and page numbers, in two columns) are not body text.
    if (items.some((i) => i.s.includes('LES LAURÉATS PAR TERRITOIRE'))) continue;
    // Body text only (set larger than 9 pt on these pages), by line and column; not the facts line.
    const lines = new Map<string, typeof items>();
    for (const item of items.filter((i) => i.size > 9)) {
      const key = `${item.y} ${item.x < 297 ? 0 : 1}`;
      lines.set(key, [...(lines.get(key) ?? []), item]);
    }
    for (const line of lines.values()) {
      if (line.some((i) => /ciblé|^Public$/.test(i.s))) continue;
      line.sort((a, b) => a.x - b.x);
      for (let i = 1; i < line.length; i++) {
        const em = (line[i]!.x - (line[i - 1]!.x + line[i - 1]!.w)) / line[i]!.size;
        if (em > widest.em) widest = { em, where: `p${n}: ${line.map((w) => w.s).join(' ')}` };
      }
    }
  }
  await doc.destroy();
  assert.is(pages, 18 + singleFeaturedOpeners(result), 'the 18 featured projects, and the openers that list one');
  assert.ok(widest.em < 0.5, `widest word space ${widest.em.toFixed(2)} em, ${widest.where}`);
});

text('no capitalised word, acronym or domain name is broken across lines (Mo-selle, Dra-gonne, Ré-em-ployez.fr)', ({ lines }) => {
  const broken = lines.flatMap((line, i) => {
    const last = line.text.split(' ').pop() ?? '';
    const next = lines[i + 1]?.text ?? '';
    // A break inside a word: the next line goes on in lower case (a compound's own hyphen,
    // « Saint-|Avold », goes on with a capital). « L’ac- » is an elided article: its word is not capitalised.
    return hyphenated(line) && /^\p{Lu}/u.test(last.replace(/^\p{L}[’']/u, '')) && /^\p{Ll}/u.test(next) ? [`p${line.page} ${last}${next.split(' ')[0]}`] : [];
  });
  assert.equal(broken, []);
  assert.not.ok(lines.some((l) => /Ré-?$/u.test(l.text) && l.text.endsWith('-')), 'Ré-employez.fr stays on one line');
});

text('the text layer has no soft hyphen inside a word (7 513 before): « Moselle » is found as often as printed', ({ pages, softHyphensInWords }) => {
  assert.equal(softHyphensInWords, [], 'pdf.js: soft hyphens inside words');
  const all = pages.join('\n');
  // A soft hyphen may stay only where a line ends at it (drawn as a hyphen), when Chromium
  // would lay the line out again with a hyphen-minus there: one such line in 2025.
  assert.ok((all.match(/\u00AD/g) ?? []).length <= 2, `${(all.match(/\u00AD/g) ?? []).length} soft hyphens in pdftotext`);
  assert.not.ok(all.includes('\u2060'), 'no word joiner left');
  const printed = (word: string) => all.match(new RegExp(`\\b${word}\\b`, 'gu'))?.length ?? 0;
  // 99 printed: the key figures page's text no longer says « En Moselle, l’ESS regroupe : »
  // before the figures its big numbers carry (the other test counts every word as printed).
  assert.ok(printed('Moselle') >= 99, `« Moselle » ${printed('Moselle')} times (28 before)`);
});

text('pdf.js and poppler read every apostrophe as « ’ » (Firefox found « Trait d’Union » in 2 of its 4 headings)', ({ pages, drawn }) => {
  // The fonts drew ’ and ʼ (U+02BC) with one glyph: the ToUnicode map said ʼ, pdf.js read it
  // (188 in the headings), poppler followed the ActualText. src/print/font-unicode.ts.
  assert.is((drawn.match(/[\u02BB\u02BC]/g) ?? []).length, 0, 'pdf.js: modifier letters');
  const poppler = (pages.join('\n').match(/\u2019/g) ?? []).length;
  assert.ok(poppler > 600, `${poppler} apostrophes in pdftotext`);
  assert.is((drawn.match(/\u2019/g) ?? []).length, poppler, 'pdf.js reads as many ’ as poppler');
});

text('every word of the brochure is found in the screen PDF as often as the document prints it', async ({ pages, drawn }) => {
  // The print HTML again (the build's own copy is gone with its temporary folder).
  const { htmlPath } = await renderPrintHtml({ dataDir: BUNDLED_DATA, outDir: await tempDir('text-layer') });
  const html = await readFile(htmlPath, 'utf8');
  const body = html
    .slice(html.indexOf('<body'))
    .replace(/<span class="visually-hidden">.*?<\/span>/gs, '')
    // A section's testimonial prints only where its last page has room for it
    // (print/handlers/closing-quote.js); the testimonials chapter prints them all.
    .replace(/<div[^>]*data-section-quote[^>]*>.*?<\/div>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .toLowerCase();
  const pdf = pages.join('\n').replace(/\u00AD/g, '').toLowerCase();
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of text.match(/[\p{L}’]{8,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  };
  // pdftotext joins a word hyphenated at a line's end, but not across a column break (« associa- »
  // at the foot of a column, « tions » at the head of the next): read there in the order pdf.js
  // finds the text drawn, joined the same way. A word counts as found as often as either has it.
  const byColumn = count(drawn.replace(/\u00AD/g, '').replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2').toLowerCase());
  const inPdf = count(pdf);
  for (const [word, n] of byColumn) if (n > (inPdf.get(word) ?? 0)) inPdf.set(word, n);
  // pdftotext joins a compound broken at its own hyphen (« Vice-|Président » → « VicePrésident »):
  // a word that follows a hyphen in the source may be missed once for that reason only.
  const missing = [...count(body)].filter(([word, n]) => (inPdf.get(word) ?? 0) < n && !body.includes(`-${word}`)).map(([word, n]) => `${word} ${inPdf.get(word) ?? 0}/${n}`);
  assert.ok(count(body).size > 1000);
  assert.equal(missing, []);
});

text('letter-spaced labels extract as words: running heads, kickers, tiers', ({ pages, lines, result }) => {
  const all = pages.join('\n');
  const openers = singleFeaturedOpeners(result);
  assert.ok(openers >= 3, `${openers} openers list one featured project`);
  assert.is(all.match(/PROJET À LA UNE/g)?.length, 18 + openers, 'each featured project’s kicker, and the openers’ contents that list one');
  assert.ok((all.match(/INNOVATION SOCIALE EN MOSELLE 2025/g)?.length ?? 0) >= 15, 'left running heads');
  assert.is(all.match(/PARTENAIRE DU DÉPARTEMENT/g)?.length, 5);
  const spaced = /(?:^|\s)(?:\p{Lu}{1,2} ){3,}\p{Lu}/u;
  assert.equal(pages.flatMap((p, i) => p.split('\n').filter((l) => spaced.test(l)).map((l) => `p${i + 1} ${l}`)), [], 'pdftotext');
  assert.equal(lines.filter((l) => spaced.test(l.text)).map((l) => `p${l.page} ${l.text}`), [], 'pdf.js');
});

text('organisations are named as printed, full name and acronym in the brochure’s order, once per entry', ({ lines }) => {
  // pdf.js lines, column by column: pdftotext reads a two-line name in a side column apart.
  const all = lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ');
  for (const name of [
    'AMLI – Association pour l’Accompagnement, le Mieux-Être et le Logement des Isolés',
    'Action Sociale du Bassin Houiller – ASBH',
    'CASSIS – Centre d’Animation Sociale, Sportive et Solidaire',
    'Le Quai – Centre social et culturel du Sablon',
  ]) {
    assert.ok(all.includes(name), name);
  }
  // An entry without a project name: its title is the organisation's name, not followed by it again.
  for (const name of ['Escapade', 'L’Œuvre Sociale Protestante', 'Le Graoul’Tri', 'Valo’ Lab', 'Artopie', 'Action Sociale du Bassin Houiller – ASBH']) {
    assert.not.ok(all.includes(`${name} ${name}`), `${name} printed twice in a row`);
  }
});

text('a « LAURÉAT 20xx » badge only for the years that are known', async ({ pages }) => {
  const { compendium } = await loadCompendium(BUNDLED_DATA);
  const projects = compendium!.projets;
  const known = projects.filter((p) => !p.annee_statut);
  assert.is(projects.length - known.length, 9, 'nine years to confirm in 2025');
  const all = pages.join('\n');
  assert.is(all.match(/LAURÉAT 20\d\d/g)?.length, known.length, 'one badge per project of known year');
  for (const year of [2019, 2020, 2021, 2022, 2023, 2024]) {
    assert.is(all.match(new RegExp(`LAURÉAT ${year}`, 'g'))?.length ?? 0, known.filter((p) => p.annee === year).length, `badges ${year}`);
  }
});

text.run();
