// Hostile data through the real CLI (issue 11, « Only files inside data/ are read » and
// « Input holes »): every path the data names must resolve inside data/, only regular files
// of a bounded size are read (a FIFO must not block, /dev/zero must not be read), and every
// hole in the input ends in a French message at file:line:column — never a stack trace,
// never a byte of a file from outside data/ in the output. The corpus is generated here:
// symlinks and FIFOs cannot live in git, and the secret must lie outside the copy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { dataWith, ROOT, VALID } from '../helpers/data.ts';
import { pngHeader } from '../helpers/hostile.ts';

const safety = suite('data safety: hostile paths and files');

/** A secret outside the data folder: nothing of it may appear in any output. */
const OUTSIDE = mkdtempSync(join(tmpdir(), 'compendium-outside-'));
const SECRET = 'SECRET-7f3a9c-NE-PAS-PUBLIER';
writeFileSync(join(OUTSIDE, 'notes.txt'), `${SECRET}\n`);
let secretJpeg: Buffer;

const PROJECT = readFileSync(join(VALID, 'projets/graoucoop.yaml'), 'utf8');
const EDITION = readFileSync(join(VALID, 'editions/2025/edition.yaml'), 'utf8');
/** The project's photo as `fichier: <name>`: the value is at line 18, column 12. */
const withPhoto = (name: string): string => PROJECT.replace('  a_fournir: true', `  fichier: ${name}\n  alt: Une photo\n  credit: X`);

interface Run {
  status: number | null;
  out: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/compendium.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  const out = `${r.stdout}${r.stderr}`;
  assert.is(r.signal, null, `the command ended by itself (no hang):\n${out}`);
  assert.not.match(out, /\n\s+at .+:\d+:\d+\)?/, `no stack trace:\n${out}`);
  assert.not.match(out, /erreur inattendue/, `no unexpected error:\n${out}`);
  return { status: r.status, out };
}

const validate = (dir: string): Run => cli('validate', dir);

/** Every file of a folder, recursively, for the leak checks. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

/** `build --sans-pdf`: exit 1, and nothing from outside data/ in the output folder. */
function buildLeaks(dir: string): Run {
  const site = join(mkdtempSync(join(tmpdir(), 'compendium-safety-out-')), '_site');
  const r = cli('build', '--sans-pdf', '--sortie', site, dir);
  for (const file of filesUnder(site)) {
    const bytes = readFileSync(file);
    assert.not.ok(bytes.includes(SECRET), `${file} holds the secret`);
    assert.not.ok(bytes.equals(secretJpeg), `${file} is the secret photo`);
  }
  return r;
}

safety.before(async () => {
  secretJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c00' } }).jpeg().toBuffer();
  writeFileSync(join(OUTSIDE, 'secret.jpg'), secretJpeg);
});

safety.after(() => rmSync(OUTSIDE, { recursive: true, force: true }));

safety('a photo named with « ../ » out of data/ is an error at its line; the build publishes nothing of it', () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': withPhoto(`../../../../../../../..${OUTSIDE}/secret.jpg`) });
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : le chemin « [^»]+ » sort du dossier \S+images \(« \.\. »\)/);
  const b = buildLeaks(dir);
  assert.is(b.status, 1, b.out);
  assert.match(b.out, 'sort du dossier');
});

safety('an absolute photo path is an error at its line', () => {
  const r = validate(dataWith({ 'projets/graoucoop.yaml': withPhoto(`${OUTSIDE}/secret.jpg`) }));
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : chemin absolu « [^»]+secret\.jpg » : seuls les fichiers du dossier \S+images sont lus/);
});

safety('a photo that is a symlink out of data/ is an error; the build publishes nothing of it', () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': withPhoto('projets/lien.jpg') });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  symlinkSync(join(OUTSIDE, 'secret.jpg'), join(dir, 'images/projets/lien.jpg'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : \S+images\/projets\/lien\.jpg : lien symbolique vers un fichier hors du dossier de données/);
  assert.not.match(r.out, OUTSIDE, 'the target outside data/ is not named');
  assert.is(buildLeaks(dir).status, 1);
});

