// Owns the home page's theme tiles: one DSFR tile per theme, with its resource count.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';

export interface ThemeTile {
  iri: string;
  label: string | null;
  count: number;
}

export function themeTiles(page: PageContext, themes: ThemeTile[]) {
  return html`<ul class="fr-grid-row fr-grid-row--gutters fr-raw-list" role="list">
    ${themes.map(
      (theme) => html`<li class="fr-col-12 fr-col-md-6 fr-col-lg-3" role="listitem">
        <div class="fr-tile fr-enlarge-link">
          <div class="fr-tile__body"><div class="fr-tile__content">
            <h3 class="fr-tile__title"><a href="${page.href('theme', { iri: theme.iri })}">${theme.label ?? theme.iri}</a></h3>
            <p class="fr-tile__detail">${page.t('datasetsCount', { n: theme.count.toLocaleString(page.lang) })}</p>
          </div></div>
        </div>
      </li>`,
    )}
  </ul>`;
}
