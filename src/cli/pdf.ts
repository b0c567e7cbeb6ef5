/**
 * `compendium pdf [--edition 2025] [--territoire <id> | --theme <id>] [--sortie dossier] [--traits-de-coupe] [--strict] [dossier]`:
 * renders the PDFs of one edition, or a booklet of one territory or theme for an event held
 * there — same layout, its own cover, contents and page numbers. Written under the output
 * folder (`_site/pdf/`, `_site/livrets/`), never loose in the project, and checked like the
 * build's (src/build/output-path.ts) before anything is written.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DiskFullError, isDiskFull } from '../build/disk-full.ts';
import { checkOutputPath, markOutput } from '../build/output-path.ts';
import { PrintCancelledError } from '../print/errors.ts';
import { loadCompendium, formatFinding } from '../data/index.ts';
import { publishedPart } from '../edition/drafts.ts';
import { formatBrowser, formatBytes, formatSeconds } from '../build/report.ts';
import { publishable } from '../edition/publishable.ts';
import { dataFolder, parse, UsageError } from './args.ts';
import type { Output } from './output.ts';
import { listenForInterrupt } from './signals.ts';
import { TIERS, type Compendium } from '../model.ts';
import { errorCount } from '../plural.ts';

const ids = (list: readonly string[]): string => list.map((id) => `«\u00A0${id}\u00A0»`).join(', ') || 'aucun';

/**
 * A year, territory or theme that the data does not have is a typing slip on the command
 * line (exit 2, the valid values listed), found before any output folder or browser.
 */
function checkSubject(c: Compendium, year: number | undefined, territory: string | undefined, theme: string | undefined): void {
  const ed = c.editions.find((e) => e.annee === year);
  if (!ed) throw new UsageError(`édition ${year ?? ''} introuvable (éditions\u00A0: ${c.editions.map((e) => e.annee).join(', ') || 'aucune'})`);
  const territories = ed.territoires.map((t) => t.territoire);
  if (territory !== undefined && !territories.includes(territory)) {
    throw new UsageError(`territoire inconnu «\u00A0${territory}\u00A0» pour l’édition ${ed.annee}. Identifiants possibles\u00A0: ${ids(territories)}`);
  }
  const themes = c.themes.map((t) => t.id);
  if (theme !== undefined && !themes.includes(theme)) throw new UsageError(`thème inconnu «\u00A0${theme}\u00A0». Identifiants possibles\u00A0: ${ids(themes)}`);
  if (theme !== undefined) {
    // A theme no laureate of the edition has would make an empty booklet: name those that would not.
    const placed = new Set(ed.territoires.flatMap((t) => TIERS.flatMap((tier) => t[tier] ?? [])));
    const used = themes.filter((id) => c.projets.some((p) => placed.has(p.id) && p.themes?.includes(id)));
    if (!used.includes(theme)) throw new UsageError(`aucun lauréat de l’édition ${ed.annee} pour le thème «\u00A0${theme}\u00A0»\u00A0: le livret serait vide. Thèmes qui ont des lauréats\u00A0: ${ids(used)}`);
  }
}

export async function pdfCommand(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    edition: { type: 'string' },
    territoire: { type: 'string' },
    theme: { type: 'string' },
    sortie: { type: 'string' },
    strict: { type: 'boolean' },
    'traits-de-coupe': { type: 'boolean' },
  });
  if (values.territoire && values.theme) throw new UsageError('choisissez --territoire ou --theme, pas les deux');
  const edition = values.edition === undefined ? undefined : Number(values.edition);
  if (edition !== undefined && !Number.isInteger(edition)) throw new UsageError('--edition attend une année, par exemple 2025');
  const dataDir = dataFolder(positionals);
  const booklet = values.territoire !== undefined || values.theme !== undefined;
  const outDir = await checkOutputPath((values.sortie as string | undefined) ?? join('_site', booklet ? 'livrets' : 'pdf'), { dataDir });
  const loaded = await loadCompendium(dataDir, { strict: values.strict === true });
  // A draft's errors block only that draft's PDF (edition/drafts.ts).
  const part = publishedPart(loaded);
  const refused = part.compendium ? part.leftOut.find((d) => d.annee === edition)?.errors : part.blocking;
  if (refused) {
    for (const f of refused) out.stderr(formatFinding(f));
    out.stderr(`\nPDF non produit : ${errorCount(refused.length)} dans les données.`);
    return 1;
  }
  const data = { compendium: part.compendium };
  // By default the edition readers have: the latest one not in preparation.
  const published = publishable(data.compendium!).editions;
  const year = edition ?? (published.at(-1) ?? data.compendium!.editions.at(-1))?.annee;
  checkSubject(data.compendium!, year, values.territoire as string | undefined, values.theme as string | undefined);
  const interrupt = listenForInterrupt(out, 'Interruption demandée\u00A0: arrêt de la production des PDF…');
  try {
    await mkdir(outDir, { recursive: true });
    await markOutput(outDir);
    const { buildPrint } = await import('../print/build.ts');
    const result = await buildPrint({
      dataDir,
      compendium: data.compendium!,
      edition: year,
      outDir,
      territory: values.territoire as string | undefined,
      theme: values.theme as string | undefined,
      strict: values.strict === true,
      ...(values['traits-de-coupe'] ? { cropMarks: true } : {}),
      signal: interrupt.signal,
      onProgress: (line) => out.stderr(line),
    });
    out.stdout(`${result.title} : ${result.pageCount} pages en ${formatSeconds(result.timings.total)}`);
    out.stdout(`  écran : ${result.screen.path} (${formatBytes(result.screen.bytes)})`);
    out.stdout(`  impression : ${result.print.path} (${formatBytes(result.print.bytes)})`);
    if (result.pdfx) out.stdout(`  PDF/X-3 : ${result.pdfx.path} (${formatBytes(result.pdfx.bytes)}, contrôle avant impression conforme)`);
    out.stdout(`  couverture : ${result.cover.path} (${formatBytes(result.cover.bytes)})`);
    if (result.pdfxSkipped) out.stdout(`  ${result.pdfxSkipped}`);
    if (result.browser) out.stdout(`  navigateur : ${formatBrowser(result.browser)}`);
    for (const f of result.findings) out.stdout(`  Mise en page : ${f.message}`);
    return 0;
  } catch (err) {
    const code = interrupt.exitCode();
    if (code !== undefined || err instanceof PrintCancelledError) {
      out.stderr('compendium pdf : production interrompue\u00A0; aucun PDF inachevé n’a été laissé.');
      return code ?? 130;
    }
    if (isDiskFull(err)) throw new DiskFullError('PDF', 'aucun PDF inachevé n’a été laissé.', { cause: err });
    throw err;
  } finally {
    interrupt.dispose();
  }
}
