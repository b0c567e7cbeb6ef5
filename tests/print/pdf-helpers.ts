/**
 * Helpers for the print tests: read PDFs the way a reader sees them (text per page, per line)
 * with pdfjs-dist, and run poppler's tools when they are installed (always in CI).
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import * as assert from 'uvu/assert';
import type { BuildPrintResult } from '../../src/print/build.ts';
import { PAGE_FORMATS } from '../../src/print/format.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Each page of the PDF as lines of text (items on the same baseline joined, top to bottom). */
export async function pdfLines(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const lines = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const y = Math.round(item.transform[5]);
      const line = lines.get(y) ?? [];
      line.push({ x: item.transform[4], str: item.str });
      lines.set(y, line);
    }
    pages.push(
      [...lines.entries()]
        .sort(([a], [b]) => b - a)
        // pdfjs reads the apostrophe glyph as U+02BC; the PDF's ToUnicode (and poppler) say U+2019.
        .map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.str).join(' ').replace(/\u02BC/g, '’')),
    );
  }
  await doc.destroy();
  return pages;
}

/** Text without any whitespace or soft hyphen, so extraction quirks (split runs) do not matter. */
export const squash = (text: string): string => text.replace(/[\s\u00AD]+/g, '');

/** pdfjs view of the document catalog: metadata, outline (indented by depth), marked-content flag. */
export async function pdfInfo(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const { info } = await doc.getMetadata();
  const outline = (await doc.getOutline()) ?? [];
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  const titles: string[] = [];
  const flatten = (items: typeof outline, depth: number): void => {
    for (const item of items) {
      titles.push(`${'  '.repeat(depth)}${item.title}`);
      flatten(item.items, depth + 1);
    }
  };
  flatten(outline, 0);
  return { info: info as Record<string, unknown>, outline: titles, markInfo };
}

/** Whether poppler's command-line tools can be run here. */
export function hasPoppler(): boolean {
  return spawnSync('pdffonts', ['-v'], { encoding: 'utf8' }).error === undefined;
}

/** Runs a poppler tool and returns its stdout (throws on failure). */
export function poppler(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error || res.status !== 0) throw new Error(`${tool} failed: ${res.error?.message ?? res.stderr}`);
  return res.stdout;
}

/**
 * A temporary folder laid out as the build lays out the print edition: the fixture HTML,
 * print/base.css beside it, and a 2 500 px wide photograph made here (noisy, so it weighs what
 * a real photo does).
 */
export async function printFixtureFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-print-test-'));
  await copyFile(join(repo, 'tests/fixtures/print/brochure.html'), join(dir, 'brochure.html'));
  await copyFile(join(repo, 'print/base.css'), join(dir, 'base.css'));
  const [width, height] = [2500, 1400];
  const gradient = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" x2="1" y1="0" y2="1"><stop offset="0" stop-color="#2a7ab8"/><stop offset="1" stop-color="#e8b04a"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="1250" cy="700" r="400" fill="#fff" fill-opacity="0.6"/></svg>`;
  await sharp(Buffer.from(gradient))
    .composite([{ input: { create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toFile(join(dir, 'photo.jpg'));
  return dir;
}

export interface OutlineEntry {
  title: string;
  /** 1-based page of its destination. */
  page: number;
  depth: number;
}

/** The outline, flattened depth first, with each entry's destination page. */
export async function pdfOutline(bytes: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const entries: OutlineEntry[] = [];
  type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
  const visit = async (items: Item[], depth: number): Promise<void> => {
    for (const item of items) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0] as Parameters<typeof doc.getPageIndex>[0] | undefined;
      entries.push({ title: item.title, page: ref ? (await doc.getPageIndex(ref)) + 1 : 0, depth });
      await visit(item.items, depth + 1);
    }
  };
  await visit(((await doc.getOutline()) ?? []) as Item[], 0);
  await doc.destroy();
  return entries;
}

/** Whether poppler is required: on CI it must be installed (tests fail rather than skip). */
export function requirePoppler(): boolean {
  if (hasPoppler()) return true;
  if (process.env.CI) throw new Error('poppler-utils is required in CI (apt-get install -y poppler-utils)');
  return false;
}

/** `pdfinfo -box` of every page: MediaBox, BleedBox and TrimBox as [x0, y0, x1, y1] in points. */
export function pdfBoxes(path: string): Array<Record<'MediaBox' | 'BleedBox' | 'TrimBox', number[]>> {
  const out = poppler('pdfinfo', ['-box', '-f', '1', '-l', '9999', path]);
  const pages: Array<Record<string, number[]>> = [];
  for (const match of out.matchAll(/^Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([-\d.\s]+)$/gm)) {
    const index = Number(match[1]) - 1;
    pages[index] ??= {};
    (pages[index] as Record<string, number[]>)[match[2] ?? ''] = (match[3] ?? '').trim().split(/\s+/).map(Number);
  }
  return pages as Array<Record<'MediaBox' | 'BleedBox' | 'TrimBox', number[]>>;
}

/** `pdfimages -list`: one row per image with its page, size, colour and resolution. */
export function pdfImages(path: string): Array<{ page: number; type: string; width: number; height: number; color: string; xppi: number; yppi: number }> {
  return poppler('pdfimages', ['-list', path])
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => row.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), type: c[2] ?? '', width: Number(c[3]), height: Number(c[4]), color: c[5] ?? '', xppi: Number(c[12]), yppi: Number(c[13]) }));
}

