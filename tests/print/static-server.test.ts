import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { serveFolder } from '../../src/print/static-server.ts';

/** GET with a raw path (fetch would normalise `..` away before sending). */
const get = (origin: string, path: string) =>
  new Promise<{ status: number; type: string; body: string }>((done, fail) => {
    const url = new URL(origin);
    request({ host: url.hostname, port: url.port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    })
      .on('error', fail)
      .end();
  });

const server = suite('serveFolder');

server('serves the folder on 127.0.0.1, with overrides, and nothing outside it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-serve-'));
  await writeFile(join(dir, 'base.css'), 'p{}');
  const srv = await serveFolder(dir, new Map([['/livret.html', '<p>hyphéné</p>']]));
  try {
    assert.match(srv.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await get(srv.origin, '/base.css'), { status: 200, type: 'text/css; charset=utf-8', body: 'p{}' });
    assert.is((await get(srv.origin, '/livret.html')).body, '<p>hyphéné</p>');
    assert.is((await get(srv.origin, '/absent.png')).status, 404);
    assert.is((await get(srv.origin, '/..%2f..%2fetc%2fpasswd')).status, 403);
    assert.is(srv.urlFor('dossier/mon livret.html'), `${srv.origin}/dossier/mon%20livret.html`);
  } finally {
    await srv.close();
    await rm(dir, { recursive: true, force: true });
  }
});

server.run();
