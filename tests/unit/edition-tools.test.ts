import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { addProjectCommand } from '../../src/cli/add-project.ts';
import { loadCompendium } from '../../src/data/index.ts';
import type { Output } from '../../src/cli/output.ts';
import { dataWith } from '../helpers/data.ts';

const tools = suite('edition tools');

function capture(): Output & { out: string; err: string } {
  const o = { out: '', err: '', stdout: (t: string) => (o.out += `${t}\n`), stderr: (t: string) => (o.err += `${t}\n`) };
  return o;
}

tools('new-edition carries the laureates over by default, and refuses to overwrite', async () => {
  const dir = dataWith({});
  const o = capture();
  assert.is(await main(['new-edition', '2026', '--data', dir], o), 0, o.err);
  assert.match(o.out, 'Les 3 lauréats de l’édition 2025 sont repris à leur place (--sans-laureats pour partir de listes vides).');
  const text = readFileSync(join(dir, 'editions/2026/edition.yaml'), 'utf8');
  assert.match(text, /^annee: 2026$/m);
  assert.match(text, '  - territoire: metz-orne\n    a_la_une:\n      - graoucoop\n');
  assert.not.match(text, '[]', 'no flow list: an item added under it would break the file');
  assert.match(text, '# Édition 2026, créée à partir de l’édition 2025');
  assert.is(readFileSync(join(dir, 'editions/2026/edito.md'), 'utf8'), readFileSync(join(dir, 'editions/2025/edito.md'), 'utf8'));
  const r = await loadCompendium(dir);
  assert.equal(r.errors, [], 'the scaffolded data is valid');
  assert.equal(r.summary.editions.map((e) => [e.annee, e.projets]), [[2025, 3], [2026, 3]]);
  assert.is(readFileSync(join(dir, 'editions/2025/edition.yaml'), 'utf8'), readFileSync(join(dataWith({}), 'editions/2025/edition.yaml'), 'utf8'), '2025 untouched');

  const again = capture();
  assert.is(await main(['new-edition', '2026', '--data', dir], again), 1);
  assert.match(again.err, 'l’édition 2026 existe déjà');
});

tools('new-edition --sans-laureats: commented tiers that stay valid YAML once uncommented and filled', async () => {
  const dir = dataWith({});
  const o = capture();
  assert.is(await main(['new-edition', '2026', '--sans-laureats', '--data', dir], o), 0, o.err);
  assert.match(o.out, 'Les listes de projets sont vides');
  const path = join(dir, 'editions/2026/edition.yaml');
  const text = readFileSync(path, 'utf8');
  assert.match(text, '  - territoire: metz-orne\n    # a_la_une:\n    #   - identifiant-du-projet\n');
  assert.not.match(text, '[]');
  assert.equal((await loadCompendium(dir)).summary.editions.map((e) => [e.annee, e.projets]), [[2025, 3], [2026, 0]]);
  // The editor does what the comment says: removes « # » from both lines, names a project.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, text.replace('  - territoire: metz-orne\n    # a_la_une:\n    #   - identifiant-du-projet\n', '  - territoire: metz-orne\n    a_la_une:\n      - graoucoop\n'));
  const r = await loadCompendium(dir);
  assert.equal(r.errors, []);
  assert.equal(r.summary.editions.map((e) => [e.annee, e.projets]), [[2025, 3], [2026, 1]]);
  // add-project fills a commented list in place, instead of writing the key a second time.
  assert.is(await main(['add-project', '--data', dir, '--nom', 'Zeta', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'metz-orne', '--edition', '2026', '--place', 'aussi_laureats'], capture()), 0);
  assert.match(readFileSync(path, 'utf8'), '  - territoire: metz-orne\n    a_la_une:\n      - graoucoop\n    aussi_laureats:\n      - zeta\n    # autres_laureats:\n');
});

