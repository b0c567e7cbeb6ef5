import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { artifactContent } from '../../src/print/pdf/artifacts.ts';

const artifacts = suite('untagged marks become artifacts');

artifacts('text shown outside marked content is wrapped inside its text object; tagged text is left', () => {
  const { text, wrapped } = artifactContent('BT /F1 9 Tf 10 10 Td (folio) Tj /P <</MCID 0>> BDC (body) Tj EMC ET');
  assert.is(wrapped, 1);
  assert.is(text, 'BT /F1 9 Tf 10 10 Td /Artifact BMC\n(folio) Tj\nEMC /P <</MCID 0>> BDC (body) Tj EMC ET');
});

artifacts('a whole path object, never between its construction and its painting; clipping paths are left', () => {
  const { text, wrapped } = artifactContent('q 0 0 10 10 re W n 1 0 0 rg 0 0 m 5 5 l S Q');
  assert.is(wrapped, 1);
  assert.is(text, 'q 0 0 10 10 re W n 1 0 0 rg /Artifact BMC\n0 0 m 5 5 l S\nEMC Q');
});

artifacts('marks already inside a sequence (an artifact, a tag) are left, and so is a stream with none outside', () => {
  const source = '/Artifact BMC 0 0 5 5 re f EMC /Span <</MCID 3>> BDC BT (x) Tj ET /Im0 Do EMC';
  assert.equal(artifactContent(source), { text: source, wrapped: 0 });
  assert.is(artifactContent('/Im0 Do 0 0 5 5 re f').wrapped, 2);
});

artifacts('a letter-spaced label (a show operator per glyph) is one sequence, so that it reads as a word', () => {
  const { text, wrapped } = artifactContent('BT /F1 6 Tf 1 0 0 1 10 10 Tm (I) Tj 3 0 Td (N) Tj 3 0 Td (N) Tj ET');
  assert.is(wrapped, 1);
  assert.is(text, 'BT /F1 6 Tf 1 0 0 1 10 10 Tm /Artifact BMC\n(I) Tj 3 0 Td (N) Tj 3 0 Td (N) Tj\nEMC ET');
});

artifacts('a sequence with no MCID (Chromium\'s ActualText span around a no-break space) covers nothing', () => {
  const { text, wrapped } = artifactContent('BT (EN) Tj /Span <</ActualText <FEFF00A0> >> BDC <0001> Tj EMC (MOSELLE) Tj ET');
  assert.is(wrapped, 3);
  assert.is(text, 'BT /Artifact BMC\n(EN) Tj\nEMC /Span <</ActualText <FEFF00A0> >> BDC /Artifact BMC\n<0001> Tj\nEMC EMC /Artifact BMC\n(MOSELLE) Tj\nEMC ET');
  // Inside a tagged sequence, the same span is content.
  assert.is(artifactContent('/P <</MCID 2 >> BDC BT /Span <</ActualText <FEFF00A0> >> BDC <0001> Tj EMC ET EMC').wrapped, 0);
});

artifacts.run();
