import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPreview, type Preview } from '../../src/preview/server.ts';
import { dataWith } from '../helpers/data.ts';

const preview = suite('preview server');

let p: Preview;
let dir: string;

preview.before(async () => {
  dir = dataWith({});
  p = await startPreview({ dataDir: dir, port: 0, watchDirs: [dir] });
});
preview.after(async () => {
  await p.close();
});

const get = async (path: string): Promise<{ status: number; text: string }> => {
  const res = await fetch(new URL(path, p.url));
  return { status: res.status, text: await res.text() };
};

preview('serves the site with the live-reload script', async () => {
  const r = await get('/projets/graoucoop/');
  assert.is(r.status, 200);
  assert.match(r.text, 'Graoucoop');
  assert.match(r.text, '<script src="/__apercu/recharger.js"></script>');
  const js = await get('/__apercu/recharger.js');
  assert.match(js.text, "new EventSource('/__apercu/evenements')");
});

preview('rebuilds after a data file changes and serves the new content', async () => {
  const file = join(dir, 'projets/graoucoop.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('nom: Graoucoop', 'nom: Graoucoop nouvelle formule'));
  await p.settled();
  const r = await get('/projets/graoucoop/');
  assert.is(r.status, 200);
  assert.match(r.text, 'Graoucoop nouvelle formule');
});

preview('shows the French error page with file:line after a broken edit, then recovers', async () => {
  const file = join(dir, 'projets/graoucoop.yaml');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.replace('annee: 2022', 'annee: 2O22'));
  await p.settled();
  const r = await get('/projets/graoucoop/');
  assert.is(r.status, 500);
  assert.match(r.text, 'Aperçu impossible : 1 erreur dans les données');
  assert.match(r.text, /projets\/graoucoop\.yaml:4:8/);
  assert.match(r.text, '« annee » doit être un nombre entier (trouvé « 2O22 »)');
  writeFileSync(file, good);
  await p.settled();
  assert.is((await get('/projets/graoucoop/')).status, 200);
});

preview('serves the print preview: the print HTML with Paged.js, paginated in a real browser', async () => {
  const r = await get('/__apercu/impression/');
  assert.is(r.status, 200);
  assert.match(r.text, '<script src="/__apercu/paged.polyfill.js"></script></head>');
  assert.match(r.text, 'Graoucoop');
  const js = await fetch(new URL('/__apercu/paged.polyfill.js', p.url));
  assert.is(js.status, 200);
  const { launchBrowser } = await import('../../src/browser/launch.ts');
  const session = await launchBrowser();
  try {
    const page = await session.browser.newPage();
    await page.goto(new URL('/__apercu/impression/', p.url).href, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('.pagedjs_page').length > 3, { timeout: 60_000 });
    const pages = await page.evaluate(() => document.querySelectorAll('.pagedjs_page').length);
    assert.ok(pages > 3, `${pages} pages laid out`);
  } finally {
    await session.close();
  }
});

preview('live reload runs under the site’s Content-Security-Policy', async () => {
  const { launchBrowser } = await import('../../src/browser/launch.ts');
  const session = await launchBrowser();
  try {
    const page = await session.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(new URL('/projets/graoucoop/', p.url).href, { waitUntil: 'load' });
    // Reloads when the server announces a change: navigation proves the script ran.
    const reloaded = page.waitForNavigation({ timeout: 30_000 });
    const file = join(dir, 'projets/graoucoop.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    await reloaded;
    assert.equal(violations, []);
  } finally {
    await session.close();
  }
});

preview('shows the data’s warnings in a panel with file:line, and not in the print preview', async () => {
  const r = await get('/projets/graoucoop/');
  assert.is(r.status, 200);
  // A labelled landmark with a heading, in the page's flow right after <body>.
  assert.match(r.text, /<body[^>]*>\n<aside class="apercu-avertissements" aria-labelledby="apercu-avertissements-titre" data-apercu-avertissements="1">/);
  assert.match(r.text, '<summary><h2 id="apercu-avertissements-titre">Aperçu\u00A0: 1 avertissement dans les données</h2></summary>');
  assert.match(r.text, /<p class="apercu-avertissements__ou">[^<]*projets\/graoucoop\.yaml:18:14<\/p>/);
  assert.match(r.text, /— avertissement : [^<]*à fournir/);
  assert.match(r.text, '<link rel="stylesheet" href="/__apercu/avertissements.css"></head>');
  const css = await fetch(new URL('/__apercu/avertissements.css', p.url));
  assert.is(css.headers.get('content-type')?.split(';')[0], 'text/css');
  assert.not.match((await get('/__apercu/impression/')).text, 'apercu-avertissements');
});

preview('the warnings panel follows the data: a new warning appears, a fixed one goes', async () => {
  const file = join(dir, 'projets/graoucoop.yaml');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.replace('telephone: 03 87 37 57 57', 'telephone: 03 00 00 00 00'));
  await p.settled();
  const r = await get('/projets/graoucoop/');
  assert.match(r.text, 'Aperçu\u00A0: 2 avertissements dans les données');
  assert.match(r.text, /projets\/graoucoop\.yaml:16:\d+<\/p>/);
  assert.is(p.warnings().length, 2);
  writeFileSync(file, good);
  await p.settled();
  assert.match((await get('/projets/graoucoop/')).text, 'Aperçu\u00A0: 1 avertissement dans les données');
});

