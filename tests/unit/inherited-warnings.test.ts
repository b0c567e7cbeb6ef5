// Issue 15: the ~80 warnings the bundled data inherits from the 2025 brochure must not drown
// what an editor preparing 2026 has just broken. new-edition writes down the warnings already
// there; validate lists the others first, counts the inherited ones, and --tous lists them all.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { ROOT } from '../helpers/data.ts';

const inherited = suite('inherited warnings');

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o: Output = { stdout: (t) => (out += `${t}\n`), stderr: (t) => (out += `${t}\n`) };
  return { code: await main(argv, o), out };
}
const listed = (out: string) => [...out.matchAll(/^(\S+?):\d+:\d+ — avertissement : (.*)$/gm)].map((m) => `${m[1]!.replace(/^.*?data\//, 'data/')} ${m[2]}`);
const total = (out: string) => Number(/(\d+) avertissements\n/.exec(out)?.[1]);

let data = '';
inherited.before(() => {
  data = join(mkdtempSync(join(tmpdir(), 'compendium-inherited-')), 'data');
  cpSync(join(ROOT, 'data'), data, { recursive: true });
});

inherited('before any draft, every warning is listed as today', async () => {
  const r = await run('validate', data);
  assert.is(r.code, 0);
  assert.ok(total(r.out) > 30, `the bundled data has its inherited warnings: ${total(r.out)}`);
  assert.is(listed(r.out).length, total(r.out));
  assert.not.match(r.out, 'déjà là');
});

inherited('with a 2026 draft: the draft’s and the new warnings first, then the count of inherited ones', async () => {
  assert.is((await run('new-edition', '2026', data)).code, 0);
  assert.ok(existsSync(join(data, 'editions/2026/avertissements-herites.txt')));
  const before = await run('validate', data);
  const all = total(before.out);
  assert.equal(listed(before.out), ['data/editions/2026/edition.yaml image de couverture à fournir'], 'only what concerns the draft');
  assert.match(before.out, `${all - 1} autres avertissements étaient déjà là dans l’édition 2025 (non listés ici) : « compendium validate --tous » les montre tous.`);

  // The editor's slips of the day: a typo in an e-mail, a straight apostrophe in a project.
  const file = join(data, 'projets/cote-nature.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('vsaccucci@rqbi.fr', 'vsaccucci@rqbi.frr'));
  const graoucoop = join(data, 'projets/graoucoop.yaml');
  writeFileSync(graoucoop, readFileSync(graoucoop, 'utf8').replace('changement d’échelle', "changement d'échelle"));
  const after = await run('validate', data);
  const fresh = listed(after.out);
  assert.is(fresh.length, 3, fresh.join('\n'));
  assert.match(fresh.join('\n'), 'data/projets/cote-nature.yaml adresse e-mail « vsaccucci@rqbi.frr » : le domaine « .frr » n’existe pas (vouliez-vous dire « .fr » ?)');
  assert.match(fresh.join('\n'), /data\/projets\/graoucoop\.yaml apostrophe « ' »/);
  assert.is(total(after.out), all + 2);
  assert.match(after.out, `${all - 1} autres avertissements étaient déjà là dans l’édition 2025`);

  // A slip whose message quotes the same few characters as an inherited one (« l‘a… »), on
  // another line of the same file: new, and listed (it was counted as inherited).
  const mms = join(data, 'partenaires/moselle-mecenes-solidaires.yaml');
  const mmsText = readFileSync(mms, 'utf8');
  writeFileSync(mms, mmsText.replace(/\n$/, '') + '\n# l‘association de demain\n');
  const quoted = await run('validate', data);
  assert.is(total(quoted.out), total(after.out), 'a comment is not published: no new warning there');
  writeFileSync(mms, mmsText.replace('porteurs de projets en Moselle.', 'porteurs de projets en Moselle, avec l‘association.'));
  const same = await run('validate', data);
  assert.is(listed(same.out).filter((l) => l.startsWith('data/partenaires/moselle-mecenes-solidaires.yaml')).length >= 1, true, same.out);
  writeFileSync(mms, mmsText);

  // Nothing hidden: --tous and --json list every one.
  const everything = await run('validate', '--tous', data);
  assert.is(listed(everything.out).length, all + 2);
  assert.not.match(everything.out, 'déjà là');
  const json = JSON.parse((await run('validate', '--json', data)).out) as { warnings: unknown[] };
  assert.is(json.warnings.length, all + 2);

  // The baseline removed: back to listing all.
  rmSync(join(data, 'editions/2026/avertissements-herites.txt'));
  assert.is(listed((await run('validate', data)).out).length, all + 2);
});

inherited.run();
