/**
 * The print HTML (src/print/html.ts, templates/print/): a self-contained folder rendered by
 * Eleventy from the fixture data, with the web edition's typography, the original photos and
 * the markers the print engine reads. No browser here.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BUDGETS } from '../../src/budgets.ts';
import { headline, mdRunIn } from '../../src/print/filters.ts';
import { renderPrintHtml, type PrintHtml } from '../../src/print/html.ts';
import { FONTS } from '../../src/site/fonts.ts';
import { printFont, printFontFile, woffSource } from '../../src/print/font-unicode.ts';
import { fixtureData, tempDir } from './support/fixture.ts';

const NB = '\u00A0';
const NNB = '\u202F';

interface Context {
  dataDir: string;
  result: PrintHtml;
  /** The HTML with no-break spaces as plain spaces (typograf binds short words to the next). */
  html: string;
  /** The HTML as written. */
  raw: string;
}

/** No-break spaces (typograf's, after « de », « en »…) as plain spaces, to match text simply. */
const spaces = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

const html = suite<Context>('renderPrintHtml (print fixture)');

html.before(async (ctx) => {
  ctx.dataDir = await fixtureData();
  ctx.result = await renderPrintHtml({ dataDir: ctx.dataDir, outDir: join(await tempDir('html'), 'out') });
  ctx.raw = await readFile(ctx.result.htmlPath, 'utf8');
  ctx.html = spaces(ctx.raw);
});

/** The opening tag and content of the element with this id, up to its closing tag. */
const element = (source: string, id: string): string => {
  const start = source.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `#${id} is in the HTML`);
  const open = source.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(source.slice(open))?.[1] ?? '';
  return source.slice(open, source.indexOf(`</${tag}>`, start) + tag.length + 3);
};

html('writes a self-contained folder: HTML, stylesheets, the web edition’s faces, the original photos', async ({ result, dataDir }) => {
  const files = (await readdir(result.outDir, { recursive: true })).sort();
  for (const css of ['css/base.css', 'css/brochure.css', 'css/fonts.css', 'css/format.css']) assert.ok(files.includes(css), css);
  for (const font of FONTS) {
    // The web edition's face as TrueType, its character map without ambiguity (font-unicode.ts).
    const file = printFontFile(font.file);
    assert.ok(files.includes(`fonts/${file}`), file);
    assert.equal(await readFile(join(result.outDir, 'fonts', file)), printFont(await readFile(woffSource(font.path))), `${file} made from the shipped face`);
  }
  for (const photo of ['atelier-photo.jpg', 'budget.jpg', 'petite-photo.jpg']) {
    const copied = await readFile(join(result.outDir, 'images/projets', photo));
    assert.ok(copied.equals(await readFile(join(dataDir, 'images/projets', photo))), `${photo}: the original, byte for byte`);
  }
  const fontsCss = await readFile(join(result.outDir, 'css/fonts.css'), 'utf8');
  // TrueType made from the web edition's faces, one character per glyph (src/print/font-unicode.ts).
  assert.match(fontsCss, /src: url\('\.\.\/fonts\/source-sans-3-latin-400-normal\.ttf'\) format\('truetype'\);/);
  assert.match(await readFile(join(result.outDir, 'css/format.css'), 'utf8'), /size: A4 portrait;/);
});

html('is French, titled, and refers to nothing outside its folder', ({ html: source }) => {
  assert.match(source, /^<!doctype html>\s*<html lang="fr">/);
  assert.match(source, /<title>Innovation Sociale en Moselle 2025<\/title>/);
  const refs = [...source.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1] ?? '');
  const local = refs.filter((r) => !/^(https?:|mailto:|data:)/.test(r));
  assert.ok(local.length > 0);
  for (const ref of local) assert.match(ref, /^(css|images)\//, `local reference ${ref}`);
});

html('each featured project is marked for the fit check with its name and page budget', ({ html: source, result }) => {
  const featured = result.document.projets.filter((p) => p.rang === 'a_la_une');
  const marks = [...source.matchAll(/data-fit-name="([^"]+)" data-fit-max-pages="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
  assert.equal(marks, featured.map((p) => [p.titre.replace(/’/g, '’'), BUDGETS.a_la_une.pages]));
  assert.ok(marks.some(([name]) => name === 'Mobilité pour tous en Pays Thionvillois'));
});

