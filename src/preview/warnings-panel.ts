/**
 * The panel the preview adds to each page of the site while the data has warnings: the site
 * still builds, but the editor should look (what `compendium validate` prints). In the page's
 * flow at the top, closed by default, so it never covers the content; a labelled landmark
 * (<aside>) with a heading, opened from the keyboard with its <summary>. Its styles are a file
 * (PANEL_CSS_URL), since the site's Content-Security-Policy forbids inline styles.
 */
import { formatFinding, location, type Finding, type LoadResult } from '../data/index.ts';
import { readBaseline, splitInherited } from '../edition/baseline.ts';

export const PANEL_CSS_URL = '/__apercu/avertissements.css';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The warnings as the panel lists them. While a draft is prepared, those already present in the
 * published edition when the draft was made (editions/<année>/avertissements-herites.txt) come
 * after the new ones, folded, with their count: as `compendium validate` shows them, so that
 * what the editor just broke is at the top, and nothing is hidden.
 */
export interface PanelWarnings {
  fresh: readonly Finding[];
  inherited: readonly Finding[];
  /** The edition the inherited warnings come from. */
  from?: number;
}

export async function panelWarnings(loaded: Pick<LoadResult, 'warnings' | 'summary'>, dataDir: string): Promise<PanelWarnings> {
  const draft = loaded.summary.editions.filter((e) => e.brouillon).at(-1)?.annee;
  const baseline = draft === undefined ? undefined : await readBaseline(dataDir, draft);
  if (!baseline || draft === undefined) return { fresh: loaded.warnings, inherited: [] };
  return { ...splitInherited(loaded.warnings, baseline, dataDir, draft), ...(baseline.from ? { from: baseline.from } : {}) };
}

const count = (n: number): string => `${n.toLocaleString('fr-FR')} avertissement${n > 1 ? 's' : ''}`;

/**
 * The panel of each list of warnings, made once: every page served with the same list (the
 * builder keeps one per load) gets the same panel, which at 1 000 projects (400 warnings)
 * took 15 ms to write out per page.
 */
const panels = new WeakMap<readonly Finding[], string>();

/** The panel's HTML, or '' when there is no warning. */
export function warningsPanel(warnings: readonly Finding[] | PanelWarnings): string {
  const key = 'fresh' in warnings ? warnings.fresh : warnings;
  let panel = panels.get(key);
  if (panel === undefined) panels.set(key, (panel = panelOf('fresh' in warnings ? warnings : { fresh: warnings, inherited: [] })));
  return panel;
}

const itemsOf = (warnings: readonly Finding[]): string => warnings.map((f) => `<li><p class="apercu-avertissements__ou">${escape(location(f))}</p><pre>${escape(formatFinding(f))}</pre></li>`).join('\n');

function panelOf({ fresh, inherited, from }: PanelWarnings): string {
  const total = fresh.length + inherited.length;
  if (total === 0) return '';
  // French typography in the page: a no-break space before « : ».
  const nb = '\u00A0';
  const where = `l’édition ${from ?? 'publiée'}`;
  const older = inherited.length
    ? `<details class="apercu-avertissements__herites">
<summary>${count(inherited.length)} ${inherited.length > 1 ? 'étaient déjà présents' : 'était déjà présent'} dans ${where}${nb}: ${inherited.length > 1 ? 'les voir' : 'le voir'}</summary>
<ol tabindex="0" aria-label="Avertissements déjà présents dans ${where}">
${itemsOf(inherited)}
</ol>
</details>`
    : '';
  const title = inherited.length ? `${fresh.length ? count(fresh.length).replace(/^(\S+) /, `$1 nouve${fresh.length > 1 ? 'aux' : 'l'} `) : 'aucun nouvel avertissement'} (${total.toLocaleString('fr-FR')} en tout)` : `${count(total)} dans les données`;
  const list = fresh.length
    ? `<ol tabindex="0" aria-label="${inherited.length ? 'Nouveaux avertissements' : 'Liste des avertissements'}">
${itemsOf(fresh)}
</ol>`
    : '<p>Aucun nouvel avertissement depuis la création de cette édition.</p>';
  return `<aside class="apercu-avertissements" aria-labelledby="apercu-avertissements-titre" data-apercu-avertissements="${total}">
<details>
<summary><h2 id="apercu-avertissements-titre">Aperçu${nb}: ${title}</h2></summary>
<p>Le site est construit, mais ${total > 1 ? 'ces points méritent' : 'ce point mérite'} votre attention (la commande « compendium validate » affiche la même liste). Corrigez le fichier et enregistrez-le${nb}: la page se rechargera toute seule.</p>
${list}
${older}
</details>
</aside>`;
}

/** Adds the panel (and its stylesheet) to a page of the site, at the top of its <body>. */
export function withWarningsPanel(html: string, warnings: readonly Finding[] | PanelWarnings): string {
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
.apercu-avertissements__herites { margin: 0.5rem 0; }
.apercu-avertissements ol:focus-visible { outline: 3px solid #1d1d1b; outline-offset: 2px; }
`;
