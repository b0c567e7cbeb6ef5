/**
 * `compendium build [--strict] [--sans-pdf] [--brouillons] [--sortie dossier] [--prefixe /chemin/] [--url https://…] [dossier]`:
 * validates, renders the PDFs, builds the site, and publishes them together into the output
 * folder. Ctrl-C or SIGTERM cancel the build and leave the previous output intact.
 */
import { build, BuildCancelledError } from '../build/pipeline.ts';
import { formatReport } from '../build/report.ts';
import { parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function buildCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    strict: { type: 'boolean' },
    'sans-pdf': { type: 'boolean' },
    brouillons: { type: 'boolean' },
    sortie: { type: 'string' },
    prefixe: { type: 'string' },
    url: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError('un seul dossier de données à la fois');
  const controller = new AbortController();
  const cancel = (): void => {
    out.stderr('\nInterruption demandée : arrêt de la construction…');
    controller.abort();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const report = await build({
      dataDir: positionals[0] ?? 'data',
      outDir: (values.sortie as string | undefined) ?? '_site',
      strict: values.strict === true,
      pdf: values['sans-pdf'] !== true,
      drafts: values.brouillons === true,
      pathPrefix: values.prefixe as string | undefined,
      siteUrl: values.url as string | undefined,
      signal: controller.signal,
      log: (line) => out.stderr(line),
    });
    out.stdout(formatReport(report));
    return 0;
  } catch (err) {
    if (err instanceof BuildCancelledError) {
      out.stderr(`compendium build : ${err.message}`);
      return 130;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', cancel);
    process.removeListener('SIGTERM', cancel);
  }
}
