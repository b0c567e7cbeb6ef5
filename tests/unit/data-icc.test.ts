import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iccIssue } from '../../src/data/icc-check.ts';
import { ROOT } from '../helpers/data.ts';

const icc = suite('ICC profile check');

const FOGRA = readFileSync(join(ROOT, 'print/icc/FOGRA39L-argyll.icc'));

/** A copy of the bundled profile with `patch` applied. */
const patched = (patch: (b: Buffer) => void): Buffer => {
  const copy = Buffer.from(FOGRA);
  patch(copy);
  return copy;
};

icc('the bundled FOGRA39 profile is a valid CMYK output profile', () => {
  assert.is(iccIssue(FOGRA), undefined);
});

icc('a truncated, empty or foreign file is a damaged profile', () => {
  assert.match(iccIssue(FOGRA.subarray(0, 4000))?.message ?? '', /^profil ICC endommagé ou pas un profil ICC \(fichier tronqué : 4000 octets sur les \d+ annoncés\)$/);
  assert.is(iccIssue(Buffer.alloc(0))?.message, 'profil ICC endommagé ou pas un profil ICC (0 octets : un profil en fait au moins 132)');
  assert.is(iccIssue(Buffer.from('%PDF-1.7\n'.repeat(40)))?.message, 'profil ICC endommagé ou pas un profil ICC (signature « acsp » absente de l’en-tête)');
});

icc('out-of-bounds tag tables and tags are caught before anything reads them', () => {
  assert.match(iccIssue(patched((b) => b.writeUInt32BE(0xffffff, 128)))?.message ?? '', /table des balises plus longue que le fichier/);
  // Every tag's offset pushed past the end: the RangeError that crashed the PDF/X stage.
  const far = patched((b) => {
    for (let i = 0; i < b.readUInt32BE(128); i++) b.writeUInt32BE(0x7fffffff, 132 + i * 12 + 4);
  });
  assert.match(iccIssue(far)?.message ?? '', /la balise « \w+ ?» déborde du fichier/);
});

icc('an RGB or a display profile is named as such', () => {
  assert.is(iccIssue(patched((b) => b.write('mntr', 12, 'latin1')))?.code, 'ICC_NOT_OUTPUT');
  assert.is(iccIssue(patched((b) => b.write('RGB ', 16, 'latin1')))?.message, 'ce profil ICC n’est pas en CMJN (espace « RGB »)');
});

icc.run();
