/**
 * Merges the PDFs Chromium printed a part at a time (src/print/sheets.ts) into the PDF it would
 * have printed at once: the pages in order, one structure tree (the tags), one outline, and the
 * named destinations of every part, so that a link in one part (the table of contents) reaches
 * a page of another.
 *
 * What a plain page copy (pdf-lib's copyPages, qpdf --pages) would break, and how it is kept:
 * - tags: each part has its own /StructTreeRoot whose Document element lists that part's
 *   elements, and whose /ParentTree maps keys (a page's /StructParents, a link's /StructParent)
 *   to elements. The parts' elements are appended under the first part's Document element and
 *   their keys numbered anew, one after the other, from the pages and links each part holds
 *   (renumberKeys: how Chromium numbers them changed between versions). The marked-content ids
 *   need nothing: they count within a page's content stream, which is copied whole;
 * - links: Chromium writes internal links as `/Dest /name` and the names in the catalog's
 *   /Dests, each part only those it printed: the dictionaries are united;
 * - outline: Chromium nests headings by level within each part, so a part that starts inside a
 *   section has its h2 at the top. The outline is rebuilt from every part's entries in order,
 *   nested by the level of the heading each points to (its /SE element, /H1 … /H6).
 * Objects are copied with one PDFObjectCopier per part, pages first, so that the elements'
 * /Pg and the destinations point to the copied pages instead of copying them twice.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, type PDFObject } from 'pdf-lib';

const K = PDFName.of('K');
const NUMS = PDFName.of('Nums');
const KIDS = PDFName.of('Kids');
const STRUCT_TREE_ROOT = PDFName.of('StructTreeRoot');
const PARENT_TREE = PDFName.of('ParentTree');
const PARENT_TREE_NEXT_KEY = PDFName.of('ParentTreeNextKey');
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');
const ANNOTS = PDFName.of('Annots');
const DESTS = PDFName.of('Dests');
const OUTLINES = PDFName.of('Outlines');
const OUTLINE_LINKS = ['Parent', 'Prev', 'Next', 'First', 'Last', 'Count'].map((key) => PDFName.of(key));

/** A document's structure tree: the element its top-level elements hang from, and the parent tree. */
interface Structure {
  rootRef: PDFRef;
  /** The Document element (or the root itself when it has several top-level elements). */
  container: PDFDict;
  containerRef: PDFRef;
  kids: PDFArray;
  /** Parent tree entries, flattened: [key, value]. */
  entries: Array<[number, PDFObject]>;
  parentTree: PDFDict;
}

interface OutlineEntry {
  dict: PDFDict;
  ref: PDFRef;
  /** 1 for h1 … 6 for h6. */
  level: number;
}

function numberOf(object: PDFObject | undefined): number | undefined {
  return object instanceof PDFNumber ? object.asNumber() : undefined;
}

/** Every [key, value] of a number tree, in order (ISO 32000 §7.9.7). */
function numberTree(doc: PDFDocument, node: PDFDict | undefined, into: Array<[number, PDFObject]> = []): Array<[number, PDFObject]> {
  const nums = node?.lookupMaybe(NUMS, PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const key = numberOf(nums.lookup(i));
    const value = nums.get(i + 1);
    if (key !== undefined && value) into.push([key, value]);
  }
  for (const kid of node?.lookupMaybe(KIDS, PDFArray)?.asArray() ?? []) numberTree(doc, doc.context.lookupMaybe(kid, PDFDict), into);
  return into;
}

function structureOf(doc: PDFDocument): Structure | undefined {
  const rootRef = doc.catalog.get(STRUCT_TREE_ROOT);
  const root = doc.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!(rootRef instanceof PDFRef) || !root) return undefined;
  // Chromium writes one Document element under the root; otherwise the root is the container.
  let containerRef = rootRef;
  let container = root;
  const top = root.get(K);
  if (top instanceof PDFRef && doc.context.lookup(top) instanceof PDFDict) {
    containerRef = top;
    container = doc.context.lookup(top, PDFDict);
  }
  let kids = container.lookup(K);
  if (!(kids instanceof PDFArray)) {
    const array = doc.context.obj([]);
    if (container.get(K)) array.push(container.get(K) as PDFObject);
    container.set(K, array);
    kids = array;
  }
  const parentTree = root.lookupMaybe(PARENT_TREE, PDFDict) ?? doc.context.obj({});
  return { rootRef, container, containerRef, kids: kids as PDFArray, entries: numberTree(doc, parentTree), parentTree };
}

