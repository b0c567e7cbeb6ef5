// Issue 15, what was left of it: every command honours the data folder typed as a positional
// (or refuses two with exit 2), refuses control characters in what is typed, naming the option,
// and a year, territory or theme the data does not have is a usage error listing the valid ones.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import type { Output } from '../../src/cli/output.ts';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { addProjectCommand } from '../../src/cli/add-project.ts';
import { refuseControls, UsageError } from '../../src/cli/args.ts';
import { dataWith } from '../helpers/data.ts';

const usage = suite('cli usage');
const NB = '\u00A0';

const run = runCli;

const ADD = ['--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2025', '--territoire', 'moselle', '--edition', '2025', '--place', 'autres_laureats'];

usage('add-project writes into the folder given as a positional, not into data/', async () => {
  const dir = dataWith({});
  const r = await run('add-project', dir, ...ADD);
  assert.is(r.code, 0, r.err);
  assert.ok(existsSync(join(dir, 'projets/laverie-solidaire.yaml')), 'written into the folder typed');
  assert.match(readFileSync(join(dir, 'editions/2025/edition.yaml'), 'utf8'), '- laverie-solidaire');
  assert.not.ok(existsSync(join('data', 'projets/laverie-solidaire.yaml')), 'nothing written into ./data');
  // The same folder twice is fine; two different ones are refused before anything is written.
  const same = dataWith({});
  assert.is((await run('add-project', same, '--data', same, ...ADD)).code, 0);
  const other = dataWith({});
  const two = await run('add-project', other, '--data', dir, ...ADD.map((a) => (a === 'Laverie solidaire' ? 'Autre projet' : a)));
  assert.is(two.code, 2);
  assert.match(two.err, `deux dossiers de données${NB}: «${NB}${other}${NB}» et --data «${NB}${dir}${NB}»${NB}; gardez-en un`);
  assert.not.ok(existsSync(join(other, 'projets/autre-projet.yaml')));
  assert.not.ok(existsSync(join(dir, 'projets/autre-projet.yaml')));
});

usage('add-project refuses a newline, an escape or a tab in --nom and the other options, naming the option', async () => {
  for (const [option, value, name] of [
    ['--nom', 'Laverie\nid: pirate', 'un saut de ligne'],
    ['--nom', 'Laverie \u001B[31msolidaire', 'un caractère Échap'],
    ['--organisation', 'canto\trama', 'une tabulation'],
    ['--public-cible', 'Familles\u0007', `le caractère invisible [U+0007]`],
    ['--territoire-cible', 'Metz \u202Egnp.exe', `le caractère invisible [U+202E]`],
  ] as const) {
    const dir = dataWith({});
    const args = [...ADD];
    const i = args.indexOf(option);
    if (i >= 0) args[i + 1] = value;
    else args.push(option, value);
    const r = await run('add-project', '--data', dir, ...args);
    assert.is(r.code, 2, `${option} ${JSON.stringify(value)}`);
    assert.match(r.err, `l’option «${NB}${option}${NB}» contient ${name}`, option);
    assert.match(r.err, 'retapez la valeur sur une seule ligne, sans caractère invisible');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    assert.not.match(r.err, /\u001B|\u0007|\u202E/, 'the control itself is never echoed');
    assert.not.ok(existsSync(join(dir, 'projets/laverie-solidaire.yaml')) || existsSync(join(dir, 'projets/laverie-id-pirate.yaml')), 'nothing written');
  }
});

usage('add-project asked on a terminal refuses a pasted control character in an answer', async () => {
  const dir = dataWith({});
  const answers = Object.assign(Readable.from(['Laverie \u001B[2Jsolidaire\n', 'cantorama\n', '2025\n', 'moselle\n', '\n', '\n']), { isTTY: true });
  const o: Output = { stdout: () => {}, stderr: () => {}, prompt: () => {} };
  const error = await addProjectCommand(['--data', dir], o, answers).catch((e: unknown) => e);
  assert.instance(error, UsageError);
  assert.is((error as Error).message, `la réponse à «${NB}Nom du projet${NB}» contient un caractère Échap (reçu${NB}: «${NB}Laverie [U+001B][2Jsolidaire${NB}»)${NB}: retapez la valeur sur une seule ligne, sans caractère invisible`);
});

