/**
 * What a screen reader says of a link in the PDFs, and names for the structure types Chromium
 * writes that PDF 1.7 does not define.
 *
 * Why: PDF/UA (ISO 14289-1 §7.18.5) wants every link annotation to describe itself in its
 * `/Contents`; Chromium writes none (124 links of the 2025 brochure, the contents page's
 * among them), so an assistive technology that reads annotations announced a bare « lien ».
 * Each link now says what it says on the page, and a link inside the document the page it
 * leads to (« Édito, page 3 », « Territoire de Thionville, page 32 », « contact@… »). And Chromium tags `<strong>` as `/Strong`, a PDF 2.0 type: a PDF 1.7 reader
 * or checker only knows it through the structure tree's `/RoleMap` (§7.1 of PDF/UA), which
 * Chromium does not write.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer-core';

/** A link's target as both the page and the PDF name it: `#id` → `dest:id`, else `uri:<href>`. */
export type LinkKey = `dest:${string}` | `uri:${string}`;

/** Runs in the page: each link of the pages shown, in document order, with its text. Self-contained. */
function linksShown(): Array<[string, string]> {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>('.pagedjs_pages a[href]')).map((a) => {
    const href = a.getAttribute('href') ?? '';
    const key = href.startsWith('#') ? `dest:${decodeURIComponent(href.slice(1))}` : `uri:${a.href}`;
    const text = (a.textContent ?? '').replace(/[\u00AD\u2060]/g, '').replace(/\s+/g, ' ').trim();
    return [key, text || (a.getAttribute('aria-label') ?? '')];
  });
}

/** Adds the texts of the links of the pages shown to `into`, in order, by target. */
export async function collectLinkTexts(page: Page, into: Map<LinkKey, string[]>): Promise<void> {
  for (const [key, text] of await page.evaluate(linksShown)) {
    if (!text) continue;
    const texts = into.get(key as LinkKey) ?? [];
    texts.push(text);
    into.set(key as LinkKey, texts);
  }
}

/** A description from the target alone, for a link whose text was not found. */
function fromTarget(key: LinkKey): string {
  if (key.startsWith('uri:mailto:')) return `Écrire à ${decodeURIComponent(key.slice('uri:mailto:'.length))}`;
  if (key.startsWith('uri:tel:')) return `Appeler le ${key.slice('uri:tel:'.length)}`;
  if (key.startsWith('uri:')) return key.slice('uri:'.length).replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
  return key.slice('dest:'.length);
}

function text(value: unknown): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  if (value instanceof PDFName) return value.decodeText();
  return undefined;
}

/**
 * Sets `/Contents` on every link annotation that has none: the link's text on the page, taken
 * in order among the links to the same target (`texts`, from collectLinkTexts), else a
 * description of the target. Returns how many it described.
 */
export function describeLinks(doc: PDFDocument, texts: ReadonlyMap<LinkKey, readonly string[]>): number {
  const used = new Map<LinkKey, number>();
  let described = 0;
  // Where each named destination is: a link inside the document says the page it leads to,
  // which the contents page prints as generated text that is not in the tags.
  const pages = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const pageOf = (name: string): number | undefined => {
    const target = dests?.lookup(PDFName.of(name));
    const first = target instanceof PDFArray ? target.get(0) : undefined;
    return first ? pages.get(first.toString()) : undefined;
  };
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const ref of annots?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link') || annot.has(PDFName.of('Contents'))) continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = text(action?.lookup(PDFName.of('URI')));
      const dest = text(annot.lookup(PDFName.of('Dest'))) ?? text(action?.lookup(PDFName.of('D')));
      const key: LinkKey | undefined = uri !== undefined ? `uri:${uri}` : dest !== undefined ? `dest:${dest}` : undefined;
      if (!key) continue;
      const list = texts.get(key) ?? [];
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      const description = list[Math.min(n, list.length - 1)] ?? fromTarget(key);
      const page = dest !== undefined ? pageOf(dest) : undefined;
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(page ? `${description}, page ${page}` : description));
      described += 1;
    }
  }
  return described;
}

/** The structure types of PDF 1.7 (ISO 32000-1 §14.8.4): any other needs a /RoleMap entry. */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

/** What each non-standard type Chromium writes stands for; any other is mapped to Span. */
const ROLES: Record<string, string> = { Strong: 'Span', Em: 'Span', Title: 'H1', FENote: 'Note', Sub: 'Span', Mark: 'Span', Aside: 'Div' };

/** Maps every non-standard structure type of the document to a standard one (StructTreeRoot /RoleMap). Returns the types mapped. */
export function mapStructureRoles(doc: PDFDocument): string[] {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return [];
  const found = new Set<string>();
  const seen = new Set<PDFDict>();
  const stack: unknown[] = [root.get(PDFName.of('K'))];
  while (stack.length) {
    const item = stack.pop();
    const node = item === undefined ? undefined : doc.context.lookup(item as never);
    if (node instanceof PDFArray) {
      stack.push(...node.asArray());
      continue;
    }
    if (!(node instanceof PDFDict) || seen.has(node)) continue;
    seen.add(node);
    const type = node.get(PDFName.of('S'));
    if (type instanceof PDFName && !STANDARD.has(type.decodeText())) found.add(type.decodeText());
    stack.push(node.get(PDFName.of('K')));
  }
  if (found.size === 0) return [];
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const type of [...found].sort()) if (!map.has(PDFName.of(type))) map.set(PDFName.of(type), PDFName.of(ROLES[type] ?? 'Span'));
  root.set(PDFName.of('RoleMap'), map);
  return [...found].sort();
}
