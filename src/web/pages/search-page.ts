// Owns the search page, where every search ends: the words read as themes, places and periods
// (chips to take each one away), results with facets (the URL holds every choice, so a search can
// be bookmarked and shared), sorting and pages.
import { html } from 'hono/html';
import { facetList, type FacetGroup, type FacetName } from '../components/facet-list.js';
import { mapSearch } from '../components/map-search.js';
import { addToCollectionForm, type OwnCollections } from '../components/add-to-collection.js';
import { actionHref, formFields } from '../components/csrf-field.js';
import { savedSearchQuery } from '../../search/search-url.js';
import type { MessageKey } from '../i18n/index.js';
import { areaText, facetParams, searchRequest, searchSorts } from '../../search/search-url.js';
import { interpretationChips, type ReadInterpretation } from '../components/interpretation-chips.js';
import { resultList, type ResultNode } from '../components/result-list.js';
import { placeMap, type MappedPlace } from '../components/place-map.js';
import { searchForm } from '../components/search-form.js';
import type { Html } from '../layout.js';
import { hrefOf, type PageContext } from '../page-context.js';

const pageSize = 20;
const sorts = searchSorts;
const facetNames: readonly FacetName[] = facetParams;

const searchQuery = `query Search($text: String, $filters: SearchFilters, $sort: SearchSort, $after: String, $lang: Lang) {
  search(text: $text, interpret: true, filters: $filters, sort: $sort, first: ${pageSize}, after: $after, lang: $lang) {
    totalCount
    edges { node { iri kind title(lang: $lang) issued publisher { title(lang: $lang) } themes(first: 5) { iri label(lang: $lang) } quality { F A I R } ... on Dataset { spatialCoverage { west south east north } } } }
    pageInfo { hasNextPage }
    facets { type(first: 10) { value label count } theme(first: 60) { value label count concept { broader(first: 3) { iri } } } organisation(first: 15) { value label count } source(first: 25) { value label count } licence(first: 15) { value label count } accessRights(first: 10) { value label count } language(first: 15) { value label count } year(first: 30) { value label count } }
    interpretation { themes { iri label(lang: $lang) text } places { name text bbox { west south east north } } temporalFrom temporalTo periodTexts remainingText }
  }
  me { collections { id title } }
}`;

interface SearchData {
  me: { collections: OwnCollections } | null;
  search: {
    totalCount: number;
    edges: Array<{ node: ResultNode & { spatialCoverage?: Array<{ west: number; south: number; east: number; north: number }> } }>;
    pageInfo: { hasNextPage: boolean };
    facets: Record<FacetGroup['name'], FacetGroup['values']>;
    interpretation: (ReadInterpretation & { places: MappedPlace[] & ReadInterpretation['places'] }) | null;
  };
}

/** The Relay cursor of the result before `offset` (the API's cursors are offsets). */
const cursorBefore = (offset: number) => (offset <= 0 ? null : Buffer.from(`offset:${offset - 1}`).toString('base64url'));

