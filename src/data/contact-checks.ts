/**
 * Checks of the contact details as printed: e-mail domains, French phone numbers, web
 * addresses. Pure functions returning an issue or undefined, so each is tested alone.
 */
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Issue } from './origin.ts';
import { suggest } from './suggest.ts';

// The IANA list of top-level domains, kept current by the `tlds` package.
const TLDS: ReadonlySet<string> = new Set(createRequire(import.meta.url)('tlds') as string[]);
/** Domains editors most often mean, tried first for a suggestion. */
const COMMON_TLDS = ['fr', 'org', 'com', 'net', 'eu', 'info', 'lu', 'de', 'asso.fr'];

/** An e-mail whose syntax is broken or whose domain has no real top-level domain. */
export function checkEmail(email: string): Issue | undefined {
  const m = /^[^\s@]+@([^\s@]+\.[^\s@.]+)$/.exec(email.trim());
  if (!m) return { code: 'EMAIL_INVALID', message: `adresse e-mail mal formée « ${email} »`, hint: 'Une adresse a la forme nom@domaine.fr, sans espace.' };
  const tld = m[1]!.split('.').pop()!.toLowerCase();
  if (!TLDS.has(tld)) {
    const guess = suggest(tld, COMMON_TLDS);
    return {
      code: 'EMAIL_TLD',
      message: `adresse e-mail « ${email} » : le domaine « .${tld} » n’existe pas${guess ? ` (vouliez-vous dire « .${guess} » ?)` : ''}`,
      hint: 'Vérifiez l’adresse auprès du porteur de projet avant publication.',
    };
  }
  return undefined;
}

/** Numbers that only hold a place: 01 23 45 67 89, 06 00 00 00 00, 01 02 03 04 05, 06 12 34 56 78. */
export function isPlaceholderPhone(digits: string): boolean {
  const n = digits.replace(/^(?:0033|33)/, '0');
  if (/^0\d(\d)\1{7}$/.test(n)) return true;
  const steps = [...n].slice(1).map((d, i) => (Number(d) - Number(n[i]) + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return true;
  const pairs = n.match(/\d\d/g)?.map(Number) ?? [];
  if (pairs.length === 5 && pairs.every((p, i) => i === 0 || p === pairs[i - 1]! + 1)) return true;
  return n === '0612345678' || n === '0712345678';
}

/** A phone number that is not a valid French number, or is an obvious placeholder. */
export function checkPhone(phone: string): Issue | undefined {
  const digits = phone.replace(/[\s.\-()]/g, '').replace(/^\+/, '');
  const parsed = parsePhoneNumberFromString(phone, 'FR');
  if (!parsed || !parsed.isValid()) {
    return { code: 'PHONE_INVALID', message: `numéro de téléphone invalide « ${phone} »`, hint: 'Un numéro français a dix chiffres, par exemple 03 87 37 57 57.' };
  }
  if (isPlaceholderPhone(digits)) {
    return { code: 'PHONE_PLACEHOLDER', message: `numéro de téléphone fictif « ${phone} » (suite de chiffres de remplissage)`, hint: 'Demandez le vrai numéro au porteur de projet, ou supprimez la ligne.' };
  }
  return undefined;
}

/** A web address that is not a complete http(s) address with a real domain. */
export function checkUrl(url: string): Issue | undefined {
  if (/\s/.test(url)) return { code: 'URL_INVALID', message: `adresse web « ${url} » : elle contient une espace`, hint: 'Supprimez les espaces de l’adresse.' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { code: 'URL_INVALID', message: `adresse web mal formée « ${url} »`, hint: 'Écrivez l’adresse complète, commençant par https://.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { code: 'URL_SCHEME', message: `adresse web « ${url} » : seules les adresses http:// et https:// sont publiées`, hint: 'Écrivez l’adresse complète, commençant par https://.' };
  }
  const tld = u.hostname.split('.').pop() ?? '';
  if (!u.hostname.includes('.') || !TLDS.has(tld.toLowerCase())) {
    return { code: 'URL_DOMAIN', message: `adresse web « ${url} » : le domaine « ${u.hostname} » n’existe pas`, hint: 'Vérifiez l’adresse dans un navigateur.' };
  }
  return undefined;
}
