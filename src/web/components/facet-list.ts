// Owns the facets beside the results: one group of checkboxes per facet, with counts (themes as a
// tree under their broader themes), and the time range the data covers, in a GET form that keeps
// the rest of the search (works without JavaScript; the URL holds the whole state).
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';

export type FacetName = 'type' | 'theme' | 'organisation' | 'source' | 'licence' | 'accessRights' | 'language' | 'year';

export interface FacetValue {
  value: string;
  label: string | null;
  count: number;
  /** Themes only: the broader concepts, to nest the facet. */
  concept?: { broader: Array<{ iri: string }> } | null;
}

export interface FacetGroup {
  name: FacetName;
  values: FacetValue[];
  selected: string[];
}

export interface TimeRange {
  from: string;
  to: string;
}

export interface ThemeNode {
  value: FacetValue;
  children: ThemeNode[];
}

/** Theme values nested under the nearest broader theme that is also offered (counts include narrower ones). */
export function themeTree(values: FacetValue[]): ThemeNode[] {
  const offered = new Set(values.map((v) => v.value));
  const parentOf = (v: FacetValue) => v.concept?.broader.map((b) => b.iri).find((iri) => offered.has(iri) && iri !== v.value) ?? null;
  const children = new Map<string, FacetValue[]>();
  for (const value of values) {
    const parent = parentOf(value);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), value]);
  }
  // A concept is nested once; `seen` stops a cycle in a hand-edited thesaurus.
  const seen = new Set<string>();
  const nest = (value: FacetValue): ThemeNode => {
    seen.add(value.value);
    return { value, children: (children.get(value.value) ?? []).filter((c) => !seen.has(c.value)).map(nest) };
  };
  return values.filter((v) => parentOf(v) === null).map(nest);
}

export function facetList(page: PageContext, groups: FacetGroup[], keep: Record<string, string | undefined>, range: TimeRange) {
  const label = (group: FacetGroup, value: FacetValue) =>
    group.name === 'type' ? page.t(`kind_${value.value}` as MessageKey) : (value.label ?? value.value.replace(/^.*[/#]/, ''));
  let n = 0;
  const box = (group: FacetGroup, value: FacetValue): Html => {
    const id = `facet-${group.name}-${n++}`;
    return html`<div class="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id="${id}" name="${group.name}" value="${value.value}" ${group.selected.includes(value.value) ? 'checked' : ''} />
      <label class="fr-label" for="${id}">${label(group, value)} (${value.count})</label>
    </div>`;
  };
  const themeItems = (group: FacetGroup, nodes: ThemeNode[]): Html =>
    html`<ul class="fr-raw-list facet-tree">${nodes.map((node) => html`<li>${box(group, node.value)}${node.children.length > 0 ? themeItems(group, node.children) : ''}</li>`)}</ul>`;
  return html`<form action="${page.href('search')}" method="get" aria-labelledby="facets-heading">
    <h2 id="facets-heading" class="fr-h5">${page.t('filters')}</h2>
    ${Object.entries(keep).map(([name, value]) => (value ? html`<input type="hidden" name="${name}" value="${value}" />` : ''))}
    ${groups
      .filter((group) => group.values.length > 0)
      .map(
        (group) => html`<fieldset class="fr-fieldset" id="facet-${group.name}">
          <legend class="fr-fieldset__legend fr-text--regular">${page.t(`facet_${group.name}` as MessageKey)}</legend>
          ${group.name === 'theme' ? html`<div class="fr-fieldset__element">${themeItems(group, themeTree(group.values))}</div>` : group.values.map((value) => html`<div class="fr-fieldset__element">${box(group, value)}</div>`)}
        </fieldset>`,
      )}
    <fieldset class="fr-fieldset" id="facet-period" aria-describedby="facet-period-hint">
      <legend class="fr-fieldset__legend fr-text--regular">${page.t('facet_period')}</legend>
      <p class="fr-hint-text fr-fieldset__element" id="facet-period-hint">${page.t('periodHint')}</p>
      <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-input-group">
        <label class="fr-label" for="period-from">${page.t('periodStart')}</label>
        <input class="fr-input" id="period-from" name="from" value="${range.from}" inputmode="numeric" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" placeholder="2010" size="10" />
      </div></div>
      <div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-input-group">
        <label class="fr-label" for="period-to">${page.t('periodEnd')}</label>
        <input class="fr-input" id="period-to" name="to" value="${range.to}" inputmode="numeric" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" placeholder="2020" size="10" />
      </div></div>
    </fieldset>
    <button class="fr-btn fr-btn--secondary" type="submit">${page.t('applyFilters')}</button>
  </form>`;
}
