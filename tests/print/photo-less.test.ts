/**
 * Featured pages designed for what exists (the 2025 photos are not available): in a published
 * edition a featured project without a photo has no empty frame and its text is sized to fill
 * the page; in a draft edition a small « Photo à fournir » mark shows what is missing. With a
 * photo the layout is unchanged: the print fixture's generated photos (tests/print/render and
 * build-fixture) keep their figure.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCompendium } from '../../src/data/index.ts';
import type { Compendium } from '../../src/model.ts';
import { renderPrintHtml } from '../../src/print/html.ts';
import { BUNDLED_DATA, fixtureData, tempDir } from './support/fixture.ts';

const photos = suite<{ c: Compendium }>('featured pages without a photo (print HTML)');

photos.before(async (ctx) => {
  const loaded = await loadCompendium(BUNDLED_DATA);
  if (!loaded.compendium) throw new Error('the bundled data must be valid');
  ctx.c = loaded.compendium;
});

const featured = (html: string) => html.match(/<article class="featured[\s\S]*?<\/article>/g) ?? [];

photos('a published edition: no empty frame, the text fills the page instead', async ({ c }) => {
  const html = await readFile((await renderPrintHtml({ dataDir: BUNDLED_DATA, compendium: c, outDir: join(await tempDir('photo-less'), 'out') })).htmlPath, 'utf8');
  const articles = featured(html);
  assert.is(articles.length, 18, 'the 18 featured projects');
  for (const a of articles) {
    assert.not.match(a, /featured__panel|featured__media|tint-\d|Photo à fournir/, a.slice(0, 200));
    assert.match(a, /featured--text/);
  }
  assert.ok(articles.filter((a) => a.includes('data-fit-fill')).length >= 12, 'sized to fill its page (not the shared ones)');
});

photos('a draft edition: a small « Photo à fournir » mark', async ({ c }) => {
  const draft: Compendium = { ...c, editions: c.editions.map((e) => ({ ...e, brouillon: true })) };
  const html = await readFile((await renderPrintHtml({ dataDir: BUNDLED_DATA, compendium: draft, outDir: join(await tempDir('photo-draft'), 'out') })).htmlPath, 'utf8');
  for (const a of featured(html)) assert.match(a, /<p class="featured__missing"[^>]*>Photo à fournir<\/p>/);
});

photos('with a photo, the figure as before', async () => {
  const html = await readFile((await renderPrintHtml({ dataDir: await fixtureData(), outDir: join(await tempDir('photo-with'), 'out') })).htmlPath, 'utf8');
  const withPhoto = featured(html).filter((a) => a.includes('<figure class="featured__media">'));
  assert.ok(withPhoto.length > 0, 'the fixture has photos');
  for (const a of withPhoto) assert.not.match(a, /featured--text|data-fit-fill|Photo à fournir/);
});

photos.run();
