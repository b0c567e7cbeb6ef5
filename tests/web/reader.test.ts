import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { BUNDLED_DATA, build, type BuiltSite } from './support/fixtures.ts';
import { serveSite, type SiteServer } from './support/server.ts';

/**
 * The bundled site as three readers meet it, in a real Chromium: a screen-reader user
 * searching (what the live region says), a keyboard user in Windows high-contrast mode
 * (forced colours: every focused element must show it), and a phone on a slow network (the
 * page must not move when the fonts arrive).
 */
let site: BuiltSite;
let server: SiteServer;
let session: BrowserSession;
let page: Page;

const PAGES = ['/', '/territoires/metz-orne/', '/projets/graoucoop/', '/recherche/?q=epicerie'];

const reader = suite('the web edition for every reader');
reader.before(async () => {
  site = await build({ dataDir: BUNDLED_DATA });
  server = await serveSite(site.outDir);
  session = await launchBrowser();
  page = await session.browser.newPage();
});
reader.after(async () => {
  await session?.close();
  await server?.close();
});

/** The live region's text, once it speaks of `query` (the whole of it, not a word being typed). */
async function status(query = ''): Promise<string> {
  await page.waitForFunction((q) => {
    const s = document.querySelector('[data-search-status]')?.textContent ?? '';
    return s !== '' && !s.includes('en cours') && s.includes(`«\u202F${q}`) && (!q || s.includes(`${q}\u202F»`));
  }, { polling: 100, timeout: 30_000 }, query);
  return page.$eval('[data-search-status]', (el) => el.textContent ?? '');
}

reader('search: the count is announced by a live region, typed or from ?q=', async () => {
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(server.url('/recherche/'), { waitUntil: 'load' });
  const region = await page.$eval('[data-search-status]', (el) => ({ role: el.getAttribute('role'), live: el.getAttribute('aria-live'), atomic: el.getAttribute('aria-atomic') }));
  assert.equal(region, { role: 'status', live: 'polite', atomic: 'true' });
  await page.focus('#recherche-champ');
  await page.keyboard.type('graoucoop');
  assert.match(await status('graoucoop'), /^\d+\u00A0résultats? pour «\u202Fgraoucoop\u202F»\.$/);
  await page.goto(server.url('/recherche/?q=%C3%A9picerie'), { waitUntil: 'load' });
  assert.match(await status('épicerie'), /^\d+\u00A0résultats pour «\u202Fépicerie\u202F»\.$/);
});

reader('search: a query that matches nothing finds nothing, and says so', async () => {
  for (const q of ['zzzzqx', 'qwxz', 'xylophonique']) {
    await page.goto(server.url(`/recherche/?q=${q}`), { waitUntil: 'load' });
    assert.is(await status(q), `Aucun résultat pour «\u202F${q}\u202F».`);
    assert.is(await page.$$eval('.search__result', (r) => r.length), 0, q);
  }
});

reader('search: one link per result, excerpts with spaces between labels and values', async () => {
  await page.goto(server.url('/recherche/?q=graoucoop'), { waitUntil: 'load' });
  await status();
  const results = await page.$$eval('.search__result', (lis) => lis.map((li) => ({ links: li.querySelectorAll('a').length, excerpt: li.querySelector('.search__excerpt')?.textContent ?? '' })));
  assert.ok(results.length > 0);
  for (const r of results) {
    assert.is(r.links, 1, r.excerpt);
    assert.not.match(r.excerpt, /Lauréat en\d|Territoire(?:ciblé)?[A-Z]|cibl[ée][A-Z]|[a-zé]Lauréat/, r.excerpt);
  }
});

