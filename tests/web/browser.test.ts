import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { build, bundledSite, fixtureData, fixtureSite, type BuiltSite } from './support/fixtures.ts';
import { serveSite, type SiteServer } from './support/server.ts';

/**
 * The built site in a real headless Chromium: axe-core on every page, no request to any other
 * host, filters and search by keyboard, the print stylesheet. One browser, one page reused.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

let site: BuiltSite;
let server: SiteServer;
let session: BrowserSession;
let page: Page;
const foreign: string[] = [];
const allowed = new Set<string>();

async function open(path: string, width = 1280): Promise<void> {
  await page.setViewport({ width, height: 900 });
  const response = await page.goto(server.url(path), { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
}

async function axe(): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } };
    const result = await w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const describe = (path: string, vs: Violation[]) => vs.map((v) => `${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);

/** Waits for Pagefind's results (polled: its Svelte UI renders in bursts). */
async function searchResults(): Promise<string[]> {
  await page.waitForFunction(() => document.querySelectorAll('.pagefind-ui__result-link').length > 0, { polling: 200, timeout: 30_000 });
  return page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** Presses Tab until the focused element matches, at most `max` times; returns whether it did. */
async function tabTo(predicate: string, max = 80): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((p) => new Function('el', `return ${p}`)(document.activeElement), predicate)) return true;
  }
  return false;
}

const browser = suite('the site in Chromium');

browser.before(async () => {
  site = await bundledSite();
  server = await serveSite(site.outDir, site.pathPrefix);
  allowed.add(server.origin);
  session = await launchBrowser();
  page = await session.browser.newPage();
  // Every request the page makes (its workers' too) is seen here; one to any other host than
  // our servers fails the privacy test. Observed rather than intercepted: paused requests of
  // Pagefind's worker would hang the search (and the machine is offline anyway).
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!allowed.has(url.origin) && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
});

browser.after(async () => {
  await session?.close();
  await server?.close();
});

browser('axe-core: no violation on any page of the bundled build (1280 px)', async () => {
  const pages = site.files.filter((f) => f.endsWith('.html')).map((f) => `/${f.replace(/index\.html$/, '')}`);
  const problems: string[] = [];
  for (const path of pages) {
    await open(path);
    problems.push(...describe(path, await axe()));
  }
  assert.ok(pages.length > 90, `${pages.length} pages`);
  assert.equal(problems, [], problems.slice(0, 15).join('\n'));
});

browser('axe-core: no violation at 375 px on the main kinds of page', async () => {
  const problems: string[] = [];
  for (const path of ['/', '/territoires/metz-orne/', '/projets/graoucoop/', '/laureats/', '/laureats/annee/2024/', '/donnees-ouvertes/', '/recherche/', '/appel-a-projets/']) {
    await open(path, 375);
    problems.push(...describe(`${path} @375`, await axe()));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.is(overflow, 0, `${path}: no horizontal scrolling at 375 px`);
  }
  assert.equal(problems, [], problems.join('\n'));
});

browser('the laureate filters work by keyboard (Tab, Enter) and combine', async () => {
  await open('/laureats/');
  const total = await page.$$eval('[data-list] > li', (lis) => lis.length);
  assert.ok(await tabTo(`el.matches('a[data-kind="annee"][data-value="2024"]')`), 'Tab reaches the « 2024 » filter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes(' sur '));
  const afterYear = await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.map((li) => li.getAttribute('data-annee')));
  assert.ok(afterYear.length > 0 && afterYear.length < total, `${afterYear.length} of ${total}`);
  assert.ok(afterYear.every((y) => y === '2024'), 'only 2024 laureates are shown');
  assert.is(await page.$eval('[data-count]', (el) => el.textContent), `${afterYear.length} lauréat${afterYear.length > 1 ? 's' : ''} sur ${total}`);
  assert.is(await page.$eval('a[data-value="2024"]', (a) => a.getAttribute('aria-current')), 'true');

  assert.ok(await tabTo(`el.matches('a[data-kind="territoire"][data-value="metz-orne"]')`), 'Tab reaches the « Metz – Orne » filter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('territoire=metz-orne'));
  const both = await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.map((li) => [li.getAttribute('data-annee'), li.getAttribute('data-territoire')]));
  assert.ok(both.every(([y, t]) => y === '2024' && t === 'metz-orne'), 'year and territory combine');
  assert.match(page.url(), /\/laureats\/\?annee=2024&territoire=metz-orne$/);

  // The combined view survives a reload (the state is in the address).
  await page.reload({ waitUntil: 'networkidle0' });
  assert.is(await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.length), both.length);
});

browser('without JavaScript, a filter link opens its pre-rendered page', async () => {
  await page.setJavaScriptEnabled(false);
  try {
    await open('/laureats/');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[data-kind="territoire"][data-value="thionville"]')]);
    assert.match(page.url(), /\/laureats\/territoire\/thionville\/$/);
    const shown = await page.$$eval('[data-list] > li', (lis) => lis.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.getAttribute('data-territoire')));
    assert.ok(shown.length > 0 && shown.every((t) => t === 'thionville'));
  } finally {
    await page.setJavaScriptEnabled(true);
  }
});

