// Owns an organisation's page: what it produced (as publisher, creator, contributor or through its
// members' affiliations), per year, per kind and per repository, each count a link to that search,
// with its recent datasets, publications, software and projects.
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { resultList, type ResultNode } from '../components/result-list.js';
import { safeLink } from '../components/safe-link.js';

const resultFields = 'iri kind title(lang: $lang) issued publisher { title(lang: $lang) } themes(first: 5) { iri label(lang: $lang) } quality { F A I R }';
const organisationQuery = `query Organisation($iri: String!, $lang: Lang) {
  resource(iri: $iri) {
    ... on Organisation {
      iri title(lang: $lang) homepage identifiers
      countsPerYear { value count } countsPerKind { value count } countsPerRepository { value count }
      datasets(first: 10) { ${resultFields} }
      publications(first: 10) { iri title(lang: $lang) }
      software(first: 10) { iri title(lang: $lang) }
      projects(first: 10) { iri title(lang: $lang) }
    }
  }
}`;

type Named = { iri: string; title: string | null };
interface OrganisationData {
  resource: null | {
    iri?: string;
    title: string | null;
    homepage: string | null;
    identifiers: string[];
    countsPerYear: Array<{ value: string; count: number }>;
    countsPerKind: Array<{ value: string; count: number }>;
    countsPerRepository: Array<{ value: string; count: number }>;
    datasets: ResultNode[];
    publications: Named[];
    software: Named[];
    projects: Named[];
  };
}

export async function organisationPage(page: PageContext, iri: string): Promise<{ title: string; main: Html; head: Html } | null> {
  const { resource: org } = await page.query<OrganisationData>(organisationQuery, { iri, lang: page.lang });
  // Another kind of resource answers without the organisation's fields.
  if (!org?.iri) return null;
  const title = org.title ?? org.iri;
  const search = (extra: Record<string, string>) => page.href('search', { organisation: iri, ...extra });
  const most = Math.max(1, ...org.countsPerYear.map((y) => y.count));
  const years = [...org.countsPerYear].sort((a, b) => b.value.localeCompare(a.value));
  const table = (caption: MessageKey, head: string, rows: Array<{ label: string; count: number; href: string; bar?: number }>) =>
    html`<div class="fr-table fr-table--no-caption fr-mb-3w"><table>
      <caption>${page.t(caption)}</caption>
      <thead><tr><th scope="col">${head}</th><th scope="col">${page.t('count')}</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr><td><a href="${row.href}">${row.label}</a></td><td>${row.bar !== undefined ? html`<meter class="count-bar" min="0" max="100" value="${row.bar}" aria-hidden="true"></meter>` : ''}${row.count.toLocaleString(page.lang)}</td></tr>`)}</tbody>
    </table></div>`;
  const named = (list: Named[], heading: MessageKey) =>
    list.length > 0 ? html`<h2 class="fr-h4">${page.t(heading)}</h2><ul>${list.map((r) => html`<li><a href="${page.href('resource', { iri: r.iri })}">${r.title ?? r.iri}</a></li>`)}</ul>` : '';
  return {
    title,
    head: html``,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="${page.t('breadcrumb')}"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${title}</a></li></ol></nav>
      <p class="fr-badge fr-badge--blue-ecume">${page.t('kind_organisation')}</p>
      <h1 class="fr-mt-1w">${title}</h1>
      ${org.homepage && safeLink(org.homepage) ? html`<p><a class="fr-link fr-icon-external-link-line fr-link--icon-right" href="${safeLink(org.homepage)}" rel="noopener">${org.homepage}</a></p>` : ''}
      ${org.identifiers.length > 0 ? html`<p>${org.identifiers.map((id) => html`<code>${id}</code> `)}</p>` : ''}
      <h2>${page.t('orgProduction')}</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">${table('perKind', page.t('facet_type'), org.countsPerKind.map((k) => ({ label: page.t(`kind_${k.value}` as MessageKey), count: k.count, href: search({ type: k.value }) })))}</div>
        <div class="fr-col-12 fr-col-md-4">${table('perRepository', page.t('facet_source'), org.countsPerRepository.map((r) => ({ label: r.value, count: r.count, href: search({ source: r.value }) })))}</div>
        <div class="fr-col-12 fr-col-md-4">${table('perYear', page.t('facet_year'), years.map((y) => ({ label: y.value, count: y.count, href: search({ year: y.value }), bar: Math.round((y.count / most) * 100) })))}</div>
      </div>
      <p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="${search({})}">${page.t('orgSeeAll')}</a></p>
      ${org.datasets.length > 0 ? html`<h2 class="fr-h4">${page.t('orgDatasets')}</h2>${resultList(page, org.datasets)}` : ''}
      ${named(org.publications, 'linked_publication')}
      ${named(org.software, 'linked_software')}
      ${named(org.projects, 'linked_project')}`,
  };
}
