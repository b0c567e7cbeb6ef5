/** The pages the preview shows instead of the site: while the data has errors, before the first build. */
import type { Finding } from '../data/finding.ts';
import { formatFinding } from '../data/finding.ts';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function errorPage(errors: readonly Finding[], reloadScript: string): string {
  const items = errors
    .map(
      (f) => `<li><p class="where">${escape(`${f.file}${f.line ? `:${f.line}` : ''}${f.column ? `:${f.column}` : ''}`)}</p>
<pre>${escape(formatFinding(f))}</pre></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aperçu impossible : ${errors.length} erreur${errors.length > 1 ? 's' : ''} dans les données</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1b; }
h1 { color: #a4161a; font-size: 1.6rem; }
ol { padding-left: 1.2rem; }
li { margin-bottom: 1.5rem; }
.where { font-weight: 700; margin: 0; }
pre { background: #f6f1ea; padding: 1rem; overflow-x: auto; white-space: pre-wrap; border-left: 4px solid #a4161a; }
</style>
</head>
<body>
<main>
<h1>Aperçu impossible : ${errors.length} erreur${errors.length > 1 ? 's' : ''} dans les données</h1>
<p>Le site n’a pas été reconstruit. Corrigez ${errors.length > 1 ? 'ces erreurs' : 'cette erreur'} et enregistrez le fichier : la page se rechargera toute seule.</p>
<ol>
${items}
</ol>
</main>
${reloadScript}
</body>
</html>
`;
}

/** Shown while the first build runs (the page reloads when it is done). */
export function preparingPage(reloadScript: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Aperçu en préparation</title>
</head>
<body>
<main>
<h1>Aperçu en préparation…</h1>
<p>Le site est en cours de construction : la page s’affichera toute seule dans quelques secondes.</p>
</main>
${reloadScript}
</body>
</html>
`;
}