/** `pdffonts`: name, type and whether each font is embedded. */
export function pdfFonts(path: string): Array<{ name: string; type: string; embedded: boolean }> {
  return poppler('pdffonts', [path])
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row.trim());
      return { name: m?.[1] ?? row, type: m?.[2] ?? '?', embedded: m?.[4] === 'yes' };
    });
}

/**
 * Text of each page in reading order, column by column: poppler's pdftotext when installed,
 * else pdfjs's text items in the order Chromium painted them (the document's order). Not
 * pdfLines: items on the same baseline are joined into one line, so a title wrapped in one
 * column comes out interleaved with the text beside it (found on a machine without poppler,
 * where « Programme d’insertion sociale et professionnelle des personnes migrantes » was not
 * found in its section).
 */
export async function pageTexts(path: string, bytes: Uint8Array): Promise<string[]> {
  if (hasPoppler()) return poppler('pdftotext', ['-enc', 'UTF-8', path, '-']).split('\f').slice(0, -1);
  return pdfStreamTexts(bytes);
}

/** Each page's text items in content-stream order, a line break where pdfjs sees one. */
export async function pdfStreamTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const { items } = await (await doc.getPage(n)).getTextContent();
    pages.push(items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('').replace(/\u02BC/g, '’'));
  }
  await doc.destroy();
  return pages;
}

/** Each page's link annotations: where they lead (a named destination resolved to its page, or a URI). */
export async function pdfLinks(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  const pageOf = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  return doc.getPages().map((page) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((ref) => {
      const annot = doc.context.lookup(ref, PDFDict);
      const name = annot.get(PDFName.of('Dest'));
      if (name instanceof PDFName) {
        const target = dests?.lookupMaybe(name, PDFArray);
        return `${name.decodeText()} → page ${target ? pageOf.get(String(target.get(0))) : 'introuvable'}`;
      }
      return String(annot.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('URI')) ?? 'autre');
    }),
  );
}

/**
 * The structure tree as element types (and marked-content ids with their page), depth first;
 * and what is wrong with the parent tree, checked both ways (ISO 32000-1 §14.7.4.4): each
 * page's /StructParents leads to an array whose item N is the element holding the page's
 * marked content N, and every marked content of the tree is found there; each link's
 * /StructParent leads to the element whose /OBJR names that link; no key is used twice; and
 * /ParentTreeNextKey is greater than every key.
 */
