// Owns a resource's page (a dataset above all): what it is, its themes and FAIR scores, the way to
// its data in the source repository (step 2 of the two-step search), and everything linked to it
// (publications, code, services, organisations, projects, people), with its metadata in RDF.
import { html, raw } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { fairPercent } from '../components/result-list.js';
import { safeLink } from '../components/safe-link.js';

const resourceQuery = `query Resource($iri: String!, $lang: Lang) {
  resource(iri: $iri) {
    iri kind title(lang: $lang) description(lang: $lang) keywords(lang: $lang) identifiers landingPage issued licence accessRights sources
    themes(first: 20) { iri label(lang: $lang) }
    creators(first: 30) { iri title(lang: $lang) }
    publisher { iri title(lang: $lang) }
    quality { F A I R }
    linkedResources(first: 100) { relation relationType direction source resource { iri kind title(lang: $lang) } }
  }
}`;

interface ResourceData {
  resource: null | {
    iri: string;
    kind: string;
    title: string | null;
    description: string | null;
    keywords: string[];
    identifiers: string[];
    landingPage: string | null;
    issued: string | null;
    licence: string | null;
    accessRights: string | null;
    sources: string[];
    themes: Array<{ iri: string; label: string | null }>;
    creators: Array<{ iri: string; title: string | null }>;
    publisher: { iri: string; title: string | null } | null;
    quality: { F: number | null; A: number | null; I: number | null; R: number | null } | null;
    linkedResources: Array<{ relation: string; relationType: string | null; direction: string; source: string | null; resource: { iri: string; kind: string; title: string | null } }>;
  };
}

const kindsShown = ['publication', 'software', 'service', 'dataset', 'organisation', 'project', 'person', 'other'];
const formats: Array<[string, string]> = [['ttl', 'Turtle'], ['jsonld', 'JSON-LD'], ['rdf', 'RDF/XML'], ['nt', 'N-Triples']];

export async function resourcePage(page: PageContext, iri: string): Promise<{ title: string; main: Html; head: Html } | null> {
  const { resource } = await page.query<ResourceData>(resourceQuery, { iri, lang: page.lang });
  if (!resource) return null;
  const title = resource.title ?? resource.iri;
  const fair = fairPercent(resource.quality);
  const linkedByKind = kindsShown.map((kind) => ({ kind, links: resource.linkedResources.filter((l) => l.resource.kind === kind) })).filter((g) => g.links.length > 0);
  const local = resource.iri.startsWith(page.iriBase) ? `/${resource.iri.slice(page.iriBase.length)}` : null;
  const fact = (label: MessageKey, value: Html | string | null) => (value ? html`<dt class="fr-text--bold">${page.t(label)}</dt><dd class="fr-mb-2w">${value}</dd>` : '');
  return {
    title,
    head: local ? html`<link rel="alternate" type="text/turtle" href="${local}?format=ttl" />` : html``,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="fil d’Ariane"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${title}</a></li></ol></nav>
      <p class="fr-badge fr-badge--blue-ecume">${page.t(`kind_${resource.kind}` as MessageKey)}</p>
      <h1 class="fr-mt-1w">${title}</h1>
      ${resource.landingPage && safeLink(resource.landingPage) ? html`<p><a class="fr-btn fr-icon-external-link-line fr-btn--icon-right" href="${safeLink(resource.landingPage)}" rel="noopener">${page.t('accessData')}</a></p>` : ''}
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <h2>${page.t('description')}</h2>
          ${resource.description ? html`<p>${resource.description}</p>` : html`<p><em>${page.t('noDescription')}</em></p>`}
          ${resource.themes.length > 0 ? html`<h2>${page.t('themes')}</h2><ul class="fr-tags-group">${resource.themes.map((t) => html`<li><a class="fr-tag" href="${page.href('theme', { iri: t.iri })}">${t.label ?? t.iri}</a></li>`)}</ul>` : ''}
          ${resource.keywords.length > 0 ? html`<h2>${page.t('keywords')}</h2><ul class="fr-tags-group">${resource.keywords.map((k) => html`<li><a class="fr-tag" href="${page.href('search', { q: k })}">${k}</a></li>`)}</ul>` : ''}
          <h2 id="linked">${page.t('linkedHeading')}</h2>
          ${linkedByKind.length === 0
            ? html`<p>${page.t('noLinked')}</p>`
            : linkedByKind.map(
                (group) => html`<h3 class="fr-h5">${page.t(`linked_${group.kind}` as MessageKey)}</h3>
                  <ul>${group.links.map((l) => html`<li><a href="${page.href('resource', { iri: l.resource.iri })}">${l.resource.title ?? l.resource.iri}</a> <span class="fr-text--xs">(${l.relationType ?? l.relation.replace(/^.*[/#]/, '')}${l.source ? `, ${l.source}` : ''})</span></li>`)}</ul>`,
              )}
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <dl>
            ${fact('issued', resource.issued?.slice(0, 10) ?? null)}
            ${fact('publisher', resource.publisher ? html`<a href="${page.href('resource', { iri: resource.publisher.iri })}">${resource.publisher.title ?? resource.publisher.iri}</a>` : null)}
            ${fact('creators', resource.creators.length > 0 ? html`${resource.creators.map((c, i) => html`${i > 0 ? ', ' : ''}<a href="${page.href('resource', { iri: c.iri })}">${c.title ?? c.iri}</a>`)}` : null)}
            ${fact('licence', resource.licence ? (safeLink(resource.licence) ? html`<a href="${safeLink(resource.licence)}">${resource.licence.replace(/^.*\//, '')}</a>` : resource.licence) : null)}
            ${fact('accessRights', resource.accessRights?.replace(/^.*\//, '') ?? null)}
            ${fact('identifiers', resource.identifiers.length > 0 ? html`${resource.identifiers.map((id) => html`<code>${id}</code> `)}` : null)}
            ${fact('sources', resource.sources.join(', ') || null)}
          </dl>
          ${fair !== null
            ? html`<h2 class="fr-h5">${page.t('fairScore')} : ${fair} %</h2>
              <ul>${(['F', 'A', 'I', 'R'] as const).map((p) => html`<li>${page.t(`fair_${p}`)} : ${resource.quality![p] === null ? '—' : `${Math.round(resource.quality![p]! * 100)} %`}</li>`)}</ul>`
            : ''}
          ${local ? html`<h2 class="fr-h5">${page.t('formats')}</h2><ul>${formats.map(([format, name]) => html`<li><a href="${local}?format=${format}">${name}</a></li>`)}</ul>` : ''}
        </div>
      </div>
      ${raw('')}`,
  };
}
