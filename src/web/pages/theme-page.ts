// Owns a theme's page, which is also the thesaurus browser's concept page (any concept has one):
// its definition, other labels and notation, its broader theme and sub-themes (each a link), its
// mappings to other vocabularies, the repositories that hold its data, and its first resources.
import { html } from 'hono/html';
import { resultList, type ResultNode } from '../components/result-list.js';
import { safeLink } from '../components/safe-link.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';

const themeQuery = `query Theme($iri: String!, $lang: Lang) {
  concept(iri: $iri) { iri label(lang: $lang) definition(lang: $lang) notation schemeTitle(lang: $lang) altLabels(lang: $lang) mappings { relation target }
    broader(first: 5) { iri label(lang: $lang) } narrower(first: 100) { iri label(lang: $lang) } }
  search(filters: { themes: [$iri] }, first: 10, sort: year, lang: $lang) {
    totalCount
    edges { node { iri kind title(lang: $lang) issued publisher { title(lang: $lang) } themes(first: 5) { iri label(lang: $lang) } quality { F A I R } } }
    facets { source(first: 20) { value count } }
  }
}`;

type Named = { iri: string; label: string | null };
interface ThemeData {
  concept: null | (Named & { definition: string | null; notation: string | null; schemeTitle: string | null; altLabels: string[]; mappings: Array<{ relation: string; target: string }>; broader: Named[]; narrower: Named[] });
  search: { totalCount: number; edges: Array<{ node: ResultNode }>; facets: { source: Array<{ value: string; count: number }> } };
}

export async function themePage(page: PageContext, iri: string): Promise<{ title: string; main: Html } | null> {
  const { concept, search } = await page.query<ThemeData>(themeQuery, { iri, lang: page.lang });
  if (!concept) return null;
  const title = concept.label ?? concept.iri;
  const fact = (label: Parameters<PageContext['t']>[0], value: Html | string | null) => (value ? html`<dt class="fr-text--bold">${page.t(label)}</dt><dd class="fr-mb-2w">${value}</dd>` : '');
  return {
    title,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="${page.t('breadcrumb')}"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li><li><a class="fr-breadcrumb__link" href="${page.href('thesaurus')}">${page.t('thesaurusHeading')}</a></li>${concept.broader.map((b) => html`<li><a class="fr-breadcrumb__link" href="${page.href('theme', { iri: b.iri })}">${b.label ?? b.iri}</a></li>`)}<li><a class="fr-breadcrumb__link" aria-current="page">${title}</a></li></ol></nav>
      <h1>${title}</h1>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          ${concept.definition ? html`<h2 class="fr-h5">${page.t('themeDefinition')}</h2><p>${concept.definition}</p>` : ''}
          ${concept.narrower.length > 0 ? html`<h2 class="fr-h5">${page.t('subThemes')}</h2><ul class="fr-tags-group">${concept.narrower.map((n) => html`<li><a class="fr-tag" href="${page.href('theme', { iri: n.iri })}">${n.label ?? n.iri}</a></li>`)}</ul>` : ''}
          ${search.facets.source.length > 0 ? html`<h2 class="fr-h5">${page.t('themeRepositories')}</h2><ul>${search.facets.source.map((s) => html`<li><a href="${page.href('search', { theme: concept.iri, source: s.value })}">${s.value}</a> (${s.count.toLocaleString(page.lang)})</li>`)}</ul>` : ''}
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <dl>
            ${fact('scheme', concept.schemeTitle)}
            ${fact('notation', concept.notation)}
            ${fact('altLabels', concept.altLabels.length > 0 ? concept.altLabels.join(' · ') : null)}
            ${fact('mappings', concept.mappings.length > 0 ? html`<ul class="fr-raw-list">${concept.mappings.map((m) => html`<li><span class="fr-text--xs">${m.relation}</span> ${safeLink(m.target) ? html`<a href="${safeLink(m.target)}" rel="noopener">${m.target}</a>` : m.target}</li>`)}</ul>` : null)}
          </dl>
        </div>
      </div>
      <h2 class="fr-mt-4w">${page.t('themeDatasets')} (${search.totalCount.toLocaleString(page.lang)})</h2>
      ${resultList(page, search.edges.map((e) => e.node))}
      <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${page.href('search', { theme: concept.iri })}">${page.t('seeAll')}</a></p>`,
  };
}
