/**
 * `compendium preview [--port N] [--sondage] [dossier]` (npm start): the live preview of the
 * site. `--sondage` polls the files instead of asking the system to report changes, which it
 * does not do for network shares.
 */
import { startPreview } from '../preview/server.ts';
import { dataFolder, parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function previewCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { port: { type: 'string' }, sondage: { type: 'boolean' } });
  const dataDir = dataFolder(positionals);
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('le port doit être un nombre entre 1 et 65535');
  // Listened for from the start: Ctrl-C during the first build stops the preview cleanly too.
  let signal: NodeJS.Signals | undefined;
  const stopped = new Promise<void>((resolve) => {
    const stop = (s: NodeJS.Signals): void => {
      signal = s;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.stdout('Préparation de l’aperçu…');
  const preview = await startPreview({ dataDir, port, poll: values.sondage === true, log: (l) => out.stdout(l) });
  const interrupted = signal !== undefined;
  if (!interrupted) {
    out.stdout(
      `\nAperçu : ${preview.url}\nAperçu de l’impression : ${preview.printUrl}\nLes pages se rechargent à chaque enregistrement d’un fichier de data/ ou de templates/ ; les avertissements des données s’affichent en haut de chaque page. Ctrl-C pour arrêter.`,
    );
  }
  await stopped;
  await preview.close();
  // Stopping the preview is its normal end (0); stopping it before it was ready is an interrupt.
  return interrupted ? (signal === 'SIGINT' ? 130 : 143) : 0;
}