export async function pdfTags(bytes: Uint8Array): Promise<{ tree: string[]; problems: string[] }> {
  const doc = await PDFDocument.load(bytes);
  const pageOf = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const tree: string[] = [];
  /** "page:mcid" → the element holding it; "annotation ref" → the element whose OBJR names it. */
  const holders = new Map<string, string>();
  const walk = (object: unknown, depth: number, page: number | undefined, holder: string): void => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object;
    if (value instanceof PDFNumber) {
      tree.push(`${depth} mcid p${page}`);
      holders.set(`${page}:${value.asNumber()}`, holder);
    } else if (value instanceof PDFArray) value.asArray().forEach((kid) => walk(kid, depth, page, holder));
    else if (value instanceof PDFDict) {
      const pg = value.get(PDFName.of('Pg'));
      const at = pg ? pageOf.get(String(pg)) : page;
      const type = String(value.get(PDFName.of('Type')) ?? '');
      if (type === '/OBJR') holders.set(String(value.get(PDFName.of('Obj'))), holder);
      if (type === '/MCR') holders.set(`${at}:${String(value.get(PDFName.of('MCID')))}`, holder);
      if (type === '/OBJR' || type === '/MCR') tree.push(`${depth} ${type} p${at}`);
      else {
        tree.push(`${depth} ${String(value.get(PDFName.of('S')))}`);
        walk(value.get(PDFName.of('K')), depth + 1, at, String(object));
      }
    }
  };
  walk(root.get(PDFName.of('K')), 0, undefined, 'racine');
  const keys = new Map<number, unknown>();
  const collect = (node: PDFDict): void => {
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    for (let i = 0; nums && i + 1 < nums.size(); i += 2) keys.set((nums.lookup(i) as PDFNumber).asNumber(), nums.get(i + 1));
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) collect(doc.context.lookup(kid, PDFDict));
  };
  collect(root.lookup(PDFName.of('ParentTree'), PDFDict));
  const problems: string[] = [];
  const used = new Set<number>();
  const use = (key: number, who: string): unknown => {
    if (used.has(key)) problems.push(`${who} : clé ${key} déjà prise`);
    used.add(key);
    if (!keys.has(key)) problems.push(`${who} : clé ${key} absente de /ParentTree`);
    const entry = keys.get(key);
    return entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  };
  const found = new Set<string>();
  doc.getPages().forEach((page, i) => {
    const key = page.node.get(PDFName.of('StructParents'));
    if (key instanceof PDFNumber) {
      const elements = use(key.asNumber(), `page ${i + 1}`);
      if (!(elements instanceof PDFArray)) problems.push(`page ${i + 1} : /StructParents ${key.asNumber()} ne mène pas à un tableau`);
      (elements instanceof PDFArray ? elements.asArray() : []).forEach((element, mcid) => {
        const pg = doc.context.lookupMaybe(element, PDFDict)?.get(PDFName.of('Pg'));
        if (pg && pageOf.get(String(pg)) !== i + 1) problems.push(`page ${i + 1} : élément de la page ${pageOf.get(String(pg))}`);
        const holder = holders.get(`${i + 1}:${mcid}`);
        if (holder !== String(element)) problems.push(`page ${i + 1} : contenu marqué ${mcid} tenu par ${holder ?? 'aucun élément'}, /ParentTree dit ${String(element)}`);
        found.add(`${i + 1}:${mcid}`);
      });
    }
    for (const annot of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const parent = doc.context.lookupMaybe(annot, PDFDict)?.get(PDFName.of('StructParent'));
      if (!(parent instanceof PDFNumber)) continue;
      const element = keys.get(parent.asNumber());
      use(parent.asNumber(), `lien ${String(annot)} page ${i + 1}`);
      if (holders.get(String(annot)) !== String(element)) problems.push(`lien ${String(annot)} page ${i + 1} : /OBJR dans ${holders.get(String(annot)) ?? 'aucun élément'}, /ParentTree dit ${String(element)}`);
    }
  });
  for (const at of holders.keys()) if (at.includes(':') && !found.has(at)) problems.push(`contenu marqué ${at} absent de /ParentTree`);
  const next = root.get(PDFName.of('ParentTreeNextKey'));
  if (!(next instanceof PDFNumber) || next.asNumber() <= Math.max(-1, ...keys.keys())) problems.push('/ParentTreeNextKey trop petit');
  return { tree, problems };
}

/** Every list of the structure tree (/L), in document order: its items (/LI) and the element types under it. */
export async function pdfLists(bytes: Uint8Array): Promise<Array<{ items: number; types: Set<string> }>> {
  const doc = await PDFDocument.load(bytes);
  const resolve = (object: unknown) => (object instanceof PDFRef ? doc.context.lookup(object) : object);
  const kids = (element: PDFDict): PDFDict[] => {
    const k = resolve(element.get(PDFName.of('K')));
    return (k instanceof PDFArray ? k.asArray().map(resolve) : [k]).filter((kid): kid is PDFDict => kid instanceof PDFDict);
  };
  const type = (element: PDFDict) => String(element.get(PDFName.of('S')) ?? '');
  const typesUnder = (element: PDFDict, into = new Set<string>()): Set<string> => {
    for (const kid of kids(element)) typesUnder(kid, into.add(type(kid)));
    return into;
  };
  const lists: Array<{ items: number; types: Set<string> }> = [];
  const walk = (element: PDFDict): void => {
    if (type(element) === '/L') lists.push({ items: kids(element).filter((kid) => type(kid) === '/LI').length, types: typesUnder(element) });
    kids(element).forEach(walk);
  };
  walk(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict));
  return lists;
}