tools('add-project writes a commented project file and places it in a tier', async () => {
  const dir = dataWith({});
  await main(['new-edition', '2026', '--data', dir], capture());
  const o = capture();
  const code = await main(['add-project', '--data', dir, '--nom', 'Épicerie d’Été', '--nouvelle-organisation', 'Les Amis du Quai', '--annee', '2026', '--territoire', 'metz-orne', '--edition', '2026', '--place', 'autres_laureats'], o);
  assert.is(code, 0, o.err);
  assert.ok(existsSync(join(dir, 'organisations/les-amis-du-quai.yaml')));
  const file = readFileSync(join(dir, 'projets/epicerie-d-ete.yaml'), 'utf8');
  assert.match(file, 'id: epicerie-d-ete\nnom: Épicerie d’Été\norganisation: les-amis-du-quai\nannee: 2026\nterritoire: metz-orne\n');
  assert.match(file, '# resume: …');
  const ed = readFileSync(join(dir, 'editions/2026/edition.yaml'), 'utf8');
  assert.match(ed, '    autres_laureats:\n      - un-jardin-au-quai\n      - epicerie-d-ete\n', 'after the laureate carried over');
  const r = await loadCompendium(dir);
  assert.equal(r.errors.map((e) => e.code), ['TIER_FIELD_MISSING'], 'only the résumé is left to write');
});

