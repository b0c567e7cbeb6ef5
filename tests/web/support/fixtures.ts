/**
 * Built sites shared by the web suites (uvu runs them in one process): the bundled data/ and
 * the small fixture of tests/fixtures/web, each built once into a temporary folder. The
 * fixture's photo is generated here with sharp, into a temporary copy of the fixture, so no
 * binary lives in the repository.
 */
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildSite, type BuildSiteOptions, type BuildSiteResult } from '../../../src/site/build.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURE_SRC = join(ROOT, 'tests/fixtures/web');
export const BUNDLED_DATA = join(ROOT, 'data');

/** PDFs as the print build would describe them, to show the download links. */
export const SAMPLE_PDFS = {
  2025: [
    { kind: 'ecran' as const, href: '/pdf/innovation-sociale-2025.pdf', bytes: 4_213_000, pages: 64 },
    { kind: 'impression' as const, href: '/pdf/innovation-sociale-2025-impression.pdf', bytes: 38_500_000, pages: 68 },
  ],
};

// Temporary folders live until the test process ends: the built sites are shared by every
// suite of the process, so no suite may delete them in its own `after`.
const temps: string[] = [];
process.once('exit', () => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `compendium-web-${prefix}-`));
  temps.push(dir);
  return dir;
}

/** A photo with some structure (so encoders have work to do), 1800×1200. */
export async function writePhoto(path: string, width = 1800, height = 1200): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#7a9a6b"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#c8855a"/></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(path);
}

/** A writable copy of the fixture data, with its photo generated. */
export async function fixtureData(): Promise<string> {
  const dir = join(await tempDir('data'), 'data');
  await cp(FIXTURE_SRC, dir, { recursive: true });
  await writePhoto(join(dir, 'images/projets/atelier-velo.jpg'));
  return dir;
}

export interface BuiltSite extends BuildSiteResult {
  dataDir: string;
  pathPrefix: string;
  /** Text of a built file (`projets/x/index.html`). */
  read(file: string): Promise<string>;
}

export async function build(options: BuildSiteOptions & { dataDir: string }): Promise<BuiltSite> {
  const outDir = options.outDir ?? join(await tempDir('site'), 'site');
  const result = await buildSite({ ...options, outDir });
  return { ...result, dataDir: options.dataDir, pathPrefix: options.pathPrefix ?? '/', read: (file) => readFile(join(outDir, file), 'utf8') };
}

let bundled: Promise<BuiltSite> | undefined;
let fixture: Promise<BuiltSite> | undefined;

/** The bundled data/, built once, at the root, with stand-ins for the PDFs the print build makes. */
export function bundledSite(): Promise<BuiltSite> {
  bundled ??= build({ dataDir: BUNDLED_DATA, pdfs: SAMPLE_PDFS }).then(async (site) => {
    for (const pdf of SAMPLE_PDFS[2025]) {
      const file = join(site.outDir, pdf.href);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, '%PDF-1.7\n%stand-in for the print build\n');
    }
    return site;
  });
  return bundled;
}

/** The fixture, built once, at the root and without PDFs. */
export function fixtureSite(): Promise<BuiltSite> {
  fixture ??= fixtureData().then((dataDir) => build({ dataDir }));
  return fixture;
}
