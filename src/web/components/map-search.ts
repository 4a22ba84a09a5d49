// Owns "search on the map": a panel with the area's four coordinates in a GET form (works without
// JavaScript, and by keyboard), which web-assets/map-search.js turns into a Leaflet map where the
// area is drawn with the mouse or taken from the view after panning. The results' own areas are
// drawn on it. Its background is the bundled world outline unless a deployment names a tile server.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';
import { areaText, type Area } from '../../search/search-url.js';

export function mapSearch(page: PageContext, options: { area: Area | null; open: boolean; hidden: Record<string, string | string[] | undefined>; results: Array<{ title: string; box: Area }> }) {
  const area = options.area;
  const field = (name: keyof Area, min: number, max: number) => html`<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-input-group">
      <label class="fr-label" for="area-${name}">${page.t(`area_${name}`)}</label>
      <input class="fr-input" type="number" step="any" min="${min}" max="${max}" id="area-${name}" name="${name}" value="${area ? String(area[name]) : ''}" size="9" required />
    </div></div>`;
  return html`<details class="fr-mb-3w map-search" ${options.open ? 'open' : ''}>
    <summary class="fr-btn fr-btn--secondary fr-icon-map-pin-2-line fr-btn--icon-left">${page.t('mapSearch')}</summary>
    <div class="fr-mt-2w">
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left" id="map-tools" hidden>
        <li><button class="fr-btn fr-btn--secondary fr-icon-edit-line" type="button" id="map-draw" aria-pressed="false">${page.t('mapDraw')}</button></li>
        <li><button class="fr-btn fr-btn--tertiary fr-icon-fullscreen-line" type="button" id="map-view">${page.t('mapUseView')}</button></li>
      </ul>
      <div id="search-map" class="map-search__map" data-lang="${page.lang}" data-tiles="${page.map.tileUrl ?? ''}" data-attribution="${page.map.tileAttribution}" data-area="${area ? areaText(area) : ''}" data-results="${JSON.stringify(options.results)}" hidden></div>
      <p class="fr-hint-text" id="map-search-help" hidden>${page.t('mapHelp')}</p>
      <form action="${page.href('search')}" method="get" class="map-search__form">
        ${Object.entries(options.hidden).flatMap(([name, value]) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => html`<input type="hidden" name="${name}" value="${v}" />`))}
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend fr-text--regular">${page.t('areaLegend')}</legend>
          ${field('west', -180, 180)}${field('south', -90, 90)}${field('east', -180, 180)}${field('north', -90, 90)}
        </fieldset>
        <ul class="fr-btns-group fr-btns-group--inline-sm">
          <li><button class="fr-btn" type="submit">${page.t('areaSubmit')}</button></li>
        </ul>
      </form>
    </div>
  </details>`;
}