tools('add-project’s template: every commented key, uncommented exactly as its header says, is valid YAML', async () => {
  for (const place of ['autres_laureats', 'a_la_une']) {
    const dir = dataWith({});
    assert.is(await main(['add-project', '--data', dir, '--nom', 'Laverie solidaire', '--organisation', 'cantorama', '--annee', '2025', '--territoire', 'moselle', '--edition', '2025', '--place', place], capture()), 0);
    const path = join(dir, 'projets/laverie-solidaire.yaml');
    const text = readFileSync(path, 'utf8');
    assert.match(text, 'enlevez\n# le « # » et l’espace qui le suit au début de ses lignes, puis remplacez « … »');
    // What the header says, to the letter: « # » and the space after it go, « … » is replaced.
    const filled = text
      .split('\n')
      .map((line) => (/^# (?:[a-z_]+:|\s+(?:[a-z_]+:|- |…))/.test(line) ? line.slice(2) : line))
      .join('\n')
      .replaceAll('site_web: https://…', 'site_web: https://www.laverie.fr')
      .replaceAll('email: …', 'email: contact@laverie.fr')
      .replaceAll('telephone: …', 'telephone: 03 87 12 34 56')
      .replaceAll('themes:\n  - …', 'themes:\n  - environnement')
      .replaceAll('…', 'Un texte.')
      .replace('  a_fournir: true\n', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, filled);
    const errors = (await loadCompendium(dir)).errors.filter((e) => e.file.endsWith('laverie-solidaire.yaml'));
    assert.equal(errors.filter((e) => e.code.startsWith('YAML') || e.code.startsWith('SCHEMA')).map((e) => `${e.line}:${e.column} ${e.message}`), [], `${place}:\n${filled}`);
  }
});

tools('add-project refuses an unknown organisation with a suggestion (exit 2)', async () => {
  const dir = dataWith({});
  const o = capture();
  assert.is(await main(['add-project', '--data', dir, '--nom', 'X', '--organisation', 'cantorma', '--annee', '2025', '--territoire', 'moselle'], o), 2);
  assert.match(o.err, 'structure inconnue « cantorma » : vouliez-vous dire « cantorama » ?');
  // The line and one hint, not the 20-line usage screen after them.
  assert.is(o.err.trim().split('\n').length, 2, o.err);
  assert.match(o.err, '→ Relancez avec --organisation cantorama');
  assert.not.match(o.err, 'Usage');
});

tools('add-project asks its questions when no flags are given', async () => {
  const dir = dataWith({});
  const answers = Readable.from(['Jardin partagé\n', 'cantorama\n', '2025\n', 'moselle\n', '2025\n', 'aussi_laureats\n']);
  Object.assign(answers, { isTTY: true });
  const o = capture();
  const code = await addProjectCommand(['--data', dir], o, answers);
  assert.is(code, 0, o.err);
  assert.match(readFileSync(join(dir, 'editions/2025/edition.yaml'), 'utf8'), '    aussi_laureats:\n      - le-jardin-musical\n      - jardin-partage\n');
});

tools('diff lists added, removed and moved projects and changed texts', async () => {
  // A one-line laureate without a project name, as some of the brochure's are.
  const dir = dataWith({ 'projets/un-jardin-au-quai.yaml': 'id: un-jardin-au-quai\norganisation: cantorama\nannee: 2020\nterritoire: metz-orne\nresume: Jardin partagé.\n' });
  await main(['new-edition', '2026', '--sans-laureats', '--data', dir], capture());
  await main(['add-project', '--data', dir, '--nom', 'Nouveau', '--organisation', 'cantorama', '--annee', '2026', '--territoire', 'moselle', '--edition', '2026', '--place', 'a_la_une'], capture());
  const ed = readFileSync(join(dir, 'editions/2026/edition.yaml'), 'utf8');
  // Move Graoucoop from « à la une » (2025) to « aussi lauréats » (2026).
  writeFileSync(join(dir, 'editions/2026/edition.yaml'), ed.replace('  - territoire: metz-orne\n    # a_la_une:\n    #   - identifiant-du-projet\n    # aussi_laureats:\n    #   - identifiant-du-projet\n', '  - territoire: metz-orne\n    aussi_laureats:\n      - graoucoop\n'));
  writeFileSync(join(dir, 'editions/2026/edito.md'), 'Nouvel édito.\n');
  const o = capture();
  assert.is(await main(['diff', '2025', '2026', '--data', dir], o), 0, o.err);
  assert.match(o.out, 'Projets ajoutés (1)\n  + Nouveau (nouveau) — Projets à la une, Moselle');
  assert.match(o.out, 'Projets déplacés (1)\n  ~ Graoucoop (graoucoop) — Projets à la une, Metz – Orne → Ils sont aussi lauréats, Metz – Orne');
  assert.match(o.out, '  - Le jardin musical (le-jardin-musical) — était dans Ils sont aussi lauréats, Moselle');
  assert.match(o.out, '  - Cantorama (un-jardin-au-quai) — était dans Les autres lauréats, Metz – Orne', 'named after its organisation');
  assert.match(o.out, /Textes \(1\)\n {2}~ edito\.md — modifié \(\d+ → 14 caractères\)/);
});

tools('diff names testimonials, partners, key figures and fields; a text no longer used is « retiré »', async () => {
  const dir = dataWith({ 'partenaires/france-active.yaml': 'id: france-active\nnom: France Active Lorraine\ntitre: Financer\ntexte: Un financeur solidaire.\n' });
  const quotes = readFileSync(join(dir, 'temoignages.yaml'), 'utf8');
  writeFileSync(join(dir, 'temoignages.yaml'), `${quotes}  - id: victor-defernez\n    citation: Une phrase.\n    personne: Victor DEFERNEZ\n    fonction: Fondateur\n`);
  const base = readFileSync(join(dir, 'editions/2025/edition.yaml'), 'utf8').replace('    - manon-carre\n', '    - manon-carre\n    - victor-defernez\n');
  writeFileSync(join(dir, 'editions/2025/edition.yaml'), base.replace('partenaires:\n', 'chiffres_cles:\n  titre: Les chiffres clés\n  chiffres:\n    - valeur: 2,7 millions\n      libelle: salariés\n      echelle: France\n    - valeur: 12 %\n      libelle: des emplois\n      echelle: Moselle\npartenaires:\n'));
  await main(['new-edition', '2026', '--data', dir], capture());
  const path = join(dir, 'editions/2026/edition.yaml');
  writeFileSync(
    path,
    readFileSync(path, 'utf8')
      .replace('    - manon-carre\n', '')
      .replace('  - le-filon\n', '  - le-filon\n  - france-active\n')
      .replace('valeur: 2,7 millions', 'valeur: 2,8 millions')
      .replace('  fichier: edito.md', '  fichier: edito-2026.md')
      .replace('nom: Patrick WEITEN', 'nom: Jean DUPONT'),
  );
  writeFileSync(join(dir, 'editions/2026/edito-2026.md'), 'Nouvel édito.\n');
  const o = capture();
  assert.is(await main(['diff', '2025', '2026', '--data', dir], o), 0, o.err);
  assert.match(o.out, 'Témoignages (1)\n  - Manon CARRE (manon-carre) — retiré\n');
  assert.match(o.out, 'Partenaires (1)\n  + France Active Lorraine (france-active) — ajouté\n');
  assert.match(o.out, 'Chiffres clés (1)\n  ~ « salariés (France) » : 2,7 millions → 2,8 millions\n');
  assert.match(o.out, '  ~ edito > signature > nom : « Patrick WEITEN » → « Jean DUPONT »\n');
  assert.match(o.out, '  - edito.md — retiré (l’édition 2026 ne l’utilise plus)');
  assert.match(o.out, '  + edito-2026.md — ajouté (14 caractères)');
  assert.not.match(o.out, '~ temoignages\n', 'never a bare key name');
  assert.not.match(o.out, '→ 0 caractères');
});

tools.run();
