/**
 * Checks of the contact details as printed: e-mail domains, French phone numbers, web
 * addresses. Pure functions returning an issue or undefined, so each is tested alone.
 *
 * A slip that makes the site drop or misprint what the editor typed is an error (`blocking`)
 * with the exact fix: the site drops an e-mail or web address it cannot link (src/site/urls.ts
 * decides, for validate and the site alike), so `contact@exemple.fr.` would silently vanish
 * from the project page; a phone with the letter O is printed as typed. An e-mail or phone that
 * cannot be a link and has no sure fix (`contact(at)exemple.fr`, `03 87 XX XX XX`) is published
 * as typed, as text, by both editions, with a warning. A web address the site cannot link and
 * that has no sure fix (`www.exemple`) is an error too. A web address that is no address at all
 * (`javascript:…`, markup) has no fix to propose either: it stays a warning that says it is
 * published nowhere, and the editions' own defences drop it (the hostile corpora of
 * tests/fixtures test exactly that). What is published but doubtful (an unknown domain, a
 * placeholder number) is a warning.
 */
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Issue } from './origin.ts';
import { suggest } from './suggest.ts';
import { mailHref, telHref, webHref } from '../site/urls.ts';

export interface ContactIssue extends Issue {
  /** The site would drop the value or publish it wrong: the build must not go on. */
  blocking?: boolean;
}

/**
 * What is wrong with an e-mail the site cannot link, and the address corrected when we can tell.
 * Every slip found is fixed in turn, so the value proposed is whole (`mailto:a@b.fr.` → `a@b.fr`):
 * a hint that fixes one slip and keeps another would lead to the next error.
 */