/**
 * Numbers a part's parent tree keys anew from `first`, in the order the part uses them: each
 * page's /StructParents, then its links' /StructParent. What the browser wrote is not trusted:
 * Chromium 156 numbers them that way from 0, but Chromium 143 (@sparticuz/chromium) numbers
 * the pages 0…n−1 and the links from 100 000, and writes a /ParentTreeNextKey of n, below its
 * own keys. Shifting such keys by the next key collides parts and leaves /ParentTreeNextKey
 * too small (ISO 32000-1 §14.7.4.4: greater than any key), which PDF readers may reject.
 * Numbered from what the pages point to, the keys are dense and the next one is known.
 * An entry no page or link points to is dropped: nothing could reach it.
 */
function renumberKeys(part: PDFDocument, entries: ReadonlyArray<[number, PDFObject]>, first: number): { entries: Array<[number, PDFObject]>; nextKey: number } {
  const values = new Map(entries);
  const renumbered: Array<[number, PDFObject]> = [];
  const given = new Map<number, number>();
  const seen = new Set<PDFDict>();
  const renumber = (dict: PDFDict | undefined, name: PDFName): void => {
    const old = numberOf(dict?.get(name));
    if (!dict || old === undefined || seen.has(dict)) return;
    seen.add(dict);
    let key = given.get(old);
    if (key === undefined) {
      key = first + given.size;
      given.set(old, key);
      const value = values.get(old);
      if (value) renumbered.push([key, value]);
    }
    dict.set(name, PDFNumber.of(key));
  };
  for (const page of part.getPages()) {
    renumber(page.node, STRUCT_PARENTS);
    for (const annot of page.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) renumber(part.context.lookupMaybe(annot, PDFDict), STRUCT_PARENT);
  }
  return { entries: renumbered, nextKey: first + given.size };
}

/** The outline entries, depth first, with the level of the heading each points to. */
function outlineOf(doc: PDFDocument): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const visit = (ref: PDFObject | undefined, depth: number): void => {
    for (let at = ref; at instanceof PDFRef; ) {
      const dict = doc.context.lookup(at, PDFDict);
      const heading = /^H([1-6])$/.exec(dict.lookupMaybe(PDFName.of('SE'), PDFDict)?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() ?? '');
      entries.push({ dict, ref: at, level: heading ? Number(heading[1]) : depth });
      visit(dict.get(PDFName.of('First')), depth + 1);
      at = dict.get(PDFName.of('Next'));
    }
  };
  visit(doc.catalog.lookupMaybe(OUTLINES, PDFDict)?.get(PDFName.of('First')), 1);
  return entries;
}

/** Links the entries into an outline under the catalog, each under the last entry of a lower level before it. */
function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const rootRef = doc.catalog.get(OUTLINES) instanceof PDFRef ? (doc.catalog.get(OUTLINES) as PDFRef) : doc.context.register(doc.context.obj({ Type: 'Outlines' }));
  const root = doc.context.lookup(rootRef, PDFDict);
  doc.catalog.set(OUTLINES, rootRef);
  interface Node {
    dict: PDFDict;
    ref: PDFRef;
    level: number;
    children: Node[];
  }
  const top: Node = { dict: root, ref: rootRef, level: 0, children: [] };
  const stack: Node[] = [top];
  for (const entry of entries) {
    while ((stack[stack.length - 1]?.level ?? 0) >= entry.level) stack.pop();
    const node: Node = { ...entry, children: [] };
    (stack[stack.length - 1] ?? top).children.push(node);
    stack.push(node);
  }
  // Every entry open, as Chromium writes them: /Count is the number of descendants.
  const link = (node: Node): number => {
    let count = 0;
    node.children.forEach((child, i) => {
      for (const key of OUTLINE_LINKS) child.dict.delete(key);
      child.dict.set(PDFName.of('Parent'), node.ref);
      const previous = node.children[i - 1];
      const next = node.children[i + 1];
      if (previous) child.dict.set(PDFName.of('Prev'), previous.ref);
      if (next) child.dict.set(PDFName.of('Next'), next.ref);
      count += 1 + link(child);
    });
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    if (first && last) {
      node.dict.set(PDFName.of('First'), first.ref);
      node.dict.set(PDFName.of('Last'), last.ref);
      node.dict.set(PDFName.of('Count'), PDFNumber.of(count));
    }
    return count;
  };
  for (const key of OUTLINE_LINKS) root.delete(key);
  link(top);
}

