// Owns a resource's page (a dataset above all), in tabs: its description (coverage in space and
// time on a small map, licence, access, how to cite, formats, the way to its data in the source
// repository: step 2 of the two-step search), its FAIR score per principle with what to improve,
// and what is linked to it (publications; software and services; organisations, projects and
// people), with schema.org JSON-LD for search engines and its metadata in every RDF format.
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { citationOf, doiOf } from '../components/citation.js';
import { placeMap } from '../components/place-map.js';
import { fairPercent } from '../components/result-list.js';
import { safeLink } from '../components/safe-link.js';
import { schemaOrgScript } from '../components/schema-org-head.js';
import { tabs } from '../components/tabs.js';
import { addToCollectionForm, type OwnCollections } from '../components/add-to-collection.js';
import { actionHref, formFields } from '../components/csrf-field.js';
import { hrefOf } from '../page-context.js';
import { organisationPage } from './organisation-page.js';

const resourceQuery = `query Resource($iri: String!, $lang: Lang) {
  resource(iri: $iri) {
    iri kind title(lang: $lang) description(lang: $lang) keywords(lang: $lang) identifiers landingPage issued licence licenceLabel(lang: $lang) accessRights accessRightsLabel(lang: $lang) sources
    themes(first: 20) { iri label(lang: $lang) }
    creators(first: 30) { iri kind title(lang: $lang) }
    publisher { iri title(lang: $lang) }
    quality { F A I R }
    linkedResources(first: 100) { relation relationType direction source resource { iri kind title(lang: $lang) } }
    ... on Dataset {
      spatialCoverage { west south east north }
      temporalCoverage { start end }
      distributions(first: 20) { iri title format accessURL downloadURL }
    }
  }
  me { role collections { id title } }
  questions(resource: $iri) { id text askedAt author answer answeredAt hidden frequent }
}`;

type Named = { iri: string; title: string | null };
export interface ResourceData {
  iri: string;
  kind: string;
  title: string | null;
  description: string | null;
  keywords: string[];
  identifiers: string[];
  landingPage: string | null;
  issued: string | null;
  licence: string | null;
  licenceLabel: string | null;
  accessRights: string | null;
  accessRightsLabel: string | null;
  sources: string[];
  themes: Array<{ iri: string; label: string | null }>;
  creators: Array<Named & { kind: string }>;
  publisher: Named | null;
  quality: { F: number | null; A: number | null; I: number | null; R: number | null } | null;
  linkedResources: Array<{ relation: string; relationType: string | null; direction: string; source: string | null; resource: Named & { kind: string } }>;
  spatialCoverage?: Array<{ west: number; south: number; east: number; north: number }>;
  temporalCoverage?: Array<{ start: string | null; end: string | null }>;
  distributions?: Array<{ iri: string; title: string | null; format: string | null; accessURL: string | null; downloadURL: string | null }>;
}

