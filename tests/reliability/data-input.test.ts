// Input holes of issue 11 through the real CLI: blank names, empty values at their own line,
// numbers YAML read from texts, control characters echoed, js-yaml's reasons, characters the
// fonts cannot draw. Each case: the exit code, a French message at file:line:column, no stack
// trace, and no raw control character or English parser reason in what the editor reads.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';

const input = suite('data safety: input holes');

const PROJECT = readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8');

function validate(dir: string, ...flags: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), 'validate', ...flags, dir], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  const out = `${r.stdout}${r.stderr}`;
  assert.not.match(out, /\n\s+at .+:\d+:\d+\)?/, `no stack trace:\n${out}`);
  return { status: r.status, out };
}

/** C0 (but tab and line feed), DEL, C1 and bidi controls: none may reach the terminal raw. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

input('a blank name is an error at its line; an empty value is located at its own line and column', () => {
  const r = validate(dataWith({ 'projets/graoucoop.yaml': PROJECT.replace('nom: Graoucoop', 'nom: "   "').replace('organisation: graoucoop', 'organisation:').replace('annee: 2022', 'annee:').replace('territoire_cible: Metz', 'territoire_cible:') }));
  assert.is(r.status, 1, r.out);
  assert.match(r.out, 'projets/graoucoop.yaml:2:6 — erreur : « nom » ne doit pas être vide');
  assert.match(r.out, 'projets/graoucoop.yaml:3:14 — erreur : « organisation » doit être un texte (trouvé une valeur vide)');
  assert.match(r.out, 'projets/graoucoop.yaml:4:7 — erreur : « annee » doit être un nombre entier (trouvé une valeur vide)');
  assert.match(r.out, 'projets/graoucoop.yaml:6:18 — erreur : « territoire_cible » doit être un texte (trouvé une valeur vide)');
  assert.not.match(r.out, /:1:0 /, 'nothing at line 1, column 0');
});

input('every empty value of a file has its own place (14 of 15 used to be at 1:0)', () => {
  const src = 'id: graoucoop\nnom:\norganisation:\nannee:\nterritoire:\nterritoire_cible:\npublic_cible:\ndescription:\ncontact:\n  email:\n  telephone:\nphoto:\nthemes:\n  -\n  -\n';
  const r = validate(dataWith({ 'projets/graoucoop.yaml': src }));
  assert.is(r.status, 1, r.out);
  const places = [...r.out.matchAll(/projets\/graoucoop\.yaml:(\d+):(\d+) — erreur/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.ok(places.length >= 12, `${places.length} errors:\n${r.out}`);
  assert.equal(places.filter((p) => p.startsWith('1:')), [], 'none on the first line (id: graoucoop is fine)');
  for (const at of ['2:5', '3:14', '4:7', '5:12', '6:18', '7:14', '8:13', '10:9', '11:13', '12:7', '14:4', '15:4']) assert.ok(places.includes(at), `an error at ${at}: ${places.join(', ')}`);
});

input('a phone number YAML read as a number says so and how to quote it; the same for other texts', () => {
  const r = validate(dataWith({ 'projets/graoucoop.yaml': PROJECT.replace('telephone: 03 87 37 57 57', 'telephone: 0387375757').replace('public_cible: tout public', 'public_cible: yes').replace('territoire_cible: Metz', 'territoire_cible: true') }));
  assert.is(r.status, 1, r.out);
  assert.match(r.out, 'projets/graoucoop.yaml:16:14 — erreur : « telephone » doit être un texte, mais YAML a lu « 0387375757 » comme le nombre « 387375757 » : le zéro du début est perdu');
  assert.match(r.out, 'Mettez la valeur entre guillemets : telephone: "0387375757" (ou, par groupes de deux chiffres : telephone: "03 87 37 57 57").');
  assert.match(r.out, 'projets/graoucoop.yaml:6:19 — erreur : « territoire_cible » doit être un texte, mais YAML a lu la valeur logique « vrai »');
});

input('control characters from the data are escaped in the terminal and in JSON', () => {
  // Valid YAML: the quoted escapes become ESC, RLO and CSI in the value, which the message quotes.
  const quoted = dataWith({ 'projets/graoucoop.yaml': PROJECT.replace('organisation: graoucoop', 'organisation: "gr\\e[2J\\u202Eaou\\x9b"').replace('nom: Graoucoop', 'nom: Grao\u202Eucoop') });
  // Invalid YAML: a raw BEL in a plain value; the source line is shown with its RLO.
  const raw = dataWith({ 'projets/graoucoop.yaml': PROJECT.replace('nom: Graoucoop', 'nom: Grao\u202Eucoop\u0007') });
  for (const flags of [[], ['--json']]) {
    const r = validate(quoted, ...flags);
    assert.is(r.status, 1, r.out);
    assert.not.match(r.out, RAW_CONTROLS, `no raw control character (${flags.join(' ') || 'terminal'}):\n${JSON.stringify(r.out)}`);
    assert.match(r.out, 'gr[U+001B][2J[U+202E]aou[U+009B]');
    const bad = validate(raw, ...flags);
    assert.is(bad.status, 1, bad.out);
    assert.not.match(bad.out, RAW_CONTROLS, `no raw control character (${flags.join(' ') || 'terminal'}):\n${JSON.stringify(bad.out)}`);
  }
  const text = validate(raw).out;
  assert.match(text, 'projets/graoucoop.yaml:2:16 — erreur : caractère de contrôle invisible dans le texte\n  2 | nom: Grao[U+202E]ucoop[U+0007]\n    |                       ^');
});

input('js-yaml’s reasons reach the editor in French: unknown tag, nesting depth, alias limit, anchors, escapes', () => {
  const aliases = `a: &x [1]\n${Array.from({ length: 120 }, (_, i) => `k${i}: *x`).join('\n')}\n`;
  const dir = dataWith({
    'projets/tag.yaml': 'id: tag\nnom: !python/object:os.system x\n',
    'projets/depth.yaml': `id: depth\nnom: ${'['.repeat(200)}${']'.repeat(200)}\n`,
    'projets/alias.yaml': aliases,
    'projets/anchor.yaml': 'id: anchor\nnom: *inconnu\n',
    'projets/escape.yaml': 'id: escape\nnom: "C:\\dossier"\n',
    'projets/directive.yaml': '%YAML 2.0\n---\nid: directive\n',
  });
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, 'projets/tag.yaml:2:6 — erreur : étiquette YAML inconnue « !python/object:os.system »');
  assert.match(r.out, /projets\/depth\.yaml:2:\d+ — erreur : imbrication trop profonde : plus de 100 niveaux/);
  assert.match(r.out, /projets\/alias\.yaml:102:\d+ — erreur : trop de références « \* » \(alias YAML\) : 100 au plus/);
  assert.match(r.out, /projets\/anchor\.yaml:2:\d+ — erreur : référence « \*inconnu » inconnue/);
  assert.match(r.out, /projets\/escape\.yaml:2:\d+ — erreur : barre oblique inversée/);
  assert.match(r.out, /projets\/directive\.yaml:\d+:\d+ — erreur : ligne commençant par « % »/);
  assert.not.match(r.out, /unknown|exceeded|maxDepth|maxAliases|alias node|escape sequence|directive name|syntaxe YAML invalide \(/i, 'no English reason');
});

input('a character the fonts cannot draw is a warning naming the file, line and field', () => {
  const dir = dataWith({
    'projets/graoucoop.yaml': PROJECT.replace('public_cible: tout public', 'public_cible: tout public 😀').replace('perennisation: Passer', 'perennisation: مرحبا Passer'),
    'editions/2025/edito.md': `${readFileSync(join(VALID, 'editions/2025/edito.md'), 'utf8')}\nMerci ✓\n`,
  });
  const r = validate(dir);
  assert.is(r.status, 0, r.out);
  assert.match(r.out, 'projets/graoucoop.yaml:7:15 — avertissement : « public_cible » contient des caractères absents des polices de la brochure : « 😀 » (U+1F600)');
  assert.match(r.out, /projets\/graoucoop\.yaml:13:18 — avertissement : « perennisation » contient des caractères absents des polices de la brochure : « م » \(U\+0645\)/);
  assert.match(r.out, /editions\/2025\/edito\.md:\d+:7 — avertissement : le texte contient des caractères absents des polices de la brochure : « ✓ » \(U\+2713\)/);
  // French typography and the brochure's own signs are drawn: no warning on the valid data.
  assert.not.match(validate(VALID).out, 'absents des polices');
});

input.run();
