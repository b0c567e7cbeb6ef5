import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeControls, formatFinding, safeFinding, type Finding } from '../../src/data/finding.ts';
import { parseYaml, translate } from '../../src/data/yaml.ts';
import { validatorFor } from '../../src/data/schemas.ts';
import { schemaFindings } from '../../src/data/messages.ts';
import { fontCoverage, missingGlyphs } from '../../src/data/glyphs.ts';
import { printResamples } from '../../src/print/pdf/print-images.ts';
import { imageFindings } from '../../src/print/image-check.ts';
import type { PageFacts } from '../../src/print/fit.ts';

const text = suite('data text: escaping, parser reasons, typed values, glyphs');

text('control characters are shown as their code points, and the caret follows', () => {
  assert.is(escapeControls('a\u001b[2Jb\u202Ec\u0085d\u2066e\tf'), 'a[U+001B][2Jb[U+202E]c[U+0085]d[U+2066]e\tf');
  const f: Finding = { severity: 'erreur', code: 'X', file: 'f.yaml', line: 1, column: 8, message: 'm \u202E', source: 'nom: \u202E\u001bx' };
  const safe = safeFinding(f);
  assert.is(safe.message, 'm [U+202E]');
  assert.is(safe.column, 8, 'the location keeps the real column');
  assert.is(formatFinding(safe).split('\n').slice(1, 3).join('\n'), '  1 | nom: [U+202E][U+001B]x\n    |                      ^');
});

/** Every reason js-yaml 5 can give (from its source), with its arguments filled. */
const REASONS = [
  'duplicated mapping key', 'tab characters must not be used in indentation', 'bad indentation of a mapping entry', 'bad indentation of a sequence entry', 'deficient indentation',
  'unexpected end of the stream within a double quoted scalar', 'unexpected end of the document within a single quoted scalar', 'end of the stream or a document separator is expected',
  'missed comma between flow collection entries', "expected the node content, but found ','", 'unexpected end of the stream within a flow collection',
  'can not read a block mapping entry; a multiline key may not be an implicit key', "expected ':' after a mapping key", 'a whitespace character is expected after the key-value separator within a block mapping',
  'incomplete explicit mapping pair; a key node is missed', 'incomplete mapping pair in event stream', 'unknown scalar tag !<!x>', 'unknown sequence tag !<!x>', 'unknown mapping tag !<!x>',
  'undeclared tag handle "!e!"', 'tag name cannot contain such characters: x', 'tag suffix cannot contain exclamation marks', 'tag suffix cannot contain flow indicator characters',
  'named tag handle cannot contain such characters', 'unexpected end of the stream within a verbatim tag', 'duplication of a tag property', 'cannot resolve a node with !<tag:yaml.org,2002:int> explicit tag',
  'nesting exceeded maxDepth (100)', 'aliases exceeded maxAliases (100)', 'merge keys exceeded maxTotalMergeKeys (10)', 'abnormal merge sequence size', 'cannot merge mappings; the provided source object is unacceptable',
  'unidentified alias "x"', 'recursive alias "x" is not supported for tag t because it uses finalize()', 'alias node should not have any properties', 'duplication of an anchor property',
  'name of an alias node must contain at least one character', 'name of an anchor node must contain at least one character', 'expected valid JSON character', 'the stream contains non-printable characters',
  'null byte is not allowed in input', 'unknown escape sequence', 'expected hexadecimal character', 'a line break is expected', 'bad explicit indentation width of a block scalar; it cannot be less than one',
  'repeat of a chomping mode identifier', 'repeat of an indentation width identifier', 'YAML directive accepts exactly one argument', 'TAG directive accepts exactly two arguments',
  'directive name must not be less than one character in length', 'directives end mark is expected', 'duplication of %YAML directive', 'unacceptable YAML version of the document',
  'ill-formed argument of the YAML directive', 'ill-formed tag handle (first argument) of the TAG directive', 'ill-formed tag prefix (second argument) of the TAG directive',
  'there is a previously declared suffix for "!" tag handle', 'can not read a document', 'expected a document, but the input is empty', 'expected a single document in the stream, but found more',
];

text('every js-yaml reason has its own French message; an unknown one a French fallback', () => {
  const fallback = translate('some future reason').message;
  assert.is(fallback, 'syntaxe YAML invalide à cet endroit');
  for (const reason of REASONS) {
    const { message } = translate(reason);
    assert.is.not(message, fallback, `« ${reason} » is translated`);
    assert.not.match(message, /\b(the|of|a|is|not|expected|unknown|exceeded)\b/, `no English in « ${message} »`);
  }
  assert.is(translate('nesting exceeded maxDepth (100)').message, 'imbrication trop profonde : plus de 100 niveaux de blocs ou de crochets');
  assert.is(translate('unknown scalar tag !<!python/object>').message, 'étiquette YAML inconnue « !python/object » : YAML lit « ! » en début de valeur comme une étiquette');
});

