import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const cli = suite('cli');

const run = runCli;

cli('validate: exit 0 and a summary first when the data is valid', async () => {
  const r = await run('validate', VALID);
  assert.is(r.code, 0);
  assert.ok(r.out.startsWith(`Données : ${VALID}\n\nÉdition 2025 — 3 projets\n`), r.out);
  assert.match(r.out, /Moselle\s+0\s+1\s+0\n/);
  assert.match(r.out, /Metz – Orne\s+1\s+0\s+1\n/);
  assert.match(r.out, 'Projets : 3 · Organisations : 2 · Partenaires : 1 · Témoignages : 1 · Contacts : 1\n0 erreur, 1 avertissement\n');
  assert.ok(r.out.indexOf('0 erreur') < r.out.indexOf('avertissement : photo du projet à fournir'), 'summary before messages');
});

cli('validate: exit 1 on errors; --strict turns warnings into errors', async () => {
  const broken = dataWith({ 'projets/x.yaml': 'id: x\n' });
  assert.is((await run('validate', broken)).code, 1);
  const strict = await run('validate', '--strict', VALID);
  assert.is(strict.code, 1);
  assert.match(strict.out, '1 erreur, 0 avertissement');
});

cli('validate --json prints the same findings for machines', async () => {
  const r = await run('validate', '--json', VALID);
  assert.is(r.code, 0);
  const json = JSON.parse(r.out) as { summary: { projets: number }; errors: unknown[]; warnings: Array<{ code: string; line: number }> };
  assert.is(json.summary.projets, 3);
  assert.equal(json.errors, []);
  assert.equal(json.warnings.map((w) => [w.code, w.line]), [['IMAGE_TO_SUPPLY', 18]]);
});

cli('exit 2 on wrong usage, with a French message', async () => {
  const unknownCommand = await run('valider');
  assert.is(unknownCommand.code, 2);
  assert.match(unknownCommand.err, 'commande inconnue « valider »');
  const unknownOption = await run('validate', '--stric');
  assert.is(unknownOption.code, 2);
  assert.match(unknownOption.err, 'option inconnue « --stric »');
  assert.is((await run()).code, 2);
  assert.is((await run('help')).code, 0);
  const help = await run('pdf', '--help');
  assert.is(help.code, 0, '--help after a command shows the usage');
  assert.match(help.out, 'Usage : compendium');
});

cli('a 5 MB file gets a clear message and no stack trace, as a real process', () => {
  const dir = dataWith({ 'projets/enorme.yaml': `id: enorme\ndescription: |\n${'  Lorem ipsum dolor sit amet.\n'.repeat(180_000)}` });
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'validate', dir], { encoding: 'utf8' });
  assert.is(res.status, 1);
  assert.match(res.stdout, /projets\/enorme\.yaml — erreur : fichier trop volumineux \(5,\d Mo ; 1 Mo au plus\)/);
  assert.not.match(res.stdout + res.stderr, /\n\s+at /, 'no stack trace');
});

cli('error counts are singular or plural, never « erreur(s) » (preview, pdf, add-project, new-edition)', async () => {
  const { errorCount } = await import('../../src/plural.ts');
  assert.is(errorCount(1), '1 erreur');
  assert.is(errorCount(3), '3 erreurs');
  const { readFileSync } = await import('node:fs');
  for (const f of ['src/cli/pdf.ts', 'src/cli/add-project.ts', 'src/cli/new-edition.ts', 'src/preview/builder.ts', 'src/preview/full-build.ts']) assert.not.match(readFileSync(f, 'utf8'), 'erreur(s)', f);
});

cli.run();