reader('search page: no focusable control is invisible, and no placeholder to read in low contrast', async () => {
  await page.goto(server.url('/recherche/?q=graoucoop'), { waitUntil: 'load' });
  await status();
  const hidden = await page.evaluate(() => {
    const focusable = Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'));
    return focusable
      .filter((el) => {
        let node: HTMLElement | null = el;
        while (node) {
          const s = getComputedStyle(node);
          if (s.display === 'none') return false; // not focusable at all
          if (Number(s.opacity) === 0 || s.visibility === 'hidden') return true;
          node = node.parentElement;
        }
        const r = el.getBoundingClientRect();
        return r.width < 2 || r.height < 2;
      })
      .map((el) => el.outerHTML.slice(0, 80));
  });
  assert.equal(hidden, []);
  assert.is(await page.$eval('#recherche-champ', (el) => el.getAttribute('placeholder')), null);
});

/**
 * Tabs through a page; for each focused element, a screenshot of its surroundings focused and
 * then blurred: they must differ (the focus indicator). Returns the elements that showed nothing.
 */
async function invisibleFocus(path: string): Promise<string[]> {
  await page.goto(server.url(path), { waitUntil: 'load' });
  // Focus rings are drawn only in a focused window.
  await page.bringToFront();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  assert.ok(await page.evaluate(() => document.hasFocus()), 'the page has the focus');
  if (path.startsWith('/recherche/')) await status();
  const silent: string[] = [];
  let first: string | undefined;
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      el.scrollIntoView({ block: 'center' });
      const box = (el.closest('.card') ?? el).getBoundingClientRect();
      const own = el.getBoundingClientRect();
      // Document coordinates: puppeteer's clip is not relative to the scrolled viewport.
      const x = Math.min(box.left, own.left) - 8 + window.scrollX;
      const y = Math.min(box.top, own.top) - 8 + window.scrollY;
      return {
        id: el.outerHTML.slice(0, 90),
        clip: { x: Math.max(0, x), y: Math.max(0, y), width: Math.max(box.right, own.right) + window.scrollX - x + 8, height: Math.max(box.bottom, own.bottom) + window.scrollY - y + 8 },
      };
    });
    if (!info) break;
    if (info.id === first) break; // wrapped around
    first ??= info.id;
    const focused = await page.screenshot({ clip: info.clip, encoding: 'base64' });
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    const blurred = await page.screenshot({ clip: info.clip, encoding: 'base64' });
    if (focused === blurred) silent.push(info.id);
    // Back to the element, by keyboard: Tab from the blurred element's place, Shift+Tab back.
    await page.keyboard.press('Tab');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
  }
  assert.ok(first, `${path}: nothing took the focus`);
  return silent;
}

reader('focus is visible on every focusable element, in normal and in forced-colors mode', async () => {
  await page.setViewport({ width: 1280, height: 900 });
  // Through the protocol: puppeteer's emulateMediaFeatures does not know forced-colors.
  const cdp = await page.createCDPSession();
  for (const mode of ['none', 'active']) {
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: mode }] });
    assert.is(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), mode === 'active');
    for (const path of PAGES) {
      const silent = await invisibleFocus(path);
      assert.equal(silent, [], `${path}, forced-colors: ${mode}`);
    }
  }
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  await cdp.detach();
});

/** Cumulative layout shift of a page on a phone, with the fonts held back by `fontDelay` ms. */
async function layoutShift(path: string, fontDelay: number): Promise<number> {
  const phone = await session.browser.newPage();
  try {
    await phone.setViewport({ width: 375, height: 812, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.setRequestInterception(true);
    phone.on('request', (req) => {
      if (req.url().includes('.woff2')) setTimeout(() => void req.continue(), fontDelay);
      else void req.continue();
    });
    await phone.evaluateOnNewDocument(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await phone.goto(server.url(path), { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, fontDelay + 1500));
    return phone.evaluate(() => (window as unknown as { __cls: number }).__cls);
  } finally {
    await phone.close();
  }
}

reader('a stable page on a phone: layout shift under 0.05, with fonts on time or late', async () => {
  for (const path of ['/', '/territoires/metz-orne/', '/projets/graoucoop/']) {
    for (const delay of [0, 800]) {
      const cls = await layoutShift(path, delay);
      assert.ok(cls < 0.05, `${path}, fonts ${delay} ms late: CLS ${cls.toFixed(3)}`);
    }
  }
});

reader.run();
