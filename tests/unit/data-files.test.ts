import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataFile, frenchSize, pathSyntaxIssue, readDataFile } from '../../src/data/files.ts';

const files = suite('data files: only regular files inside data/');

const root = mkdtempSync(join(tmpdir(), 'compendium-files-'));
const outside = mkdtempSync(join(tmpdir(), 'compendium-files-outside-'));
writeFileSync(join(outside, 'secret.txt'), 'secret\n');
mkdirSync(join(root, 'dir'));
writeFileSync(join(root, 'ok.yaml'), 'a: 1\n');
writeFileSync(join(root, 'plain'), 'x\n');
symlinkSync(join(outside, 'secret.txt'), join(root, 'out.yaml'));
symlinkSync('ok.yaml', join(root, 'in.yaml'));
symlinkSync('absent.yaml', join(root, 'dangling.yaml'));
symlinkSync('loop.yaml', join(root, 'loop.yaml'));
symlinkSync('/dev/zero', join(root, 'zero.yaml'));
spawnSync('mkfifo', [join(root, 'fifo.yaml')]);
writeFileSync(join(root, 'big.yaml'), '');
truncateSync(join(root, 'big.yaml'), 3 * 1024 * 1024);

const check = async (name: string, maxBytes = 1024 * 1024): Promise<string> => {
  const r = await checkDataFile(join(root, name), { root, maxBytes });
  return r.ok ? 'ok' : `${r.issue.code} ${r.issue.message}`;
};

files('a path written with « .. » or absolute leaves its folder', () => {
  assert.is(pathSyntaxIssue('projets/a.jpg', 'data/images'), undefined);
  assert.is(pathSyntaxIssue('../../etc/passwd', 'data/images')?.code, 'PATH_OUTSIDE');
  assert.is(pathSyntaxIssue('projets/../../x.jpg', 'data/images')?.code, 'PATH_OUTSIDE');
  assert.is(pathSyntaxIssue('..\\..\\x.jpg', 'data/images')?.code, 'PATH_OUTSIDE', 'Windows separators');
  assert.is(pathSyntaxIssue('/etc/passwd', 'data/images')?.code, 'PATH_ABSOLUTE');
  assert.is(pathSyntaxIssue('C:\\photos\\x.jpg', 'data/images')?.code, 'PATH_ABSOLUTE');
  assert.is(pathSyntaxIssue('~/x.jpg', 'data/images')?.code, 'PATH_ABSOLUTE');
  assert.is(pathSyntaxIssue('..x.jpg', 'data/images'), undefined, 'two dots in a name are fine');
});

files('regular files inside the folder pass, symlinks included', async () => {
  assert.is(await check('ok.yaml'), 'ok');
  assert.is(await check('in.yaml'), 'ok');
});

files('symlinks out of the folder, dangling or looping are refused', async () => {
  assert.is(await check('out.yaml'), 'PATH_OUTSIDE lien symbolique vers un fichier hors du dossier de données : seuls les fichiers du dossier de données sont lus');
  assert.is(await check('zero.yaml'), 'PATH_OUTSIDE lien symbolique vers un fichier hors du dossier de données : seuls les fichiers du dossier de données sont lus');
  assert.is(await check('dangling.yaml'), 'BROKEN_LINK lien symbolique cassé : il pointe vers un fichier qui n’existe pas');
  assert.is(await check('loop.yaml'), 'BROKEN_LINK lien symbolique en boucle');
});

files('folders, FIFOs and too large files are refused without being opened', async () => {
  assert.is(await check('dir'), 'IS_A_FOLDER c’est un dossier, pas un fichier ordinaire');
  assert.is(await check('fifo.yaml'), 'NOT_A_FILE c’est un tube nommé (FIFO), pas un fichier ordinaire');
  assert.is(await check('big.yaml'), 'FILE_TOO_LARGE fichier trop volumineux (3 Mo ; 1 Mo au plus)');
  assert.is(await check('absent.yaml'), 'FILE_NOT_FOUND fichier introuvable');
  assert.match(await check('plain/x.jpg'), /^NOT_A_FOLDER \S+plain est un fichier, alors qu’un dossier est attendu/);
});

files('readDataFile returns the bytes of an accepted file, and the issue of a refused one', async () => {
  const ok = await readDataFile(join(root, 'ok.yaml'), { root, maxBytes: 100 });
  assert.ok(ok.ok && ok.bytes.toString() === 'a: 1\n');
  const fifo = await readDataFile(join(root, 'fifo.yaml'), { root, maxBytes: 100 });
  assert.is(fifo.ok ? 'read' : fifo.issue.code, 'NOT_A_FILE');
});

files('sizes in French', () => {
  assert.is(frenchSize(1536 * 1024), '1,5 Mo');
  assert.is(frenchSize(300 * 1024), '300 ko');
});

files.run();
