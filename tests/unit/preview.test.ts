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

preview('refuses paths outside the site', async () => {
  const r = await fetch(new URL('/../../etc/passwd', p.url));
  assert.ok(r.status === 404 || r.status === 403);
});

preview.run();
