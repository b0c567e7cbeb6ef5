import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { typographize, typographizeHtml } from '../../src/site/typography.ts';
import { renderMarkdown, renderInline, plainText } from '../../src/site/markdown.ts';
import { webHref, mailHref, telHref, isAllowedLink, displayUrl } from '../../src/site/urls.ts';
import { csvField } from '../../src/site/open-data.ts';
import { toJsonLd } from '../../src/site/filters/json-ld.ts';
import fileSize from '../../src/site/filters/file-size.ts';
import dateFr from '../../src/site/filters/date-fr.ts';
import upperFirst from '../../src/site/filters/upper-first.ts';
import { cleanText, cleanData } from '../../src/site/clean-text.ts';
import { CSP_HEADER, CSP_META, headersFile } from '../../src/site/csp.ts';
import { parseHeaders } from './support/server.ts';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

const typo = suite('French typography (typograf, locale fr)');

typo('narrow no-break space before ; ! ? and no-break space before :', () => {
  assert.is(typographize('Vraiment ? Oui ! Enfin ; bref : voilà'), `Vraiment${NNBSP}? Oui${NNBSP}! Enfin${NNBSP}; bref${NBSP}: voilà`);
  assert.is(typographize('Mail: a@b.fr'), `Mail${NBSP}: a@b.fr`, 'a missing space is added');
  assert.is(typographize('Quoi ?!'), `Quoi${NNBSP}?!`);
});

typo('guillemets with inner narrow spaces, typographic apostrophe', () => {
  assert.is(typographize('"citation"'), `«${NNBSP}citation${NNBSP}»`);
  assert.is(typographize('« déjà »'), `«${NNBSP}déjà${NNBSP}»`);
  assert.is(typographize("l'été d'Anne"), 'l’été d’Anne');
});

typo('numbers: thousands, percent, euro', () => {
  assert.is(typographize('38 000 salariés'), `38${NNBSP}000${NBSP}salariés`);
  // A short number keeps what it counts on its line (« Culture des 4 / Bornes » in print);
  // years and phone numbers are left alone.
  assert.is(typographize('la Culture des 4 Bornes'), `la${NBSP}Culture des 4${NBSP}Bornes`);
  assert.is(typographize('en 2025 les lauréats'), `en${NBSP}2025 les lauréats`);
  assert.is(typographize('06 24 53 92 53'), '06 24 53 92 53');
  assert.is(typographize('12 %'), `12${NNBSP}%`);
  assert.is(typographize('700 000 €'), `700${NNBSP}000${NBSP}€`);
  assert.is(typographize('de 2019 à 2025'), `de${NBSP}2019 à${NBSP}2025`, 'years are not grouped');
});

typo('a spaced hyphen becomes an en dash tied to the word before', () => {
  assert.is(typographize('associations - loi 1901 - ok'), `associations${NBSP}– loi 1901${NBSP}– ok`);
  assert.is(typographize('Metz-Nord'), 'Metz-Nord');
  assert.is(typographize('Sarreguemines – Bitche'), `Sarreguemines${NBSP}– Bitche`);
});

typo('URLs, times and phone numbers are left alone', () => {
  assert.is(typographize('https://exemple.fr/a?b=c'), 'https://exemple.fr/a?b=c');
  assert.is(typographize('10:30'), '10:30');
  assert.is(typographize('03 87 37 57 57'), '03 87 37 57 57');
});

typo('HTML: tags and entities are kept, text gets the rules', () => {
  assert.is(typographizeHtml('<p>a &lt;b&gt; : <a href="https://x.fr/?a=b">lien ?</a></p>'), `<p>a${NBSP}&lt;b&gt;${NBSP}: <a href="https://x.fr/?a=b">lien${NNBSP}?</a></p>`);
});

typo('regression: the « ; » of an HTML entity gets no space (« Tim &amp; Bastien »)', () => {
  assert.is(typographizeHtml('<p>Tim &amp; Bastien ; fin</p>'), `<p>Tim &amp; Bastien${NNBSP}; fin</p>`);
});

typo.run();

const md = suite('Markdown (raw HTML off, safe links only)');

