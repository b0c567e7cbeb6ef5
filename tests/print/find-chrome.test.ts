import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BrowserNotFoundError } from '../../src/browser/errors.ts';
import { findChrome } from '../../src/browser/find-chrome.ts';

const find = suite('findChrome');

find('honours CHROME_PATH when it points to an executable', async () => {
  // Any executable does for the lookup: the Node binary is one that surely exists.
  const found = await findChrome({ env: { CHROME_PATH: process.execPath } });
  assert.equal(found, { executablePath: process.execPath, kind: 'chrome', source: 'CHROME_PATH' });
});

find('throws BrowserNotFoundError, in French, when CHROME_PATH points to a missing file', async () => {
  try {
    await findChrome({ env: { CHROME_PATH: '/nulle/part/chrome' } });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, BrowserNotFoundError);
    const e = error as BrowserNotFoundError;
    assert.is(e.code, 'BROWSER_NOT_FOUND');
    assert.is(
      e.message,
      [
        'CHROME_PATH indique «\u00A0/nulle/part/chrome\u00A0», mais aucun exécutable ne s’y trouve.',
        'Emplacements essayés\u00A0:',
        '  – CHROME_PATH=/nulle/part/chrome',
        'Installez Chromium\u00A0: sudo apt-get install chromium, ou indiquez son chemin dans CHROME_PATH.',
      ].join('\n'),
    );
  }
});

find('takes the first standard location that exists', async () => {
  const found = await findChrome({ env: {}, candidates: ['/nulle/part/chromium', process.execPath], bundled: false });
  assert.equal(found, { executablePath: process.execPath, kind: 'chrome', source: 'système' });
});

find('says everything it tried when nothing is found', async () => {
  const error = await findChrome({ env: {}, candidates: ['/nulle/part/chromium'], bundled: false }).catch((e: unknown) => e);
  assert.instance(error, BrowserNotFoundError);
  assert.equal((error as BrowserNotFoundError).tried, ['CHROME_PATH (non défini)', '/nulle/part/chromium']);
  assert.match((error as Error).message, /^Aucun navigateur Chromium ou Chrome n’a été trouvé pour produire le PDF\.\n/);
});

find.run();
