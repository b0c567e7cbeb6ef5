/**
 * Issue 11, item 1 (and issue 13, item 8): no output path can replace or mix with a source.
 * Each refused `--sortie` exits 2 with a French message, before anything is created, moved
 * or deleted: the work folder (data included) is byte-identical afterwards. `--sortie data`
 * used to replace data/ with the site; `--sortie .` moved the project aside.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.ts';
import { checksums } from '../helpers/checksums.ts';
import { ROOT } from '../helpers/data.ts';
import { makeWork, runCli, STACK } from './support/process.ts';

const paths = suite('output paths');

/** Runs the CLI in this process from `cwd`, with HOME set to `home`. */
async function cli(cwd: string, home: string, ...args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const previous = { cwd: process.cwd(), home: process.env.HOME };
  process.chdir(cwd);
  process.env.HOME = home;
  try {
    const code = await main(args, { stdout: () => {}, stderr: (t) => (err += `${t}\n`) });
    return { code, err };
  } finally {
    process.chdir(previous.cwd);
    process.env.HOME = previous.home;
  }
}

/** Every file and symlink under a folder, with its hash (symlinks as their target). */
const snapshot = (dir: string): Record<string, string> => ({ ...checksums(dir), listing: readdirSync(dir, { recursive: true }).map(String).sort().join('\n') });

paths('every output that is, contains or lies in a source is refused (exit 2, French, nothing touched)', async () => {
  const w = makeWork('paths');
  const home = join(w.dir, 'maison');
  mkdirSync(join(home, 'projet'), { recursive: true });
  symlinkSync('data', join(w.dir, 'lien-donnees'));
  mkdirSync(join(w.dir, 'photos'));
  writeFileSync(join(w.dir, 'photos', 'vacances.jpg'), 'pas à nous');
  writeFileSync(join(w.dir, 'notes.txt'), 'un fichier');
  const before = snapshot(w.dir);
  const cases: Array<[string, RegExp]> = [
    ['data', /c’est le dossier des données/],
    ['data/', /c’est le dossier des données/],
    ['./data/../data', /c’est le dossier des données/],
    [join(w.dir, 'data') + '//', /c’est le dossier des données/],
    ['lien-donnees', /c’est le dossier des données/],
    ['data/site', /il est dans le dossier des données/],
    ['lien-donnees/site', /il est dans le dossier des données/],
    ['.', /c’est le dossier courant/],
    ['..', /il contient le dossier des données/],
    ['/', /c’est la racine du système/],
    [home, /c’est votre dossier personnel/],
    [ROOT, /c’est le dossier du projet compendium/],
    [join(ROOT, 'templates', 'site'), /il est dans le dossier «\u00A0templates\u00A0» du projet/],
    ['photos', /ce dossier existe, n’est pas vide \(1 élément\) et n’a pas été écrit par compendium/],
    ['notes.txt', /c’est un fichier, pas un dossier/],
    ['', /le chemin est vide/],
  ];
  for (const [out, reason] of cases) {
    for (const command of [['build', '--sans-pdf'], ['pdf'], ['pdf', '--territoire', 'metz-orne']]) {
      const r = await cli(w.dir, home, ...command, '--sortie', out, 'data');
      const what = `${command.join(' ')} --sortie '${out}'`;
      assert.is(r.code, 2, `${what}: ${r.err}`);
      assert.match(r.err, `dossier de sortie refusé «\u00A0${out}\u00A0»\u00A0:`, what);
      assert.match(r.err, reason, what);
      assert.match(r.err, 'Rien n’a été modifié.', what);
      assert.not.match(r.err, STACK, `${what}: no stack trace`);
    }
  }
  assert.equal(snapshot(w.dir), before, 'data, project and every other file byte for byte');
});

paths('an output compendium wrote is replaced; the marker is written into every output', async () => {
  const w = makeWork('rebuild');
  const first = await runCli(['build', '--sans-pdf', '--sortie', '_site/', 'data'], { cwd: w.dir });
  assert.is(first.code, 0, first.stderr);
  assert.ok(existsSync(join(w.out, '.compendium-sortie')), 'marked');
  assert.ok(existsSync(join(w.out, 'projets')), 'the new site');
  assert.not.ok(existsSync(join(w.out, 'pdf/innovation-sociale-moselle-2025-impression.pdf')), 'the previous output replaced');
  assert.equal(readdirSync(w.dir).sort(), ['_site', 'data', 'tmp'], 'no staging folder, no lock');
});

paths('the real command: --sortie data exits 2 and leaves every YAML file in place', async () => {
  const w = makeWork('real');
  const before = checksums(w.data);
  const r = await runCli(['build', '--sans-pdf', '--sortie', 'data', 'data'], { cwd: w.dir });
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.equal(checksums(w.data), before);
});

paths('--url takes only an absolute http(s) URL (exit 2); an existing empty folder is a fine output', async () => {
  const w = makeWork('url');
  mkdirSync(join(w.dir, 'neuf'));
  for (const url of ['javascript:alert(1)', '/chemin/relatif', 'moselle.fr', 'ftp://moselle.fr', 'https:moselle.fr', 'https://x.fr/?a=1', 'https://x.fr/#top', 'https://a:b@x.fr', 'data:text/html,<b>x</b>', 'https://x.fr/"><script>', '\u001b[31mhttps://x.fr']) {
    const r = await cli(w.dir, w.dir, 'build', '--sans-pdf', '--sortie', 'neuf', '--url', url, 'data');
    assert.is(r.code, 2, `${url}: ${r.err}`);
    // A control character is refused first, for any option (src/cli/args.ts), naming it.
    assert.match(r.err, url.includes('\u001b') ? /l’option «\s--url\s» contient un caractère Échap/ : '--url attend l’adresse complète du site publié, en http ou https', url);
    assert.not.match(r.err, '\u001b', 'control characters are not echoed');
  }
  assert.equal(readdirSync(join(w.dir, 'neuf')), [], 'nothing built');
  const ok = await cli(w.dir, w.dir, 'build', '--sans-pdf', '--sortie', 'neuf', '--url', 'https://www.moselle.fr/innovation', 'data');
  assert.is(ok.code, 0, ok.err);
  assert.match(readFileSync(join(w.dir, 'neuf/index.html'), 'utf8'), 'href="https://www.moselle.fr/innovation/"');
  assert.match(readFileSync(join(w.dir, 'neuf/.compendium-sortie'), 'utf8'), 'compendium', 'marked');
});

paths('--prefixe takes only a plain path (exit 2): no quote, no markup, no protocol-relative host, no « .. »', async () => {
  const w = makeWork('prefixe');
  mkdirSync(join(w.dir, 'neuf'));
  for (const prefix of ['"><script>alert(1)</script>/', '//evil.example/', '/a/../b/', '/espace ici/', "/l'apostrophe/", '\u001b[31m/x/']) {
    const r = await cli(w.dir, w.dir, 'build', '--sans-pdf', '--sortie', 'neuf', '--prefixe', prefix, 'data');
    assert.is(r.code, 2, `${prefix}: ${r.err}`);
    assert.match(r.err, prefix.includes('\u001b') ? /l’option «\s--prefixe\s» contient un caractère Échap/ : '--prefixe attend un chemin simple', prefix);
    assert.not.match(r.err, '\u001b', 'control characters are not echoed');
  }
  assert.equal(readdirSync(join(w.dir, 'neuf')), [], 'nothing built');
});

paths.run();