/**
 * The table of contents as printed: each numbered entry (in document order) with the number
 * printed beside it. The numbers are read in reading order from the Sommaire page (a wrapped
 * title carries its number on its first line) and paired with the entries that have one.
 */
export function tocNumbers(text: string[][], result: Pick<BuildPrintResult, 'html'>): Array<{ titre: string; number: number }> {
  const tocPage = text.findIndex((lines) => lines.some((l) => l.trim() === 'Sommaire'));
  const lines = text[tocPage] ?? [];
  const start = lines.findIndex((l) => l.trim() === 'Sommaire');
  // Between the title and the folio (the last line); the contents come first, and what
  // follows them on the page (a booklet's opener and its own contents) is not theirs.
  const entries = result.html.document.toc.flatMap((e) => [e, ...(e.entries ?? [])]).filter((e) => e.anchor);
  const numbers = lines.slice(start + 1, -1).flatMap((l) => /\s(\d+)$/.exec(` ${l.trim()}`)?.slice(1, 2) ?? []).map(Number).slice(0, entries.length);
  assert.is(numbers.length, entries.length, 'one number per numbered entry');
  return entries.map((e, i) => ({ titre: e.titre, number: numbers[i] ?? 0 }));
}

/**
 * Whether each page of the PDF is blank: rendered at 20 ppi, no pixel differs from the page's
 * most common colour by more than a trace.
 */
export async function blankPages(path: string): Promise<boolean[]> {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-blank-'));
  poppler('pdftoppm', ['-r', '20', '-gray', '-png', path, join(dir, 'p')]);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
  const blank: boolean[] = [];
  for (const file of files) {
    const { data } = await sharp(join(dir, file)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const counts = new Map<number, number>();
    for (const v of data) counts.set(v, (counts.get(v) ?? 0) + 1);
    const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 255;
    blank.push(!data.some((v) => Math.abs(v - background) > 24));
  }
  await rm(dir, { recursive: true, force: true });
  return blank;
}

/**
 * Each page's share of its text area's height (A4's margins, src/print/format.ts, unless told)
 * that holds ink, read from pixels (30 ppi): rows
 * with any mark between the margins (text, tints, rules, images), a gap of 12 mm or more
 * counted as empty, as a reader sees a hole. Independent of the layout check's own measure
 * (src/print/fit.ts), which reads the laid-out boxes.
 */
export async function pixelFill(path: string, margins = { topMm: PAGE_FORMATS.A4.margins.top, bottomMm: PAGE_FORMATS.A4.margins.bottom, sideMm: 15 }): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-fill-'));
  const ppi = 30;
  const px = (mm: number) => Math.round((mm * ppi) / 25.4);
  poppler('pdftoppm', ['-r', String(ppi), '-gray', '-png', path, join(dir, 'p')]);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
  const fills: number[] = [];
  for (const file of files) {
    const { data, info } = await sharp(join(dir, file)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const top = px(margins.topMm);
    const bottom = info.height - px(margins.bottomMm);
    let covered = 0;
    let end = top;
    for (let y = top; y < bottom; y++) {
      const row = data.subarray(y * info.width + px(margins.sideMm), (y + 1) * info.width - px(margins.sideMm));
      if (!row.some((v) => v < 250)) continue;
      covered += y - end < px(12) ? y - end + 1 : 1;
      end = y + 1;
    }
    fills.push(covered / (bottom - top));
  }
  await rm(dir, { recursive: true, force: true });
  return fills;
}

export interface StructNode {
  page: number;
  role: string;
  /** Whether it marks any content (text, image) on its page. */
  empty: boolean;
  alt?: string;
}

/** Every element of pdf.js's structure tree, page by page, in tree order (pdf.js getStructTree). */
export async function pdfStructure(bytes: Uint8Array): Promise<StructNode[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  type Node = { role?: string; type?: string; alt?: string; children?: Node[] };
  const hasContent = (node: Node): boolean => node.type === 'content' || node.type === 'object' || (node.children ?? []).some(hasContent);
  const nodes: StructNode[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const walk = (node: Node): void => {
      if (node.role && node.role !== 'Root') nodes.push({ page: n, role: node.role, empty: !hasContent(node), ...(node.alt ? { alt: node.alt } : {}) });
      (node.children ?? []).forEach(walk);
    };
    const tree = (await (await doc.getPage(n)).getStructTree()) as Node | null;
    if (tree) walk(tree);
  }
  await doc.destroy();
  return nodes;
}