const formats: Array<[string, string]> = [['ttl', 'Turtle'], ['jsonld', 'JSON-LD'], ['rdf', 'RDF/XML'], ['nt', 'N-Triples']];
/** Below this score a principle gets its advice. */
const goodScore = 0.8;
const lastPart = (iri: string) => iri.replace(/\/$/, '').replace(/^.*[/#]/, '');

interface QuestionData {
  id: string;
  text: string;
  askedAt: string;
  author: string | null;
  answer: string | null;
  answeredAt: string | null;
  hidden: boolean;
  frequent: boolean;
}

export async function resourcePage(page: PageContext, iri: string): Promise<{ title: string; main: Html; head: Html } | null> {
  const { resource, me, questions } = await page.query<{ resource: ResourceData | null; me: { role: string; collections: OwnCollections } | null; questions: QuestionData[] }>(resourceQuery, { iri, lang: page.lang });
  if (!resource) return null;
  // An organisation's page is what it produced.
  if (resource.kind === 'organisation') return organisationPage(page, resource.iri);
  const title = resource.title ?? resource.iri;
  const local = resource.iri.startsWith(page.iriBase) ? `/${resource.iri.slice(page.iriBase.length)}` : null;
  const link = (r: Named) => html`<a href="${page.href('resource', { iri: r.iri })}">${r.title ?? r.iri}</a>`;
  const linked = (...kinds: string[]) => resource.linkedResources.filter((l) => kinds.includes(l.resource.kind));
  /** Linked resources with how each is linked (a creator or the publisher is listed without). */
  const linkList = (links: Array<{ resource: Named; relation?: string; relationType?: string | null; source?: string | null }>) =>
    links.length === 0
      ? html`<p>${page.t('nothingHere')}</p>`
      : html`<ul>${links.map((l) => html`<li>${link(l.resource)}${l.relation ? html` <span class="fr-text--xs">(${l.relationType ?? lastPart(l.relation)}${l.source ? `, ${l.source}` : ''})</span>` : ''}</li>`)}</ul>`;
  const fact = (label: MessageKey, value: Html | string | null) => (value ? html`<dt class="fr-text--bold">${page.t(label)}</dt><dd class="fr-mb-2w">${value}</dd>` : '');
  const doi = doiOf(resource.identifiers);

  const publications = linked('publication');
  const services = linked('software', 'service');
  const organisations = [...(resource.publisher ? [{ resource: resource.publisher }] : []), ...linked('organisation').filter((l) => l.resource.iri !== resource.publisher?.iri)];
  const projects = linked('project');
  const people = [...resource.creators.filter((c) => c.kind === 'person').map((c) => ({ resource: c })), ...linked('person').filter((l) => !resource.creators.some((c) => c.iri === l.resource.iri))];
  const otherLinks = linked('dataset', 'other');
  const periods = (resource.temporalCoverage ?? []).map((p) => [p.start?.slice(0, 10), p.end?.slice(0, 10)].map((d) => d ?? '…').join(' – '));

  const description = html`<h2>${page.t('description')}</h2>
    ${resource.description ? html`<p>${resource.description}</p>` : html`<p><em>${page.t('noDescription')}</em></p>`}
    ${resource.themes.length > 0 ? html`<h3 class="fr-h5">${page.t('themes')}</h3><ul class="fr-tags-group">${resource.themes.map((t) => html`<li><a class="fr-tag" href="${page.href('theme', { iri: t.iri })}">${t.label ?? t.iri}</a></li>`)}</ul>` : ''}
    ${resource.keywords.length > 0 ? html`<h3 class="fr-h5">${page.t('keywords')}</h3><ul class="fr-tags-group">${resource.keywords.map((k) => html`<li><a class="fr-tag" href="${page.href('search', { q: k })}">${k}</a></li>`)}</ul>` : ''}
    ${resource.spatialCoverage && resource.spatialCoverage.length > 0
      ? html`<h3 class="fr-h5">${page.t('spatialCoverage')}</h3>${placeMap(page, resource.spatialCoverage.map((bbox) => ({ name: page.t('coverageMap'), bbox })), page.t('coverageMap'))}`
      : ''}
    ${periods.length > 0 ? html`<h3 class="fr-h5">${page.t('temporalCoverage')}</h3><p>${periods.join(' ; ')}</p>` : ''}
    ${resource.distributions && resource.distributions.length > 0
      ? html`<h3 class="fr-h5">${page.t('distributions')}</h3><ul>${resource.distributions.map((d) => {
          const url = safeLink(d.downloadURL ?? '') ?? safeLink(d.accessURL ?? '');
          const name = d.title ?? (d.format ? lastPart(d.format) : url ? new URL(url).host : lastPart(d.iri));
          return html`<li>${url ? html`<a href="${url}" rel="noopener">${name}</a>` : name}${d.format ? html` <span class="fr-badge fr-badge--sm">${lastPart(d.format)}</span>` : ''} ${d.downloadURL ? `(${page.t('download')})` : ''}</li>`;
        })}</ul>`
      : ''}
    <h3 class="fr-h5">${page.t('howToCite')}</h3>
    <blockquote class="fr-quote fr-mb-2w"><p>${citationOf(resource)}</p></blockquote>
    ${otherLinks.length > 0 ? html`<h3 class="fr-h5">${page.t('linked_dataset')}</h3>${linkList(otherLinks)}` : ''}`;

  const fair = fairPercent(resource.quality);
  const fairPanel = html`<h2>${page.t('fairScore')}${fair !== null ? ` : ${fair} %` : ''}</h2>
    ${resource.quality
      ? html`<ul class="fr-raw-list">${(['F', 'A', 'I', 'R'] as const).map((p) => {
          const score = resource.quality![p];
          return html`<li class="fr-mb-2w"><p class="fr-mb-0"><strong>${page.t(`fair_${p}`)}</strong> : ${score === null ? '—' : `${Math.round(score * 100)} %`}</p>
            <p class="fr-text--sm">${score !== null && score >= goodScore ? page.t('fairAllGood') : html`${page.t('fairImprove')} : ${page.t(`fairAdvice_${p}`)}`}</p></li>`;
        })}</ul>`
      : html`<p>${page.t('nothingHere')}</p>`}`;

  const actors = html`<h2>${page.t('tab_actors')}</h2>
    <h3 class="fr-h5">${page.t('organisations')}</h3>${linkList(organisations)}
    <h3 class="fr-h5">${page.t('projectsPeople')}</h3>${linkList(projects)}
    <h3 class="fr-h5">${page.t('people')}</h3>${linkList(people)}`;

  const curator = me !== null && me.role !== 'user';
  const questionItem = (q: QuestionData) => html`<li class="fr-mb-3w">
      <p class="fr-mb-1v"><strong>${q.text}</strong> ${q.hidden ? html`<span class="fr-badge fr-badge--sm">${page.t('hiddenBadge')}</span>` : ''}</p>
      <p class="fr-text--xs fr-mb-1v">${q.author ?? '—'}, ${q.askedAt.slice(0, 10)}</p>
      ${q.answer ? html`<div class="fr-callout fr-py-2w"><p class="fr-callout__title fr-text--sm">${page.t('answerHeading')}</p><p class="fr-callout__text fr-text--sm">${q.answer}</p></div>` : ''}
      ${curator
        ? html`<form action="${actionHref(page, 'question-moderate')}" method="post" class="fr-mt-1w">
            ${formFields(page)}<input type="hidden" name="id" value="${q.id}" />
            <div class="fr-input-group"><label class="fr-label" for="answer-${q.id}">${page.t('answerLabel')}</label><textarea class="fr-input" id="answer-${q.id}" name="answer" maxlength="5000" rows="2">${q.answer ?? ''}</textarea></div>
            <div class="fr-checkbox-group fr-checkbox-group--sm"><input type="checkbox" id="frequent-${q.id}" name="frequent" ${q.frequent ? 'checked' : ''} /><label class="fr-label" for="frequent-${q.id}">${page.t('markFrequent')}</label></div>
            <div class="fr-checkbox-group fr-checkbox-group--sm fr-mb-1w"><input type="checkbox" id="hidden-${q.id}" name="hidden" ${q.hidden ? 'checked' : ''} /><label class="fr-label" for="hidden-${q.id}">${page.t('hideQuestion')}</label></div>
            <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">${page.t('answerButton')}</button>
          </form>`
        : ''}
    </li>`;
  const frequentQuestions = questions.filter((q) => q.frequent && !q.hidden);
  const questionsPanel = html`<h2>${page.t('faq')}</h2>
    ${frequentQuestions.length > 0 ? html`<ul class="fr-raw-list">${frequentQuestions.map(questionItem)}</ul>` : html`<p>${page.t('noQuestions')}</p>`}
    <h2>${page.t('tab_questions')}</h2>
    ${questions.filter((q) => !q.frequent || q.hidden).length > 0 ? html`<ul class="fr-raw-list">${questions.filter((q) => !q.frequent || q.hidden).map(questionItem)}</ul>` : ''}
    ${page.session
      ? html`<form action="${actionHref(page, 'question-ask')}" method="post" class="fr-mt-2w">
          ${formFields(page)}<input type="hidden" name="resource" value="${resource.iri}" />
          <div class="fr-input-group"><label class="fr-label" for="question-text">${page.t('questionLabel')}</label><textarea class="fr-input" id="question-text" name="text" maxlength="2000" rows="3" required></textarea></div>
          <button class="fr-btn" type="submit">${page.t('ask')}</button>
        </form>`
      : html`<p>${page.signInAvailable ? html`<a href="${hrefOf('/auth/orcid', { return: `${page.url.pathname}${page.url.search}` })}">${page.t('signInToAsk')}</a>` : page.t('signInToAsk')}</p>`}`;
  return {
    title,
    head: html`${local ? html`<link rel="alternate" type="text/turtle" href="${local}?format=ttl" />` : ''}${schemaOrgScript(resource, page.lang)}`,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="${page.t('breadcrumb')}"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${title}</a></li></ol></nav>
      <p class="fr-badge fr-badge--blue-ecume">${page.t(`kind_${resource.kind}` as MessageKey)}</p>
      <h1 class="fr-mt-1w">${title}</h1>
      ${resource.landingPage && safeLink(resource.landingPage) ? html`<p><a class="fr-btn fr-icon-external-link-line fr-btn--icon-right" href="${safeLink(resource.landingPage)}" rel="noopener">${page.t('accessData')}</a></p>` : ''}
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          ${tabs(page, 'resource-tabs', [
            { id: 'description', label: page.t('tab_description'), panel: description },
            { id: 'fair', label: page.t('tab_fair'), panel: fairPanel },
            { id: 'publications', label: `${page.t('tab_publications')} (${publications.length})`, panel: html`<h2>${page.t('linked_publication')}</h2>${linkList(publications)}` },
            { id: 'services', label: `${page.t('tab_services')} (${services.length})`, panel: html`<h2>${page.t('tab_services')}</h2>${linkList(services)}` },
            { id: 'actors', label: `${page.t('tab_actors')} (${organisations.length + projects.length + people.length})`, panel: actors },
            { id: 'questions', label: `${page.t('tab_questions')} (${questions.filter((q) => !q.hidden).length})`, panel: questionsPanel },
          ])}
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <dl>
            ${fact('issued', resource.issued?.slice(0, 10) ?? null)}
            ${fact('publisher', resource.publisher ? link(resource.publisher) : null)}
            ${fact('creators', resource.creators.length > 0 ? html`${resource.creators.map((c, i) => html`${i > 0 ? ', ' : ''}${link(c)}`)}` : null)}
            ${fact('licence', resource.licence ? (safeLink(resource.licence) ? html`<a href="${safeLink(resource.licence)}">${resource.licenceLabel ?? lastPart(resource.licence)}</a>` : resource.licence) : null)}
            ${fact('accessRights', resource.accessRights ? (resource.accessRightsLabel ?? lastPart(resource.accessRights)) : null)}
            ${fact('identifiers', doi ? html`<a href="https://doi.org/${doi}">doi:${doi}</a>` : resource.identifiers.length > 0 ? html`${resource.identifiers.map((id) => html`<code>${id}</code> `)}` : null)}
            ${fact('sources', resource.sources.join(', ') || null)}
          </dl>
          ${resource.kind === 'dataset' ? addToCollectionForm(page, me?.collections ?? null, resource.iri, title) : ''}
          ${local ? html`<h2 class="fr-h5">${page.t('formats')}</h2><ul>${formats.map(([format, name]) => html`<li><a href="${local}?format=${format}">${name}</a></li>`)}</ul>` : ''}
        </div>
      </div>`,
  };
}
