/**
 * The preflight's checks of one page (PDF/X-3:2002, ISO 15930-3, as a print shop's PitStop or
 * Acrobat profile applies it, plus the house rule of black text on the black plate). Pure:
 * a parsed document in, French findings out.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { pageColors } from '../pdf-colors.ts';
import { isDarkNeutralCmyk, isKOnly } from './ink.ts';
import { pagePaint, type Color, type PaintedColor } from './page-paint.ts';
import type { Finding } from './preflight-report.ts';

/** The most ink a print shop accepts on coated paper (FOGRA39), in %. */
export const MAX_TAC = 300;

type Rect = { x0: number; y0: number; x1: number; y1: number };
const EPSILON = 0.01;

function rect(obj: PDFObject | undefined, doc: PDFDocument): Rect | undefined {
  const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (!(value instanceof PDFArray) || value.size() !== 4) return undefined;
  const [a, b, c, d] = value.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  return { x0: Math.min(a ?? 0, c ?? 0), y0: Math.min(b ?? 0, d ?? 0), x1: Math.max(a ?? 0, c ?? 0), y1: Math.max(b ?? 0, d ?? 0) };
}
const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x0 >= outer.x0 - EPSILON && inner.y0 >= outer.y0 - EPSILON && inner.x1 <= outer.x1 + EPSILON && inner.y1 <= outer.y1 + EPSILON;

/** C66 M66 Y71 K78, as a print shop writes a CMYK colour. */
export const cmykLabel = (values: readonly number[]): string => ['C', 'M', 'Y', 'K'].map((plate, i) => `${plate}${Math.round((values[i] ?? 0) * 100)}`).join(' ');

const plural = (n: number, word: string): string => `${n}\u00A0${word}${n > 1 ? 's' : ''}`;

/** TrimBox and BleedBox present (they are not inherited), nested in the MediaBox. */
function checkBoxes(doc: PDFDocument, page: PDFPage): string[] {
  const m = page.getMediaBox();
  const media = { x0: m.x, y0: m.y, x1: m.x + m.width, y1: m.y + m.height };
  const trim = rect(page.node.get(PDFName.of('TrimBox')), doc);
  const bleed = rect(page.node.get(PDFName.of('BleedBox')), doc);
  const problems: string[] = [];
  if (!trim) problems.push('TrimBox absente (le format fini)');
  if (!bleed) problems.push('BleedBox absente (le fond perdu)');
  if (trim && !inside(trim, media)) problems.push('TrimBox hors de la MediaBox');
  if (bleed && !inside(bleed, media)) problems.push('BleedBox hors de la MediaBox');
  if (trim && bleed && !inside(trim, bleed)) problems.push('TrimBox hors de la BleedBox');
  return problems;
}

/** Annotations other than printer's marks and trap networks, which PDF/X allows. */
function checkAnnotations(doc: PDFDocument, page: PDFPage): string[] {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  const kinds = new Map<string, number>();
  for (const ref of annots) {
    const subtype = doc.context.lookup(ref, PDFDict).get(PDFName.of('Subtype'));
    const kind = subtype instanceof PDFName ? subtype.decodeText() : '?';
    if (kind !== 'PrinterMark' && kind !== 'TrapNet') kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const total = [...kinds.values()].reduce((a, b) => a + b, 0);
  if (!total) return [];
  const list = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
  return [`${plural(total, 'annotation')} (${list})\u00A0: le PDF/X n’en admet pas dans la page (les liens restent dans les PDF écran et d’épreuve)`];
}

/** Fonts of the page (and of the forms and patterns it draws) whose program is not in the file. */
function checkFonts(doc: PDFDocument, page: PDFPage): string[] {
  const { context } = doc;
  const missing = new Set<string>();
  const seen = new Set<PDFDict>();
  const dict = (obj: PDFObject | undefined): PDFDict | undefined => {
    const value = obj instanceof PDFRef ? context.lookup(obj) : obj;
    return value instanceof PDFDict ? value : value instanceof PDFStream ? value.dict : undefined;
  };
  const embedded = (font: PDFDict): boolean => {
    const subtype = font.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('Type3')) return true;
    const target = subtype === PDFName.of('Type0') ? dict(font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.get(0)) : font;
    const descriptor = dict(target?.get(PDFName.of('FontDescriptor')));
    return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.get(PDFName.of(key)) !== undefined);
  };
  const visit = (resources: PDFDict | undefined): void => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, ref] of dict(resources.get(PDFName.of('Font')))?.entries() ?? []) {
      const font = dict(ref);
      if (font && !embedded(font)) missing.add(String(font.get(PDFName.of('BaseFont')) ?? '?').replace(/^\//, ''));
    }
    for (const group of ['XObject', 'Pattern']) for (const [, ref] of dict(resources.get(PDFName.of(group)))?.entries() ?? []) visit(dict(dict(ref)?.get(PDFName.of('Resources'))));
  };
  visit(page.node.Resources());
  return [...missing].map((name) => `police non incorporée «\u00A0${name}\u00A0»`);
}

