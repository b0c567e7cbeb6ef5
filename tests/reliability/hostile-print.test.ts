// The hostile corpus of the web tests (tests/fixtures/web-hostile/), through the print
// edition: the print HTML holds no markup from the data, Chromium runs nothing while Paged.js
// lays it out, and the PDF shows the strings as text.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { renderPrintHtml } from '../../src/print/html.ts';
import { renderPrint } from '../../src/print/render.ts';
import { hostileData } from '../web/support/fixtures.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const hostile = suite('hostile data in the print edition');

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  for (const child of 'childNodes' in node ? node.childNodes : []) elements(child, out);
  if ('content' in node && node.content) elements(node.content as Node, out);
  return out;
}

let html = '';
let htmlPath = '';

hostile.before(async () => {
  const out = mkdtempSync(join(tmpdir(), 'compendium-hostile-print-'));
  // A writable copy, with the photo the corpus refers to generated (shared with the web tests).
  const r = await renderPrintHtml({ dataDir: await hostileData(), outDir: out });
  htmlPath = r.htmlPath;
  html = readFileSync(r.htmlPath, 'utf8');
});

hostile('the print HTML holds no element, attribute or link made from the data', () => {
  const all = elements(parse(html));
  const scripts = all.filter((e) => e.tagName === 'script');
  assert.equal(scripts.map((s) => s.attrs.map((a) => `${a.name}=${a.value}`).join(' ')), [], 'no script element at all in the print HTML');
  for (const tag of ['iframe', 'svg', 'object', 'embed']) assert.is(all.filter((e) => e.tagName === tag && e.attrs.some((a) => /pwned/.test(a.value))).length, 0, tag);
  const handlers = all.flatMap((e) => e.attrs.filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`));
  assert.equal(handlers, [], 'no event-handler attribute');
  const hrefs = all.flatMap((e) => e.attrs.filter((a) => a.name === 'href' || a.name === 'src').map((a) => a.value.trim()));
  // `data:,` is the template's own empty favicon (no request for /favicon.ico).
  assert.equal(hrefs.filter((h) => h !== 'data:,' && !/^(https?:|mailto:|tel:|#|[\w./-]+$)/i.test(h)), [], 'only http(s), mailto, tel, anchors and local files');
  assert.match(html, '&lt;script&gt;window.__pwned=1&lt;/script&gt;');
});

hostile('Paged.js lays it out in Chromium with no error and no request out; the PDF shows the text', async () => {
  const out = mkdtempSync(join(tmpdir(), 'compendium-hostile-pdf-'));
  const r = await renderPrint({ input: htmlPath, printPdf: join(out, 'p.pdf'), screenPdf: join(out, 's.pdf'), metadata: { title: 'Hostile', author: 'Tests' } });
  assert.equal(r.pageErrors, [], 'no script error, no failed resource');
  assert.equal(r.blockedRequests, [], 'no request leaves the page');
  assert.ok(r.pageCount > 2);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(join(out, 's.pdf'))) }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join('');
  }
  assert.match(text.replace(/[\s\u00ad]+/g, ''), '<script>window.__pwned=1</script>');
});

hostile.run();
