// The preview's dependency map: which saves may take the quick path (the saved projects' pages
// alone) and which need a full build. Too narrow a map would leave pages stale until the next
// full build; preview-consistency.test.ts checks the pages themselves.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join, resolve } from 'node:path';
import { loadCompendium, type LoadResult } from '../../src/data/index.ts';
import { quickProjects, type LiveSite } from '../../src/preview/dependents.ts';
import { dataWith } from '../helpers/data.ts';

const map = suite('preview: which pages a saved file is on');

let dir: string;
let loaded: LoadResult;
let site: LiveSite;

map.before(async () => {
  dir = resolve(dataWith({}));
  loaded = await loadCompendium(dir);
  site = { dir: '/nulle-part', projects: loaded.compendium!.projets.map((p) => p.id).join('\n'), pages: [] };
});

const quick = (...files: string[]): string[] | undefined => {
  const changed = new Set(files.map((f) => join(dir, f)));
  const ids = quickProjects(loaded, { dataDir: dir, site, sinceFull: changed, unrendered: changed });
  return ids && [...ids].sort();
};

map('a project file: that project’s page', () => {
  assert.equal(quick('projets/graoucoop.yaml'), ['graoucoop']);
});

map('an organisation file: the pages of its projects', () => {
  const expected = loaded.compendium!.projets.filter((p) => p.organisation === 'cantorama').map((p) => p.id).sort();
  assert.ok(expected.length > 0);
  assert.equal(quick('organisations/cantorama.yaml'), expected);
});

map('a tool’s temporary file beside the projects changes no page', () => {
  assert.equal(quick('projets/sedAx3kQ', 'projets/graoucoop.yaml'), ['graoucoop']);
});

map('anything else may be on any page: a full build', () => {
  for (const file of ['editions/2025/edition.yaml', 'editions/2025/edito.md', 'territoires.yaml', 'temoignages.yaml', 'partenaires/le-filon.yaml', 'images/photo.jpg', 'projets', 'projets/sous-dossier/x.yaml']) {
    assert.is(quick(file, 'projets/graoucoop.yaml'), undefined, file);
  }
});

map('projects added, removed or reordered since the last full build: a full build', () => {
  const before = site;
  site = { ...before, projects: before.projects.split('\n').slice(1).join('\n') };
  assert.is(quick('projets/graoucoop.yaml'), undefined, 'one project more');
  site = { ...before, projects: before.projects.split('\n').reverse().join('\n') };
  assert.is(quick('projets/graoucoop.yaml'), undefined, 'reordered');
  site = before;
});

map('no site yet: a full build', () => {
  const changed = new Set([join(dir, 'projets/graoucoop.yaml')]);
  assert.is(quickProjects(loaded, { dataDir: dir, site: undefined, sinceFull: changed, unrendered: changed }), undefined);
});

map.run();
