// Owns the home page: the search box "à la Google", the ways in by map and by thesaurus, the
// Earth-system themes as tiles with their counts, and the catalogue's figures.
import { html } from 'hono/html';
import { themeTiles, type ThemeTile } from '../components/theme-tiles.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { searchForm } from '../components/search-form.js';

const earthSystem = 'https://w3id.org/maillage/thesaurus/earth-system';

const homeQuery = `query Home($lang: Lang) {
  themes(under: "${earthSystem}", first: 20) { concept { iri label(lang: $lang) } count }
  officialCollections(first: 6) { id title description itemCount }
  search(first: 0) { totalCount facets { type(first: 10) { value count } source(first: 1000) { value } organisation(first: 1000) { value } } }
}`;

interface HomeData {
  officialCollections: Array<{ id: string; title: string; description: string; itemCount: number }>;
  themes: Array<{ concept: { iri: string; label: string | null }; count: number }>;
  search: { totalCount: number; facets: { type: Array<{ value: string; count: number }>; source: Array<{ value: string }>; organisation: Array<{ value: string }> } };
}

export async function homePage(page: PageContext): Promise<{ title: string; main: Html }> {
  const data = await page.query<HomeData>(homeQuery, { lang: page.lang });
  const tiles: ThemeTile[] = data.themes.map((t) => ({ iri: t.concept.iri, label: t.concept.label, count: t.count }));
  const datasets = data.search.facets.type.find((f) => f.value === 'dataset')?.count ?? 0;
  const figure = (n: number, label: string) => html`<div class="fr-col-6 fr-col-md-3"><p class="fr-h2 fr-mb-0">${n.toLocaleString(page.lang)}</p><p>${label}</p></div>`;
  const more = (n: number) => (n >= 1000 ? 1000 : n);
  return {
    title: page.t('siteName'),
    main: html`<h1>${page.t('siteTagline')}</h1>
      ${searchForm(page, { id: 'home-search', large: true })}
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li><a class="fr-btn fr-btn--secondary fr-icon-map-pin-2-line" href="${page.href('search', { map: '1' })}">${page.t('mapSearch')}</a></li>
        <li><a class="fr-btn fr-btn--tertiary fr-icon-list-unordered" href="${page.href('thesaurus')}">${page.t('browseThesaurus')}</a></li>
      </ul>
      <section class="fr-mt-6w" aria-labelledby="themes-heading">
        <h2 id="themes-heading">${page.t('themesHeading')}</h2>
        ${themeTiles(page, tiles)}
      </section>
      ${data.officialCollections.length > 0
        ? html`<section class="fr-mt-6w" aria-labelledby="collections-heading">
            <h2 id="collections-heading">${page.t('officialCollections')}</h2>
            <div class="fr-grid-row fr-grid-row--gutters">${data.officialCollections.map(
              (k) => html`<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link"><div class="fr-card__body"><div class="fr-card__content">
                <h3 class="fr-card__title"><a href="${page.href('collection', { id: k.id })}">${k.title}</a></h3>
                <p class="fr-card__desc">${k.description.slice(0, 200)}</p>
                <div class="fr-card__end"><p class="fr-card__detail">${page.t('collectionItems', { n: k.itemCount })}</p></div>
              </div></div></div></div>`,
            )}</div>
          </section>`
        : ''}
      <section class="fr-mt-6w" aria-labelledby="figures-heading">
        <h2 id="figures-heading">${page.t('figures')}</h2>
        <div class="fr-grid-row fr-grid-row--gutters">
          ${figure(datasets, page.t('figureDatasets'))}
          ${figure(data.search.totalCount - datasets, page.t('figureResources'))}
          ${figure(data.search.facets.source.length, page.t('figureRepositories'))}
          ${figure(more(data.search.facets.organisation.length), page.t('figureOrganisations'))}
        </div>
      </section>`,
  };
}
