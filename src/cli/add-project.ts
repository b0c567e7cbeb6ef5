/**
 * `compendium add-project`: writes a well-formed project file (and its organisation when it
 * is new), and can place the project in an edition's tier. Asks questions on a terminal;
 * takes flags otherwise (scripts, tests).
 */
import { writeFile, readFile, stat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadCompendium } from '../data/index.ts';
import { slugify } from '../data/slug.ts';
import { nearest, suggest } from '../data/suggest.ts';
import { TIERS, TIER_TITLES, type Tier } from '../model.ts';
import { projectFile, organisationFile } from '../edition/project-file.ts';
import { appendToList } from '../edition/yaml-edit.ts';
import { dataFolder, parse, refuseControls, UnknownValueError, UsageError } from './args.ts';
import type { Output } from './output.ts';
import { errorCount } from '../plural.ts';

const OPTIONS = {
  data: { type: 'string' },
  nom: { type: 'string' },
  id: { type: 'string' },
  organisation: { type: 'string' },
  'nouvelle-organisation': { type: 'string' },
  annee: { type: 'string' },
  territoire: { type: 'string' },
  'territoire-cible': { type: 'string' },
  'public-cible': { type: 'string' },
  edition: { type: 'string' },
  place: { type: 'string' },
} as const;

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
const yes = (answer: string | undefined): boolean => /^(o|oui|y|yes)$/i.test(answer ?? '');

