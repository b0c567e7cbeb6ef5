/**
 * Fit checks on the paginated document: what a proof-reader would circle in red. Measured in
 * the page after Paged.js has laid it out (`collectPageFacts`), judged in Node (`fitFindings`)
 * so the rules and their French messages are plain, testable code.
 *
 * Markers the print templates set: `data-fit-name="<project name>"` names a box in messages;
 * `data-fit-max-pages="N"` limits how many pages it may span; `data-fit-allow-sparse` on an
 * element lets its page be nearly empty on purpose.
 */
import type { Page } from 'puppeteer-core';
import { guillemets, NBSP, number, pages } from './french.ts';

/** A box whose content does not fit: outside the page's content area, or hidden by its own overflow. */
export interface OverflowFact {
  /** `data-fit-name` of the box or of its closest named ancestor, else a short description. */
  name: string;
  named: boolean;
  /** `area`: sticks out of the page's content area; `box`: text hidden inside a fixed-size box. */
  where: 'area' | 'box';
  /** How much does not fit, in mm (the larger of the two directions). */
  excessMm: number;
}

/** An image as printed: its pixels and the size it is printed at. */
export interface ImageFact {
  /** URL path in the print folder, e.g. `/images/projets/x.jpg`. */
  src: string;
  /** `data-fit-name` of the closest named box, when there is one. */
  name?: string;
  naturalWidth: number;
  naturalHeight: number;
  /** Printed size of its box, in mm. */
  widthMm: number;
  heightMm: number;
  /**
   * Pixels per inch the printed image has: with `object-fit: cover` the image is scaled to
   * cover its box, so the smaller ratio of the two directions decides.
   */
  ppi: number;
}

/** What the fit checks need to know about one laid-out page. */
export interface PageFacts {
  /** 1-based, as in the PDF. */
  number: number;
  /** Named page (`cover`, `opener`…), if any. */
  name?: string;
  side: 'left' | 'right';
  /** Left blank by Paged.js for parity (break-before: right/left). */
  blank: boolean;
  /** Text and image area over the page (trim) area, 0–1. */
  ink: number;
  /**
   * Share of the content area's height that holds content, 0–1: text lines, images, tinted
   * boxes and rules, a gap under FILL_GAP_MM between them counting as filled (the space between
   * paragraphs and entries), a larger one or the foot left empty not.
   */
  fill: number;
  /** What is on the page, for messages: `data-fit-name` of the boxes on it, else its headings. */
  contents: string[];
  /** Everything on the page is in boxes that may be sparse by design (`data-fit-allow-sparse`). */
  allowSparse: boolean;
  /** The page holds such a box (an opener, the contents, the notes), maybe beside other text. */
  sparseBox: boolean;
  overflows: OverflowFact[];
  /** Boxes limited by `data-fit-max-pages` that appear on this page. */
  limited: { ref: string; name: string; maxPages: number }[];
  /** Bitmap images printed on this page (SVG excluded: it has no resolution). */
  images: ImageFact[];
  /** The heading the page's text ends with, when it does: its text follows on the next page. */
  footHeading?: string;
  /**
   * Boxes set across columns (`column-span: all`) outside any multi-column box of the
   * content: they span Paged.js's own page columns instead, out of their text's flow, and
   * cannot be broken across pages. A fault of the print CSS, not of the data.
   */
  spanners: string[];
}

/**
 * Runs in the page: measures `pageEls` (default: every `.pagedjs_page` in the document), the
 * first being number `first`. Self-contained (it is serialised).
 */