usage('the other commands: control characters refused with the option named, two data folders refused (exit 2)', async () => {
  const dir = dataWith({});
  const out = mkdtempSync(join(tmpdir(), 'compendium-usage-'));
  for (const [argv, expected] of [
    [['build', '--url', 'https://www.moselle.fr\n', dir], `l’option «${NB}--url${NB}» contient un saut de ligne`],
    [['pdf', '--territoire', 'metz\u0000', '--sortie', out, dir], `l’option «${NB}--territoire${NB}» contient le caractère invisible [U+0000]`],
    [['validate', `${dir}\u001B`], 'l’argument contient un caractère Échap'],
    [['validate', dir, dir], 'un seul dossier de données à la fois'],
    [['build', '--sans-pdf', dir, 'autre'], 'un seul dossier de données à la fois'],
    [['pdf', '--sortie', out, dir, 'autre'], 'un seul dossier de données à la fois'],
    [['preview', dir, 'autre'], 'un seul dossier de données à la fois'],
    [['new-edition', '2026', dir, 'autre'], 'un seul dossier de données à la fois'],
    [['diff', '2025', '2026', dir, 'autre'], 'un seul dossier de données à la fois'],
    [['new-edition', '2026', dir, '--data', 'ailleurs'], 'deux dossiers de données'],
  ] as const) {
    const r = await run(...argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.err, expected, argv.join(' '));
  }
  assert.not.ok(existsSync(join(dir, 'editions/2026')), 'nothing created');
});

usage('new-edition and diff honour the data folder given as a positional', async () => {
  const dir = dataWith({});
  const made = await run('new-edition', '2026', dir);
  assert.is(made.code, 0, made.err);
  assert.ok(existsSync(join(dir, 'editions/2026/edition.yaml')));
  const diff = await run('diff', '2025', '2026', dir);
  assert.is(diff.code, 0, diff.err);
});

usage('an unknown year, territory or theme is a usage error listing the valid ones, before any output', async () => {
  const dir = dataWith({});
  const out = join(mkdtempSync(join(tmpdir(), 'compendium-usage-')), 'livrets');
  const territory = await run('pdf', '--territoire', 'nancy', '--sortie', out, dir);
  assert.is(territory.code, 2, territory.err);
  assert.match(territory.err, `compendium pdf : territoire inconnu «${NB}nancy${NB}» pour l’édition 2025. Identifiants possibles${NB}: «${NB}moselle${NB}», «${NB}metz-orne${NB}»`);
  const theme = await run('pdf', '--theme', 'sante', '--sortie', out, dir);
  assert.is(theme.code, 2, theme.err);
  assert.match(theme.err, `thème inconnu «${NB}sante${NB}». Identifiants possibles${NB}: «${NB}alimentation${NB}», «${NB}insertion${NB}»`);
  const year = await run('pdf', '--edition', '2031', '--sortie', out, dir);
  assert.is(year.code, 2, year.err);
  assert.match(year.err, `édition 2031 introuvable (éditions${NB}: 2025)`);
  assert.not.ok(existsSync(out), 'no output folder made for a typing slip');
  // A theme no laureate of the edition has: the booklet would be empty, the ones that would not are named.
  const withEmpty = dataWith({ 'themes.yaml': `${readFileSync(join(dir, 'themes.yaml'), 'utf8')}  - id: sante\n    nom: Santé\n` });
  const empty = await run('pdf', '--theme', 'sante', '--sortie', out, withEmpty);
  assert.is(empty.code, 2, empty.err);
  assert.match(empty.err, `aucun lauréat de l’édition 2025 pour le thème «${NB}sante${NB}»${NB}: le livret serait vide. Thèmes qui ont des lauréats${NB}: «${NB}alimentation${NB}»`);
  const diff = await run('diff', '2025', '2031', dir);
  assert.is(diff.code, 2, diff.err);
  assert.match(diff.err, 'édition introuvable : 2031 (éditions présentes : 2025)');
  assert.match(diff.err, `→ Il faut deux éditions pour les comparer${NB}: «${NB}compendium new-edition <année>${NB}» prépare la suivante.`);
  assert.not.match(diff.err, 'Usage', 'the line and its hint, not the whole usage screen');
  assert.is(diff.err.trim().split('\n').length, 2, diff.err);
});

usage('refuseControls lets ordinary French text through', () => {
  assert.is(refuseControls('Épicerie d’Été « Chez nous » 🚲', 'x'), 'Épicerie d’Été « Chez nous » 🚲');
});

usage.run();
