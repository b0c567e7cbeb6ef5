import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fitFindings, type PageFacts } from '../../src/print/fit.ts';

const NB = '\u00A0';

/** A page as measured in the browser, full of text unless told otherwise. */
const page = (n: number, facts: Partial<PageFacts> = {}): PageFacts => ({
  number: n,
  side: n % 2 === 0 ? 'left' : 'right',
  blank: false,
  ink: 0.5,
  fill: 1,
  contents: [],
  allowSparse: false,
  sparseBox: false,
  overflows: [],
  limited: [],
  images: [],
  spanners: [],
  ...facts,
});

const fit = suite('fitFindings');

fit('reports a box spanning more pages than allowed, at its first page, by name', () => {
  const box = { ref: 'r1', name: 'Atelier des mains vertes', maxPages: 1 };
  const findings = fitFindings([page(1), page(2, { limited: [box] }), page(3, { limited: [box] }), page(4)]);
  assert.equal(findings, [
    {
      kind: 'max-pages',
      page: 2,
      name: 'Atelier des mains vertes',
      message: `«${NB}Atelier des mains vertes${NB}» occupe 2${NB}pages (2 à 3) au lieu de 1 au plus${NB}: raccourcissez le texte ou réduisez les images.`,
    },
  ]);
});

fit('does not report a box within its budget', () => {
  const box = { ref: 'r1', name: 'Projet', maxPages: 2 };
  assert.equal(fitFindings([page(1, { limited: [box] }), page(2, { limited: [box] })]), []);
});

fit('reports overset text in a box and blocks that leave the text area', () => {
  const findings = fitFindings([
    page(4, { overflows: [{ name: 'Encadré chiffres clés', named: true, where: 'box', excessMm: 13.23 }] }),
    page(5, { overflows: [{ name: '<table> Budget 2025', named: false, where: 'area', excessMm: 41 }] }),
  ]);
  assert.equal(findings, [
    {
      kind: 'overflow',
      page: 4,
      name: 'Encadré chiffres clés',
      message: `«${NB}Encadré chiffres clés${NB}» page 4${NB}: le texte dépasse de son cadre de 13,2${NB}mm et n’est pas imprimé en entier. Raccourcissez-le ou agrandissez le cadre.`,
    },
    {
      kind: 'overflow',
      page: 5,
      message: `«${NB}<table> Budget 2025${NB}» page 5${NB}: le bloc sort de la zone de texte de 41${NB}mm. Raccourcissez-le ou autorisez-le à se couper.`,
    },
  ]);
});

fit('reports empty and near-empty pages, but not parity blanks, covers, openers or allowed sparse pages', () => {
  const findings = fitFindings([
    page(1, { name: 'cover', ink: 0.05 }),
    page(2, { ink: 0.02, allowSparse: true }),
    page(3, { name: 'opener', ink: 0.03 }),
    page(4, { ink: 0.04 }),
    page(5, { blank: true, ink: 0 }),
    page(6, { ink: 0 }),
    page(7, { ink: 0.1 }),
  ]);
  assert.equal(findings, [
    {
      kind: 'empty-page',
      page: 4,
      message: `Page 4${NB}: la page est presque vide (4${NB}% de texte et d’images). Resserrez la page précédente ou étoffez celle-ci.`,
    },
    { kind: 'empty-page', page: 6, message: `Page 6${NB}: la page est vide. Supprimez le saut de page qui la crée.` },
  ]);
});

fit('a page filled over less than 75 % of its height is named by what it holds', () => {
  const findings = fitFindings([
    page(33, { fill: 0.67, contents: ['Ateliers pour l’accès aux droits', 'Valo’ Lab'] }),
    page(34, { fill: 0.75 }),
    page(35, { fill: 0.4, allowSparse: true }),
    page(36, { fill: 0.5, name: 'opener' }),
    page(37, { fill: 0.6 }),
  ]);
  assert.equal(findings, [
    {
      kind: 'sparse-page',
      page: 33,
      name: 'Ateliers pour l’accès aux droits',
      message: `Page 33 presque vide${NB}: Ateliers pour l’accès aux droits, Valo’ Lab (67${NB}% de la hauteur remplie). Rapprochez la suite de cette page ou étoffez-la.`,
    },
    { kind: 'sparse-page', page: 37, message: `Page 37 presque vide${NB}: sans titre (60${NB}% de la hauteur remplie). Rapprochez la suite de cette page ou étoffez-la.` },
  ]);
});

fit('a page that shares a box sparse by design with other text is judged by what it fills', () => {
  const findings = fitFindings([
    // An opener or the contents alone: sparse by design.
    page(2, { ink: 0.05, fill: 0.4, allowSparse: true, sparseBox: true }),
    // Three entries, then the notes' lines grown to the foot: filled, little ink.
    page(13, { ink: 0.09, fill: 0.92, sparseBox: true }),
    // The same entries with the notes cut short: judged by height, not let through.
    page(14, { ink: 0.09, fill: 0.5, sparseBox: true, contents: ['Bricol’Age'] }),
    // A booklet's contents beside its introduction, both short.
    page(15, { ink: 0.2, fill: 0.6, sparseBox: true, contents: ['Introduction'] }),
  ]);
  assert.equal(findings.map(({ kind, page: n }) => [kind, n]), [['sparse-page', 14], ['sparse-page', 15]]);
});

fit('says « moins de 1 % » rather than 0 %, and does not call a page with an overflow empty', () => {
  const overflow = { name: 'Tableau', named: true, where: 'area' as const, excessMm: 65 };
  const findings = fitFindings([page(1, { ink: 0.004 }), page(2, { ink: 0.001, overflows: [overflow] })]);
  assert.equal(findings.map((f) => [f.kind, f.page]), [['empty-page', 1], ['overflow', 2]]);
  assert.ok(findings[0]?.message.includes(`presque vide (moins de 1${NB}% de texte et d’images)`), findings[0]?.message);
});

fit('the threshold and the sparse named pages are settings', () => {
  const pages = [page(1, { name: 'back-cover', ink: 0.05 }), page(2, { ink: 0.15 })];
  assert.equal(fitFindings(pages).length, 0);
  assert.equal(fitFindings(pages, { minInk: 0.2, sparsePages: [] }).map((f) => f.page), [1, 2]);
});

fit('reports a heading that ends a page, but not on a part\'s title page', () => {
  const findings = fitFindings([page(3, { name: 'opener', footHeading: 'Première partie' }), page(7, { footHeading: 'Territoire de Thionville' })]);
  assert.equal(
    findings.map(({ kind, page: n, name }) => ({ kind, n, name })),
    [{ kind: 'heading-at-foot', n: 7, name: 'Territoire de Thionville' }],
  );
  assert.is(findings[0]?.message, `Page 7${NB}: le titre «${NB}Territoire de Thionville${NB}» termine la page, son texte commence à la page suivante. Raccourcissez ce qui le précède ou ajoutez du texte sous le titre.`);
});

fit.run();