export function measurePages(first: number, pageEls?: HTMLElement[] | null): PageFacts[] {
  const PX_PER_MM = 96 / 25.4;
  const TOLERANCE_PX = 1;
  // A gap between two pieces of content up to this size is part of the layout, not emptiness.
  const FILL_GAP_MM = 12;
  const clear = (color: string) => /^(rgba\(0, 0, 0, 0\)|transparent)$/.test(color);
  /** The width in px of a visible rule on that side of a box, else 0. */
  const rule = (style: CSSStyleDeclaration, side: 'Top' | 'Bottom'): number =>
    style[`border${side}Style`] !== 'none' && !clear(style[`border${side}Color`]) ? parseFloat(style[`border${side}Width`]) || 0 : 0;
  /** An element's text on one line, without soft hyphens. */
  const textOf = (el: Element): string => (el.textContent ?? '').replace(/[\s\u00AD]+/g, ' ').trim();
  const describe = (el: Element): { name: string; named: boolean } => {
    const named = el.closest<HTMLElement>('[data-fit-name]');
    if (named?.dataset.fitName) return { name: named.dataset.fitName, named: true };
    const text = textOf(el);
    const short = text.length > 40 ? `${text.slice(0, 40).trimEnd()}…` : text;
    return { name: `<${el.tagName.toLowerCase()}>${short ? ` ${short}` : ''}`, named: false };
  };
  const clippedArea = (rect: DOMRect, box: DOMRect): number => {
    const w = Math.min(rect.right, box.right) - Math.max(rect.left, box.left);
    const h = Math.min(rect.bottom, box.bottom) - Math.max(rect.top, box.top);
    return w > 0 && h > 0 ? w * h : 0;
  };

  return (pageEls ?? Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page'))).map((pageEl, index): PageFacts => {
    const pagebox = pageEl.querySelector('.pagedjs_pagebox')?.getBoundingClientRect();
    const area = pageEl.querySelector('.pagedjs_page_content');
    const areaRect = area?.getBoundingClientRect();
    const facts: PageFacts = {
      number: first + index,
      side: pageEl.classList.contains('pagedjs_left_page') ? 'left' : 'right',
      blank: pageEl.classList.contains('pagedjs_blank_page'),
      ink: 0,
      fill: 0,
      contents: [],
      allowSparse: false,
      sparseBox: false,
      overflows: [],
      limited: [],
      images: [],
      spanners: [],
    };
    // Paged.js marks a named page with `pagedjs_named_page` and copies `page: x` to `data-page`.
    const named = pageEl.classList.contains('pagedjs_named_page') ? area?.querySelector<HTMLElement>('[data-page]')?.dataset.page : undefined;
    if (named) facts.name = named;
    if (!pagebox || !area || !areaRect) return facts;

    // Ink: text line boxes plus images, clipped to the page, over the page area. Fill: the
    // vertical extent of the same, and of tinted boxes and rules, over the content area.
    let ink = 0;
    const spans: Array<[number, number]> = [];
    const span = (rect: DOMRect) => {
      const top = Math.max(rect.top, areaRect.top);
      const bottom = Math.min(rect.bottom, areaRect.bottom);
      if (bottom > top && rect.width > 0) spans.push([top, bottom]);
    };
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    // The page's last line of text, in reading order (for a heading left at the foot).
    let last: Node | null = null;
    // Text outside any box that may leave its page sparse: the page is judged like any other.
    let judged = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue?.trim()) continue;
      if (node.parentElement?.closest('[aria-hidden="true"]') === null) last = node;
      if (!node.parentElement?.closest('[data-fit-allow-sparse]')) judged = true;
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        ink += clippedArea(rect, pagebox);
        span(rect);
      }
    }
    for (const el of Array.from(area.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      const isImage = tag === 'img' || tag === 'svg' || tag === 'canvas' || tag === 'video';
      const style = getComputedStyle(el);
      if (isImage || style.backgroundImage !== 'none') ink += clippedArea(el.getBoundingClientRect(), pagebox);
      if (isImage || style.backgroundImage !== 'none' || !clear(style.backgroundColor)) span(el.getBoundingClientRect());
      // A rule is printed too: the lines of a notes page, the rule between two entries.
      const top = rule(style, 'Top');
      const bottom = rule(style, 'Bottom');
      if (top > 0 || bottom > 0) {
        const rect = el.getBoundingClientRect();
        if (top > 0) span(new DOMRect(rect.left, rect.top, rect.width, top));
        if (bottom > 0) span(new DOMRect(rect.left, rect.bottom - bottom, rect.width, bottom));
      }
      if (style.columnSpan === 'all') {
        // It spans the nearest multi-column box: one of the content (it has a data-ref), or
        // else Paged.js's own page columns.
        let box = el.parentElement;
        while (box && box !== area && getComputedStyle(box).columnCount === 'auto' && getComputedStyle(box).columnWidth === 'auto') box = box.parentElement;
        if (!box || box === area || !area.contains(box) || !box.hasAttribute('data-ref')) facts.spanners.push(describe(el).name);
      }
    }
    facts.ink = Math.min(1, ink / (pagebox.width * pagebox.height));
    spans.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let end = areaRect.top;
    for (const [top, bottom] of spans) {
      if (bottom <= end) continue;
      // A small gap (the top of the area included) counts as filled; overlaps count once.
      const start = top - end <= FILL_GAP_MM * PX_PER_MM ? end : top;
      covered += bottom - start;
      end = bottom;
    }
    facts.fill = areaRect.height > 0 ? Math.min(1, covered / areaRect.height) : 0;
    const names = Array.from(area.querySelectorAll<HTMLElement>('[data-fit-name]'), (el) => el.dataset.fitName ?? '');
    const headings = Array.from(area.querySelectorAll<HTMLElement>('h1, h2, h3'), textOf);
    facts.contents = [...new Set((names.length ? names : headings).filter(Boolean))];
    // A contents page or an opener may be sparse by design; a page it shares with other text
    // may not (a booklet's contents and introduction, 66–73 % filled, were let through).
    facts.sparseBox = area.querySelector('[data-fit-allow-sparse]') !== null;
    facts.allowSparse = !judged && facts.sparseBox;
    // A heading as the page's last line has its text on the next page. A tinted section
    // heading counts whole (its count line is part of it).
    const heading = last?.parentElement?.closest<HTMLElement>('h1, h2, h3, h4, h5, h6, .territory-head, .featured__head');
    const headingText = (el: Element) => textOf(el.querySelector('h1, h2, h3, h4') ?? el);
    if (heading && !heading.closest('[data-fit-allow-sparse]')) facts.footHeading = headingText(heading);
    // A block whose heading must keep lines of its text (`.keep` with its `[data-keep-text]`,
    // print/handlers/keep-split.js) that continues on the next page with none of them here:
    // its last line here may be a facts line, but the heading is just as stranded.
    for (const keep of Array.from(area.querySelectorAll<HTMLElement>('.keep[data-split-to]:not([data-split-from])'))) {
      if (facts.footHeading === undefined && !keep.querySelector('[data-keep-text]')?.textContent?.trim()) facts.footHeading = headingText(keep);
    }

    // Overflow of the content area. Paged.js lays a page out in CSS columns: what does not fit
    // flows into a hidden column to the right. An element that cannot be broken and is taller
    // (or wider) than the area causes it; report the deepest such element, not its ancestors.
    // Only content elements (Paged.js gives each a data-ref), not Paged.js's own wrappers.
    const content = Array.from(area.querySelectorAll<HTMLElement>('[data-ref]')).filter((el) => {
      const style = getComputedStyle(el);
      return style.position !== 'absolute' && style.position !== 'fixed' && style.display !== 'none' && !style.display.startsWith('inline');
    });
    const excessOf = (el: Element): number => {
      const rects = Array.from(el.getClientRects());
      const height = rects.reduce((sum, r) => sum + r.height, 0);
      const width = Math.max(0, ...rects.map((r) => r.width));
      return Math.max(height - areaRect.height, width - areaRect.width);
    };
    const culprits = content.filter((el) => excessOf(el) > TOLERANCE_PX);
    const deepest = culprits.filter((el) => !culprits.some((other) => other !== el && el.contains(other)));
    for (const el of deepest) facts.overflows.push({ ...describe(el), where: 'area', excessMm: excessOf(el) / PX_PER_MM });
    if (deepest.length === 0) {
      // Nothing too big, yet something sits in the hidden column: report the outermost piece.
      const hidden = content.find((el) => Array.from(el.getClientRects()).some((r) => r.left >= areaRect.right - TOLERANCE_PX));
      if (hidden) facts.overflows.push({ ...describe(hidden), where: 'area', excessMm: hidden.getBoundingClientRect().height / PX_PER_MM });
    }

    // Overset text: a box with a fixed size that hides part of its own content.
    for (const el of content) {
      const style = getComputedStyle(el);
      if (el.tagName === 'IMG' || !/hidden|clip|auto|scroll/.test(`${style.overflowX} ${style.overflowY}`)) continue;
      const hidden = Math.max(el.scrollHeight - el.clientHeight, el.scrollWidth - el.clientWidth);
      if (hidden > TOLERANCE_PX) facts.overflows.push({ ...describe(el), where: 'box', excessMm: hidden / PX_PER_MM });
    }

    // Boxes with a page budget; Paged.js clones a split box onto each page with the same data-ref.
    const seen = new Set<string>();
    for (const el of Array.from(area.querySelectorAll<HTMLElement>('[data-fit-max-pages]'))) {
      const ref = el.dataset.ref ?? el.dataset.fitName ?? '';
      if (seen.has(ref)) continue;
      seen.add(ref);
      facts.limited.push({ ref, name: describe(el).name, maxPages: Number(el.dataset.fitMaxPages) });
    }
    for (const img of Array.from(area.querySelectorAll<HTMLImageElement>('img'))) {
      const rect = img.getBoundingClientRect();
      if (!img.naturalWidth || rect.width < 1 || /\.svg($|\?)/i.test(img.currentSrc)) continue;
      const fit = getComputedStyle(img).objectFit;
      // Pixels per inch across and down the box (CSS px are 1/96 in). `fill` stretches and
      // `cover` enlarges to the larger scale: the lower figure is what prints; `contain`
      // shrinks to the smaller scale, so the higher one is.
      const ppiX = img.naturalWidth / (rect.width / 96);
      const ppiY = img.naturalHeight / (rect.height / 96);
      const ppi = fit === 'contain' || fit === 'scale-down' ? Math.max(ppiX, ppiY) : fit === 'none' ? 96 : Math.min(ppiX, ppiY);
      const named = img.closest<HTMLElement>('[data-fit-name]')?.dataset.fitName;
      facts.images.push({
        src: new URL(img.currentSrc).pathname,
        ...(named ? { name: named } : {}),
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        widthMm: rect.width / PX_PER_MM,
        heightMm: rect.height / PX_PER_MM,
        ppi,
      });
    }
    return facts;
  });
}

