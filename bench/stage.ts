/**
 * Runs one benchmark stage once, in its own process (so its peak memory is its own), and
 * prints one JSON line: wall time, Node's peak RSS, Chromium's peak RSS (sum over its
 * processes, sampled), pages. A stage that measures only part of its run (preview-save: from a
 * save to the page showing it, not the preview's start) reports that time itself. Usage: node --import tsx bench/stage.ts <stage> <dataDir> <workDir> [pages]
 */
import { readdir, readFile, mkdir, writeFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

export type Stage = 'parse' | 'validate' | 'web' | 'eleventy-floor' | 'pdf' | 'pdf-floor' | 'preview-save';

/** Sum of the RSS of every descendant process of ours (Chromium and its helpers), in bytes. */
function descendantsRss(): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid] of parents) {
    let p = parents.get(pid);
    while (p && p !== process.pid && p > 1) p = parents.get(p);
    if (p !== process.pid || pid === process.pid) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // Ended.
    }
  }
  return total;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
}

async function run(stage: Stage, dataDir: string, work: string, pages: number): Promise<{ pages?: number; ms?: number; eventMs?: number }> {
  switch (stage) {
    case 'parse': {
      // The floor of validation: read and parse every file, nothing else.
      for (const f of await yamlFiles(dataDir)) load(await readFile(f, 'utf8'));
      return {};
    }
    case 'validate': {
      const { loadCompendium } = await import('../src/data/index.ts');
      const r = await loadCompendium(dataDir);
      if (r.errors.length) throw new Error(`invalid data: ${r.errors[0]!.message}`);
      return {};
    }
    case 'web': {
      const { buildSite } = await import('../src/site/build.ts');
      const r = await buildSite({ dataDir, outDir: join(work, 'site') });
      return { pages: r.pages };
    }
    case 'eleventy-floor': {
      // The floor of the web build: Eleventy writing as many bare pages, from one template.
      const input = join(work, 'bare');
      await mkdir(input, { recursive: true });
      await writeFile(join(input, 'items.11tydata.json'), JSON.stringify({ items: Array.from({ length: pages }, (_, i) => ({ id: i, title: `Page ${i}` })) }));
      await writeFile(
        join(input, 'items.njk'),
        '---\npagination:\n  data: items\n  size: 1\n  alias: item\npermalink: "p/{{ item.id }}/index.html"\n---\n<!doctype html><html lang="fr"><title>{{ item.title }}</title><h1>{{ item.title }}</h1></html>\n',
      );
      // An empty configuration, so the project's own (.eleventy.js in the working folder) is not used.
      await writeFile(join(work, 'none.js'), 'export default function () {}\n');
      const { default: Eleventy } = await import('@11ty/eleventy');
      const elev = new Eleventy(input, join(work, 'bare-out'), { quietMode: true, configPath: join(work, 'none.js') });
      await elev.write();
      return { pages };
    }
    case 'pdf': {
      const { buildPrint } = await import('../src/print/build.ts');
      const r = await buildPrint({ dataDir, outDir: join(work, 'pdf'), pdfx: false });
      return { pages: r.pageCount };
    }
    case 'preview-save': {
      const { measurePreviewSave } = await import('./preview-save.ts');
      return measurePreviewSave(dataDir, work);
    }
    case 'pdf-floor': {
      // The floor of the PDF: Chromium printing the very same print HTML, without Paged.js.
      const { renderPrintHtml } = await import('../src/print/html.ts');
      const { launchBrowser } = await import('../src/browser/launch.ts');
      const { serveFolder } = await import('../src/print/static-server.ts');
      const html = await renderPrintHtml({ dataDir, outDir: join(work, 'print-html') });
      const server = await serveFolder(html.outDir);
      const session = await launchBrowser();
      try {
        const page = await session.browser.newPage();
        await page.goto(server.urlFor(html.htmlPath.slice(html.outDir.length + 1)), { waitUntil: 'load', timeout: 0 });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 });
        const count = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        return { pages: count };
      } finally {
        await session.close();
        await server.close();
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [stage, dataDir, work, pages] = process.argv.slice(2) as [Stage, string, string, string?];
  let chromePeak = 0;
  const sampler = setInterval(() => (chromePeak = Math.max(chromePeak, descendantsRss())), 100);
  // Module loading (and tsx's transpiling) is start-up, not the stage's work: load first.
  const preload: Record<Stage, () => Array<Promise<unknown>>> = {
    parse: () => [],
    validate: () => [import('../src/data/index.ts')],
    web: () => [import('../src/site/build.ts')],
    'eleventy-floor': () => [import('@11ty/eleventy')],
    pdf: () => [import('../src/print/build.ts')],
    'preview-save': () => [import('./preview-save.ts'), import('../src/preview/server.ts')],
    'pdf-floor': () => [import('../src/print/html.ts'), import('../src/browser/launch.ts'), import('../src/print/static-server.ts')],
  };
  await Promise.all(preload[stage]());
  const t0 = performance.now();
  const extra = await run(stage, dataDir, work, Number(pages ?? 0));
  const ms = performance.now() - t0;
  clearInterval(sampler);
  await rm(join(work), { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ stage, ms, nodeRss: process.resourceUsage().maxRSS * 1024, chromeRss: chromePeak, ...extra })}\n`);
}