/** Black or dark grey painted with more than the black plate, in text runs or thin rules. */
function richBlack(painted: PaintedColor[], what: (n: number) => string): string[] {
  const rich = painted.filter(({ color }) => color.kind === 'cmyk' && isDarkNeutralCmyk(color.values) && !isKOnly(color.values));
  if (!rich.length) return [];
  const count = rich.reduce((sum, r) => sum + r.count, 0);
  const colors = rich.sort((a, b) => b.count - a.count).slice(0, 3).map((r) => cmykLabel(r.color.values)).join(', ');
  return [`${what(count)} noir ou gris foncé en quadrichromie (${colors})\u00A0: sur le noir seul (K) attendu`];
}

const tac = (color: Color): number => (color.kind === 'cmyk' ? Math.round(color.values.reduce((a, b) => a + b, 0) * 100) : 0);

/** Every finding of one page; `renderedTac` is the heaviest rendered pixel (ink-render.ts), when measured. */
export function checkPage(doc: PDFDocument, page: PDFPage, number: number, renderedTac?: number): Finding[] {
  const findings: Finding[] = [];
  const add = (check: Finding['check'], messages: string[]): void => {
    for (const message of messages) findings.push({ check, page: number, message });
  };
  add('boxes', checkBoxes(doc, page));
  add('annotations', checkAnnotations(doc, page));
  add('fonts', checkFonts(doc, page));
  const colors = pageColors(doc, page);
  const paint = pagePaint(doc.context, page);
  const rgbText = paint.text.filter((t) => t.color.kind === 'rgb').reduce((sum, t) => sum + t.count, 0);
  add('rgb', colors.rgb.length ? [`couleurs RVB (${colors.rgb.join(', ')})${rgbText ? `, dont ${plural(rgbText, 'passage')} de texte` : ''}\u00A0: tout doit être en CMJN`] : []);
  add('transparency', colors.transparency.length ? [`transparence (${colors.transparency.join(', ')})\u00A0: le PDF/X-3 n’en admet pas, elle doit être aplatie`] : []);
  add('black-text', richBlack(paint.text, (n) => `${plural(n, 'passage')} de texte`));
  add('black-rules', richBlack(paint.rules, (n) => `${plural(n, 'filet')}`));
  const heaviest = paint.painted.filter((p) => tac(p.color) > MAX_TAC).sort((a, b) => tac(b.color) - tac(a.color))[0];
  if (heaviest) add('tac', [`encrage de ${tac(heaviest.color)}\u00A0% (${cmykLabel(heaviest.color.values)}) dans les couleurs de la page\u00A0: ${MAX_TAC}\u00A0% au plus`]);
  else if (renderedTac !== undefined && renderedTac > MAX_TAC) add('tac', [`encrage de ${renderedTac}\u00A0% mesuré au rendu (images comprises)\u00A0: ${MAX_TAC}\u00A0% au plus`]);
  return findings;
}
