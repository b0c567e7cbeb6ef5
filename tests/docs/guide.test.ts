// Every command of the editor's guide (docs/guide-editeur.md) is run here, in order, on a
// copy of the bundled data, the way an editor would type it: the guide cannot drift from
// the tool without this suite failing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/data.ts';

const guide = suite('editor’s guide');

const text = readFileSync(join(ROOT, 'docs/guide-editeur.md'), 'utf8');
const commands = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** « npm run validate -- --strict » → the script's command line with the extra arguments. */
function argv(command: string): string[] {
  const m = /^npm (?:run (\S+)|(start))(?: -- (.*))?$/.exec(command.trim());
  assert.ok(m, `not an npm command: ${command}`);
  const script = scripts[m[1] ?? m[2]!];
  assert.ok(script, `no such npm script: ${command}`);
  const words = (s: string): string[] => [...s.matchAll(/"([^"]*)"|(\S+)/g)].map((w) => w[1] ?? w[2]!);
  const [node, ...rest] = words(script);
  assert.is(node, 'node');
  return [...rest.map((w) => (w.startsWith('bin/') ? join(ROOT, w) : w)), ...words(m[3] ?? '')];
}

const work = mkdtempSync(join(tmpdir(), 'compendium-guide-'));
cpSync(join(ROOT, 'data'), join(work, 'data'), { recursive: true });
const run = (command: string): { status: number | null; out: string } => {
  const r = spawnSync(process.execPath, argv(command), { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

guide.after(() => rmSync(work, { recursive: true, force: true }));

guide('the guide’s commands are the expected ones, in order', () => {
  assert.equal(
    commands.map((c) => c.split(' ').slice(0, 5).join(' ')),
    [
      'npm run validate',
      'npm run validate -- --strict',
      'npm run compendium -- add-project',
      'npm run compendium -- new-edition',
      'npm run compendium -- diff',
      'npm start',
      'npm run build',
      'npm run build -- --prefixe',
      'npm run compendium -- pdf',
    ],
  );
});

guide('2. check the data (and the strict check before the print shop)', () => {
  const plain = run(commands[0]!);
  assert.is(plain.status, 0, plain.out);
  assert.match(plain.out, 'Édition 2025 — 56 projets');
  const strict = run(commands[1]!);
  assert.is(strict.status, 1, 'the 2025 brochure has warnings, which --strict makes errors');
  assert.match(strict.out, /\d+ erreurs, 0 avertissement/);
});

guide('3. add a project, then write its résumé as the guide says', () => {
  const r = run(commands[2]!);
  assert.is(r.status, 0, r.out);
  const file = join(work, 'data/projets/repair-cafe-itinerant.yaml');
  assert.ok(existsSync(file));
  assert.ok(existsSync(join(work, 'data/organisations/les-bricoleurs-du-saulnois.yaml')));
  writeFileSync(file, readFileSync(file, 'utf8').replace('# resume: …', 'resume: un atelier de réparation qui se déplace de village en village.'));
  assert.is(run(commands[0]!).status, 0);
});

guide('6. prepare next year’s edition and compare it', () => {
  const r = run(commands[3]!);
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(work, 'data/editions/2026/edition.yaml')));
  const d = run(commands[4]!);
  assert.is(d.status, 0, d.out);
  assert.match(d.out, 'Différences entre l’édition 2025 et l’édition 2026');
  assert.match(d.out, 'Projets retirés (57)');
});

guide('7. preview: npm start serves the site until Ctrl-C', async () => {
  const child = spawn(process.execPath, [...argv(commands[5]!), '--port', '0'], { cwd: work, env: { ...process.env, CI: 'true' } });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Aperçu : (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const res = await fetch(url);
  assert.is(res.status, 200);
  assert.match(await res.text(), 'Innovation Sociale en Moselle');
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.is(code, 0);
});

guide('8. build and publish, at the root and under a sub-path', () => {
  const r = run(commands[6]!);
  assert.is(r.status, 0, r.out);
  for (const kind of ['ecran', 'impression']) assert.ok(existsSync(join(work, `_site/pdf/innovation-sociale-moselle-2025-${kind}.pdf`)), kind);
  assert.match(r.out, 'Construction terminée dans _site');
  const prefixed = run(commands[7]!);
  assert.is(prefixed.status, 0, prefixed.out);
  assert.match(readFileSync(join(work, '_site/index.html'), 'utf8'), 'href="/innovation-sociale/');
});

guide('9. an event booklet of one territory', () => {
  const r = run(commands[8]!);
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(work, '_site/livrets/innovation-sociale-moselle-2025-thionville-impression.pdf')), r.out);
});

guide.run();
