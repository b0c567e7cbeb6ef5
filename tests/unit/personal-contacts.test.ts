// Issue 15, RGPD: an address made of a person's initial and surname (vsaccucci@…) is a
// person's when that person is named in the entry or elsewhere in the data; the address of a
// structure (contact@, its own name) is not.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompendium } from '../../src/data/index.ts';
import { personalEmailReason } from '../../src/data/personal-contacts.ts';
import { buildViewModel } from '../../src/site/view-model.ts';
import { dataWith, VALID } from '../helpers/data.ts';

const rgpd = suite('personal contacts: initial and surname');

rgpd('initial + surname and surname + initial, when the name is in the entry or in the data', () => {
  const entry = { entry: 'Le jardin est animé par Valérie Saccucci, encadrante technique.' };
  assert.is(personalEmailReason('vsaccucci@rqbi.fr', entry), 'initiale et nom');
  assert.is(personalEmailReason('saccucciv@rqbi.fr', entry), 'initiale et nom');
  assert.is(personalEmailReason('vsaccucci57@rqbi.fr', entry), 'initiale et nom', 'digits after');
  const people = { people: ['Manon CARRE', 'Anne-Claire HORY'] };
  assert.is(personalEmailReason('mcarre@partagetonfrigo.fr', people), 'initiale et nom');
  assert.is(personalEmailReason('carrem@partagetonfrigo.fr', people), 'initiale et nom');
  assert.is(personalEmailReason('manoncarre@partagetonfrigo.fr', people), 'initiale et nom');
  assert.is(personalEmailReason('ahory@exemple.fr', people), 'initiale et nom', 'hyphenated given name: its initial');
  assert.is(personalEmailReason('carre@partagetonfrigo.fr', people), 'initiale et nom', 'the surname alone');
});

rgpd('a place of the data is not a surname: aidants.thionville@ is a structure’s address', () => {
  const places = { places: ['thionville', 'Thionville', 'Forbach – Saint-Avold', 'Metz et alentours'] };
  assert.is(personalEmailReason('aidants.thionville@exemple.fr', places), undefined);
  assert.is(personalEmailReason('thionville.aidants@exemple.fr', places), undefined);
  assert.is(personalEmailReason('jardin.forbach@exemple.fr', places), undefined);
  assert.is(personalEmailReason('aidants.thionville@exemple.fr'), 'prénom.nom', 'without the data’s places, the old guess');
  assert.is(personalEmailReason('marie.dupont@exemple.fr', places), 'prénom.nom', 'a person still is');
});

rgpd('not without a name to go on, nor generic or structure addresses', () => {
  // No name anywhere: an address opening on two consonants no French word opens on is an initial.
  assert.is(personalEmailReason('vsaccucci@rqbi.fr'), 'initiale et nom', 'the bundled cote-nature.yaml');
  assert.is(personalEmailReason('jdupont57@exemple.fr'), 'initiale et nom');
  for (const [e, structure] of [['mjcborny@mjc-borny.fr', []], ['mdesignmetz@fablab57.fr', ['fablab-mdesign', 'Fablab MDesign']], ['stmartin@paroisse.fr', []], ['crous@crous-lorraine.fr', []], ['phare@exemple.fr', []], ['rhmetz@exemple.fr', []]] as const) {
    assert.is(personalEmailReason(e, { structure }), undefined, e);
  }
  const context = { entry: 'Le Filon accueille les familles du quartier de Borny. Contact à l’accueil.', people: ['Eva PONTY'], structure: ['le-filon', 'Le Filon'] };
  for (const e of ['contact@lefilon.fr', 'accueil@lefilon.fr', 'lfilon@lefilon.fr', 'filon@lefilon.fr', 'borny@lefilon.fr', 'info@lefilon.fr', 'lefilon@lefilon.fr']) {
    assert.is(personalEmailReason(e, context), undefined, e);
  }
  assert.is(personalEmailReason('eponty@lefilon.fr', context), 'initiale et nom');
});

rgpd('a project naming its contact in the text: warned, kept out of the open data, still on the page', async () => {
  const project = readFileSync(join(VALID, 'projets/le-jardin-musical.yaml'), 'utf8')
    .replace('description: Une proposition d’éveil artistique et culturel.', 'description: Une proposition d’éveil artistique et culturel, animée par Valérie Saccucci.')
    .replace('  email: cantorama.direction@gmail.com\n  telephone: 06 32 77 51 57\n  public: true  # coordonnées de la structure : publiables dans les données ouvertes\n', '  email: vsaccucci@cantorama.fr\n  telephone: 03 87 37 57 57\n');
  const dir = dataWith({ 'projets/le-jardin-musical.yaml': project });
  const r = await loadCompendium(dir);
  assert.equal(r.errors, []);
  const w = r.warnings.filter((f) => f.code === 'PERSONAL_CONTACT');
  assert.equal(w.map((f) => [f.file.replace(dir, 'DATA'), f.line, f.message]), [
    ['DATA/projets/le-jardin-musical.yaml', 9, 'contact qui semble personnel : l’e-mail (initiale et nom) ; il est publié sur la page du projet et dans le PDF, mais pas dans les données ouvertes'],
  ]);
  const vm = buildViewModel(r.compendium!);
  const p = vm.projets.find((x) => x.id === 'le-jardin-musical')!;
  assert.is(p.contact.email, 'vsaccucci@cantorama.fr', 'printed as typed');
  assert.equal(p.contact.ouvert, { email: undefined, telephone: '03 87 37 57 57' }, 'not in the open data');
});

rgpd.run();