/**
 * Measures the paginated document (call it after `paginate`): the pages shown, numbered from
 * `first` (a part of the document at a time, src/print/sheets.ts).
 */
export async function collectPageFacts(page: Page, first = 1): Promise<PageFacts[]> {
  return page.evaluate(measurePages, first);
}

export type FitKind = 'overflow' | 'max-pages' | 'empty-page' | 'sparse-page' | 'heading-at-foot' | 'layout-fault' | 'image-resolution';

export interface FitFinding {
  kind: FitKind;
  /** 1-based page number in the PDF. */
  page: number;
  /** `data-fit-name` of the box concerned, when it has one. */
  name?: string;
  /** French, one sentence, says what to do. */
  message: string;
}

export interface FitOptions {
  /** Pages with less ink than this (0–1) are reported as (nearly) empty (default 0.1). */
  minInk?: number;
  /** Pages filled over less of their height than this (0–1) are reported (default 0.75). */
  minFill?: number;
  /** Named pages that may be nearly empty by design (default: cover, opener, back-cover). */
  sparsePages?: readonly string[];
}

const DEFAULT_SPARSE_PAGES = ['cover', 'opener', 'back-cover'];

/** Judges the measured pages: overflowing boxes, boxes over their page budget, (nearly) empty pages. */
export function fitFindings(facts: readonly PageFacts[], options: FitOptions = {}): FitFinding[] {
  const minInk = options.minInk ?? 0.1;
  const minFill = options.minFill ?? 0.75;
  const sparsePages = new Set(options.sparsePages ?? DEFAULT_SPARSE_PAGES);
  const findings: FitFinding[] = [];

  for (const page of facts) {
    for (const o of page.overflows) {
      const size = `${number(Math.max(0.1, o.excessMm))}${NBSP}mm`;
      const message =
        o.where === 'box'
          ? `${guillemets(o.name)} page ${page.number}${NBSP}: le texte dépasse de son cadre de ${size} et n’est pas imprimé en entier. Raccourcissez-le ou agrandissez le cadre.`
          : `${guillemets(o.name)} page ${page.number}${NBSP}: le bloc sort de la zone de texte de ${size}. Raccourcissez-le ou autorisez-le à se couper.`;
      findings.push({ kind: 'overflow', page: page.number, ...(o.named ? { name: o.name } : {}), message });
    }
  }

  const spans = new Map<string, { name: string; maxPages: number; pages: number[] }>();
  for (const page of facts) {
    for (const box of page.limited) {
      const span = spans.get(box.ref) ?? { name: box.name, maxPages: box.maxPages, pages: [] };
      span.pages.push(page.number);
      spans.set(box.ref, span);
    }
  }
  for (const span of spans.values()) {
    if (!(span.pages.length > span.maxPages)) continue;
    const first = span.pages[0] ?? 0;
    const last = span.pages[span.pages.length - 1] ?? first;
    findings.push({
      kind: 'max-pages',
      page: first,
      name: span.name,
      message: `${guillemets(span.name)} occupe ${pages(span.pages.length)} (${first} à ${last}) au lieu de ${span.maxPages} au plus${NBSP}: raccourcissez le texte ou réduisez les images.`,
    });
  }

  for (const page of facts) {
    for (const name of page.spanners) {
      findings.push({
        kind: 'layout-fault',
        page: page.number,
        name,
        message: `Page ${page.number}${NBSP}: ${guillemets(name)} est mis en page hors de sa colonne (défaut de la feuille de style d’impression, pas des données)${NBSP}: signalez-le aux développeurs.`,
      });
    }
  }

  for (const page of facts) {
    // A part's title page (a named opener) is a heading and nothing else, by design.
    if (page.footHeading === undefined || page.blank || (page.name !== undefined && sparsePages.has(page.name))) continue;
    findings.push({
      kind: 'heading-at-foot',
      page: page.number,
      name: page.footHeading,
      message: `Page ${page.number}${NBSP}: le titre ${guillemets(page.footHeading)} termine la page, son texte commence à la page suivante. Raccourcissez ce qui le précède ou ajoutez du texte sous le titre.`,
    });
  }

  for (const page of facts) {
    // A page with an overflow is full, whatever its ink: the overflow is the finding.
    if (page.blank || page.overflows.length > 0) continue;
    const sparse = page.allowSparse || (page.name !== undefined && sparsePages.has(page.name));
    // Little text beside a box that is sparse by design (the notes' ruled lines grown to the
    // foot) is judged by the height it all fills, not by its ink.
    if (page.ink >= minInk || (page.ink > 0 && page.sparseBox)) {
      if (sparse || page.fill >= minFill) continue;
      const what = page.contents.length ? page.contents.join(', ') : 'sans titre';
      findings.push({
        kind: 'sparse-page',
        page: page.number,
        ...(page.contents[0] ? { name: page.contents[0] } : {}),
        message: `Page ${page.number} presque vide${NBSP}: ${what} (${Math.round(page.fill * 100)}${NBSP}% de la hauteur remplie). Rapprochez la suite de cette page ou étoffez-la.`,
      });
      continue;
    }
    if (page.ink > 0 && sparse) continue;
    const percent = page.ink < 0.01 ? `moins de 1${NBSP}%` : `${Math.round(page.ink * 100)}${NBSP}%`;
    findings.push({
      kind: 'empty-page',
      page: page.number,
      message:
        page.ink === 0
          ? `Page ${page.number}${NBSP}: la page est vide. Supprimez le saut de page qui la crée.`
          : `Page ${page.number}${NBSP}: la page est presque vide (${percent} de texte et d’images). Resserrez la page précédente ou étoffez celle-ci.`,
    });
  }

  return findings.sort((a, b) => a.page - b.page);
}

/** Measures and judges in one call. */
export async function checkFit(page: Page, options: FitOptions = {}): Promise<{ pages: PageFacts[]; findings: FitFinding[] }> {
  const facts = await collectPageFacts(page);
  return { pages: facts, findings: fitFindings(facts, options) };
}
