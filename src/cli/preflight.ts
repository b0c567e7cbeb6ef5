/**
 * `compendium preflight <fichier.pdf>`: checks a PDF against the PDF/X-3:2002 rules a print
 * shop applies (src/print/pdf/preflight.ts) and prints the French report, page by page.
 * Exit code 0 when the file passes, 1 when it does not (or cannot be read), 2 on wrong usage.
 */
import { access } from 'node:fs/promises';
import { parse, UsageError } from './args.ts';
import type { Output } from './output.ts';

export async function preflightCommand(args: string[], out: Output): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'un seul fichier PDF à la fois' : 'indiquez le fichier PDF à contrôler, par exemple\u00A0: compendium preflight _site/pdf/innovation-sociale-moselle-2025-impression-pdfx3.pdf');
  const file = positionals[0] ?? '';
  if (!(await access(file).then(() => true, () => false))) throw new UsageError(`fichier introuvable «\u00A0${file}\u00A0»`);
  const { formatPreflight, preflight } = await import('../print/pdf/preflight.ts');
  const report = await preflight(file);
  out.stdout(formatPreflight(report));
  return report.passed ? 0 : 1;
}
