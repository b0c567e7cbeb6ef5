/**
 * Helpers for the print tests: read PDFs the way a reader sees them (text per page, per line)
 * with pdfjs-dist, and run poppler's tools when they are installed (always in CI).
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';

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
        .map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.str).join(' ')),
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
