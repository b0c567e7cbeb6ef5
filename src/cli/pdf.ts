/**
 * `compendium pdf [--edition 2025] [--territoire <id> | --theme <id>] [--sortie dossier] [--traits-de-coupe] [--strict] [dossier]`:
 * renders the PDFs of one edition, or a booklet of one territory or theme for an event held
 * there — same layout, its own cover, contents and page numbers. Written under the output
 * folder (`_site/pdf/`, `_site/livrets/`), never loose in the project, and checked like the
 * build's (src/build/output-path.ts) before anything is written. A draft edition's PDFs go to
 * `_brouillons/<année>/` instead (pdfOutputDir): `_site/` is what editors copy to the web host
 * and what `build` replaces whole, so a « Brouillon – ne pas diffuser » PDF there could be
 * published, or silently lost.
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
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

/** A path as the editor typed paths: relative to the current folder when inside it. */
const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

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

/** Where draft PDFs go by default: beside `_site/`, git-ignored, never published nor replaced by `build`. */
export const DRAFTS_FOLDER = '_brouillons';

/**
 * The default output folder of `compendium pdf`: a draft's own folder under DRAFTS_FOLDER, or the
 * site's `pdf/` and `livrets/` for a published edition (where `build` puts them too). `--sortie` wins.
 */
export function pdfOutputDir(o: { year: number | undefined; draft: boolean; booklet: boolean; sortie?: string | undefined }): string {
  if (o.sortie !== undefined) return o.sortie;
  if (o.draft) return join(DRAFTS_FOLDER, String(o.year), ...(o.booklet ? ['livrets'] : []));
  return join('_site', o.booklet ? 'livrets' : 'pdf');
}

/** The refusal of a PDF whose data has errors: a draft's are the draft's own, and `validate` lists them. */
export function refusalMessage(count: number, draft: number | undefined): string {
  const n = errorCount(count);
  const lists = count > 1 ? 'les liste avec leur correction' : 'la montre avec sa correction';
  if (draft === undefined) return `PDF non produit\u00A0: ${n} dans les données. «\u00A0npm run validate\u00A0» ${lists}.`;
  return `PDF non produit\u00A0: ${n} dans les données du brouillon ${draft} (ci-dessus). «\u00A0npm run validate\u00A0» ${lists}\u00A0; les éditions publiées n’en sont pas affectées et restent constructibles.`;
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
  // A wrong --sortie is refused before the data is read, as in `build`.
  const chosen = values.sortie === undefined ? undefined : await checkOutputPath(values.sortie as string, { dataDir });
  const loaded = await loadCompendium(dataDir, { strict: values.strict === true });
  // A draft's errors block only that draft's PDF (edition/drafts.ts).
  const part = publishedPart(loaded);
  const refused = part.compendium ? part.leftOut.find((d) => d.annee === edition)?.errors : part.blocking;
  if (refused) {
    for (const f of refused) out.stderr(formatFinding(f));
    out.stderr(`\n${refusalMessage(refused.length, part.compendium ? edition : undefined)}`);
    return 1;
  }
  const data = { compendium: part.compendium };
  // By default the edition readers have: the latest one not in preparation.
  const published = publishable(data.compendium!).editions;
  const year = edition ?? (published.at(-1) ?? data.compendium!.editions.at(-1))?.annee;
  checkSubject(data.compendium!, year, values.territoire as string | undefined, values.theme as string | undefined);
  const draft = data.compendium!.editions.find((e) => e.annee === year)?.brouillon === true;
  const outDir = chosen ?? (await checkOutputPath(pdfOutputDir({ year, draft, booklet }), { dataDir }));
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
    if (draft) out.stdout(`Brouillon ${year}\u00A0: PDF rangés dans ${shown(outDir)}, hors du site (jamais publiés ni effacés par «\u00A0build\u00A0»). Ne les diffusez pas.`);
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
