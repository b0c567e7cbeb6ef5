// Drafts never block, and never pass for the published edition (issue 15): the CLI as an
// editor runs it, on a draft full of unfinished work beside a valid published edition.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataWith, ROOT } from '../helpers/data.ts';

const drafts = suite('editor: drafts');

function cli(args: string[], cwd = ROOT): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 600_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The valid fixture, with a 2026 draft holding a new laureate. */
function withDraft(): string {
  const dir = dataWith({});
  assert.is(cli(['new-edition', '2026', '--data', dir]).status, 0);
  assert.is(cli(['add-project', '--data', dir, '--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'moselle', '--edition', '2026', '--place', 'a_la_une']).status, 0);
  return dir;
}

drafts('a draft with errors beside a valid published edition: build --sans-pdf publishes 2025 and says 2026 was left out', () => {
  const dir = withDraft();
  // Unfinished: a project « à la une » without its texts, and a YAML error in the draft's edition.yaml.
  const path = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace('titre: Innovation Sociale en Moselle', 'titre: Innovation Sociale en Moselle: 2026 : brouillon'));
  const check = cli(['validate', dir]);
  assert.is(check.status, 1, 'validate reports the draft’s errors');
  assert.match(check.out, 'editions/2026/edition.yaml');
  const site = join(mkdtempSync(join(tmpdir(), 'compendium-draft-')), '_site');
  const r = cli(['build', '--sans-pdf', '--sortie', site, dir]);
  assert.is(r.status, 0, r.out);
  assert.match(r.out, /Édition 2026 \(brouillon\) laissée de côté : \d+ erreurs? à corriger \(« npm run validate » les détaille\) ; les éditions publiées ont été construites\./);
  assert.match(readFileSync(join(site, 'index.html'), 'utf8'), '2025');
  assert.not.ok(existsSync(join(site, '2026')), 'nothing of the draft is published');
  assert.not.ok(existsSync(join(site, 'projets/laverie-solidaire')), 'nor its new laureate');
});

drafts('an error in a project of the published edition still stops the build', () => {
  const dir = withDraft();
  const p = join(dir, 'projets/le-jardin-musical.yaml');
  writeFileSync(p, readFileSync(p, 'utf8').replace('annee: 2024', 'annee: 2O24'));
  const r = cli(['build', '--sans-pdf', '--sortie', join(mkdtempSync(join(tmpdir(), 'compendium-draft-')), '_site'), dir]);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, 'projets/le-jardin-musical.yaml:4:8');
});

drafts('the preview’s draft shows « Brouillon » on every page; the published edition never', () => {
  const dir = withDraft();
  const p = join(dir, 'projets/laverie-solidaire.yaml');
  // Finished enough to be shown: the build with drafts is what the preview shows.
  writeFileSync(p, 'id: laverie-solidaire\nnom: Laverie solidaire\norganisation: cantorama\nannee: 2026\nterritoire: moselle\nterritoire_cible: Metz\npublic_cible: tout public\ndescription: Une laverie ouverte à tous.\nrubriques:\n  besoin_social: a\n  apport_departement: b\n  partenariats: c\n  perennisation: d\nphoto:\n  a_fournir: true\n');
  const check = cli(['validate', dir]);
  assert.is(check.status, 0, check.out);
  const site = join(mkdtempSync(join(tmpdir(), 'compendium-draft-')), '_site');
  const r = cli(['build', '--sans-pdf', '--brouillons', '--sortie', site, dir]);
  assert.is(r.status, 0, r.out);
  const banner = '<p class="draft-banner" role="note"><strong>Brouillon</strong> — édition 2026 en préparation, non publiée</p>';
  assert.match(readFileSync(join(site, 'index.html'), 'utf8'), banner, 'the draft is the latest: at the root');
  assert.match(readFileSync(join(site, 'projets/laverie-solidaire/index.html'), 'utf8'), banner);
  assert.not.match(readFileSync(join(site, '2025/index.html'), 'utf8'), 'draft-banner', 'the published edition has no banner');
  const published = join(mkdtempSync(join(tmpdir(), 'compendium-draft-')), '_site');
  assert.is(cli(['build', '--sans-pdf', '--sortie', published, dir]).status, 0);
  for (const f of readdirSync(published, { recursive: true }) as string[]) {
    if (f.endsWith('.html')) assert.not.match(readFileSync(join(published, f), 'utf8'), 'draft-banner', f);
  }
});

drafts('a draft’s PDF says « Brouillon » on every page; the published edition’s PDF nowhere', () => {
  const dir = withDraft();
  const p = join(dir, 'projets/laverie-solidaire.yaml');
  // Moved to « autres lauréats » with a résumé: a valid draft.
  const ed = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace('    a_la_une:\n      - laverie-solidaire\n', '    autres_laureats:\n      - laverie-solidaire\n'));
  writeFileSync(p, readFileSync(p, 'utf8').replace('# resume: …', 'resume: une laverie ouverte à tous.').replace('photo:\n  a_fournir: true\n', ''));
  const out = mkdtempSync(join(tmpdir(), 'compendium-draft-pdf-'));
  for (const [year, marked] of [[2026, true], [2025, false]] as const) {
    const r = cli(['pdf', '--edition', String(year), '--sortie', out, dir]);
    assert.is(r.status, 0, r.out);
    const pdf = join(out, `innovation-sociale-moselle-${year}-ecran.pdf`);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    assert.ok(pages > 3);
    for (let page = 1; page <= pages; page++) {
      const text = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).stdout;
      assert.is(/BROUILLON – NE PAS DIFFUSER/.test(text), marked, `${year}, page ${page}`);
    }
  }
});

drafts('a draft’s PDFs go to _brouillons/<année>/, outside the published _site/, and survive a build', () => {
  const dir = withDraft();
  const p = join(dir, 'projets/laverie-solidaire.yaml');
  const ed = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(ed, readFileSync(ed, 'utf8').replace('    a_la_une:\n      - laverie-solidaire\n', '    autres_laureats:\n      - laverie-solidaire\n'));
  writeFileSync(p, readFileSync(p, 'utf8').replace('# resume: …', 'resume: une laverie ouverte à tous.').replace('photo:\n  a_fournir: true\n', ''));
  const cwd = mkdtempSync(join(tmpdir(), 'compendium-draft-cwd-'));
  const r = cli(['pdf', '--edition', '2026', dir], cwd);
  assert.is(r.status, 0, r.out);
  assert.match(r.out, /Brouillon 2026\u00A0: PDF rangés dans _brouillons\/2026, hors du site/);
  const pdf = join(cwd, '_brouillons/2026/innovation-sociale-moselle-2026-ecran.pdf');
  assert.ok(existsSync(pdf), r.out);
  assert.not.ok(existsSync(join(cwd, '_site')), 'nothing written in the published folder');
  const b = cli(['build', '--sans-pdf', dir], cwd);
  assert.is(b.status, 0, b.out);
  assert.ok(existsSync(pdf), 'the build left the draft’s PDF alone');
  assert.not.ok(readdirSync(join(cwd, '_site')).some((f) => f.includes('2026')));
});

drafts('a draft with errors: pdf --edition 2026 says the errors are the draft’s and how to list them', () => {
  const dir = withDraft();
  const r = cli(['pdf', '--edition', '2026', dir], mkdtempSync(join(tmpdir(), 'compendium-draft-cwd-')));
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /PDF non produit\u00A0: \d+ erreurs? dans les données du brouillon 2026 \(ci-dessus\)\. «\u00A0npm run validate\u00A0» les liste/);
});

drafts.run();