html('rubrics are run-in heads with French spacing; an absent rubric is left out', ({ html: source, raw }) => {
  const project = element(source, 'projet-atelier-photo');
  assert.match(project, /<p class="rubric"><strong class="run-in">La réponse à un besoin social du territoire :<\/strong> dans un quartier/);
  assert.match(raw, new RegExp(`territoire${NB}:</strong>`), 'a no-break space before the colon');
  assert.match(project, /L’apport du financement du Département dans le déploiement du dispositif/);
  assert.not.match(project, /Les partenariats nés du dispositif/, 'the null rubric is not printed');
  assert.match(project, /<span class="year"><span class="visually-hidden">Lauréat <\/span>2024<\/span>/, 'the web edition’s year badge');
  assert.match(project, /<img src="images\/projets\/atelier-photo\.jpg" alt="Des bénévoles rangent/);
  assert.match(project, /Photo&nbsp;: Camille DURAND|Photo\u00A0: Camille DURAND/);
});

html('a photo to be supplied: in a published edition, no frame and no fake image — the text-only layout', ({ html: source }) => {
  const project = element(source, 'projet-trop-long');
  assert.not.match(project, /featured__panel|featured__media/, 'no empty frame where the photo would be');
  assert.not.match(project, /<img/);
  assert.not.match(source, /image manquante|à fournir/i, 'no « à fournir » mark outside a draft');
  assert.match(project, /featured--over-budget/, 'set in one column: it is over budget');
});

html('every project of the edition has its entry and its year badge, in its tier', ({ html: source, result }) => {
  for (const p of result.document.projets) {
    const entry = element(source, p.anchor);
    assert.match(entry, new RegExp(`Lauréat </span>${p.annee}<`), `${p.id}: year badge`);
  }
  assert.match(element(source, 'projet-velo'), /^<article class="also"/);
  assert.match(element(source, 'projet-jardin'), /^<li class="other"/);
  assert.match(element(source, 'projet-jardin'), /Maraîchage biologique en chantier d’insertion/, 'résumé in sentence case');
});

html('the call for projects is a numbered 01–04 process; sections carry their running heads', ({ html: source }) => {
  // Read aloud too: the PDF's list items carry no label, the number is the step's only one.
  const steps = [...source.matchAll(/<span class="step__number">(\d+)<\/span>/g)].map((m) => m[1]);
  assert.equal(steps, ['01', '02', '03', '04']);
  assert.match(source, /<section class="territory" data-running="Territoire de Thionville" data-section="territoire-thionville">/);
  assert.match(source, /data-edition="Innovation Sociale en Moselle 2025"/);
  assert.match(source, /<a href="#territoire-thionville"><span class="toc__text">Territoire de Thionville<\/span><\/a>/);
});

html('filters: headline keeps compounds and dashes together; mdRunIn puts the head in the first paragraph', () => {
  assert.is(String(headline('L’innovation sociale : de quoi parle-t-on ?')), `L’innovation sociale${NB}: de${NB}quoi <span class="nobr">parle-t-on</span>${NNB}?`);
  assert.is(String(headline('Territoire de Forbach – Saint-Avold')), `Territoire de${NB}Forbach${NB}– <span class="nobr">Saint-Avold</span>`);
  assert.is(String(headline('<script>')), '&lt;script&gt;');
  // A short last word is never alone on a line (« (ESS) » under its entry on the contents page).
  assert.is(String(headline('Le Département s’engage pour l’Économie Sociale et Solidaire (ESS)')), `Le${NB}Département s’engage pour l’Économie Sociale et${NB}Solidaire${NB}(ESS)`);
  assert.is(String(headline('Territoire de Metz – Orne')), `Territoire de${NB}Metz${NB}–${NB}Orne`);
  assert.is(String(mdRunIn('le texte.\n\nSuite.', 'La pérennisation')).trimEnd(), `<p class="rubric"><strong class="run-in">La${NB}pérennisation${NB}:</strong> le${NB}texte.</p>\n<p>Suite.</p>`);
  assert.is(String(mdRunIn('- un\n- deux', 'Titre')).trimEnd(), `<p class="rubric"><strong class="run-in">Titre${NB}:</strong> </p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>`);
});

html('a booklet of one territory keeps only its projects, an introduction and the contacts', async ({ dataDir }) => {
  const booklet = await renderPrintHtml({ dataDir, territory: 'thionville', outDir: join(await tempDir('html-booklet'), 'out') });
  const source = spaces(await readFile(booklet.htmlPath, 'utf8'));
  assert.match(source, /<p class="cover__subject">Territoire de Thionville<\/p>/);
  assert.match(source, /id="introduction"/);
  assert.not.match(source, /id="edito"|id="appel"|id="partenaire-le-filon"/, 'no editorial pages but the introduction');
  assert.not.match(source, /projet-atelier-photo/, 'no project of another territory');
  assert.match(source, /id="contacts"/);
  assert.equal(booklet.images, [], 'no photo in Thionville');
});

html.run();
