/**
 * `compendium build [--strict] [--sans-pdf] [--brouillons] [--sortie dossier] [--prefixe /chemin/] [--url https://…] [dossier]`:
 * validates, renders the PDFs, builds the site, and publishes them together into the output
 * folder. Ctrl-C or SIGTERM cancel the build and leave the previous output intact.
 */
import { build, BuildCancelledError } from '../build/pipeline.ts';
import { formatReport } from '../build/report.ts';
import { dataFolder, parse, UsageError } from './args.ts';
import { escapeControls } from '../data/finding.ts';
import type { Output } from './output.ts';
import { listenForInterrupt } from './signals.ts';

export async function buildCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    strict: { type: 'boolean' },
    'sans-pdf': { type: 'boolean' },
    brouillons: { type: 'boolean' },
    sortie: { type: 'string' },
    prefixe: { type: 'string' },
    url: { type: 'string' },
  });
  const dataDir = dataFolder(positionals);
  const siteUrl = values.url === undefined ? undefined : checkSiteUrl(values.url as string);
  const interrupt = listenForInterrupt(out, 'Interruption demandée : arrêt de la construction…');
  // Eleventy copies assets in parallel and does not stop the other copies when one fails (a
  // full disk): they fail later, unhandled, and crashed the process with a stack trace. They
  // are echoes of the failure the build reports (DiskFullError), so they are let go.
  const strays: unknown[] = [];
  const onStray = (reason: unknown): void => void strays.push(reason);
  process.on('unhandledRejection', onStray);
  try {
    const report = await build({
      dataDir,
      outDir: (values.sortie as string | undefined) ?? '_site',
      strict: values.strict === true,
      pdf: values['sans-pdf'] !== true,
      drafts: values.brouillons === true,
      pathPrefix: values.prefixe === undefined ? undefined : checkPathPrefix(values.prefixe as string),
      siteUrl,
      signal: interrupt.signal,
      log: (line) => out.stderr(line),
    });
    out.stdout(formatReport(report));
    return 0;
  } catch (err) {
    if (err instanceof BuildCancelledError) {
      out.stderr(`compendium build : ${err.message}`);
      return interrupt.exitCode() ?? 130;
    }
    throw err;
  } finally {
    interrupt.dispose();
    // Let the echoes of a failure settle before the listener goes.
    setTimeout(() => process.removeListener('unhandledRejection', onStray), 2_000).unref();
  }
}

/**
 * The origin of the published site, for canonical links and the sitemap: an absolute http(s)
 * URL only (`javascript:alert(1)` once went into rel=canonical and og:url).
 */
export function checkSiteUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const plain = url && /^https?:\/\/[^/?#\s]/i.test(text) && !url.username && !url.password && !url.search && !url.hash;
  if (!plain || /[\s"'<>\\`]/.test(text)) {
    throw new UsageError(`--url attend l’adresse complète du site publié, en http ou https, par exemple --url https://www.moselle.fr (reçu\u00A0: «\u00A0${escapeControls(text)}\u00A0»)`);
  }
  return text;
}

/**
 * The sub-path the site is served under: segments of letters, digits, « - », « _ », « . » and
 * « ~ » only (a quote or `//evil.example/` once went into every link and the `_headers` file).
 */
export function checkPathPrefix(text: string): string {
  const segments = text.split('/').filter(Boolean);
  if (!segments.every((s) => /^[A-Za-z0-9._~-]+$/.test(s) && s !== '.' && s !== '..') || /^\/\//.test(text)) {
    throw new UsageError(`--prefixe attend un chemin simple sous lequel le site est publié, par exemple --prefixe /innovation-sociale/ (lettres sans accents, chiffres, « - » et « _ » ; reçu\u00A0: «\u00A0${escapeControls(text)}\u00A0»)`);
  }
  return text;
}
