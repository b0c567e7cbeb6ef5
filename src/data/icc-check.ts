/**
 * Checks the print shop's ICC profile (`format.profil_icc` of an edition) when the data is
 * validated, not when Ghostscript makes the PDF/X-3 at the end of a build: a damaged file
 * crashed the PDF/X stage (`RangeError` reading its description) after minutes of work.
 * Reads the 128-byte header and the tag table (ICC.1:2010, §7.2–7.3) with every offset
 * bounds-checked: the profile must be a whole ICC file, an output (printer) profile, in CMYK
 * (the PDF/X-3 output intent declares four components), with a readable description.
 */

/** Profiles are a few hundred kilobytes to a few megabytes; anything larger is a mistake. */
export const MAX_ICC_BYTES = 16 * 1024 * 1024;

export interface IccIssue {
  code: string;
  message: string;
  hint: string;
}

const REDO = 'Demandez à l’imprimeur son profil ICC (fichier .icc ou .icm) et copiez-le de nouveau dans le dossier de données.';

const tag = (bytes: Uint8Array, at: number): string => Buffer.from(bytes.subarray(at, at + 4)).toString('latin1');

/** The description of a `desc` (v2) or `mluc` (v4) tag, or undefined when out of bounds. */
function description(bytes: Uint8Array, view: DataView, offset: number, size: number): string | undefined {
  const end = offset + size;
  if (size < 12 || end > bytes.length) return undefined;
  const type = tag(bytes, offset);
  if (type === 'desc') {
    const length = view.getUint32(offset + 8);
    if (offset + 12 + length > end) return undefined;
    return Buffer.from(bytes.subarray(offset + 12, offset + 12 + length)).toString('latin1').replace(/\0+$/, '');
  }
  if (type === 'mluc') {
    if (size < 28) return undefined;
    const length = view.getUint32(offset + 20);
    const start = view.getUint32(offset + 24);
    if (offset + start + length > end || length % 2 !== 0) return undefined;
    return Buffer.from(bytes.subarray(offset + start, offset + start + length)).swap16().toString('utf16le');
  }
  return undefined;
}

/** Why `bytes` cannot serve as the PDF/X-3 output intent, or undefined when it can. */
export function iccIssue(bytes: Uint8Array): IccIssue | undefined {
  const damaged = (why: string): IccIssue => ({ code: 'ICC_DAMAGED', message: `profil ICC endommagé ou pas un profil ICC (${why})`, hint: REDO });
  if (bytes.length < 132) return damaged(`${bytes.length} octets : un profil en fait au moins 132`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tag(bytes, 36) !== 'acsp') return damaged('signature « acsp » absente de l’en-tête');
  const declared = view.getUint32(0);
  if (declared > bytes.length) return damaged(`fichier tronqué : ${bytes.length} octets sur les ${declared} annoncés`);
  const major = bytes[8]!;
  if (major < 2 || major > 5) return damaged(`version ${major} inconnue`);
  const count = view.getUint32(128);
  if (132 + count * 12 > declared) return damaged('table des balises plus longue que le fichier');
  let desc: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    const offset = view.getUint32(at + 4);
    const size = view.getUint32(at + 8);
    if (offset + size > declared) return damaged(`la balise « ${tag(bytes, at).replace(/[^\x20-\x7e]/g, '?')} » déborde du fichier`);
    if (tag(bytes, at) === 'desc') desc = description(bytes, view, offset, size);
  }
  if (desc === undefined) return damaged('description « desc » absente ou illisible');
  const deviceClass = tag(bytes, 12);
  const colourSpace = tag(bytes, 16);
  if (deviceClass !== 'prtr') {
    return { code: 'ICC_NOT_OUTPUT', message: `ce profil ICC n’est pas un profil d’impression (classe « ${deviceClass.trim()} », « prtr » attendue)`, hint: 'Le PDF/X-3 demande le profil de sortie de l’imprimeur (papier et presse), pas un profil d’écran ou d’appareil photo.' };
  }
  if (colourSpace !== 'CMYK') {
    return { code: 'ICC_NOT_CMYK', message: `ce profil ICC n’est pas en CMJN (espace « ${colourSpace.trim()} »)`, hint: 'Le PDF/X-3 est imprimé en quadrichromie : demandez à l’imprimeur son profil CMJN.' };
  }
  return undefined;
}
