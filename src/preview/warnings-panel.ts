/**
 * The panel the preview adds to each page of the site while the data has warnings: the site
 * still builds, but the editor should look (what `compendium validate` prints). In the page's
 * flow at the top, closed by default, so it never covers the content; a labelled landmark
 * (<aside>) with a heading, opened from the keyboard with its <summary>. Its styles are a file
 * (PANEL_CSS_URL), since the site's Content-Security-Policy forbids inline styles.
 */
import { formatFinding, location, type Finding } from '../data/index.ts';

export const PANEL_CSS_URL = '/__apercu/avertissements.css';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const count = (n: number): string => `${n.toLocaleString('fr-FR')} avertissement${n > 1 ? 's' : ''}`;

/**
 * The panel of each list of warnings, made once: every page served with the same list (the
 * builder keeps one per load) gets the same panel, which at 1 000 projects (400 warnings)
 * took 15 ms to write out per page.
 */
const panels = new WeakMap<readonly Finding[], string>();

/** The panel's HTML, or '' when there is no warning. */
export function warningsPanel(warnings: readonly Finding[]): string {
  let panel = panels.get(warnings);
  if (panel === undefined) panels.set(warnings, (panel = panelOf(warnings)));
  return panel;
}

function panelOf(warnings: readonly Finding[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((f) => `<li><p class="apercu-avertissements__ou">${escape(location(f))}</p><pre>${escape(formatFinding(f))}</pre></li>`).join('\n');
  return `<aside class="apercu-avertissements" aria-labelledby="apercu-avertissements-titre" data-apercu-avertissements="${warnings.length}">
<details>
<summary><h2 id="apercu-avertissements-titre">Aperçu : ${count(warnings.length)} dans les données</h2></summary>
<p>Le site est construit, mais ${warnings.length > 1 ? 'ces points méritent' : 'ce point mérite'} votre attention (la commande « compendium validate » affiche la même liste). Corrigez le fichier et enregistrez-le : la page se rechargera toute seule.</p>
<ol tabindex="0" aria-label="Liste des avertissements">
${items}
</ol>
</details>
</aside>`;
}

/** Adds the panel (and its stylesheet) to a page of the site, at the top of its <body>. */
export function withWarningsPanel(html: string, warnings: readonly Finding[]): string {
  const panel = warningsPanel(warnings);
  if (!panel) return html;
  const withCss = html.replace('</head>', `<link rel="stylesheet" href="${PANEL_CSS_URL}"></head>`);
  // After the opening <body …> tag: the skip link, if the site has one, comes right after.
  return withCss.replace(/<body\b[^>]*>/, (body) => `${body}\n${panel}`);
}

export const PANEL_CSS = `.apercu-avertissements { font: 1rem/1.5 system-ui, sans-serif; color: #1d1d1b; background: #fff4d6; border-bottom: 3px solid #8a5a00; padding: 0.25rem 1rem; }
.apercu-avertissements summary { cursor: pointer; }
.apercu-avertissements summary:focus-visible { outline: 3px solid #1d1d1b; outline-offset: 2px; }
.apercu-avertissements h2 { display: inline; font-size: 1rem; margin: 0; color: #5c3c00; }
.apercu-avertissements ol { padding-left: 1.2rem; max-height: 50vh; overflow: auto; }
.apercu-avertissements__ou { font-weight: 700; margin: 0.5rem 0 0; }
.apercu-avertissements pre { background: #fff; padding: 0.5rem; margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid #8a5a00; }
.apercu-avertissements ol:focus-visible { outline: 3px solid #1d1d1b; outline-offset: 2px; }
`;