export async function addProjectCommand(args: string[], out: Output, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const v = values as Record<string, string | undefined>;
  // « add-project mydata … » once wrote into data/: the folder typed is the one written to.
  const dataDir = dataFolder(positionals, v.data);
  // Unfinished projects are the normal state while an editor adds several in a row: only
  // the files this command reads (territories, organisations, editions) need to load.
  const loaded = await loadCompendium(dataDir);
  const c = loaded.partial;
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  const rl = interactive ? createInterface({ input, terminal: false }) : undefined;
  // Read answers line by line through the iterator, which also keeps lines typed (or piped)
  // ahead of their question — rl.question() would lose them.
  const lines = rl?.[Symbol.asyncIterator]();
  const ask = async (key: string, question: string, fallback?: string): Promise<string | undefined> => {
    if (v[key] !== undefined) return v[key];
    if (!lines) return fallback;
    out.prompt?.(`${question}${fallback ? ` [${fallback}]` : ''} : `);
    const next = await lines.next();
    const answer = refuseControls(next.done ? '' : String(next.value).trim(), `la réponse à «\u00A0${question}\u00A0»`);
    return answer || fallback;
  };
  try {
    const nom = await ask('nom', 'Nom du projet');
    if (!nom) throw new UsageError('indiquez le nom du projet (--nom "…")');
    const id = v.id ?? slugify(nom);
    if (c.projets.some((p) => p.id === id)) throw new UsageError(`un projet « ${id} » existe déjà : choisissez un autre identifiant (--id …)`);

    let organisation = await ask('organisation', `Structure porteuse (identifiant parmi data/organisations/, ou nom d’une nouvelle structure)`);
    let newOrganisation = v['nouvelle-organisation'];
    if (!organisation && newOrganisation) organisation = slugify(newOrganisation);
    if (!organisation) throw new UsageError('indiquez la structure porteuse (--organisation <identifiant> ou --nouvelle-organisation "Nom")');
    const known = c.organisations.map((o) => o.id);
    if (!known.includes(organisation) && !newOrganisation) {
      const guess = suggest(organisation, known);
      // A mistyped id must not silently become a new organisation: ask, suggesting the near one.
      if (interactive && guess && yes(await ask('confirmer-suggestion', `Structure « ${organisation} » inconnue : vouliez-vous dire « ${guess} » ? (o/n)`))) organisation = guess;
      else if (interactive && yes(await ask('confirmer-creation', `Structure « ${organisation} » inconnue dans data/organisations/. Créer une nouvelle structure ? (o/n)`))) {
        newOrganisation = await ask('nom-organisation', 'Nom de la nouvelle structure', organisation);
      } else {
        throw new UnknownValueError(
          `structure inconnue « ${organisation} »${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`,
          guess ? `Relancez avec --organisation ${guess} ; pour une nouvelle structure : --nouvelle-organisation "Nom".` : 'Les identifiants sont les noms des fichiers de data/organisations/ (sans .yaml) ; pour une nouvelle structure : --nouvelle-organisation "Nom".',
        );
      }
    }
    if (!known.includes(organisation)) organisation = slugify(organisation);

    const annee = Number(await ask('annee', 'Année du prix', String(new Date().getFullYear())));
    if (!Number.isInteger(annee) || annee < 2019 || annee > 2100) throw new UsageError('l’année doit être un nombre, par exemple 2026');
    const territoires = c.territoires.map((t) => t.id);
    const territoire = await ask('territoire', `Territoire (${territoires.join(', ')})`);
    if (!territoire || !territoires.includes(territoire)) {
      const guess = territoire ? (suggest(territoire, territoires) ?? nearest(territoire, territoires)) : undefined;
      throw new UnknownValueError(`territoire inconnu « ${territoire ?? ''} »${guess ? ` : vouliez-vous dire « ${guess} » ?` : ''}`, `Territoires possibles : ${territoires.join(', ')}.`);
    }
    const edition = await ask('edition', 'Édition où le placer (année, vide pour plus tard)', c.editions.at(-1) ? String(c.editions.at(-1)!.annee) : undefined);
    const place = edition ? ((await ask('place', `Place (${TIERS.join(', ')})`, 'autres_laureats')) as Tier) : undefined;
    if (place && !TIERS.includes(place)) throw new UnknownValueError(`place inconnue « ${place} »`, `Places possibles : ${TIERS.join(', ')}.`);
    const ed = edition ? c.editions.find((e) => e.annee === Number(edition)) : undefined;
    if (edition && !ed) throw new UnknownValueError(`édition ${edition} introuvable`, `Éditions : ${c.editions.map((e) => e.annee).join(', ')}.`);

    const projectPath = join(dataDir, 'projets', `${id}.yaml`);
    if (await exists(projectPath)) throw new UsageError(`le fichier ${projectPath} existe déjà`);
    const written: string[] = [];
    if (newOrganisation) {
      const orgPath = join(dataDir, 'organisations', `${organisation}.yaml`);
      if (!(await exists(orgPath))) {
        await writeFile(orgPath, organisationFile(organisation, newOrganisation));
        written.push(orgPath);
      }
    }
    // Where its photo goes (the project file says so): created, so the editor need not.
    await mkdir(join(dataDir, 'images', 'projets'), { recursive: true });
    await writeFile(projectPath, projectFile({ id, nom, organisation, annee, territoire, territoire_cible: v['territoire-cible'], public_cible: v['public-cible'] }, place === 'a_la_une'));
    written.push(projectPath);

    if (ed && place) {
      const edPath = join(dataDir, 'editions', String(ed.annee), 'edition.yaml');
      const text = await readFile(edPath, 'utf8');
      let i = ed.territoires.findIndex((t) => t.territoire === territoire);
      let next: string;
      if (i < 0) {
        i = ed.territoires.length;
        next = appendToList(text, '/territoires', `territoire: ${territoire}`, { pointer: '', key: 'territoires' });
        next = appendToList(next, `/territoires/${i}/${place}`, id, { pointer: `/territoires/${i}`, key: place });
      } else {
        next = appendToList(text, `/territoires/${i}/${place}`, id, { pointer: `/territoires/${i}`, key: place });
      }
      await writeFile(edPath, next);
      written.push(edPath);
    }
    out.stdout(`Projet « ${nom} » créé :`);
    for (const w of written) out.stdout(`  ${w}`);
    out.stdout(
      ed && place
        ? `\nPlacé dans « ${TIER_TITLES[place]} » de l’édition ${ed.annee}. Complétez la fiche, puis lancez « npm run validate ».`
        : '\nComplétez la fiche, placez le projet dans une édition, puis lancez « npm run validate ».',
    );
    const n = loaded.errors.length;
    if (n) out.stdout(`(Les données contenaient déjà ${errorCount(n)} : « npm run validate » ${n > 1 ? 'les' : 'la'} détaille.)`);
    return 0;
  } finally {
    rl?.close();
  }
}