function unpublishableEmail(email: string): ContactIssue {
  const e = email.trim();
  const why: string[] = [];
  let f = e;
  const fix = (test: RegExp, reason: string, to: (s: string) => string): void => {
    if (!test.test(f)) return;
    why.push(reason);
    f = to(f);
  };
  fix(/^mailto:/i, '« mailto: » en trop', (s) => s.replace(/^mailto:/i, ''));
  fix(/^<[^<>]+>$/, 'chevrons « < > » en trop', (s) => s.slice(1, -1));
  fix(/@{2,}/, '« @ » en double', (s) => s.replace(/@{2,}/g, '@'));
  fix(/\.+$/, 'point final en trop', (s) => s.replace(/\.+$/, ''));
  fix(/[,;:]+$/, `« ${f.slice(-1)} » final en trop`, (s) => s.replace(/[,;:]+$/, ''));
  fix(/\s/, 'espace en trop', (s) => s.replace(/\s+/g, ''));
  if (why.length > 0 && mailHref(f)) {
    return {
      code: 'EMAIL_UNPUBLISHABLE',
      blocking: true,
      message: `adresse e-mail « ${email} » : ${why.join(', ')}`,
      hint: `Écrivez « ${f} » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.`,
    };
  }
  if ((f.match(/@/g) ?? []).length > 1 && !/["<>]/.test(f)) {
    return { code: 'EMAIL_UNPUBLISHABLE', blocking: true, message: `adresse e-mail « ${email} » : une seule adresse par contact`, hint: 'Gardez une seule adresse : le site ne publie pas une liste d’adresses.' };
  }
  return { code: 'EMAIL_INVALID', message: `adresse e-mail mal formée « ${email} »`, hint: 'Une adresse a la forme nom@domaine.fr, sans espace ni ponctuation autour : telle qu’elle est écrite, elle est publiée en texte, sans lien, sur le site comme dans le PDF.' };
}

// The IANA list of top-level domains, kept current by the `tlds` package.
const TLDS: ReadonlySet<string> = new Set(createRequire(import.meta.url)('tlds') as string[]);
/** Domains editors most often mean, tried first for a suggestion. */
const COMMON_TLDS = ['fr', 'org', 'com', 'net', 'eu', 'info', 'lu', 'de', 'asso.fr'];

/** An e-mail whose syntax is broken or whose domain has no real top-level domain. */
export function checkEmail(email: string): ContactIssue | undefined {
  const m = /^[^\s@]+@([^\s@]+\.[^\s@.]+)$/.exec(email.trim());
  if (!m || !mailHref(email)) return unpublishableEmail(email);
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

/** A phone number the site cannot dial, that is not a valid French number, or is a placeholder. */
export function checkPhone(phone: string): ContactIssue | undefined {
  if (!telHref(phone)) {
    const zeros = phone.replace(/[oO]/g, '0');
    if (zeros !== phone && telHref(zeros)) {
      return { code: 'PHONE_LETTER_O', blocking: true, message: `numéro de téléphone « ${phone} » : lettre O à la place du chiffre zéro`, hint: `Écrivez « ${zeros} » (avec des zéros).` };
    }
    return { code: 'PHONE_UNPUBLISHABLE', message: `numéro de téléphone « ${phone} » : ce n’est pas un numéro que l’on peut composer`, hint: 'Écrivez seulement le numéro : dix chiffres (03 87 37 57 57), ou +352 et les chiffres pour l’étranger, sans texte autour.' };
  }
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

/**
 * The address meant, when its slips have one sure fix: « https:// » missing, the scheme mistyped
 * (`https//`, `HTTPS//`, `http:/`, `https:\\`), spaces in the domain (`www.exemple .fr`, a line
 * break pasted), a final dot after the domain (`www.exemple.fr.`) or at the end of the address
 * (`https://www.exemple.fr/page.`). Every slip is fixed in turn,
 * so the address proposed is whole and passes the checks itself.
 */
function urlFix(url: string): string | undefined {
  const t = url.trim();
  let f = t;
  // Spaces in the domain are a slip; in a path they may be meant (%20): no sure fix there.
  if (/^(?:https?:\/\/)?[^/]*\s/i.test(f)) f = f.replace(/\s+/g, '');
  f = f.replace(/^(https?)(?::[/\\]*|[/\\]{2})(?=[^/\\])/i, (_m, s: string) => `${s.toLowerCase()}://`);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(f)) f = `https://${f}`;
  // A final dot (or comma…) after the domain is the sentence's, not the address's.
  f = f.replace(/^(https?:\/\/[^/?#]*?)[.,;:]+(?=[/?#]|$)/i, '$1');
  f = f.replace(/\.+$/, '');
  return f !== t && webHref(f) !== undefined && !urlIssue(f) ? f : undefined;
}

/** A web address that is not a complete http(s) address with a real domain. */
export function checkUrl(url: string): ContactIssue | undefined {
  const issue = urlIssue(url);
  if (!issue) return undefined;
  // A slip with a sure fix is an error that gives it; another scheme (javascript:…) has none.
  const fixed = urlFix(url);
  // After a path, the dot is published with the address, not dropped: say what it does.
  if (fixed && issue.message.endsWith(FINAL_DOT)) return { ...issue, blocking: true, hint: `Écrivez « ${fixed} » : telle qu’elle est écrite, l’adresse serait publiée avec le point, qui mène à une page introuvable.` };
  if (fixed) return { ...issue, blocking: true, hint: `Écrivez « ${fixed} » : telle qu’elle est écrite, l’adresse ne serait pas publiée sur le site.` };
  if (webHref(url)) return issue;
  // Meant as a web address (no scheme, or http) but with no sure fix: refused, never dropped
  // in silence. Another scheme (javascript:, ftp:) is no address at all: a warning, dropped.
  // Spaces removed first, as browsers do: « java\tscript: » is javascript:.
  const bare = url.replace(/\s+/g, '');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(bare) || /^https?:/i.test(bare)) {
    return { ...issue, blocking: true, hint: `${issue.hint} Telle qu’elle est écrite, elle ne serait publiée ni sur le site ni dans le PDF.` };
  }
  return { ...issue, hint: `${issue.hint} Telle qu’elle est écrite, elle n’est publiée ni sur le site ni dans le PDF.` };
}

const FINAL_DOT = ' : point final en trop';

function urlIssue(url: string): ContactIssue | undefined {
  // The browser reads `http:/x.fr`, `https:///x.fr` and `https:\\x.fr` as `https://x.fr`:
  // the site would publish an address other than the one written.
  const slashes = /^(https?):(?!\/\/[^/\\])/i.exec(url.trim());
  if (slashes) return { code: 'URL_INVALID', message: `adresse web « ${url} » : après « ${slashes[1]}: », il faut exactement deux barres obliques « // »`, hint: 'Écrivez l’adresse complète, commençant par https://.' };
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
  if (/[.,;:]$/.test(u.hostname)) {
    return { code: 'URL_INVALID', message: `adresse web « ${url} » : « ${u.hostname.slice(-1)} » en trop à la fin du domaine`, hint: 'Écrivez l’adresse sans ponctuation après le domaine.' };
  }
  const tld = u.hostname.split('.').pop() ?? '';
  if (!u.hostname.includes('.') || !TLDS.has(tld.toLowerCase())) {
    return { code: 'URL_DOMAIN', message: `adresse web « ${url} » : le domaine « ${u.hostname} » n’existe pas`, hint: 'Vérifiez l’adresse dans un navigateur.' };
  }
  // The sentence's full stop, typed after a path (`…/page.`): the site would link a page with
  // the dot, which the server does not know.
  if (/\.$/.test(url.trim())) {
    return { code: 'URL_INVALID', message: `adresse web « ${url} »${FINAL_DOT}`, hint: 'Écrivez l’adresse sans point à la fin.' };
  }
  return undefined;
}
