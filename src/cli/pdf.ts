/**
 * `compendium pdf [--edition 2025] [--territoire <id> | --theme <id>] [--sortie livrets] [--strict] [dossier]`:
 * renders the PDFs of one edition, or a booklet of one territory or theme for an event held
 * there — same layout, its own cover, contents and page numbers.
 */
import { loadCompendium, formatFinding } from '../data/index.ts';
import { publishedPart } from '../edition/drafts.ts';
import { formatBytes, formatSeconds } from '../build/report.ts';
import { publishable } from '../edition/publishable.ts';
import { parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function pdfCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    edition: { type: 'string' },
    territoire: { type: 'string' },
    theme: { type: 'string' },
    sortie: { type: 'string' },
    strict: { type: 'boolean' },
  });
  if (positionals.length > 1) throw new UsageError('un seul dossier de données à la fois');
  if (values.territoire && values.theme) throw new UsageError('choisissez --territoire ou --theme, pas les deux');
  const edition = values.edition === undefined ? undefined : Number(values.edition);
  if (edition !== undefined && !Number.isInteger(edition)) throw new UsageError('--edition attend une année, par exemple 2025');
  const dataDir = positionals[0] ?? 'data';
  const loaded = await loadCompendium(dataDir, { strict: values.strict === true });
  // A draft's errors block only that draft's PDF (edition/drafts.ts).
  const part = publishedPart(loaded);
  const refused = part.compendium ? part.leftOut.find((d) => d.annee === edition)?.errors : part.blocking;
  if (refused) {
    for (const f of refused) out.stderr(formatFinding(f));
    out.stderr(`\nPDF non produit : ${refused.length} erreur(s) dans les données.`);
    return 1;
  }
  const data = { compendium: part.compendium };
  const booklet = values.territoire !== undefined || values.theme !== undefined;
  // By default the edition readers have: the latest one not in preparation.
  const published = publishable(data.compendium!).editions;
  const year = edition ?? (published.at(-1) ?? data.compendium!.editions.at(-1))?.annee;
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const { buildPrint } = await import('../print/build.ts');
    const result = await buildPrint({
      dataDir,
      compendium: data.compendium!,
      edition: year,
      outDir: (values.sortie as string | undefined) ?? (booklet ? 'livrets' : 'pdf'),
      territory: values.territoire as string | undefined,
      theme: values.theme as string | undefined,
      strict: values.strict === true,
      signal: controller.signal,
      onProgress: (line) => out.stderr(line),
    });
    out.stdout(`${result.title} : ${result.pageCount} pages en ${formatSeconds(result.timings.total)}`);
    out.stdout(`  écran : ${result.screen.path} (${formatBytes(result.screen.bytes)})`);
    out.stdout(`  impression : ${result.print.path} (${formatBytes(result.print.bytes)})`);
    if (result.pdfx) out.stdout(`  PDF/X-3 : ${result.pdfx.path} (${formatBytes(result.pdfx.bytes)})`);
    out.stdout(`  couverture : ${result.cover.path} (${formatBytes(result.cover.bytes)})`);
    if (result.pdfxSkipped) out.stdout(`  ${result.pdfxSkipped}`);
    for (const f of result.findings) out.stdout(`  Mise en page : ${f.message}`);
    return 0;
  } finally {
    process.removeListener('SIGINT', cancel);
    process.removeListener('SIGTERM', cancel);
  }
}