export async function searchPage(page: PageContext): Promise<{ title: string; main: Html; query: string; head: Html; scripts: string[] }> {
  const { q, selected, sort, pageNumber, filters, from, to, area } = searchRequest(page.url.searchParams);
  const data = await page.query<SearchData>(searchQuery, { text: q || null, filters, sort, after: cursorBefore((pageNumber - 1) * pageSize), lang: page.lang });
  const { search } = data;
  const bbox = area ? areaText(area) : undefined;
  const keep = { q, sort: sort === 'relevance' ? undefined : sort, bbox };
  const range = { from: from || undefined, to: to || undefined };
  const withParams = (changes: Record<string, string | string[] | undefined>) => page.href('search', { q: q || undefined, ...selected, ...range, bbox, sort: keep.sort, ...changes });
  const groups: FacetGroup[] = facetNames.map((name) => ({ name, values: search.facets[name], selected: selected[name] }));
  const feed = hrefOf(`${page.href('search')}.atom`, { q: q || undefined, ...selected, ...range, bbox });
  const mapped = search.edges.flatMap((e) => (e.node.spatialCoverage ?? []).slice(0, 1).map((box) => ({ title: e.node.title ?? e.node.iri, box })));
  return {
    title: q ? `${q} — ${page.t('resultsHeading')}` : page.t('resultsHeading'),
    query: q,
    scripts: ['/static/web/map-search.js'],
    head: html`<link rel="alternate" type="application/atom+xml" title="${page.t('feedLink')}" href="${feed}" />`,
    main: html`<h1>${page.t('resultsHeading')}</h1>
      ${searchForm(page, { id: 'search-page-q', value: q })}
      ${search.interpretation ? interpretationChips(page, q, search.interpretation, (rest) => withParams({ q: rest || undefined, page: undefined })) : ''}
      ${search.interpretation ? placeMap(page, search.interpretation.places) : ''}
      ${area ? html`<ul class="fr-tags-group fr-mb-2w"><li><a class="fr-tag fr-tag--icon-left fr-icon-close-line" href="${withParams({ bbox: undefined, page: undefined })}" aria-label="${page.t('removeFilter', { label: page.t('chipArea', { label: bbox! }) })}">${page.t('chipArea', { label: bbox! })}</a></li></ul>` : ''}
      ${mapSearch(page, { area, open: page.url.searchParams.get('map') === '1' || area !== null, hidden: { q: q || undefined, ...selected, ...range, sort: keep.sort }, results: mapped })}
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">${facetList(page, groups, keep, { from, to })}</div>
        <div class="fr-col-12 fr-col-md-8">
          <div class="fr-grid-row fr-grid-row--middle fr-mb-2w">
            <p class="fr-col fr-mb-0" role="status">${page.t('resultsCount', { n: search.totalCount.toLocaleString(page.lang) })}</p>
            <p class="fr-col-auto fr-mb-0 fr-mr-2w"><a class="fr-link fr-icon-rss-line fr-link--icon-left" href="${feed}">${page.t('feedLink')}</a></p>
            <form class="fr-col-auto" action="${page.href('search')}" method="get">
              ${q ? html`<input type="hidden" name="q" value="${q}" />` : ''}
              ${facetNames.flatMap((name) => selected[name].map((value) => html`<input type="hidden" name="${name}" value="${value}" />`))}
              ${Object.entries({ ...range, bbox }).map(([name, value]) => (value ? html`<input type="hidden" name="${name}" value="${value}" />` : ''))}
              <div class="fr-select-group fr-mb-0">
                <label class="fr-label" for="sort">${page.t('sortLabel')}</label>
                <select class="fr-select" id="sort" name="sort">${sorts.map((s) => html`<option value="${s}" ${s === sort ? 'selected' : ''}>${page.t(`sort_${s}`)}</option>`)}</select>
              </div>
              <button class="fr-btn fr-btn--tertiary fr-btn--sm fr-mt-1w" type="submit">${page.t('sortLabel')}</button>
            </form>
          </div>
          ${page.session
            ? html`<details class="fr-mb-2w"><summary class="fr-link fr-icon-bookmark-line fr-link--icon-left">${page.t('saveSearch')}</summary>
                <form action="${actionHref(page, 'search-save')}" method="post" class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mt-1w">
                  ${formFields(page)}<input type="hidden" name="query" value="${savedSearchQuery(page.url.searchParams)}" />
                  <div class="fr-col-12 fr-col-md-5 fr-input-group fr-mb-0"><label class="fr-label" for="save-search-name">${page.t('searchName')}</label><input class="fr-input" id="save-search-name" name="name" value="${q}" maxlength="200" required /></div>
                  <div class="fr-col-12 fr-col-md-4 fr-select-group fr-mb-0"><label class="fr-label" for="save-search-frequency">${page.t('alertFrequency')}</label><select class="fr-select" id="save-search-frequency" name="frequency">${(['none', 'immediate', 'daily', 'weekly'] as const).map((f) => html`<option value="${f}">${page.t(`frequency_${f}` as MessageKey)}</option>`)}</select></div>
                  <div class="fr-col-12 fr-col-md-3"><button class="fr-btn fr-btn--sm" type="submit">${page.t('save')}</button></div>
                </form></details>`
            : ''}
          ${search.edges.length > 0 ? resultList(page, search.edges.map((e) => e.node), (r) => (r.kind === 'dataset' ? addToCollectionForm(page, data.me?.collections ?? null, r.iri, r.title ?? r.iri) : '')) : html`<p>${page.t('noResults')}</p>`}
          <nav role="navigation" class="fr-pagination" aria-label="${page.t('pageOf', { page: pageNumber })}">
            <ul class="fr-pagination__list">
              ${pageNumber > 1 ? html`<li><a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href="${withParams({ page: String(pageNumber - 1) })}">${page.t('previousPage')}</a></li>` : ''}
              <li><a class="fr-pagination__link" aria-current="page" title="${page.t('pageOf', { page: pageNumber })}">${pageNumber}</a></li>
              ${search.pageInfo.hasNextPage && pageNumber < 500 ? html`<li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="${withParams({ page: String(pageNumber + 1) })}">${page.t('nextPage')}</a></li>` : ''}
            </ul>
          </nav>
        </div>
      </div>`,
  };
}