browser('the search works by keyboard: type into the Pagefind box, results appear, Enter opens one', async () => {
  await open('/recherche/');
  await page.waitForSelector('.pagefind-ui__search-input');
  assert.ok(await tabTo(`el.matches('.pagefind-ui__search-input')`), 'Tab reaches the search box');
  await page.keyboard.type('graoucoop');
  const links = await searchResults();
  assert.ok(links.includes('/projets/graoucoop/'), links.join(', '));
  assert.ok(await tabTo(`el.matches('.pagefind-ui__result-link')`, 10), 'Tab reaches the first result');
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
  assert.match(page.url(), /\/projets\//);
  assert.equal(await axe(), []);
});

browser('search results follow the French stemming: « épiceries » finds « épicerie »', async () => {
  await open('/recherche/?q=%C3%A9piceries');
  assert.ok((await searchResults()).some((p) => p.startsWith('/projets/')));
});

browser('printing a project page: no navigation, links written out, rubrics kept whole', async () => {
  await open('/projets/graoucoop/');
  await page.emulateMediaType('print');
  try {
    const styles = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')!).display,
      footer: getComputedStyle(document.querySelector('.site-footer')!).display,
      pager: document.querySelector('.pager') ? getComputedStyle(document.querySelector('.pager')!).display : 'none',
      rubric: getComputedStyle(document.querySelector('.rubric')!).breakInside,
      link: (() => {
        const a = document.querySelector<HTMLAnchorElement>('.contact-list a[href^="http"], .project a[href^="http"]');
        return a ? getComputedStyle(a, '::after').content : 'none';
      })(),
    }));
    assert.is(styles.header, 'none');
    assert.is(styles.footer, 'none');
    assert.is(styles.pager, 'none');
    assert.is(styles.rubric, 'avoid');
    assert.ok(styles.link === 'none' || styles.link.includes('http'), styles.link);
  } finally {
    await page.emulateMediaType('screen');
  }
});

browser('the fixture’s real photo passes axe and is served in a modern format', async () => {
  const fixture = await fixtureSite();
  const other = await serveSite(fixture.outDir, fixture.pathPrefix);
  allowed.add(other.origin);
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(other.url('/projets/atelier-velo/'), { waitUntil: 'networkidle0' });
    const img = await page.$eval('.project__media img', (el) => ({ src: (el as HTMLImageElement).currentSrc, alt: el.getAttribute('alt'), complete: (el as HTMLImageElement).complete, w: (el as HTMLImageElement).naturalWidth }));
    assert.match(img.src, /\.avif$/, 'Chromium picks AVIF');
    assert.ok(img.complete && img.w > 0, 'the image loaded');
    assert.ok(img.alt && img.alt.length > 10);
    const vs = await axe();
    assert.equal(describe('fixture /projets/atelier-velo/', vs), []);
  } finally {
    await other.close();
  }
});

browser('under a sub-path, filters and search keep the prefix', async () => {
  const sub = await build({ dataDir: await fixtureData(), pathPrefix: '/innovation-sociale/' });
  const other = await serveSite(sub.outDir, sub.pathPrefix);
  allowed.add(other.origin);
  try {
    await page.goto(other.url('/laureats/'), { waitUntil: 'load' });
    await page.click('a[data-kind="theme"][data-value="alimentation"]');
    await page.waitForFunction(() => location.search === '?theme=alimentation');
    assert.match(page.url(), /\/innovation-sociale\/laureats\/\?theme=alimentation$/);
    await page.goto(other.url('/recherche/?q=v%C3%A9lo'), { waitUntil: 'load' });
    const links = await searchResults();
    assert.ok(links.includes('/innovation-sociale/projets/atelier-velo/'), links.join(', '));
    assert.ok(other.requests.every((r) => r.startsWith('/innovation-sociale/')), `requests outside the prefix: ${other.requests.filter((r) => !r.startsWith('/innovation-sociale/')).join(', ')}`);
  } finally {
    await other.close();
  }
});

browser('no request left the site’s origin during all the tests above; fonts and search are self-hosted', async () => {
  assert.equal(foreign, [], `requests to other hosts: ${foreign.slice(0, 10).join(', ')}`);
  assert.ok(server.requests.some((r) => r.endsWith('.woff2')), 'self-hosted fonts were loaded');
  assert.ok(server.requests.some((r) => r.startsWith('/pagefind/')), 'the search UI is self-hosted');
  // The watch works: a request to another host is caught.
  await page.evaluate(() => {
    new Image().src = 'http://tracker.invalid/pixel.gif';
  });
  await page.waitForFunction(() => true);
  for (let i = 0; i < 50 && foreign.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(foreign, ['http://tracker.invalid/pixel.gif']);
});

browser.run();
