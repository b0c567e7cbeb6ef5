import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompendium, type LoadResult, type ParseCache } from '../../src/data/index.ts';
import { dataWith } from '../helpers/data.ts';

const cache = suite('loadCompendium with a ParseCache (the preview)');

const facts = (r: LoadResult): string => JSON.stringify({ data: r.partial, errors: r.errors, warnings: r.warnings });

cache('a cached load gives exactly what a fresh load gives, load after load', async () => {
  const dir = dataWith({});
  const parsed: ParseCache = new Map();
  const fresh = facts(await loadCompendium(dir));
  assert.is(facts(await loadCompendium(dir, { parsed })), fresh);
  assert.ok(parsed.size > 5, `${parsed.size} files kept`);
  // Loading adds to what it parsed (an edition's texts): a reused file must not carry that over.
  assert.is(facts(await loadCompendium(dir, { parsed })), fresh);
  assert.is(facts(await loadCompendium(dir, { parsed })), fresh);
});

cache('a changed file is parsed again; an error, then its fix, are seen', async () => {
  const dir = dataWith({});
  const parsed: ParseCache = new Map();
  await loadCompendium(dir, { parsed });
  const file = join(dir, 'projets/graoucoop.yaml');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.replace('nom: Graoucoop', 'nom: Graoucoop bis'));
  assert.ok((await loadCompendium(dir, { parsed })).compendium!.projets.some((p) => p.nom === 'Graoucoop bis'));
  writeFileSync(file, good.replace('annee: 2022', 'annee: [2022'));
  const broken = await loadCompendium(dir, { parsed });
  assert.ok(broken.errors.some((e) => e.file.endsWith('projets/graoucoop.yaml') && e.line === 4), JSON.stringify(broken.errors));
  assert.is(facts(await loadCompendium(dir, { parsed })), facts(broken));
  writeFileSync(file, good);
  assert.is(facts(await loadCompendium(dir, { parsed })), facts(await loadCompendium(dir)));
});

cache('a file unchanged since the last load is not read again; a save of the same size is seen', async () => {
  const dir = dataWith({});
  const parsed: ParseCache = new Map();
  const file = join(dir, 'projets/graoucoop.yaml');
  const good = readFileSync(file, 'utf8');
  // Files written in the last moments get no stamp (the system's file times are coarse).
  await new Promise((r) => setTimeout(r, 200));
  await loadCompendium(dir, { parsed });
  assert.ok([...parsed.values()].every((e) => e.stamp), 'every file stamped once it has aged');
  // The same length: only the stamp's times and the text tell the two apart.
  const same = good.replace('annee: 2022', 'annee: 2O22');
  assert.is(same.length, good.length);
  writeFileSync(file, same);
  const broken = await loadCompendium(dir, { parsed });
  assert.ok(broken.errors.some((e) => e.file.endsWith('projets/graoucoop.yaml') && e.line === 4), JSON.stringify(broken.errors));
  assert.is(parsed.get(file)!.stamp, undefined, 'a file just written is read again next time');
  writeFileSync(file, good);
  assert.is(facts(await loadCompendium(dir, { parsed })), facts(await loadCompendium(dir)));
});

cache.run();