md('raw HTML is escaped, not interpreted', () => {
  const html = renderMarkdown('<img src=x onerror=alert(1)> <script>alert(1)</script>');
  assert.not.match(html, /<img|<script/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

md('only http(s), mailto and tel links are emitted', () => {
  const html = renderMarkdown('[a](javascript:alert(1)) [b](data:text/html,x) [c](https://exemple.org/) [d](mailto:a@b.fr) [e](tel:0387000000) [f](/relatif)');
  assert.not.match(html, /href="(javascript|data|\/relatif)/);
  assert.match(html, /<a href="https:\/\/exemple.org\/">c<\/a>/);
  assert.match(html, /<a href="mailto:a@b.fr">d<\/a>/);
  assert.match(html, /<a href="tel:0387000000">e<\/a>/);
});

md('headings are shifted under the page’s own', () => {
  assert.match(renderMarkdown('### Intertitre\n\ntexte', 3), /<h3>Intertitre<\/h3>/);
  assert.match(renderMarkdown('# Titre\n\n## Sous-titre', 3), /<h3>Titre<\/h3>\n<h4>Sous-titre<\/h4>/);
});

md('no images: a picture from another site would be a request to a third party', () => {
  const html = renderMarkdown('![pixel](https://tiers.example/pixel.gif) ![x](javascript:alert(1))');
  assert.not.match(html, /<img/);
  assert.not.match(html, /javascript:/);
});

md('every dangerous link form is dropped: case, spaces, tabs, entities, autolinks, references', () => {
  const html = renderMarkdown([
    '[a](JaVaScRiPt:alert(1)) [b]( javascript:alert(1)) [c](java\tscript:alert(1)) [d](&#106;avascript:alert(1))',
    '[e](javascript&colon;alert(1)) <javascript:alert(1)> [f][r] [g](vbscript:msgbox(1)) [h](data:text/html;base64,PHNjcmlwdD4=)',
    '',
    '[r]: javascript:alert(1)',
  ].join('\n'));
  assert.not.match(html, /href="(?!https?:|mailto:|tel:)/i, html);
  assert.not.match(html, /<a /, html);
});

md('inline rendering and plain text', () => {
  assert.is(renderInline('un *mot*'), `un${NBSP}<em>mot</em>`, 'no-break space after a short word');
  assert.is(plainText('Un **texte** : <b> & "x"'), 'Un texte : <b> & "x"');
  assert.is(renderMarkdown(undefined), '');
});

md.run();

const links = suite('link safety');

links('webHref keeps http(s) only', () => {
  assert.is(webHref('https://exemple.fr'), 'https://exemple.fr/');
  assert.is(webHref('javascript:alert(1)'), undefined);
  assert.is(webHref(' JavaScript:alert(1)'), undefined);
  assert.is(webHref('www.exemple.fr'), undefined);
  assert.is(webHref(undefined), undefined);
});

links('mailHref and telHref', () => {
  assert.is(mailHref('contact@exemple.fr'), 'mailto:contact@exemple.fr');
  assert.is(mailHref('x@example.org" onmouseover="alert(1)'), undefined);
  assert.is(telHref('03 87 37 57 57'), 'tel:+33387375757');
  assert.is(telHref('+352 26 00 00 00'), 'tel:+35226000000');
  assert.is(telHref('appelez-nous'), undefined);
  assert.ok(isAllowedLink('tel:03 87 37 57 57'));
  assert.not.ok(isAllowedLink('vbscript:x'));
  assert.is(displayUrl('https://www.exemple.fr/'), 'exemple.fr');
});

links.run();

const formats = suite('formats: CSV, JSON-LD, sizes, dates');

formats('CSV cells a spreadsheet would run as formulas get a leading apostrophe', () => {
  assert.is(csvField('=1+1'), "'=1+1");
  assert.is(csvField('+33 3 87 00 00 00'), "'+33 3 87 00 00 00");
  assert.is(csvField('-2+3'), "'-2+3");
  assert.is(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.is(csvField('\t=1'), "'\t=1");
  assert.is(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`, 'then quoted as usual');
  assert.is(csvField(-3), '-3', 'a number stays a number');
  assert.is(csvField('a = b'), 'a = b');
});

formats('CSV fields are quoted per RFC 4180', () => {
  assert.is(csvField('simple'), 'simple');
  assert.is(csvField('a;b'), '"a;b"');
  assert.is(csvField('dit "oui"'), '"dit ""oui"""');
  assert.is(csvField('deux\nlignes'), '"deux\nlignes"');
  assert.is(csvField(null), '');
  assert.is(csvField(['a', 'b']), 'a|b');
  assert.is(csvField(2025), '2025');
});

formats('JSON-LD cannot close its script element', () => {
  const out = toJsonLd({ name: '</script><script>alert(1)</script> & <!--' });
  assert.not.match(out, /<|>|&/);
  assert.equal(JSON.parse(out), { name: '</script><script>alert(1)</script> & <!--' });
});

formats('file sizes and dates in French', () => {
  assert.is(fileSize(4_213_000), `4,2${NBSP}Mo`);
  assert.is(fileSize(850_000), `850${NBSP}ko`);
  assert.is(dateFr('2025-06-30'), `30${NBSP}juin${NBSP}2025`);
  assert.is(dateFr('2025-05-01'), `1er${NBSP}mai${NBSP}2025`);
  assert.is(dateFr('2025-09'), `septembre${NBSP}2025`);
  assert.is(upperFirst('été'), 'Été');
});

formats.run();

const safety = suite('text cleaning and security policy');

safety('control characters, bidi overrides and lone surrogates are removed; the rest is kept', () => {
  assert.is(cleanText('a\u0000b\u0001c\u001Fd\u007Fe\u0085f'), 'abcdef');
  assert.is(cleanText('tab\there\nline\r\nend'), 'tab\there\nline\r\nend');
  assert.is(cleanText('\u202Egnp.exe\u202C \u2067x\u2069'), 'gnp.exe x');
  assert.is(cleanText('🚲 👩🏽‍🔧 é « » ’ \u202F\u00A0'), '🚲 👩🏽‍🔧 é « » ’ \u202F\u00A0');
  assert.is(cleanText('a\uD800b'), 'a\uFFFDb');
  assert.equal(cleanData({ a: ['x\u0007', { b: 'y\u202E' }], n: 3, t: true, z: null }), { a: ['x', { b: 'y' }], n: 3, t: true, z: null });
});

safety('the CSP: no inline script or style, WebAssembly for Pagefind, no framing in the header', () => {
  assert.is(CSP_META, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'");
  assert.is(CSP_HEADER, `${CSP_META}; frame-ancestors 'none'`);
  assert.not.match(CSP_HEADER, /unsafe-inline|'unsafe-eval'/);
});

safety('the _headers file applies the policy under the path prefix, and explains Apache', () => {
  const file = headersFile('/innovation-sociale/');
  assert.match(file, /^\/innovation-sociale\/\*\n {2}Content-Security-Policy: default-src 'self';.* frame-ancestors 'none'\n {2}X-Content-Type-Options: nosniff\n {2}Referrer-Policy: strict-origin-when-cross-origin$/m);
  assert.match(file, /# Apache: no \.htaccess is needed\./);
  assert.match(file, /#\s+Header always set Content-Security-Policy "default-src 'self';/);
  const rules = parseHeaders(file);
  assert.ok(rules[0]!.pattern.test('/innovation-sociale/projets/x/'));
  assert.not.ok(rules[0]!.pattern.test('/ailleurs/'));
  assert.equal(rules[0]!.headers.map(([name]) => name), ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']);
  // Versioned assets, hashed photos and Pagefind's hashed files: cached a year, by rules of their own.
  const cached = rules.slice(1);
  assert.equal(cached.map((r) => r.headers), Array(4).fill([['Cache-Control', 'public, max-age=31536000, immutable']]));
  for (const path of ['/innovation-sociale/assets/css/site.css', '/innovation-sociale/img/abc-480.jpeg', '/innovation-sociale/pagefind/fragment/fr_1.pf_fragment']) assert.ok(cached.some((r) => r.pattern.test(path)), path);
  assert.not.ok(cached.some((r) => r.pattern.test('/innovation-sociale/projets/x/')), 'pages are not cached a year');
});

safety.run();
