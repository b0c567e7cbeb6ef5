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
  const words = (x: string): string[] => [...x.matchAll(/"([^"]*)"|(\S+)/g)].map((w) => w[1] ?? w[2]!);
  // « npx compendium … » is the same as « npm run compendium -- … » (checked for real below).
  const npx = /^npx compendium (.*)$/.exec(command.trim());
  if (npx) return [join(ROOT, 'bin/compendium.js'), ...words(npx[1]!)];
  const m = /^npm (?:run (\S+)|(start))(?: -- (.*))?$/.exec(command.trim());
  assert.ok(m, `not an npm command: ${command}`);
  const script = scripts[m[1] ?? m[2]!];
  assert.ok(script, `no such npm script: ${command}`);
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
/** A shell command of the guide (git, zip) as typed, in the copy. */
const shell = (command: string, cwd = work): { status: number | null; out: string } => {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Éditrice', GIT_AUTHOR_EMAIL: 'editrice@example.org', GIT_COMMITTER_NAME: 'Éditrice', GIT_COMMITTER_EMAIL: 'editrice@example.org' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
/** The guide's command that starts with `prefix` (the guide's order is checked below). */
const cmd = (prefix: string): string => {
  const found = commands.find((c) => c.startsWith(prefix));
  assert.ok(found, `no command « ${prefix} » in the guide`);
  return found;
};

guide.after(() => rmSync(work, { recursive: true, force: true }));

guide('the guide’s commands are the expected ones, in order', () => {
  assert.equal(
    commands.map((c) => c.split(' ').slice(0, 5).join(' ')),
    [
      'npm ci',
      'npx compendium validate',
      'npm run validate',
      'npm run validate -- --strict',
      'npm run compendium -- add-project',
      'npm run compendium -- new-edition',
      'npm run compendium -- new-edition',
      'npm run validate -- --tous',
      'npm run compendium -- diff',
      'npm run compendium -- pdf',
      'npm start',
      'npm run build',
      'npm run build -- --prefixe',
      'npm run compendium -- pdf',
      'zip -r donnees-2026.zip data',
      'git add data',
      'git commit -m "Édition 2026',
      'git push',
    ],
  );
});

guide('0. install: npm ci resolves from the lock file (dry run, in a copy)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-guide-install-'));
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(dir, f));
  const r = shell(`${cmd('npm ci')} --dry-run --no-audit --no-fund --prefer-offline`, dir);
  assert.is(r.status, 0, r.out);
  rmSync(dir, { recursive: true, force: true });
});

guide('0. npx compendium works like npm run compendium -- (real npx, from the project folder)', () => {
  const r = spawnSync('npx', ['--no-install', 'compendium', 'help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000 });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, 'Usage : compendium <commande>');
  const v = run(cmd('npx compendium validate'));
  assert.is(v.status, 0, v.out);
  assert.match(v.out, 'Données valides');
});

guide('2. check the data (and the strict check before the print shop)', () => {
  const plain = run(cmd('npm run validate'));
  assert.is(plain.status, 0, plain.out);
  assert.match(plain.out, 'Édition 2025 — 56 projets');
  const strict = run(cmd('npm run validate -- --strict'));
  assert.is(strict.status, 1, 'the 2025 brochure has warnings, which --strict makes errors');
  assert.match(strict.out, /\d+ erreurs, 0 avertissement/);
});

guide('3. add a project, then write its résumé as the guide says', () => {
  const r = run(cmd('npm run compendium -- add-project'));
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(work, 'data/images/projets')), 'the photos’ folder is created');
  const file = join(work, 'data/projets/repair-cafe-itinerant.yaml');
  assert.ok(existsSync(file));
  assert.ok(existsSync(join(work, 'data/organisations/les-bricoleurs-du-saulnois.yaml')));
  writeFileSync(file, readFileSync(file, 'utf8').replace('# resume: …', 'resume: un atelier de réparation qui se déplace de village en village.'));
  assert.is(run(cmd('npm run validate')).status, 0);
});