safety('a symlink inside data/ to a file inside data/ is fine', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': withPhoto('projets/lien.jpg') });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources/photo.jpg'), await sharp({ create: { width: 800, height: 600, channels: 3, background: '#08c' } }).jpeg().toBuffer());
  symlinkSync('../../sources/photo.jpg', join(dir, 'images/projets/lien.jpg'));
  const r = validate(dir);
  assert.is(r.status, 0, r.out);
});

safety('an edition text symlinked out of data/ is an error at its « fichier: » line; its content is never shown', () => {
  const dir = dataWith({ 'editions/2025/edito.md': null });
  symlinkSync(join(OUTSIDE, 'notes.txt'), join(dir, 'editions/2025/edito.md'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:6:12 — erreur : \S+editions\/2025\/edito\.md : lien symbolique vers un fichier hors du dossier de données/);
  assert.not.match(r.out, SECRET);
  assert.is(buildLeaks(dir).status, 1);
});

safety('a YAML file symlinked out of data/ is an error naming it; its content is never shown', () => {
  const dir = dataWith();
  symlinkSync(join(OUTSIDE, 'notes.txt'), join(dir, 'projets/notes.yaml'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/notes\.yaml — erreur : lien symbolique vers un fichier hors du dossier de données/);
  assert.not.match(r.out, SECRET);
});

safety('an ICC profile named out of data/ is an error at its line', () => {
  const dir = dataWith({ 'editions/2025/edition.yaml': EDITION.replace('editeur: Département de la Moselle\n', `editeur: Département de la Moselle\nformat:\n  profil_icc: ../../../../../../../..${ROOT}/print/icc/FOGRA39L-argyll.icc\n`) });
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:5:15 — erreur : le chemin « [^»]+ » sort du dossier/);
});

safety('a damaged ICC profile is a French error naming the file, at validation', () => {
  const dir = dataWith({ 'editions/2025/edition.yaml': EDITION.replace('editeur: Département de la Moselle\n', 'editeur: Département de la Moselle\nformat:\n  profil_icc: impression/imprimeur.icc\n') });
  mkdirSync(join(dir, 'impression'));
  const good = readFileSync(join(ROOT, 'print/icc/FOGRA39L-argyll.icc'));
  writeFileSync(join(dir, 'impression/imprimeur.icc'), good.subarray(0, 4000));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:5:15 — erreur : \S+impression\/imprimeur\.icc : profil ICC endommagé ou pas un profil ICC \(fichier tronqué : 4000 octets sur les \d+ annoncés\)/);
  // The same file whole passes.
  copyFileSync(join(ROOT, 'print/icc/FOGRA39L-argyll.icc'), join(dir, 'impression/imprimeur.icc'));
  assert.is(validate(dir).status, 0);
});

safety('a FIFO in projets/ is an error, found without blocking', () => {
  const dir = dataWith();
  const made = spawnSync('mkfifo', [join(dir, 'projets/fifo.yaml')]);
  assert.is(made.status, 0, 'mkfifo is available');
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/fifo\.yaml — erreur : c’est un tube nommé \(FIFO\), pas un fichier ordinaire/);
});

safety('a FIFO as an edition text and as a photo: errors, without blocking', () => {
  const dir = dataWith({ 'editions/2025/edito.md': null, 'projets/graoucoop.yaml': withPhoto('projets/fifo.jpg') });
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  assert.is(spawnSync('mkfifo', [join(dir, 'editions/2025/edito.md'), join(dir, 'images/projets/fifo.jpg')]).status, 0);
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:6:12 — erreur : \S+edito\.md : c’est un tube nommé \(FIFO\)/);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : \S+fifo\.jpg : c’est un tube nommé \(FIFO\)/);
});

