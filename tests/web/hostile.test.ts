import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'parse5';
import { hostileSite, type BuiltSite } from './support/fixtures.ts';
import { textOf } from './support/html.ts';

/**
 * The hostile corpus (tests/fixtures/web-hostile) builds cleanly and its output holds no
 * markup, script, handler or link that the data smuggled in; what runs in a browser is
 * checked by browser.test.ts. Here: the built files themselves, parsed as a browser would.
 */
let site: BuiltSite;

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
  value?: string;
  parentNode?: Node;
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.childNodes ?? []) yield* walk(child);
  if (node.content) yield* walk(node.content);
}

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const text = (n: Node) => [...walk(n)].filter((x) => x.nodeName === '#text').map((x) => x.value).join('');
const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/|#)/i;
/** What the browser would make of a page that the data could have changed: the problems found. */
function audit(html: string): string[] {
  const problems: string[] = [];
  for (const n of walk(parse(html) as unknown as Node)) {
    if (!n.tagName) continue;
    for (const a of n.attrs ?? []) {
      if (/^on/i.test(a.name)) problems.push(`<${n.tagName} ${a.name}>`);
      if (['href', 'src', 'action', 'formaction', 'poster', 'data'].includes(a.name) && !SAFE_URL.test(a.value.trim())) problems.push(`<${n.tagName} ${a.name}="${a.value.slice(0, 60)}">`);
      if (a.name === 'srcset' && a.value.split(',').some((c) => !c.trim().startsWith('/'))) problems.push(`<${n.tagName} srcset="${a.value.slice(0, 60)}">`);
      if (a.name === 'style') problems.push(`<${n.tagName} style>`);
    }
    // The one form is the site's own search (templates/recherche.njk), not data.
    const searchForm = n.tagName === 'form' && attr(n, 'id') === 'recherche' && attr(n, 'action') === '/recherche/';
    if (['iframe', 'object', 'embed', 'svg', 'math', 'style', 'base', 'form', 'frame', 'template'].includes(n.tagName) && !searchForm) problems.push(`<${n.tagName}> element`);
    if (n.tagName === 'img' && n.parentNode?.tagName !== 'picture') problems.push('<img> outside a <picture>');
    if (n.tagName === 'meta' && attr(n, 'http-equiv') && attr(n, 'http-equiv') !== 'Content-Security-Policy') problems.push(`<meta http-equiv="${attr(n, 'http-equiv')}">`);
    if (n.tagName === 'script') {
      const type = attr(n, 'type');
      if (type === 'application/ld+json') {
        try {
          JSON.parse(text(n));
        } catch {
          problems.push('JSON-LD that is not JSON (broken out of?)');
        }
      } else if (!/^\/(assets\/js|pagefind)\//.test(attr(n, 'src') ?? '')) problems.push(`<script> ${attr(n, 'src') ?? text(n).slice(0, 60)}`);
    }
  }
  return problems;
}

const hostile = suite('hostile corpus: the built files');
hostile.before(async () => {
  site = await hostileSite();
});

hostile('builds every page', () => {
  for (const f of ['index.html', 'projets/piege/index.html', 'projets/formule/index.html', 'projets/inverse/index.html', 'partenaires/index.html', 'ess-innovation-sociale/index.html', 'appel-a-projets/index.html', 'contacts/index.html', 'territoires/metz-orne/index.html', 'laureats/index.html']) {
    assert.ok(site.files.includes(f), f);
  }
});

hostile('no page holds a handler, a script, an element or a link the data smuggled in', async () => {
  const problems: string[] = [];
  for (const file of site.files.filter((f) => f.endsWith('.html'))) problems.push(...audit(await site.read(file)).map((p) => `${file}: ${p}`));
  assert.equal(problems, [], problems.slice(0, 20).join('\n'));
});

hostile('the audit catches what it looks for', () => {
  assert.equal(audit('<p onclick="x">a</p><a href="javascript:x">b</a><a href=" JaVaScRiPt:x">c</a><script>x</script><svg></svg><img src="/a.jpg"><script type="application/ld+json">{"a":1}</script>'), [
    '<p onclick>',
    '<a href="javascript:x">',
    '<a href=" JaVaScRiPt:x">',
    '<script> x',
    '<svg> element',
    '<img> outside a <picture>',
  ]);
});

hostile('only http(s), mailto and tel links come out of the data, in HTML and Markdown alike', async () => {
  const external = new Set<string>();
  for (const file of site.files.filter((f) => f.endsWith('.html'))) {
    for (const m of (await site.read(file)).matchAll(/\shref="((?:https?|mailto|tel):[^"]*)"/g)) external.add(m[1]!);
  }
  const fromData = [...external].filter((u) => !u.startsWith('https://www.moselle.fr') && !/defenseurdesdroits|etalab/.test(u)).sort();
  assert.equal(fromData, [
    'https://exemple.org/',
    'https://inverse.example.org/%22onmouseover=%22alert(1)',
    'https://reseau.example.org/',
    'https://tiers.example/pixel.gif',
    'mailto:bonjour@inverse.example.org',
    'mailto:contact@exemple.org',
    'tel:+33387000002',
    'tel:+33387000003',
  ]);
});

hostile('strings are shown as written: markup as text, Nunjucks delimiters untouched, emoji kept', async () => {
  const project = await site.read('projets/piege/index.html');
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(project)![1]!;
  assert.ok(textOf(h1).startsWith('<script>window.__pwned=1</script> projet'), textOf(h1));
  const shown = textOf(project);
  assert.ok(shown.includes('{{ 7*7 }} {% raw %}brut{% endraw %} {# commentaire #}'), 'Nunjucks delimiters are shown, not run');
  assert.ok(shown.includes('Asso « Guillemets » & <b>Co</b> 🚲'), 'markup in a name is text; emoji are kept');
  assert.ok(shown.includes('Du HTML brut <img src=x onerror=window.__pwned=1>'), 'raw HTML in Markdown is text');
  assert.not.match(shown, /\b49\b/, '{{ 7*7 }} is never evaluated');
  const home = textOf(await site.read('index.html'));
  assert.ok(home.includes('Innovation <script>window.__pwned=1</script> Sociale'));
});

hostile('JSON-LD cannot be broken out of: </script> in the data stays inside the JSON', async () => {
  const html = await site.read('projets/piege/index.html');
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  assert.is(blocks.length, 1);
  const data = JSON.parse(blocks[0]![1]!);
  assert.is(data.parentOrganization.legalName, '</script><script>window.__pwned=1</script><!--');
  assert.is(data.name, '<script>window.__pwned=1</script> projet " onmouseover="alert(1)');
  assert.is(data.sameAs, undefined, 'the javascript: website is dropped');
  assert.is(data.parentOrganization.url, undefined, 'the JaVaScRiPt: website is dropped');
  assert.is(data.description.length, 10_000, 'the 10 000-character résumé is whole');
});

hostile('control characters and bidi overrides never reach an output file; the rest of the text does', async () => {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
  for (const file of site.files.filter((f) => /\.(html|json|csv|xml|txt)$/.test(f))) {
    const body = await site.read(file);
    const m = forbidden.exec(body);
    assert.not.ok(m, `${file}: U+${m?.[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${m?.index}`);
  }
  const inverse = textOf(await site.read('projets/inverse/index.html'));
  assert.ok(inverse.includes('Vélos 🚲 gnp.exe solidaires 👩🏽‍🔧'), 'the name is kept, in reading order, without the override');
  assert.ok(inverse.includes('Un résumé avec des caractères de contrôle.'));
  const json = JSON.parse(await site.read('donnees/laureats.json'));
  assert.is(json.laureats.find((l: { id: string }) => l.id === 'inverse').resume, 'Un résumé avec des caractères de contrôle.');
});

hostile('open data CSV: cells that a spreadsheet would run as formulas start with an apostrophe', async () => {
  const csv = await readFile(join(site.outDir, 'donnees/laureats.csv'), 'utf8');
  const formule = csv.split('\r\n').find((l) => l.startsWith('formule;'))!;
  assert.is(formule, `formule;2025;2024;"'=HYPERLINK(""https://evil.example/"",""cliquez"")";Contrôlenulbip[31mrouge fin;;sarreguemines-bitche;Sarreguemines'><img src=x onerror=alert(1)>;autres_laureats;'+cmd|' /C calc'!A0;'-2+3+cmd|' /C calc'!A0;insertion;'@SUM(1+1)*cmd|' /C calc'!A0;;'+33 3 87 00 00 03;;https://www.moselle.fr/projets/formule/;Licence Ouverte 2.0;Département '><img src=x onerror=window.__pwned=1>;2025-06-30`);
  for (const line of csv.slice(1).split('\r\n').slice(1)) {
    for (const cell of line.split(';')) assert.not.match(cell.replace(/^"/, ''), /^[=+\-@]/, `formula-like cell: ${cell}`);
  }
  // The JSON keeps the data as written: JSON readers do not evaluate anything.
  const json = JSON.parse(await site.read('donnees/laureats.json'));
  assert.is(json.laureats.find((l: { id: string }) => l.id === 'formule').nom, '=HYPERLINK("https://evil.example/","cliquez")');
});

hostile.run();
