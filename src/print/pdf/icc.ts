/**
 * What the output intent needs from an ICC profile: its description and that it is a sound
 * CMYK output profile. A print shop's file can be truncated by a mail client or be an RGB
 * profile sent by mistake; reading its tag table blindly threw a RangeError deep in the build.
 * Every offset is checked against the file's length (ICC.1:2010 §7: 128-byte header, tag count
 * at 128, 12-byte tag entries) and a bad file is an IccProfileError naming it.
 */
import { IccProfileError } from './errors.ts';

export interface IccFacts {
  /** The profile's own description (its `desc` tag), when it has one. */
  description?: string;
  /** Data colour space of the header: `CMYK`, `RGB `, `GRAY`… */
  colorSpace: string;
}

const latin1 = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** Reads and checks a CMYK output profile; throws IccProfileError (with `path`) when it is not one. */
export function iccFacts(bytes: Uint8Array, path: string): IccFacts {
  const fail = (detail: string): never => {
    throw new IccProfileError(path, detail);
  };
  if (bytes.byteLength < 132) fail(`${bytes.byteLength} octets, trop court pour un profil ICC`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (latin1(bytes, 36, 40) !== 'acsp') fail('signature « acsp » absente : ce n’est pas un profil ICC, ou il est endommagé');
  const declared = view.getUint32(0);
  if (declared > bytes.byteLength) fail(`fichier tronqué : ${bytes.byteLength} octets sur les ${declared} annoncés`);
  const colorSpace = latin1(bytes, 16, 20);
  if (colorSpace !== 'CMYK') fail(`profil ${colorSpace.trim() || '?'} : un profil de sortie CMJN est attendu`);
  const count = view.getUint32(128);
  if (132 + count * 12 > bytes.byteLength) fail(`table des balises tronquée (${count} balises annoncées)`);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (latin1(bytes, at, at + 4) !== 'desc') continue;
    const [offset, size] = [view.getUint32(at + 4), view.getUint32(at + 8)];
    if (offset + size > bytes.byteLength || size < 12) fail('balise « desc » hors du fichier');
    return { colorSpace, description: describe(bytes.subarray(offset, offset + size)) ?? fail('balise « desc » illisible') };
  }
  return { colorSpace };
}

/** The text of a `desc` (ICC v2) or `mluc` (v4) tag, or undefined when its lengths do not fit. */
function describe(tag: Uint8Array): string | undefined {
  const view = new DataView(tag.buffer, tag.byteOffset, tag.byteLength);
  const type = latin1(tag, 0, 4);
  if (type === 'desc') {
    const length = view.getUint32(8);
    return 12 + length <= tag.byteLength ? latin1(tag, 12, 12 + length).replace(/\0+$/, '') : undefined;
  }
  if (type === 'mluc' && tag.byteLength >= 28) {
    const [size, start] = [view.getUint32(20), view.getUint32(24)];
    if (start + size > tag.byteLength || size % 2) return undefined;
    return Buffer.from(tag.subarray(start, start + size)).swap16().toString('utf16le');
  }
  return undefined;
}
