/**
 * The `compendium` command. Only this module decides exit codes:
 * 0 success (warnings allowed), 1 errors in the data or a failed build, 2 wrong usage (an
 * unsafe output folder included), 128 + the signal's number when interrupted (src/cli/signals.ts).
 */
import { resolve } from 'node:path';
import { CompendiumError } from '../errors.ts';
import { UnknownValueError, UsageError } from './args.ts';
import { recoverOutput } from '../build/atomic.ts';
import { UnsafeOutputError } from '../build/output-path.ts';
import { processOutput, type Output } from './output.ts';
import { validateCommand } from './validate.ts';

const USAGE = `Usage : compendium <commande> [options]

Commandes :
  validate [--strict] [--json] [--tous] [dossier]
                                           vérifie les données (dossier : data par défaut ; --tous : liste aussi
                                           les avertissements hérités de l’édition publiée)
  build [--strict] [--sans-pdf] [dossier]  construit le site et les PDF dans _site/
  new-edition <année> [--sans-laureats]   prépare l’édition suivante à partir de la dernière
  diff <année-a> <année-b>                 liste ce qui change entre deux éditions
  add-project                              crée la fiche d’un nouveau projet (questions, ou options)
  pdf [--edition année] [--territoire id | --theme id] [--sortie dossier]
                                           les PDF d’une édition (_site/pdf/ ; d’un brouillon : _brouillons/<année>/, jamais
                                           publié), ou le livret d’un territoire ou d’un thème (_site/livrets/)
      [--traits-de-coupe]                  ajoute traits de coupe et marge autour du fond perdu (impression, PDF/X-3)
  preview [--port 8080] [--sondage]        aperçu du site qui se recharge à chaque modification (npm start ;
                                           --sondage : pour un dossier partagé en réseau)
  preflight <fichier.pdf>                  contrôle un PDF selon PDF/X-3:2002 avant de l’envoyer à l’imprimeur
  help                                     affiche cette aide

Options communes :
  --debug    affiche le détail technique d’une erreur inattendue

Codes de sortie : 0 réussite, 1 erreurs dans les données, construction échouée ou PDF non conforme, 2 usage incorrect, 130 ou 143 interrompu (Ctrl-C, SIGTERM).`;

type Command = (args: string[], out: Output) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  validate: async () => validateCommand,
  build: async () => (await import('./build.ts')).buildCommand,
  'new-edition': async () => (await import('./new-edition.ts')).newEditionCommand,
  diff: async () => (await import('./diff.ts')).diffCommand,
  'add-project': async () => (await import('./add-project.ts')).addProjectCommand,
  preview: async () => (await import('./preview.ts')).previewCommand,
  pdf: async () => (await import('./pdf.ts')).pdfCommand,
  preflight: async () => (await import('./preflight.ts')).preflightCommand,
};

export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    out.stderr(`compendium : commande inconnue « ${name} »\n\n${USAGE}`);
    return 2;
  }
  // « compendium pdf --help » is what people type first: the usage, not « option inconnue ».
  if (rest.includes('--help') || rest.includes('-h')) {
    out.stdout(USAGE);
    return 0;
  }
  try {
    // A build killed while it published leaves the previous site aside: any command puts it back.
    await recoverOutput(resolve('_site')).catch(() => false);
    return await (await load())(rest, out);
  } catch (err) {
    if (err instanceof UnknownValueError) {
      out.stderr(`compendium ${name} : ${err.message}\n  → ${err.hint}`);
      return 2;
    }
    if (err instanceof UsageError) {
      out.stderr(`compendium ${name} : ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof UnsafeOutputError) {
      out.stderr(`compendium ${name} : ${err.message}`);
      return 2;
    }
    if (err instanceof CompendiumError) {
      out.stderr(`compendium ${name} : ${err.message}`);
      if (debug && err.stack) out.stderr(err.stack);
      return 1;
    }
    // A bug of ours, not of the data: say so plainly; the stack only on request.
    out.stderr(`compendium ${name} : erreur inattendue (${err instanceof Error ? err.message : String(err)}).\nRelancez avec --debug pour le détail, et signalez-la à l’équipe technique.`);
    if (debug && err instanceof Error && err.stack) out.stderr(err.stack);
    return 1;
  }
}
