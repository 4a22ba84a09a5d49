// Owns the facets beside the results: one group of checkboxes per facet, with counts, in a GET form
// that keeps the rest of the search (works without JavaScript; the URL holds the whole state).
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';

export interface FacetGroup {
  name: 'type' | 'theme' | 'source' | 'licence' | 'accessRights' | 'language' | 'year';
  values: Array<{ value: string; label: string | null; count: number }>;
  selected: string[];
}

export function facetList(page: PageContext, groups: FacetGroup[], keep: Record<string, string | undefined>) {
  const label = (group: FacetGroup, value: { value: string; label: string | null }) =>
    group.name === 'type' ? page.t(`kind_${value.value}` as MessageKey) : (value.label ?? value.value.replace(/^.*[/#]/, ''));
  return html`<form action="${page.href('search')}" method="get" aria-labelledby="facets-heading">
    <h2 id="facets-heading" class="fr-h5">${page.t('filters')}</h2>
    ${Object.entries(keep).map(([name, value]) => (value ? html`<input type="hidden" name="${name}" value="${value}" />` : ''))}
    ${groups
      .filter((group) => group.values.length > 0)
      .map(
        (group) => html`<fieldset class="fr-fieldset" id="facet-${group.name}">
          <legend class="fr-fieldset__legend fr-text--regular">${page.t(`facet_${group.name}` as MessageKey)}</legend>
          ${group.values.map((value, i) => {
            const id = `facet-${group.name}-${i}`;
            return html`<div class="fr-fieldset__element"><div class="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id="${id}" name="${group.name}" value="${value.value}" ${group.selected.includes(value.value) ? 'checked' : ''} />
              <label class="fr-label" for="${id}">${label(group, value)} (${value.count})</label>
            </div></div>`;
          })}
        </fieldset>`,
      )}
    <button class="fr-btn fr-btn--secondary" type="submit">${page.t('applyFilters')}</button>
  </form>`;
}