preview('while a draft is prepared, the panel lists the new warnings first and folds the inherited ones, counted (as validate)', async () => {
  const { mkdtempSync, mkdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { panelWarnings, warningsPanel } = await import('../../src/preview/warnings-panel.ts');
  const { baselineText } = await import('../../src/edition/baseline.ts');
  const data = mkdtempSync(join(tmpdir(), 'compendium-panel-'));
  mkdirSync(join(data, 'editions', '2026'), { recursive: true });
  const warning = (file: string, message: string) => ({ severity: 'avertissement' as const, code: 'X', file: join(data, file), line: 3, message });
  const old = warning('projets/a.yaml', 'photo du projet à fournir');
  const typo = warning('partenaires/b.yaml', 'apostrophe « ‘ » au lieu de « ’ »');
  writeFileSync(join(data, 'editions', '2026', 'avertissements-herites.txt'), baselineText([old], data, 2025));
  const summary = { editions: [{ annee: 2025, brouillon: false }, { annee: 2026, brouillon: true }] } as never;
  const split = await panelWarnings({ warnings: [old, typo], summary }, data);
  assert.equal(split.fresh, [typo]);
  assert.equal(split.inherited, [old]);
  const html = warningsPanel(split);
  assert.match(html, 'Aperçu\u00A0: 1 nouvel avertissement (2 en tout)');
  assert.ok(html.indexOf('partenaires/b.yaml') < html.indexOf('projets/a.yaml'), 'the new warning first');
  assert.match(html, /<details class="apercu-avertissements__herites">\n<summary>1 avertissement était déjà présent dans l’édition 2025\u00A0: le voir<\/summary>/);
  // Without a draft (or without its list), every warning is listed as before.
  const published = await panelWarnings({ warnings: [old, typo], summary: { editions: [{ annee: 2025, brouillon: false }] } as never }, data);
  assert.equal(published, { fresh: [old, typo], inherited: [] });
});

preview('the warnings panel in a real browser: reachable by keyboard, opens, covers nothing, no axe violation', async () => {
  const { launchBrowser } = await import('../../src/browser/launch.ts');
  const { createRequire } = await import('node:module');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const session = await launchBrowser();
  try {
    const page = await session.browser.newPage();
    await page.goto(new URL('/projets/graoucoop/', p.url).href, { waitUntil: 'load' });
    // Tab until the panel's summary has the focus (the skip link may come first).
    let focused = '';
    for (let i = 0; i < 5 && focused !== 'SUMMARY'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.tagName ?? '');
    }
    assert.is(focused, 'SUMMARY', 'the panel is reached with Tab');
    await page.keyboard.press('Enter');
    const facts = await page.evaluate(() => {
      const aside = document.querySelector('aside.apercu-avertissements')!;
      return {
        open: aside.querySelector('details')!.open,
        position: getComputedStyle(aside).position,
        where: aside.querySelector('.apercu-avertissements__ou')!.getBoundingClientRect().height > 0,
        // The page's own heading comes below the panel, not under it.
        below: document.querySelector('h1')!.getBoundingClientRect().top >= aside.getBoundingClientRect().bottom,
      };
    });
    assert.equal(facts, { open: true, position: 'static', where: true, below: true });
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: Array<{ id: string }> }> } };
      const r = await w.axe.run({ include: [['aside.apercu-avertissements']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
      return r.violations.map((v) => v.id);
    });
    assert.equal(violations, []);
  } finally {
    await session.close();
  }
});

preview('a saved project re-renders its page alone: the reload event names that page, then the full build follows', async () => {
  const abort = new AbortController();
  const res = await fetch(new URL('/__apercu/evenements', p.url), { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: string[] = [];
  let buffer = '';
  /** The next reload event's data. */
  const next = async (): Promise<string> => {
    for (;;) {
      const m = /data: (.*)\n\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice(m.index + m[0].length);
        return m[1]!;
      }
      buffer += (await reader.read()).value ?? '';
    }
  };
  try {
    const file = join(dir, 'projets/graoucoop.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('nom: Graoucoop', 'nom: Graoucoop rapide'));
    events.push(await next());
    assert.equal(JSON.parse(events[0]!), { pages: ['/projets/graoucoop/', '/__apercu/impression/'] });
    assert.match((await get('/projets/graoucoop/')).text, 'Graoucoop rapide');
    // The full build that follows names the other pages whose HTML changed (lists, territories).
    events.push(await next());
    const { pages } = JSON.parse(events[1]!) as { pages: string[] };
    assert.ok(pages.includes('/territoires/metz-orne/') && !pages.includes('/projets/graoucoop/'), events[1]);
    writeFileSync(file, good);
    await p.settled();
  } finally {
    abort.abort();
  }
});

preview('refuses paths outside the site', async () => {
  const r = await fetch(new URL('/../../etc/passwd', p.url));
  assert.ok(r.status === 404 || r.status === 403);
});

preview.run();
