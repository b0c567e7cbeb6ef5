/** `compendium preview [--port N] [dossier]` (npm start): the live preview of the site. */
import { startPreview } from '../preview/server.ts';
import { parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function previewCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, { port: { type: 'string' } });
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('le port doit être un nombre entre 1 et 65535');
  out.stdout('Préparation de l’aperçu…');
  const preview = await startPreview({ dataDir: positionals[0] ?? 'data', port, log: (l) => out.stdout(l) });
  out.stdout(`\nAperçu : ${preview.url}\nAperçu de l’impression : ${preview.printUrl}\nLes pages se rechargent à chaque enregistrement d’un fichier de data/ ou de templates/. Ctrl-C pour arrêter.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
  return 0;
}
