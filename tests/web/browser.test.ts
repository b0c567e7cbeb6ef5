import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type BrowserSession } from '../../src/browser/launch.ts';
import { build, bundledSite, fixtureData, fixtureSite, hostileSite, pagePaths, twoEditionsSite, type BuiltSite } from './support/fixtures.ts';
import { serveSite, type SiteServer } from './support/server.ts';

/**
 * The built sites in a real headless Chromium: axe-core and the Content-Security-Policy on
 * every page (the <meta> and, from the test server, the `_headers` header), no request to any
 * other host, filters and search by keyboard, the print stylesheet, the two-edition build, and
 * the hostile corpus, which must run nothing. One browser, one page reused.
 */
// axe is evaluated through the DevTools protocol, which the page's CSP does not govern: adding
// it as a <script> element would be an inline script, which the CSP rightly refuses.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
/** CSP violations reported by the browser's console (pages and workers), since the last take. */
let cspConsole: string[] = [];
/** What hostile content managed to run or open: canary writes, alert() calls, dialogs. */
const pwned: string[] = [];

async function open(path: string, width = 1280, on: SiteServer = server): Promise<void> {
  cspConsole = [];
  await page.setViewport({ width, height: 900 });
  const response = await page.goto(on.url(path), { waitUntil: 'load' });
  assert.ok(response, `no response for ${path}`);
  // Layout checks must see the page in its own fonts: 'load' does not wait for web fonts.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function axe(): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } };
    const result = await w.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const describe = (path: string, vs: Violation[]) => vs.map((v) => `${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);

/** CSP violations of the current page (securitypolicyviolation events) and of the console, then clears them. */
async function cspViolations(path: string): Promise<string[]> {
  const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  const found = [...events, ...cspConsole].map((v) => `${path}: ${v}`);
  cspConsole = [];
  return found;
}

/** Waits for Pagefind's results (polled: its Svelte UI renders in bursts). */
async function searchResults(): Promise<string[]> {
  await page.waitForFunction(() => document.querySelectorAll('.search__title a').length > 0, { polling: 200, timeout: 30_000 });
  return page.$$eval('.search__title a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** Presses Tab until the focused element matches the selector, at most `max` times; returns whether it did. */
async function tabTo(selector: string, max = 80): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
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
  // CSP: the page's violation events, and the console of the page and of its workers (where
  // Pagefind compiles its WebAssembly), on which Chromium reports every refusal.
  const onConsole = (text: string) => {
    if (/Content.Security.Policy/i.test(text)) cspConsole.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('workercreated', (worker) => worker.on('console', (m) => onConsole(m.text())));
  // The hostile corpus' canary: any payload that runs sets window.__pwned or calls alert().
  page.on('dialog', async (dialog) => {
    pwned.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.exposeFunction('__reportPwned', (what: string) => pwned.push(`${new URL(page.url()).pathname} → ${what}`));
  // tsx (esbuild, keepNames) wraps the functions of this file in __name(…) calls, which follow
  // them into the page when puppeteer serializes them: give the page a do-nothing __name.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as Record<string, unknown> & { __csp: string[]; __reportPwned(what: string): void };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
    Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => w.__reportPwned(`window.__pwned = ${String(v)}`) });
    for (const name of ['alert', 'confirm', 'prompt']) w[name] = (...args: unknown[]) => w.__reportPwned(`${name}(${args.join(', ')})`);
    for (const name of ['log', 'info', 'warn', 'error'] as const) {
      const original = console[name].bind(console);
      console[name] = (...args: unknown[]) => {
        if (args.some((a) => /pwned/i.test(String(a)))) w.__reportPwned(`console.${name}(${args.join(', ')})`);
        original(...args);
      };
    }
  });
});

browser('axe-core and the CSP: no violation on any page of the bundled build (1280 px)', async () => {
  const pages = pagePaths(site);
  const problems: string[] = [];
  const csp: string[] = [];
  for (const path of pages) {
    await open(path);
    problems.push(...describe(path, await axe()));
    csp.push(...(await cspViolations(path)));
  }
  assert.ok(pages.length > 100, `${pages.length} pages`);
  assert.equal(problems, [], problems.slice(0, 15).join('\n'));
  assert.equal(csp, [], csp.slice(0, 15).join('\n'));
});

browser('axe-core: no violation at 375 px on the main kinds of page', async () => {
  const problems: string[] = [];
  for (const path of ['/', '/territoires/metz-orne/', '/projets/graoucoop/', '/laureats/', '/laureats/annee/2024/', '/donnees-ouvertes/', '/recherche/', '/appel-a-projets/', '/editions/', '/2025/']) {
    await open(path, 375);
    problems.push(...describe(`${path} @375`, await axe()));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.is(overflow, 0, `${path}: no horizontal scrolling at 375 px`);
  }
  assert.equal(problems, [], problems.join('\n'));
});

browser('the CSP comes as a header too, and the watch catches a violation', async () => {
  const response = await page.goto(server.url('/'), { waitUntil: 'load' });
  assert.match(response!.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'.*frame-ancestors 'none'/);
  assert.equal(await cspViolations('/'), []);
  // An inline script, as an injection would add one: refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'document.title = "exécuté"';
    document.body.append(s);
  });
  await page.waitForFunction(() => ((window as unknown as { __csp: string[] }).__csp ?? []).length > 0, { timeout: 5000 });
  assert.not.equal(await page.title(), 'exécuté', 'the inline script did not run');
  const found = await cspViolations('/');
  assert.ok(found.some((v) => v.includes('script-src')), found.join('\n'));
});

browser('the laureate filters work by keyboard (Tab, Enter) and combine, under the CSP', async () => {
  await open('/laureats/');
  const total = await page.$$eval('[data-list] > li', (lis) => lis.length);
  assert.ok(await tabTo('a[data-kind="annee"][data-value="2024"]'), 'Tab reaches the « 2024 » filter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-count]')?.textContent?.includes(' sur '));
  const afterYear = await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.map((li) => li.getAttribute('data-annee')));
  assert.ok(afterYear.length > 0 && afterYear.length < total, `${afterYear.length} of ${total}`);
  assert.ok(afterYear.every((y) => y === '2024'), 'only 2024 laureates are shown');
  assert.is(await page.$eval('[data-count]', (el) => el.textContent), `${afterYear.length} lauréat${afterYear.length > 1 ? 's' : ''} sur ${total}`);
  assert.is(await page.$eval('a[data-value="2024"]', (a) => a.getAttribute('aria-current')), 'true');

  assert.ok(await tabTo('a[data-kind="territoire"][data-value="metz-orne"]'), 'Tab reaches the « Metz – Orne » filter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.search.includes('territoire=metz-orne'));
  const both = await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.map((li) => [li.getAttribute('data-annee'), li.getAttribute('data-territoire')]));
  assert.ok(both.every(([y, t]) => y === '2024' && t === 'metz-orne'), 'year and territory combine');
  assert.match(page.url(), /\/laureats\/\?annee=2024&territoire=metz-orne$/);

  // The combined view survives a reload (the state is in the address).
  await page.reload({ waitUntil: 'networkidle0' });
  assert.is(await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.length), both.length);
  assert.equal(await cspViolations('/laureats/'), []);
});

browser('on a filter page, another filter leads to the index with both, in the address', async () => {
  await open('/laureats/annee/2024/');
  const onPage = await page.$$eval('[data-list] > li', (lis) => lis.map((li) => li.getAttribute('data-annee')));
  assert.ok(onPage.length > 0 && onPage.every((y) => y === '2024'), 'the filter page lists its own projects');
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[data-kind="territoire"][data-value="metz-orne"]')]);
  assert.match(page.url(), /\/laureats\/\?annee=2024&territoire=metz-orne$/);
  const both = await page.$$eval('[data-list] > li:not([hidden])', (lis) => lis.map((li) => [li.getAttribute('data-annee'), li.getAttribute('data-territoire')]));
  assert.ok(both.length > 0 && both.every(([y, t]) => y === '2024' && t === 'metz-orne'), 'year and territory combine');
  assert.match(await page.$eval('[data-count]', (el) => el.textContent ?? ''), new RegExp(`^${both.length} lauréats? sur \\d+$`));
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

browser('the search works by keyboard under the CSP (WebAssembly in its worker): results appear, Enter opens one', async () => {
  await open('/recherche/');
  await page.waitForSelector('#recherche-champ');
  assert.ok(await tabTo('#recherche-champ'), 'Tab reaches the search box');
  await page.keyboard.type('graoucoop');
  const links = await searchResults();
  assert.ok(links.includes('/projets/graoucoop/'), links.join(', '));
  assert.not.ok(links.some((l) => l.startsWith('/2025/')), `no result on the /2025/ mirror: ${links.join(', ')}`);
  assert.equal(await cspViolations('/recherche/'), []);
  assert.ok(await tabTo('.search__title a', 10), 'Tab reaches the first result');
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
  assert.match(page.url(), /\/projets\//);
  assert.equal(await axe(), []);
});

browser('search results follow the French stemming: « épiceries » finds « épicerie »', async () => {
  await open('/recherche/?q=%C3%A9piceries');
  assert.ok((await searchResults()).some((p) => p.startsWith('/projets/')));
  assert.equal(await cspViolations('/recherche/?q=épiceries'), []);
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
    assert.equal(await cspViolations('fixture /projets/atelier-velo/'), []);
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
    assert.equal(await cspViolations('sub-path /recherche/'), []);
  } finally {
    await other.close();
  }
});

browser('two editions: the CSP on every page, axe-core on every kind of page, no overflow at 375 px', async () => {
  const two = await twoEditionsSite();
  const other = await serveSite(two.outDir, two.pathPrefix);
  allowed.add(other.origin);
  try {
    const problems: string[] = [];
    for (const path of pagePaths(two)) {
      await open(path, 1280, other);
      problems.push(...(await cspViolations(path)));
      // axe everywhere but on the /2026/ mirror and the filter pages: the same templates as
      // pages checked here (the root) and in the bundled build.
      if (!/^\/(2026|laureats)\//.test(path)) problems.push(...describe(path, await axe()));
    }
    for (const path of ['/', '/2025/', '/editions/', '/projets/epicerie/', '/territoires/thionville/', '/2025/territoires/sarreguemines-bitche/']) {
      await open(path, 375, other);
      problems.push(...describe(`${path} @375`, await axe()));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow) problems.push(`${path}: ${overflow} px of horizontal scrolling at 375 px`);
    }
    assert.equal(problems, [], problems.slice(0, 15).join('\n'));
  } finally {
    await other.close();
  }
});

const hostile = suite('the hostile corpus in Chromium');
let bad: BuiltSite;
let badServer: SiteServer;

hostile.before(async () => {
  bad = await hostileSite();
  badServer = await serveSite(bad.outDir, bad.pathPrefix);
  allowed.add(badServer.origin);
});

hostile.after(async () => {
  await badServer?.close();
});

/** Every element's event-handler attributes and every link or source that is not http(s), mailto, tel or the site's own. */
async function injectedMarkup(): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const safe = (url: string) => /^(https?:|mailto:|tel:)/i.test(url) || url.startsWith(location.origin) || url === '';
    // Pagefind's own UI (the search page) is the site's code, not data: left out.
    for (const el of Array.from(document.querySelectorAll('*')).filter((e) => !e.closest('[data-search]'))) {
      for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      const url = (el as HTMLAnchorElement).href ?? (el as HTMLImageElement).src;
      if (typeof url === 'string' && !safe(url)) found.push(`<${el.localName}> → ${url}`);
    }
    for (const s of Array.from(document.scripts)) if (s.type !== 'application/ld+json' && !s.src) found.push(`inline <script>: ${s.textContent?.slice(0, 60)}`);
    for (const tag of ['iframe', 'object', 'embed', 'svg', 'style', 'img:not(picture img)', 'form', 'base', 'meta[http-equiv="refresh"]']) {
      for (const el of Array.from(document.querySelectorAll(tag)).filter((e) => !e.closest('[data-search]'))) found.push(`unexpected <${el.localName}>`);
    }
    return found;
  });
}

hostile('nothing runs, even with the CSP switched off: no canary, no alert, no dialog, no injected markup', async () => {
  // The CSP would block inline payloads anyway: switched off, this proves the escaping alone.
  await page.setBypassCSP(true);
  const injected: string[] = [];
  try {
    for (const path of pagePaths(bad)) {
      await open(path, 1280, badServer);
      // Wake every handler an attribute breaker could have planted.
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
            if (type === 'click' && el.closest('a, button, summary, label')) continue;
            el.dispatchEvent(new Event(type, { bubbles: false }));
          }
        }
      });
      injected.push(...(await injectedMarkup()).map((m) => `${path}: ${m}`));
    }
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await page.setBypassCSP(false);
  }
  assert.equal(pwned, [], pwned.join('\n'));
  assert.equal(injected, [], injected.slice(0, 20).join('\n'));
});

hostile('the hostile strings are shown as text, as written', async () => {
  await open('/projets/piege/', 1280, badServer);
  const shown = await page.evaluate(() => ({
    h1: document.querySelector('h1')!.textContent!,
    facts: document.querySelector('.facts')!.textContent!,
    rubric: document.querySelector('#besoin_social')!.parentElement!.textContent!,
    description: document.querySelector('#projet')!.parentElement!.textContent!,
    title: document.title,
    alt: document.querySelector('.project__media img')!.getAttribute('alt'),
  }));
  const flat = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ');
  assert.ok(flat(shown.h1).startsWith('<script>window.__pwned=1</script> projet'), shown.h1);
  assert.ok(flat(shown.title).includes('<script>window.__pwned=1</script> projet'), shown.title);
  assert.ok(flat(shown.facts).includes("'><img src=x onerror=window.__pwned=1>"), shown.facts);
  assert.ok(flat(shown.facts).includes('{{ 7*7 }} {% raw %}brut{% endraw %} {# commentaire #}'), 'Nunjucks delimiters are text');
  assert.ok(flat(shown.rubric).includes('<b>gras</b>'), shown.rubric);
  assert.ok(flat(shown.description).includes('<img src=x onerror=window.__pwned=1>'), 'raw HTML in Markdown is shown as text');
  assert.ok(shown.alt?.includes("<script>alert(1)</script>"), `alt text kept as text: ${shown.alt}`);
  await open('/', 1280, badServer);
  assert.ok(flat(await page.$eval('h1', (h) => h.textContent!)).includes('Innovation <script>window.__pwned=1</script> Sociale'));
});

hostile('the CSP reports nothing on the hostile pages; the 10 000-character field never widens a page at 375 px', async () => {
  const problems: string[] = [];
  for (const path of pagePaths(bad)) {
    await open(path, 375, badServer);
    problems.push(...(await cspViolations(path)));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow) problems.push(`${path}: ${overflow} px of horizontal scrolling at 375 px`);
  }
  assert.equal(problems, [], problems.slice(0, 15).join('\n'));
  assert.equal(pwned, []);
});

hostile('the canary works: a payload that runs is caught', async () => {
  await open('/', 1280, badServer);
  await page.evaluate(() => {
    (window as unknown as { __pwned: number }).__pwned = 1;
    window.alert('test');
  });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(pwned.map((p) => p.replace(/^.*? → /, '')), ['window.__pwned = 1', 'alert(test)']);
  pwned.length = 0;
});

// The last suite closes the browser and the server the first one opened (uvu runs the suites
// of a file one after the other).
const privacy = suite('privacy');

privacy.after(async () => {
  await session?.close();
  await server?.close();
});

privacy('no request left the site’s origin during all the tests above; fonts and search are self-hosted', async () => {
  assert.equal(foreign, [], `requests to other hosts: ${foreign.slice(0, 10).join(', ')}`);
  assert.ok(server.requests.some((r) => r.endsWith('.woff2')), 'self-hosted fonts were loaded');
  assert.ok(server.requests.some((r) => r.startsWith('/pagefind/')), 'the search UI is self-hosted');
  // The watch works: a request to another host is caught (with the CSP off, which would refuse it first).
  await page.setBypassCSP(true);
  await open('/');
  await page.evaluate(() => {
    new Image().src = 'http://tracker.invalid/pixel.gif';
  });
  for (let i = 0; i < 50 && foreign.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  await page.setBypassCSP(false);
  assert.equal(foreign, ['http://tracker.invalid/pixel.gif']);
});

browser.run();
hostile.run();
privacy.run();
