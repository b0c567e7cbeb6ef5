// Unusual but legal data builds correctly; broken files stop the build with a French message
// naming the file — never a stack trace.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const bad = suite('bad and unusual data');

function build(dataDir: string): { status: number | null; out: string; site: string } {
  const site = join(mkdtempSync(join(tmpdir(), 'compendium-bad-out-')), '_site');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'build', '--sortie', site, dataDir], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000 });
  const out = `${r.stdout}${r.stderr}`;
  assert.not.match(out, /\n\s+at .+\(.+:\d+:\d+\)/, `no stack trace:\n${out}`);
  return { status: r.status, out, site };
}

const edition = readFileSync(join(VALID, 'editions/2025/edition.yaml'), 'utf8');

bad('an edition with no project at all builds', () => {
  const dir = dataWith({
    'editions/2026/edition.yaml': edition.replace('annee: 2025', 'annee: 2026').replace(/territoires:[\s\S]*$/, 'territoires:\n  - territoire: moselle\n  - territoire: metz-orne\n'),
    'editions/2026/edito.md': 'Édito 2026.\n',
  });
  const r = build(dir);
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(r.site, 'pdf/innovation-sociale-moselle-2026-ecran.pdf')));
  assert.match(readFileSync(join(r.site, 'index.html'), 'utf8'), '2026');
});

bad('a territory with no project, and one with 60, build', () => {
  const files: Record<string, string> = {};
  const ids: string[] = [];
  for (let i = 1; i <= 60; i++) {
    const id = `projet-${i}`;
    ids.push(id);
    files[`projets/${id}.yaml`] = `id: ${id}\nnom: Projet numéro ${i}\norganisation: cantorama\nannee: 2024\nterritoire: moselle\nresume: une action de proximité numéro ${i}, pour les habitants du territoire.\n`;
  }
  files['editions/2025/edition.yaml'] = edition
    .replace('  - territoire: moselle\n    aussi_laureats:\n      - le-jardin-musical\n', `  - territoire: moselle\n    aussi_laureats:\n      - le-jardin-musical\n    autres_laureats:\n${ids.map((id) => `      - ${id}\n`).join('')}`)
    .replace('territoires:\n', 'territoires:\n');
  files['territoires.yaml'] = `${readFileSync(join(VALID, 'territoires.yaml'), 'utf8')}  - id: thionville\n    nom: Thionville\n    intitule: Territoire de Thionville\n    dans: sur le territoire de Thionville\n    ordre: 3\n`;
  const r = build(dataWith(files));
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(r.site, 'projets/projet-60/index.html')));
  assert.ok(existsSync(join(r.site, 'territoires/thionville/index.html')), 'the empty territory has its page');
});

bad('a photo that is a text file stops the build, naming the data file and the image', () => {
  const dir = dataWith({
    'projets/graoucoop.yaml': readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8').replace('  a_fournir: true', '  fichier: projets/graoucoop.jpg\n  alt: La façade du supermarché\n  credit: X'),
  });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  writeFileSync(join(dir, 'images/projets/graoucoop.jpg'), 'ceci n’est pas une image\n');
  const r = build(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, 'projets/graoucoop.yaml');
  assert.match(r.out, 'images/projets/graoucoop.jpg');
});

bad.run();
