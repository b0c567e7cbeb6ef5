import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hyphenateHtml, hyphenateText } from '../../src/print/hyphenate.ts';

/** Shows soft hyphens as `|` so expectations are readable. */
const shown = (text: string) => text.replaceAll('\u00AD', '|');

const text = suite('hyphenateText');

text('inserts soft hyphens in a long French word', () => {
  assert.is(shown(hyphenateText('intergénérationnel')), 'in|ter|gé|né|ra|tion|nel');
  assert.is(hyphenateText('intergénérationnel').replaceAll('\u00AD', ''), 'intergénérationnel', 'only soft hyphens are added');
});

text('keeps 2 letters before and 3 after a break, as French typography wants', () => {
  assert.is(shown(hyphenateText('difficulté')), 'dif|fi|culté', 'not « difficul-té »');
  assert.is(shown(hyphenateText('l’accompagnement')), 'l’ac|com|pa|gne|ment');
});

text('leaves e-mail addresses, URLs, words with digits and short words whole', () => {
  for (const whole of ['innovation.sociale@moselle.fr', 'https://www.moselle.fr/innovation-sociale', 'www.moselle.fr', 'moselle.fr', 'A31bis2025', 'écrit', 'aidés']) {
    assert.is(hyphenateText(whole), whole, whole);
  }
  assert.is(shown(hyphenateText('Écrivez à innovation.sociale@moselle.fr vite')), 'Écri|vez à innovation.sociale@moselle.fr vite');
});

const html = suite('hyphenateHtml');

html('hyphenates text nodes only, never markup, code, headings or data-no-hyphens', () => {
  const input =
    '<!doctype html><html lang="fr"><head><title>Accompagnement</title></head><body>' +
    '<h2>Accompagnement</h2><p data-no-hyphens>accompagnement</p>' +
    '<p title="accompagnement">Un accompagnement &amp; <code>accompagnement</code> ' +
    '<a href="mailto:innovation.sociale@moselle.fr">innovation.sociale@moselle.fr</a></p></body></html>';
  assert.is(
    shown(hyphenateHtml(input)),
    '<!DOCTYPE html><html lang="fr"><head><title>Accompagnement</title></head><body>' +
      '<h2>Accompagnement</h2><p data-no-hyphens="">accompagnement</p>' +
      '<p title="accompagnement">Un ac|com|pa|gne|ment &amp; <code>accompagnement</code> ' +
      '<a href="mailto:innovation.sociale@moselle.fr">innovation.sociale@moselle.fr</a></p></body></html>',
  );
});

html('accepts a fragment', () => {
  assert.is(shown(hyphenateHtml('<p>organisation</p>')), '<p>or|ga|ni|sa|tion</p>');
});

text.run();
html.run();
