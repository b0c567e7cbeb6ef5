/**
 * Built sites shared by the web suites (uvu runs them in one process): the bundled data/, the
 * small fixture of tests/fixtures/web, the two editions of tests/fixtures/web-two-editions and
 * the hostile corpus of tests/fixtures/web-hostile, each built once into a temporary folder.
 * Photos are generated here with sharp, into temporary copies of the fixtures, so no binary
 * lives in the repository.
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
export const TWO_EDITIONS_SRC = join(ROOT, 'tests/fixtures/web-two-editions');
export const HOSTILE_SRC = join(ROOT, 'tests/fixtures/web-hostile');
export const BUNDLED_DATA = join(ROOT, 'data');

/** PDFs as the print build would describe them, to show the download links. */
export const SAMPLE_PDFS = {
  2025: [
    { kind: 'ecran' as const, href: '/pdf/innovation-sociale-2025.pdf', bytes: 4_213_000, pages: 64 },
    { kind: 'impression' as const, href: '/pdf/innovation-sociale-2025-impression.pdf', bytes: 38_500_000, pages: 68 },
  ],
};

/** The cover the print build would make for SAMPLE_PDFS (600 px wide, A4). */
export const SAMPLE_COVERS = { 2025: { href: '/pdf/innovation-sociale-2025-couverture.jpg', width: 600, height: 849 } };

/** PDFs of the two-edition fixture: each edition has its own files. */
export const TWO_EDITIONS_PDFS = {
  2025: [{ kind: 'ecran' as const, href: '/pdf/innovation-sociale-moselle-2025-ecran.pdf', bytes: 3_100_000, pages: 48 }],
  2026: [
    { kind: 'ecran' as const, href: '/pdf/innovation-sociale-moselle-2026-ecran.pdf', bytes: 3_600_000, pages: 52 },
    { kind: 'impression' as const, href: '/pdf/innovation-sociale-moselle-2026-impression.pdf', bytes: 41_000_000, pages: 56 },
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

/** A writable copy of a fixture's data, with the photos it names generated. */
async function copyFixture(src: string, photos: string[]): Promise<string> {
  const dir = join(await tempDir('data'), 'data');
  await cp(src, dir, { recursive: true });
  for (const photo of photos) await writePhoto(join(dir, 'images', photo));
  return dir;
}

/** A writable copy of the fixture data, with its photo generated. */
export const fixtureData = () => copyFixture(FIXTURE_SRC, ['projets/atelier-velo.jpg']);
/** A writable copy of the two-edition fixture. */
export const twoEditionsData = () => copyFixture(TWO_EDITIONS_SRC, ['projets/epicerie.jpg']);
/** A writable copy of the hostile corpus (its photo has a hostile alt text). */
export const hostileData = () => copyFixture(HOSTILE_SRC, ['projets/piege.jpg']);

export interface BuiltSite extends BuildSiteResult {
  dataDir: string;
  pathPrefix: string;
  /** Text of a built file (`projets/x/index.html`). */
  read(file: string): Promise<string>;
}

/** The address the shared test sites are built for, as `--url` would give it (the bundled data has none). */
export const TEST_SITE_URL = 'https://www.moselle.fr';

/** Builds a site; with `siteUrl` absent, for TEST_SITE_URL (pass `siteUrl: undefined` for none). */
export async function build(options: BuildSiteOptions & { dataDir: string }): Promise<BuiltSite> {
  const outDir = options.outDir ?? join(await tempDir('site'), 'site');
  const result = await buildSite({ ...('siteUrl' in options ? {} : { siteUrl: TEST_SITE_URL }), ...options, outDir });
  return { ...result, dataDir: options.dataDir, pathPrefix: options.pathPrefix ?? '/', read: (file) => readFile(join(outDir, file), 'utf8') };
}

let bundled: Promise<BuiltSite> | undefined;
let fixture: Promise<BuiltSite> | undefined;
let twoEditions: Promise<BuiltSite> | undefined;
let hostile: Promise<BuiltSite> | undefined;

/** Writes a stand-in file for each PDF of the index, and each cover, where the print build would put them. */
async function withPdfs(site: BuiltSite, pdfs: Record<number, Array<{ href: string }>>, covers: Record<number, { href: string; width: number; height: number }> = {}): Promise<BuiltSite> {
  for (const pdf of Object.values(pdfs).flat()) {
    const file = join(site.outDir, pdf.href);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '%PDF-1.7\n%stand-in for the print build\n');
  }
  for (const cover of Object.values(covers)) await writePhoto(join(site.outDir, cover.href), cover.width, cover.height);
  return site;
}

/** The bundled data/, built once, at the root, with stand-ins for the PDFs the print build makes. */
export function bundledSite(): Promise<BuiltSite> {
  bundled ??= build({ dataDir: BUNDLED_DATA, pdfs: SAMPLE_PDFS, covers: SAMPLE_COVERS }).then((site) => withPdfs(site, SAMPLE_PDFS, SAMPLE_COVERS));
  return bundled;
}

/** The fixture, built once, at the root and without PDFs. */
export function fixtureSite(): Promise<BuiltSite> {
  fixture ??= fixtureData().then((dataDir) => build({ dataDir }));
  return fixture;
}

/** The two-edition fixture (2025 and 2026), built once, with a PDF index per edition. */
export function twoEditionsSite(): Promise<BuiltSite> {
  twoEditions ??= twoEditionsData().then((dataDir) => build({ dataDir, pdfs: TWO_EDITIONS_PDFS })).then((site) => withPdfs(site, TWO_EDITIONS_PDFS));
  return twoEditions;
}

/** The hostile corpus, built once. */
export function hostileSite(): Promise<BuiltSite> {
  hostile ??= hostileData().then((dataDir) => build({ dataDir }));
  return hostile;
}

/** Site paths of a build's HTML pages (`/`, `/projets/x/`, `/404.html`). */
export function pagePaths(site: BuildSiteResult): string[] {
  return site.files.filter((f) => f.endsWith('.html')).map((f) => `/${f.replace(/index\.html$/, '')}`);
}