safety('projets/zero.yaml -> /dev/zero is a clean error, nothing read', () => {
  const dir = dataWith();
  symlinkSync('/dev/zero', join(dir, 'projets/zero.yaml'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/zero\.yaml — erreur : lien symbolique vers un fichier hors du dossier de données/);
});

safety('a dangling symlink is a clean error', () => {
  const dir = dataWith();
  symlinkSync(join(OUTSIDE, 'absent.yaml'), join(dir, 'projets/casse.yaml'));
  symlinkSync('nulle-part.md', join(dir, 'editions/2025/note.md'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/casse\.yaml — erreur : lien symbolique cassé : il pointe vers un fichier qui n’existe pas/);
});

safety('a folder where a file is expected is named as a folder', () => {
  const dir = dataWith({ 'editions/2025/edito.md': null });
  mkdirSync(join(dir, 'editions/2025/edito.md'));
  mkdirSync(join(dir, 'projets/dossier.yaml'));
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:6:12 — erreur : \S+edito\.md : c’est un dossier, pas un fichier ordinaire/);
  assert.match(r.out, /projets\/dossier\.yaml — erreur : c’est un dossier, pas un fichier ordinaire/);
  assert.not.match(r.out, 'UTF-8');
});

safety('a file where a folder is expected is named as a file (no ENOTDIR)', () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': withPhoto('projets/x.jpg'), 'images/projets': 'pas un dossier\n', partenaires: null });
  writeFileSync(join(dir, 'partenaires'), 'pas un dossier\n');
  writeFileSync(join(dir, 'editions/2026'), 'pas un dossier\n');
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : \S+images\/projets\/x\.jpg : \S+images\/projets est un fichier, alors qu’un dossier est attendu/);
  assert.match(r.out, /partenaires — erreur : c’est un fichier, alors qu’un dossier est attendu ici/);
  assert.match(r.out, /editions\/2026 — erreur : l’édition 2026 devrait être un dossier/);
  assert.not.match(r.out, 'ENOTDIR');
});

safety('sizes are capped before reading, with the limit in the message', async () => {
  const dir = dataWith({ 'projets/graoucoop.yaml': withPhoto('projets/enorme.png'), 'organisations/graoucoop.yaml': readFileSync(join(VALID, 'organisations/graoucoop.yaml'), 'utf8').concat('logo:\n  fichier: lourd.jpg\n  alt: Logo\n') });
  writeFileSync(join(dir, 'editions/2025/edito.md'), 'x'.repeat(2 * 1024 * 1024));
  mkdirSync(join(dir, 'images/projets'), { recursive: true });
  // 30 000 × 30 000 pixels announced in the header: refused from the header, never decoded.
  writeFileSync(join(dir, 'images/projets/enorme.png'), pngHeader(30_000, 30_000));
  // A sparse 70 MB file: the byte cap stops it before sharp opens it.
  writeFileSync(join(dir, 'images/lourd.jpg'), '');
  truncateSync(join(dir, 'images/lourd.jpg'), 70 * 1024 * 1024);
  const r = validate(dir);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /editions\/2025\/edition\.yaml:6:12 — erreur : \S+edito\.md : fichier trop volumineux \(2 Mo ; 1 Mo au plus\)/);
  assert.match(r.out, /projets\/graoucoop\.yaml:18:12 — erreur : \S+enorme\.png : image trop grande \(30000 × 30000 pixels, 900 mégapixels ; 100 au plus\)/);
  assert.match(r.out, /organisations\/graoucoop\.yaml:\d+:12 — erreur : \S+lourd\.jpg : fichier trop volumineux \(70 Mo ; 64 Mo au plus\)/);
});

safety('new-edition copies no text from outside data/ and does not block on a FIFO', () => {
  const dir = dataWith();
  symlinkSync(join(OUTSIDE, 'notes.txt'), join(dir, 'editions/2025/notes.md'));
  assert.is(spawnSync('mkfifo', [join(dir, 'editions/2025/tube.md')]).status, 0);
  const r = cli('new-edition', '2026', '--data', dir);
  assert.is(r.status, 0, r.out);
  assert.ok(existsSync(join(dir, 'editions/2026/edito.md')), 'the edition’s own text is copied');
  assert.not.ok(existsSync(join(dir, 'editions/2026/notes.md')), 'the symlink out of data/ is not copied');
  assert.not.ok(existsSync(join(dir, 'editions/2026/tube.md')), 'the FIFO is not copied');
  for (const file of filesUnder(join(dir, 'editions/2026'))) assert.not.ok(readFileSync(file).includes(SECRET), file);
});

safety.run();
