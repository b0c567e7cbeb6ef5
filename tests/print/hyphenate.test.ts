import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hyphenateHtml, hyphenateText, settleLastWordText } from '../../src/print/hyphenate.ts';

/** Shows soft hyphens as `|` and no-break spaces as `~` so expectations are readable. */
const shown = (text: string) => text.replaceAll('\u00AD', '|').replaceAll('\u00A0', '~');

const text = suite('hyphenateText');

text('inserts soft hyphens in a long French word', () => {
  assert.is(shown(hyphenateText('intergénérationnel')), 'inter|gé|né|ra|tion|nel');
  assert.is(hyphenateText('intergénérationnel').replaceAll('\u00AD', ''), 'intergénérationnel', 'only soft hyphens are added');
});

text('keeps 3 letters before and 3 after a break, as a typesetter does', () => {
  assert.is(shown(hyphenateText('difficulté')), 'dif|fi|culté', 'not « difficul-té »');
  assert.is(shown(hyphenateText('l’accompagnement')), 'l’accom|pa|gne|ment', 'not « l’ac-compagnement »');
  assert.is(shown(hyphenateText('organisation.')), 'orga|ni|sa|tion.', 'not « or-ganisation »');
});

text('never breaks a capitalised word: proper nouns, acronyms, a sentence’s first word', () => {
  // Found broken in the 2025 PDF: Mo-selle p10, 13, 32; Dra-gonne, Saul-nois p33; Lor-raine p11; Mé-cènes p13.
  for (const whole of ['Moselle', 'Mosellanes', 'Dragonne', 'Saulnois.', 'Lorraine.', 'Mécènes', 'Département', 'Métropole', 'ESSpressos', '(Moselle).', 'Concrètement,']) {
    assert.is(hyphenateText(whole), whole, whole);
  }
  assert.is(shown(hyphenateText('L’Économie')), 'L’Économie');
});

text('never breaks inside a compound, which breaks at its own hyphen', () => {
  for (const whole of ['Vice-Président', 'socio-professionnel', 'éco-responsable', 'sous-jacents']) assert.is(hyphenateText(whole), whole, whole);
});

text('leaves e-mail addresses, URLs, domain names, words with digits and short words whole', () => {
  for (const whole of ['innovation.sociale@moselle.fr', 'https://www.moselle.fr/innovation-sociale', 'www.moselle.fr', 'moselle.fr', 'Ré-employez.fr,', 'reemployez.fr,', 'A31bis2025', 'écrit', 'aidés']) {
    assert.is(hyphenateText(whole), whole, whole);
  }
  assert.is(shown(hyphenateText('Écrivez à innovation.sociale@moselle.fr vite')), 'Écrivez à innovation.sociale@moselle.fr vite');
});

const last = suite('settleLastWordText');

last('the last word of a paragraph keeps no soft hyphen, and a short one is glued to the word before', () => {
  // « ment. » p16 and « tion. » p8 of the 2025 PDF: last lines of one syllable.
  assert.is(shown(settleLastWordText('les tensions de re|cru|te|ment.'.replaceAll('|', '\u00AD'))), 'les tensions de recrutement.');
  assert.is(shown(settleLastWordText('une belle vie.')), 'une belle~vie.');
  assert.is(shown(settleLastWordText('une longue vie. ')), 'une longue~vie. ');
  assert.is(shown(settleLastWordText('solitaire')), 'solitaire');
});

const html = suite('hyphenateHtml');

html('hyphenates text nodes only, never markup, code, headings, captions or data-no-hyphens', () => {
  const input =
    '<!doctype html><html lang="fr"><head><title>Accompagnement</title></head><body>' +
    '<h2>accompagnement</h2><p data-no-hyphens>accompagnement</p><figure><figcaption>accompagnement</figcaption></figure>' +
    '<p title="accompagnement">Un accompagnement &amp; <code>accompagnement</code> ' +
    '<a href="mailto:innovation.sociale@moselle.fr">innovation.sociale@moselle.fr</a> durable</p></body></html>';
  assert.is(
    shown(hyphenateHtml(input)),
    '<!DOCTYPE html><html lang="fr"><head><title>Accompagnement</title></head><body>' +
      '<h2>accompagnement</h2><p data-no-hyphens="">accompagnement</p><figure><figcaption>accompagnement</figcaption></figure>' +
      '<p title="accompagnement">Un accom|pa|gne|ment &amp; <code>accompagnement</code> ' +
      '<a href="mailto:innovation.sociale@moselle.fr">innovation.sociale@moselle.fr</a> durable</p></body></html>',
  );
});

html('accepts a fragment; the last word of a paragraph stays whole', () => {
  assert.is(shown(hyphenateHtml('<p>organisation et organisation</p>')), '<p>orga|ni|sa|tion et organisation</p>');
  assert.is(hyphenateHtml('<ul><li>une longue vie.</li></ul>'), '<ul><li>une longue&nbsp;vie.</li></ul>');
});

html('the last line of a paragraph is at least 5 characters, whatever inline elements its last words are in', () => {
  const serialized = (html: string) => shown(html).replaceAll('&nbsp;', '~');
  // The short last word in an element, its space in the text before: glued across the element.
  assert.is(serialized(hyphenateHtml('<p>une très belle <em>vie</em>.</p>')), '<p>une très belle~<em>vie</em>.</p>');
  assert.is(serialized(hyphenateHtml('<p>pour <a href="#">tous</a></p>')), '<p>pour~<a href="#">tous</a></p>');
  // A last word split across elements keeps no soft hyphen in any of them (« ment. » p16).
  assert.is(serialized(hyphenateHtml('<p>les tensions du <a href="#">développe</a><em>ment</em>.</p>')), '<p>les ten|sions du <a href="#">développe</a><em>ment</em>.</p>');
  assert.is(serialized(hyphenateHtml('<p>organisation de <strong>l’accompagnement</strong></p>')), '<p>orga|ni|sa|tion de <strong>l’accompagnement</strong></p>');
  // A run-in head and a one-word rubric: the word is glued to the head.
  assert.is(serialized(hyphenateHtml('<p class="rubric"><strong class="run-in">La pérennisation :</strong> non.</p>')), '<p class="rubric"><strong class="run-in">La péren|ni|sa|tion :</strong>~non.</p>');
  // A no-break space already holds the last word to the one before (« vie ! »); a line break ends the search.
  assert.is(serialized(hyphenateHtml('<p>une belle vie\u00A0!</p>')), '<p>une belle vie~!</p>');
  assert.is(serialized(hyphenateHtml('<p>une première ligne<br>vie.</p>')), '<p>une pre|mière ligne<br>vie.</p>');
  // Code at the end is not text: left as it is.
  assert.is(serialized(hyphenateHtml('<p>écrivez <code>npm</code></p>')), '<p>écri|vez <code>npm</code></p>');
});

html('keeps a domain name with a hyphen of its own on one line (« Ré-employez.fr » broke at p27)', () => {
  assert.is(
    hyphenateHtml('<p>avec l’AFPA, Ré-employez.fr, BoMa Strasbourg et d’autres</p>'),
    '<p>avec l’AFPA, <span style="white-space: nowrap">Ré-employez.fr,</span> BoMa Strasbourg et d’autres</p>',
  );
});

text.run();
last.run();
html.run();
