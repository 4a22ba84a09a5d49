// Owns the design system's tabs (fr-tabs): one panel shown, the others a click or an arrow key away
// (the design system's script). Without that script every panel is shown, one after the other
// (catalogue.css, keyed on the class autocomplete.js puts on <html>), so nothing is out of reach.
import { html } from 'hono/html';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';

export interface Tab {
  id: string;
  label: string;
  panel: Html;
}

export function tabs(page: PageContext, id: string, list: Tab[]) {
  return html`<div class="fr-tabs">
    <ul class="fr-tabs__list" role="tablist" aria-label="${page.t('tabsLabel')}">
      ${list.map((tab, i) => html`<li role="presentation"><button type="button" id="${id}-${tab.id}" class="fr-tabs__tab" tabindex="${i === 0 ? '0' : '-1'}" role="tab" aria-selected="${i === 0 ? 'true' : 'false'}" aria-controls="${id}-${tab.id}-panel">${tab.label}</button></li>`)}
    </ul>
    ${list.map((tab, i) => html`<div id="${id}-${tab.id}-panel" class="fr-tabs__panel${i === 0 ? ' fr-tabs__panel--selected' : ''}" role="tabpanel" aria-labelledby="${id}-${tab.id}" tabindex="0">${tab.panel}</div>`)}
  </div>`;
}
