// The preview (`compendium preview`, a real process) survives anything a browser, an editor's
// tool or a hostile client sends: each request line, written raw on a TCP socket, gets a 4xx
// at worst (or a page), the server still answers a normal request afterwards, and nothing
// reaches the terminal as a stack trace.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { dataWith, ROOT } from '../helpers/data.ts';

const requests = suite('preview: hostile request lines');

let child: ChildProcess;
let port = 0;
let output = '';

requests.before(async () => {
  const dir = dataWith({});
  child = spawn(process.execPath, [join(ROOT, 'bin/compendium.js'), 'preview', '--port', '0', dir], { env: { ...process.env, CI: 'true' } });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const deadline = Date.now() + 180_000;
  while (!/Aperçu : http:\/\/127\.0\.0\.1:(\d+)\//.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the preview did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  port = Number(/Aperçu : http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)![1]);
});

requests.after(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Writes raw bytes on a new connection; resolves with what the server answered (maybe nothing). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (b) => {
      answer += b.toString('latin1');
      // One response is enough: the status line and headers, and the body if short.
      if (/\r\n\r\n/.test(answer)) setTimeout(done, 50);
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(20_000, done);
    socket.write(bytes);
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

async function stillServes(): Promise<void> {
  assert.is(child.exitCode, null, `the preview exited:\n${output}`);
  const res = await fetch(`http://127.0.0.1:${port}/projets/graoucoop/`);
  assert.is(res.status, 200);
  assert.match(await res.text(), 'Graoucoop');
}

const line = (target: string, method = 'GET'): string => `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

// [name, bytes, what is acceptable]: 4xx unless a page is the right answer.
const CASES: Array<[string, string | Buffer, (status: number) => boolean]> = [
  ['malformed percent-encoding (truncated UTF-8)', line('/%E0%A4%A'), (s) => s === 400],
  ['malformed percent-encoding (not hex)', line('/projets/%ZZ/'), (s) => s === 400],
  ['overlong UTF-8 dots', line('/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd'), (s) => s === 400],
  ['print preview path, malformed', line('/__apercu/impression/%E0%A4%A'), (s) => s === 400],
  ['dot-dot traversal', line('/../../../../etc/passwd'), (s) => s === 404],
  ['encoded slash traversal', line('/..%2F..%2F..%2Fetc%2Fpasswd'), (s) => s === 400],
  ['encoded dots', line('/%2e%2e/%2e%2e/etc/passwd'), (s) => s === 404],
  ['encoded backslash traversal', line('/..%5C..%5Cetc%5Cpasswd'), (s) => s === 400],
  ['raw backslashes', line('/..\\..\\etc\\passwd'), (s) => s >= 400 && s < 500],
  ['NUL byte, encoded', line('/projets%00/graoucoop/'), (s) => s === 400],
  ['NUL byte, raw', Buffer.from('GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'), (s) => s === 400],
  ['double slash (not a host)', line('//etc/passwd'), (s) => s === 404],
  ['absolute-form target', line('http://ailleurs.example/projets/graoucoop/'), (s) => s === 200],
  ['asterisk target', line('*', 'OPTIONS'), (s) => s === 405],
  ['target without a slash', line('projets'), (s) => s === 400],
  ['target of 5 000 characters', line(`/${'a'.repeat(5000)}`), (s) => s === 414],
  ['request line of 100 000 characters', line(`/${'a'.repeat(100_000)}`), (s) => s === 431 || s === 414 || s === 400],
  ['unknown method', line('/', 'BREW'), (s) => s >= 400 && s < 500],
  ['DELETE', line('/', 'DELETE'), (s) => s === 405],
  ['POST with a body', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello', (s) => s === 405],
  ['HTTP/0.9-style line (Node reads it as HTTP/1.1)', 'GET /\r\n\r\n', (s) => s === 0 || s === 200 || (s >= 400 && s < 500)],
  ['garbage bytes', Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]), (s) => s === 400],
  ['raw bytes above ASCII in the target', Buffer.from('GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'), (s) => s >= 400 && s < 500],
  ['malformed query string (ignored)', line('/projets/graoucoop/?q=%E0%A4%A'), (s) => s === 200],
  ['HEAD', line('/projets/graoucoop/', 'HEAD'), (s) => s === 200],
  ['a request cut short', 'GET /projets/graou', (s) => s === 0 || s === 400],
];

for (const [name, bytes, ok] of CASES) {
  requests(`${name}: answered, and the preview still serves`, async () => {
    const answer = await raw(bytes);
    const status = statusOf(answer);
    assert.ok(ok(status), `${name}: status ${status}\n${answer.slice(0, 300)}`);
    await stillServes();
  });
}

requests('a second preview on the same port: a French error at once, exit 1, no stack trace', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'preview', '--port', String(port), dataWith({})], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, `compendium preview : le port ${port} est déjà utilisé (un autre aperçu tourne peut-être) : arrêtez-le, ou choisissez un autre port, par exemple « --port ${port + 1} »`);
  assert.not.match(`${r.stdout}${r.stderr}`, /\n\s+at .+:\d+:\d+\)?/);
  await stillServes();
});

requests('nothing reached the terminal as a stack trace, and Ctrl-C ends it cleanly', async () => {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  assert.is(await exited, 0);
  assert.not.match(output, /\n\s+at .+:\d+:\d+\)?/, `no stack trace:\n${output}`);
  assert.not.match(output, /URIError|TypeError|Unhandled/, output);
});

requests.run();