guide('10. prepare next year’s edition (laureates carried over) and compare it', () => {
  const r = run(cmd('npm run compendium -- new-edition 2026'));
  assert.is(r.status, 0, r.out);
  assert.match(r.out, 'Les 57 lauréats de l’édition 2025 sont repris à leur place');
  const path = join(work, 'data/editions/2026/edition.yaml');
  assert.match(readFileSync(path, 'utf8'), 'brouillon: true  # en préparation : supprimez cette ligne pour publier l’édition');
  // The warnings inherited from 2025 are counted after the new ones; --tous lists them all.
  const counted = run(cmd('npm run validate'));
  const total = Number(/(\d+) avertissements\n/.exec(counted.out)?.[1]);
  const shown = (out: string) => [...out.matchAll(/ — avertissement : /g)].length;
  assert.match(counted.out, /\n(\d+) autres avertissements étaient déjà là dans l’édition 2025 \(non listés ici\) : « compendium validate --tous » les montre tous\./);
  assert.ok(shown(counted.out) < 5, `only the draft’s and the new ones listed: ${shown(counted.out)}`);
  const all = run(cmd('npm run validate -- --tous'));
  assert.is(all.status, 0, all.out);
  assert.is(shown(all.out), total, 'every warning listed');
  // Sections 6, 7, 8: a testimonial removed, a figure changed, a new édito file.
  writeFileSync(path, readFileSync(path, 'utf8').replace('    - frederic-leybold\n', '').replace('valeur: 2,7 millions', 'valeur: 2,8 millions').replace('fichier: edito.md', 'fichier: edito-2026.md'));
  writeFileSync(join(work, 'data/editions/2026/edito-2026.md'), 'Nouvel édito.\n');
  assert.is(run(cmd('npm run validate')).status, 0);
  const d = run(cmd('npm run compendium -- diff'));
  assert.is(d.status, 0, d.out);
  assert.match(d.out, 'Différences entre l’édition 2025 et l’édition 2026');
  assert.match(d.out, '  - Frédéric LEYBOLD (frederic-leybold) — retiré');
  assert.match(d.out, '  ~ « salariés (France) » : 2,7 millions → 2,8 millions');
  assert.match(d.out, '  - edito.md — retiré (l’édition 2026 ne l’utilise plus)');
  const empty = run(cmd('npm run compendium -- new-edition 2027 --sans-laureats'));
  assert.is(empty.status, 0, empty.out);
  assert.match(readFileSync(join(work, 'data/editions/2027/edition.yaml'), 'utf8'), '    # a_la_une:\n    #   - identifiant-du-projet\n');
  rmSync(join(work, 'data/editions/2027'), { recursive: true });
});

guide('11. a draft’s PDFs, in _brouillons/2026/ as the guide says, never in the published _site/', () => {
  const r = run(cmd('npm run compendium -- pdf --edition 2026'));
  assert.is(r.status, 0, r.out);
  assert.ok(text.includes('`_brouillons/2026/`'), 'the guide names the folder');
  assert.ok(existsSync(join(work, '_brouillons/2026/innovation-sociale-moselle-2026-ecran.pdf')), r.out);
  assert.not.ok(existsSync(join(work, '_site/pdf/innovation-sociale-moselle-2026-ecran.pdf')), r.out);
});

guide('7. preview: npm start serves the site until Ctrl-C', async () => {
  const child = spawn(process.execPath, [...argv(cmd('npm start')), '--port', '0'], { cwd: work, env: { ...process.env, CI: 'true' } });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 180 s:\n${out}`)), 180_000);
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

guide('13. build and publish, at the root and under a sub-path', () => {
  const r = run(cmd('npm run build'));
  assert.is(r.status, 0, r.out);
  for (const kind of ['ecran', 'impression']) assert.ok(existsSync(join(work, `_site/pdf/innovation-sociale-moselle-2025-${kind}.pdf`)), kind);
  assert.match(r.out, 'Construction terminée dans _site');
  const prefixed = run(cmd('npm run build -- --prefixe'));
  assert.is(prefixed.status, 0, prefixed.out);
  assert.match(readFileSync(join(work, '_site/index.html'), 'utf8'), 'href="/innovation-sociale/');
});

guide('14. an event booklet of one territory', () => {
  const r = run(cmd('npm run compendium -- pdf --territoire'));
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(work, '_site/livrets/innovation-sociale-moselle-2025-thionville-impression.pdf')), r.out);
});

guide('16. keep and share the files: a zip, or git’s three commands', () => {
  const zip = shell(cmd('zip -r'));
  assert.is(zip.status, 0, zip.out);
  assert.match(shell('unzip -l donnees-2026.zip').out, 'data/editions/2026/edition.yaml');
  // A clone of a shared repository, as the guide assumes.
  const remote = mkdtempSync(join(tmpdir(), 'compendium-guide-remote-'));
  assert.is(shell('git init -q --bare .', remote).status, 0);
  for (const setup of ['git init -q', `git remote add origin ${remote}`, 'git add package.json 2>/dev/null; git commit -q --allow-empty -m départ', 'git push -q -u origin HEAD']) assert.is(shell(setup).status, 0, setup);
  for (const c of [cmd('git add'), cmd('git commit'), cmd('git push')]) {
    const r = shell(c);
    assert.is(r.status, 0, `${c}\n${r.out}`);
  }
  assert.match(shell('git log --stat -1', remote).out, 'data/editions/2026/edition.yaml');
  rmSync(remote, { recursive: true, force: true });
});

guide.run();