/**
 * Merges PDFs printed from consecutive parts of one document. One part keeps its pages and
 * outline as printed; its parent tree keys are numbered anew all the same (renumberKeys).
 */
export async function mergePdfParts(parts: readonly PDFDocument[]): Promise<PDFDocument> {
  const [doc, ...rest] = parts;
  if (!doc) throw new Error('mergePdfParts: no PDF to merge');
  const structure = structureOf(doc);
  let nextKey = 0;
  if (structure) ({ entries: structure.entries, nextKey } = renumberKeys(doc, structure.entries, 0));
  const outline = outlineOf(doc);
  let dests = doc.catalog.lookupMaybe(DESTS, PDFDict);

  for (const part of rest) {
    const copier = PDFObjectCopier.for(part.context, doc.context);
    const source = structureOf(part);
    if (structure && source) {
      // The part's Document element and root stand for ours: elements copied under them
      // point to ours instead of dragging a second tree along.
      const mapped = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects;
      mapped.set(source.containerRef, structure.containerRef);
      mapped.set(source.rootRef, structure.rootRef);
    }
    // Keys numbered in the part itself, so that its pages and links are copied with them.
    const keys = structure && source ? renumberKeys(part, source.entries, nextKey) : undefined;

    for (const page of part.getPages()) {
      const ref = copier.copy(page.ref) as PDFRef;
      doc.addPage(PDFPage.of(doc.context.lookup(ref) as PDFPageLeaf, ref, doc));
    }

    if (structure && source && keys) {
      for (const kid of source.kids.asArray()) structure.kids.push(copier.copy(kid));
      for (const [key, value] of keys.entries) structure.entries.push([key, copier.copy(value)]);
      nextKey = keys.nextKey;
    }

    const partDests = part.catalog.lookupMaybe(DESTS, PDFDict);
    if (partDests) {
      if (!dests) {
        dests = doc.context.obj({});
        doc.catalog.set(DESTS, doc.context.register(dests));
      }
      // A name printed in two parts (an element split across them) keeps its first page.
      for (const [name, value] of partDests.entries()) if (!dests.has(name)) dests.set(name, copier.copy(value));
    }

    for (const entry of outlineOf(part)) {
      const dict = doc.context.obj({});
      for (const key of ['Title', 'Dest', 'A', 'SE', 'C', 'F']) {
        const value = entry.dict.get(PDFName.of(key));
        if (value) dict.set(PDFName.of(key), copier.copy(value));
      }
      outline.push({ dict, ref: doc.context.register(dict), level: entry.level });
    }
  }

  if (structure) {
    const nums = doc.context.obj([]);
    for (const [key, value] of structure.entries) {
      nums.push(PDFNumber.of(key));
      nums.push(value);
    }
    structure.parentTree.delete(KIDS);
    structure.parentTree.delete(PDFName.of('Limits'));
    structure.parentTree.set(NUMS, nums);
    const root = doc.context.lookup(structure.rootRef, PDFDict);
    if (!root.get(PARENT_TREE)) root.set(PARENT_TREE, doc.context.register(structure.parentTree));
    root.set(PARENT_TREE_NEXT_KEY, PDFNumber.of(nextKey));
  }
  if (rest.length > 0) writeOutline(doc, outline);
  return doc;
}