const findings = (src: string): string[] => {
  const r = parseYaml('f.yaml', src);
  assert.ok(r.ok, 'parses');
  if (!r.ok) return [];
  const validate = validatorFor('projet');
  validate(r.doc.value);
  return schemaFindings(r.doc, validate.errors ?? []).map((f) => `${f.line}:${f.column} ${f.message}`);
};

const BASE = 'id: x\nnom: X\norganisation: o\nannee: 2022\nterritoire: t\n';

text('an empty value is placed after its key or its dash, never at 1:0', () => {
  assert.equal(findings(BASE.replace('nom: X', 'nom:')), ['2:5 « nom » doit être un texte (trouvé une valeur vide)']);
  assert.equal(findings(`${BASE}contact:\n  email:\n`), ['7:9 « email » doit être un texte (trouvé une valeur vide)']);
  assert.equal(findings(`${BASE}themes:\n  - a\n  -\n  - b\n`), ['8:4 l’élément 2 de « themes » doit être un texte (trouvé une valeur vide)']);
  assert.equal(findings(BASE.replace('nom: X', 'nom: !!null')), ['2:6 « nom » doit être un texte (trouvé une valeur vide)']);
});

text('a text of spaces only is empty', () => {
  assert.equal(findings(BASE.replace('nom: X', 'nom: "   "')), ['2:6 « nom » ne doit pas être vide']);
  assert.equal(findings(BASE.replace('nom: X', 'nom: ""')), ['2:6 « nom » ne doit pas être vide'], 'one message, not two');
});

text('a text YAML read as a number or a boolean says so', () => {
  assert.equal(findings(`${BASE}contact:\n  telephone: 0387375757\n`), ['7:14 « telephone » doit être un texte, mais YAML a lu « 0387375757 » comme le nombre « 387375757 » : le zéro du début est perdu']);
  assert.equal(findings(BASE.replace('nom: X', 'nom: 1e3 # mille')), ['2:6 « nom » doit être un texte, mais YAML a lu « 1e3 » comme le nombre « 1000 » : ce n’est plus ce qui est écrit']);
  assert.equal(findings(BASE.replace('nom: X', 'nom: 2024')), ['2:6 « nom » doit être un texte, mais YAML a lu le nombre « 2024 »']);
  assert.equal(findings(BASE.replace('nom: X', 'nom: false')), ['2:6 « nom » doit être un texte, mais YAML a lu la valeur logique « faux »']);
});

text('the fonts draw French and the brochure’s signs, not emoji or Arabic', async () => {
  const covered = await fontCoverage();
  assert.equal(missingGlyphs('Œuvre « solidaire » — l’été à 10 € ; n° 3… ½ Ça', covered), []);
  assert.equal(missingGlyphs('e\u0301te\u0301', covered), [], 'decomposed accents are composed first');
  assert.equal(missingGlyphs('a\u202Fb\u00A0c\u200Bd', covered), [], 'spaces and format characters are not glyphs');
  assert.equal(missingGlyphs('Bravo 😀 مرحبا ✓', covered), ['😀', 'م', 'ر', 'ح', 'ب', 'ا', '✓']);
});

const facts = (images: Array<{ src: string; naturalWidth: number; ppi: number }>): PageFacts[] =>
  [{ number: 1, images: images.map((i) => ({ ...i, naturalHeight: i.naturalWidth, widthMm: 50, heightMm: 50 })) } as unknown as PageFacts];

text('print resampling: each file to 300 ppi at its most demanding placement, not below', () => {
  assert.equal(printResamples(facts([{ src: '/images/a.jpg', naturalWidth: 6000, ppi: 1200 }])), [{ src: '/images/a.jpg', width: 1500 }]);
  // Placed twice: the larger box (the lower ppi) decides.
  assert.equal(printResamples(facts([{ src: '/images/a.jpg', naturalWidth: 6000, ppi: 1200 }, { src: '/images/a.jpg', naturalWidth: 6000, ppi: 600 }])), [{ src: '/images/a.jpg', width: 3000 }]);
  assert.equal(printResamples(facts([{ src: '/images/b.jpg', naturalWidth: 2500, ppi: 440 }])), [], 'under 450 ppi: left as supplied');
  assert.equal(printResamples(facts([{ src: '/images/c.jpg', naturalWidth: 800, ppi: 150 }])), [], 'never enlarged');
});

text('a converted TIFF under 300 ppi is named by its own file in the finding', () => {
  const [finding] = imageFindings(facts([{ src: '/images/projets/x.tif.jpg', naturalWidth: 300, ppi: 150 }]));
  assert.match(finding?.message ?? '', 'Image «\u00A0projets/x.tif\u00A0»');
});

text.run();
