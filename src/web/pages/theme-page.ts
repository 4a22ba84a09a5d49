// Owns a theme's page (any thesaurus concept): its definition, its broader theme and sub-themes (each
// a link), how many resources it gathers, and the first of them.
import { html } from 'hono/html';
import { resultList, type ResultNode } from '../components/result-list.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';

const themeQuery = `query Theme($iri: String!, $lang: Lang) {
  concept(iri: $iri) { iri label(lang: $lang) definition(lang: $lang) broader(first: 5) { iri label(lang: $lang) } narrower(first: 100) { iri label(lang: $lang) } }
  search(filters: { themes: [$iri] }, first: 10, sort: year, lang: $lang) { totalCount edges { node { iri kind title(lang: $lang) issued themes(first: 5) { iri label(lang: $lang) } quality { F A I R } } } }
}`;

interface ThemeData {
  concept: null | { iri: string; label: string | null; definition: string | null; broader: Array<{ iri: string; label: string | null }>; narrower: Array<{ iri: string; label: string | null }> };
  search: { totalCount: number; edges: Array<{ node: ResultNode }> };
}

export async function themePage(page: PageContext, iri: string): Promise<{ title: string; main: Html } | null> {
  const { concept, search } = await page.query<ThemeData>(themeQuery, { iri, lang: page.lang });
  if (!concept) return null;
  const title = concept.label ?? concept.iri;
  return {
    title,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="fil d’Ariane"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li>${concept.broader.map((b) => html`<li><a class="fr-breadcrumb__link" href="${page.href('theme', { iri: b.iri })}">${b.label ?? b.iri}</a></li>`)}<li><a class="fr-breadcrumb__link" aria-current="page">${title}</a></li></ol></nav>
      <h1>${title}</h1>
      ${concept.definition ? html`<h2 class="fr-h5">${page.t('themeDefinition')}</h2><p>${concept.definition}</p>` : ''}
      ${concept.narrower.length > 0 ? html`<h2 class="fr-h5">${page.t('subThemes')}</h2><ul class="fr-tags-group">${concept.narrower.map((n) => html`<li><a class="fr-tag" href="${page.href('theme', { iri: n.iri })}">${n.label ?? n.iri}</a></li>`)}</ul>` : ''}
      <h2 class="fr-mt-4w">${page.t('themeDatasets')} (${search.totalCount.toLocaleString(page.lang)})</h2>
      ${resultList(page, search.edges.map((e) => e.node))}
      <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${page.href('search', { theme: concept.iri })}">${page.t('seeAll')}</a></p>`,
  };
}
