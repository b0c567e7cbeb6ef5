import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { bundledSite, fixtureSite, hostileSite, twoEditionsSite, type BuiltSite } from './support/fixtures.ts';
import { attributes, ids } from './support/html.ts';

/**
 * Our own crawler of the built files (the machine is offline: external links are only checked
 * for their scheme). Every internal href, src and srcset must reach a file, every #anchor an id
 * of the target page; every url() of the stylesheets must reach a file.
 */
async function brokenLinks(site: BuiltSite): Promise<string[]> {
  const prefix = site.pathPrefix;
  const exists = (p: string) => stat(p).then((s) => s.isFile(), () => false);
  const idCache = new Map<string, Set<string>>();
  const idsOf = async (file: string) => {
    if (!idCache.has(file)) idCache.set(file, ids(await readFile(file, 'utf8')));
    return idCache.get(file)!;
  };
  /** The built file a site URL resolves to, or undefined. */
  const target = async (pathname: string): Promise<string | undefined> => {
    if (!pathname.startsWith(prefix)) return undefined;
    const rel = decodeURIComponent(pathname.slice(prefix.length));
    const direct = join(site.outDir, rel);
    if (rel && !rel.endsWith('/') && (await exists(direct))) return direct;
    const index = join(site.outDir, rel, 'index.html');
    return (await exists(index)) ? index : undefined;
  };

  const broken: string[] = [];
  for (const file of site.files.filter((f) => f.endsWith('.html'))) {
    const html = await site.read(file);
    const pageUrl = new URL(`${prefix}${file.replace(/index\.html$/, '')}`, 'http://site.test');
    const refs = [
      ...attributes(html, 'href'),
      ...attributes(html, 'src'),
      ...attributes(html, 'srcset').flatMap((s) => s.split(',').map((part) => part.trim().split(/\s+/)[0]!)),
    ];
    for (const ref of refs) {
      if (/^(mailto|tel):/.test(ref)) continue;
      if (/^https?:\/\//.test(ref)) continue;
      if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref)) {
        broken.push(`${file}: unexpected URL « ${ref} »`);
        continue;
      }
      const url = new URL(ref, pageUrl);
      const dest = url.pathname === pageUrl.pathname && ref.startsWith('#') ? join(site.outDir, file) : await target(url.pathname);
      if (!dest) {
        broken.push(`${file}: ${ref} → nothing`);
        continue;
      }
      if (url.hash && dest.endsWith('.html') && !(await idsOf(dest)).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${file}: ${ref} → no id « ${url.hash.slice(1)} »`);
      }
    }
  }
  for (const css of site.files.filter((f) => f.endsWith('.css')).concat(['assets/css/site.css'])) {
    const text = await readFile(join(site.outDir, css), 'utf8');
    for (const m of text.matchAll(/url\(['"]?([^'")]+)['"]?\)/g)) {
      const ref = m[1]!.replace(/[?#].*$/, ''); // a version (?v=…) names the same file
      if (ref.startsWith('data:')) continue;
      if (!(await exists(join(site.outDir, posix.dirname(css), ref)))) broken.push(`${css}: url(${ref}) → nothing`);
    }
  }
  return broken;
}

const links = suite('no broken internal link or anchor');

links('bundled data build', async () => {
  const broken = await brokenLinks(await bundledSite());
  assert.equal(broken, [], broken.slice(0, 20).join('\n'));
});

for (const [name, getSite] of [['fixture', fixtureSite], ['two-edition', twoEditionsSite], ['hostile corpus', hostileSite]] as const) {
  links(`${name} build`, async () => {
    const broken = await brokenLinks(await getSite());
    assert.equal(broken, [], broken.slice(0, 20).join('\n'));
  });
}

links('the crawler finds a broken link and a missing anchor', async () => {
  const site = await fixtureSite();
  const fake: BuiltSite = { ...site, files: ['faux.html'], read: async () => '<a href="/nulle-part/">x</a> <a href="/laureats/#absent">y</a> <a href="javascript:alert(1)">z</a>' };
  assert.equal(await brokenLinks(fake), [
    'faux.html: /nulle-part/ → nothing',
    'faux.html: /laureats/#absent → no id « absent »',
    'faux.html: unexpected URL « javascript:alert(1) »',
  ]);
});

links.run();
