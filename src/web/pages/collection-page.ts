// Owns a collection's page: its datasets (a dataset gone from the catalogue stays as a tombstone,
// with its title and DOI), the time span and area they cover together, its exports (DCAT-AP, CSV,
// BibTeX) and the deployment's "open with" services; for those who may edit it, its settings,
// share link and removal. Private ones answer "not found" to others.
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import { hrefOf, type PageContext } from '../page-context.js';
import { actionHref, formFields } from '../components/csrf-field.js';
import { placeMap } from '../components/place-map.js';

const collectionQuery = `query Collection($id: ID!, $share: String, $lang: Lang) {
  collection(id: $id, shareToken: $share) {
    id title description visibility official canEdit shareToken ownerName itemCount modifiedAt
    coverage { start end west south east north }
    items(first: 1000) { iri title doi addedAt resource { iri kind title(lang: $lang) } }
  }
}`;

interface CollectionData {
  collection: null | {
    id: string;
    title: string;
    description: string;
    visibility: 'private' | 'link' | 'public';
    official: boolean;
    canEdit: boolean;
    shareToken: string | null;
    ownerName: string | null;
    itemCount: number;
    modifiedAt: string;
    coverage: { start: string | null; end: string | null; west: number | null; south: number | null; east: number | null; north: number | null };
    items: Array<{ iri: string; title: string; doi: string | null; addedAt: string; resource: { iri: string; kind: string; title: string | null } | null }>;
  };
}

export async function collectionPage(page: PageContext, id: string, share: string, openWith: Array<{ name: string; template: string }>): Promise<{ title: string; main: Html } | null> {
  const { collection: k } = await page.query<CollectionData>(collectionQuery, { id, share: share || null, lang: page.lang });
  if (!k) return null;
  const shareParam = share && k.visibility === 'link' ? share : undefined;
  const exportHref = (format: string) => hrefOf(`/collections/${encodeURIComponent(k.id)}/export`, { format, share: shareParam });
  const origin = page.url.origin;
  const shareUrl = k.shareToken ? `${origin}${page.href('collection', { id: k.id, partage: k.shareToken })}` : null;
  const { coverage } = k;
  const area = coverage.west !== null && coverage.south !== null && coverage.east !== null && coverage.north !== null ? { west: coverage.west, south: coverage.south, east: coverage.east, north: coverage.north } : null;
  const idField = html`<input type="hidden" name="id" value="${k.id}" />`;
  return {
    title: k.title,
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="${page.t('breadcrumb')}"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li>${k.canEdit ? html`<li><a class="fr-breadcrumb__link" href="${page.href('space')}">${page.t('personalSpace')}</a></li>` : ''}<li><a class="fr-breadcrumb__link" aria-current="page">${k.title}</a></li></ol></nav>
      <p><span class="fr-badge">${page.t(`visibility_${k.visibility}` as MessageKey)}</span> ${k.official ? html`<span class="fr-badge fr-badge--green-emeraude">${page.t('officialCollections')}</span>` : ''}</p>
      <h1>${k.title}</h1>
      ${k.description ? html`<p>${k.description}</p>` : ''}
      ${k.ownerName ? html`<p class="fr-text--sm">${k.ownerName}</p>` : ''}
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <h2>${page.t('collectionItems', { n: k.itemCount })}</h2>
          ${k.items.length === 0
            ? html`<p>${page.t('noItems')}</p>`
            : html`<ul>${k.items.map(
                (i) => html`<li class="fr-mb-1w">${i.resource ? html`<a href="${page.href('resource', { iri: i.iri })}">${i.resource.title ?? i.title}</a>` : html`<span>${i.title}</span> <span class="fr-badge fr-badge--sm fr-badge--warning">${page.t('tombstone')}</span>`}
                  ${i.doi ? html` <a class="fr-text--xs" href="https://doi.org/${i.doi}">doi:${i.doi}</a>` : ''}
                  ${k.canEdit ? html`<form class="fr-mt-1v" action="${actionHref(page, 'collection-remove')}" method="post">${formFields(page)}${idField}<input type="hidden" name="resource" value="${i.iri}" /><button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit">${page.t('removeItem')} : ${i.resource?.title ?? i.title}</button></form>` : ''}</li>`,
              )}</ul>`}
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <h2 class="fr-h5">${page.t('coverageTogether')}</h2>
          ${coverage.start || coverage.end ? html`<p>${page.t('timeSpan')} : ${coverage.start?.slice(0, 10) ?? '…'} – ${coverage.end?.slice(0, 10) ?? '…'}</p>` : ''}
          ${area ? placeMap(page, [{ name: k.title, bbox: area }], page.t('coverageTogether')) : ''}
          <h2 class="fr-h5">${page.t('exports')}</h2>
          <ul>
            <li><a href="${exportHref('ttl')}">DCAT-AP (Turtle)</a></li>
            <li><a href="${exportHref('jsonld')}">DCAT-AP (JSON-LD)</a></li>
            <li><a href="${exportHref('csv')}">CSV</a></li>
            <li><a href="${exportHref('bib')}">BibTeX</a></li>
          </ul>
          ${openWith.length > 0 ? html`<h2 class="fr-h5">${page.t('openWith')}</h2><ul>${openWith.map((o) => html`<li><a href="${o.template.replace('{url}', encodeURIComponent(`${origin}${exportHref('ttl')}`))}" rel="noopener">${o.name}</a></li>`)}</ul>` : ''}
        </div>
      </div>
      ${k.canEdit
        ? html`<section class="fr-mt-4w" aria-labelledby="settings-heading">
            <h2 id="settings-heading">${page.t('save')}</h2>
            <form action="${actionHref(page, 'collection-update')}" method="post">
              ${formFields(page)}${idField}
              <div class="fr-input-group"><label class="fr-label" for="collection-title">${page.t('collectionTitle')}</label><input class="fr-input" id="collection-title" name="title" value="${k.title}" maxlength="200" required /></div>
              <div class="fr-input-group"><label class="fr-label" for="collection-description">${page.t('collectionDescription')}</label><textarea class="fr-input" id="collection-description" name="description" maxlength="5000" rows="3">${k.description}</textarea></div>
              ${k.official
                ? ''
                : html`<div class="fr-select-group"><label class="fr-label" for="collection-visibility">${page.t('visibility')}</label><select class="fr-select" id="collection-visibility" name="visibility">${(['private', 'link', 'public'] as const).map((v) => html`<option value="${v}" ${v === k.visibility ? 'selected' : ''}>${page.t(`visibility_${v}`)}</option>`)}</select></div>`}
              <button class="fr-btn" type="submit">${page.t('save')}</button>
            </form>
            ${shareUrl
              ? html`<div class="fr-input-group fr-mt-3w"><label class="fr-label" for="share-url">${page.t('shareLink')}</label><input class="fr-input" id="share-url" value="${shareUrl}" readonly /></div>
                  <form action="${actionHref(page, 'collection-renew')}" method="post">${formFields(page)}${idField}<button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">${page.t('renewLink')}</button></form>`
              : ''}
            <form class="fr-mt-3w" action="${actionHref(page, 'collection-delete')}" method="post">${formFields(page)}${idField}<button class="fr-btn fr-btn--tertiary" type="submit">${page.t('deleteCollection')}</button></form>
          </section>`
        : ''}`,
  };
}
