// Owns the personal space: signed out, the way to sign in with ORCID; signed in, the profile (e-mail
// and language of alerts), the user's collections (and a form for a new one; official ones for
// curators), saved searches with their counts and alerts, and their data (download, delete).
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { Html } from '../layout.js';
import { hrefOf, type PageContext } from '../page-context.js';
import { actionHref, formFields } from '../components/csrf-field.js';

const spaceQuery = `query Space {
  me { orcid name email lang role
    collections { id title visibility official itemCount modifiedAt }
    savedSearches { id name query frequency totalCount newSinceVisit }
  }
}`;

interface SpaceData {
  me: null | {
    orcid: string;
    name: string;
    email: string | null;
    lang: 'fr' | 'en';
    role: 'user' | 'curator' | 'admin';
    collections: Array<{ id: string; title: string; visibility: string; official: boolean; itemCount: number; modifiedAt: string }>;
    savedSearches: Array<{ id: string; name: string; query: string; frequency: string; totalCount: number; newSinceVisit: number }>;
  };
}

export const frequencies = ['none', 'immediate', 'daily', 'weekly'] as const;

export async function personalSpacePage(page: PageContext): Promise<{ title: string; main: Html }> {
  const title = page.t('personalSpace');
  const { me } = await page.query<SpaceData>(spaceQuery);
  if (!me) {
    return {
      title,
      main: html`<h1>${title}</h1><p>${page.t('signInNeeded')}</p>
        ${page.signInAvailable ? html`<p><a class="fr-btn fr-icon-lock-line fr-btn--icon-left" href="${hrefOf('/auth/orcid', { return: page.href('space') })}">${page.t('signIn')}</a></p>` : html`<p><em>${page.t('signInUnavailable')}</em></p>`}`,
    };
  }
  const frequencySelect = (id: string, current: string) =>
    html`<select class="fr-select" id="${id}" name="frequency">${frequencies.map((f) => html`<option value="${f}" ${f === current ? 'selected' : ''}>${page.t(`frequency_${f}` as MessageKey)}</option>`)}</select>`;
  return {
    title,
    main: html`<h1>${title}</h1>
      <p>${page.t('signedInAs', { name: me.name, orcid: me.orcid })} · ${page.t('role')} : ${page.t(`role_${me.role}` as MessageKey)}</p>
      <section class="fr-mt-4w" aria-labelledby="profile-heading">
        <h2 id="profile-heading">${page.t('profile')}</h2>
        <form action="${actionHref(page, 'profile')}" method="post" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          ${formFields(page)}
          <div class="fr-col-12 fr-col-md-6"><div class="fr-input-group"><label class="fr-label" for="profile-email">${page.t('emailLabel')}</label><input class="fr-input" type="email" id="profile-email" name="email" value="${me.email ?? ''}" maxlength="254" autocomplete="email" /></div></div>
          <div class="fr-col-6 fr-col-md-3"><div class="fr-select-group"><label class="fr-label" for="profile-lang">${page.t('langLabel')}</label><select class="fr-select" id="profile-lang" name="lang"><option value="fr" ${me.lang === 'fr' ? 'selected' : ''}>Français</option><option value="en" ${me.lang === 'en' ? 'selected' : ''}>English</option></select></div></div>
          <div class="fr-col-6 fr-col-md-3"><button class="fr-btn" type="submit">${page.t('save')}</button></div>
        </form>
      </section>
      <section class="fr-mt-4w" aria-labelledby="collections-heading">
        <h2 id="collections-heading">${page.t('myCollections')}</h2>
        ${me.collections.length === 0
          ? html`<p>${page.t('collectionsEmpty')}</p>`
          : html`<ul>${me.collections.map((k) => html`<li><a href="${page.href('collection', { id: k.id })}">${k.title}</a> <span class="fr-badge fr-badge--sm">${page.t(`visibility_${k.visibility}` as MessageKey)}</span> ${k.official ? html`<span class="fr-badge fr-badge--sm fr-badge--green-emeraude">${page.t('officialCollections')}</span>` : ''} — ${page.t('collectionItems', { n: k.itemCount })}</li>`)}</ul>`}
        <form action="${actionHref(page, 'collection-create')}" method="post" class="fr-mt-2w" aria-labelledby="new-collection-heading">
          <h3 id="new-collection-heading" class="fr-h6">${page.t('newCollection')}</h3>
          ${formFields(page)}
          <div class="fr-input-group"><label class="fr-label" for="new-collection-title">${page.t('collectionTitle')}</label><input class="fr-input" id="new-collection-title" name="title" maxlength="200" required /></div>
          <div class="fr-input-group"><label class="fr-label" for="new-collection-description">${page.t('collectionDescription')}</label><textarea class="fr-input" id="new-collection-description" name="description" maxlength="5000" rows="3"></textarea></div>
          ${me.role !== 'user' ? html`<div class="fr-checkbox-group fr-mb-2w"><input type="checkbox" id="new-collection-official" name="official" /><label class="fr-label" for="new-collection-official">${page.t('officialCollection')}</label></div>` : ''}
          <button class="fr-btn" type="submit">${page.t('create')}</button>
        </form>
      </section>
      <section class="fr-mt-4w" aria-labelledby="searches-heading">
        <h2 id="searches-heading">${page.t('savedSearches')}</h2>
        ${me.savedSearches.length === 0
          ? html`<p>${page.t('searchesEmpty')}</p>`
          : html`<ul class="fr-raw-list">${me.savedSearches.map(
              (s) => html`<li class="fr-card fr-mb-2w"><div class="fr-card__body"><div class="fr-card__content">
                <h3 class="fr-card__title fr-h6">${s.name}</h3>
                <p class="fr-card__desc">${page.t('resultsCount', { n: s.totalCount.toLocaleString(page.lang) })} · <strong>${page.t('newSinceVisit', { n: s.newSinceVisit })}</strong></p>
                <div class="fr-card__end">
                  <form action="${actionHref(page, 'search-open')}" method="post" class="fr-mb-1w">${formFields(page)}<input type="hidden" name="id" value="${s.id}" /><button class="fr-btn fr-btn--sm" type="submit">${page.t('openSearch')} : ${s.name}</button></form>
                  <form action="${actionHref(page, 'search-update')}" method="post" class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">${formFields(page)}<input type="hidden" name="id" value="${s.id}" />
                    <div class="fr-col-8 fr-select-group"><label class="fr-label" for="frequency-${s.id}">${page.t('alertFrequency')} (${s.name})</label>${frequencySelect(`frequency-${s.id}`, s.frequency)}</div>
                    <div class="fr-col-4"><button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">${page.t('save')}</button></div>
                  </form>
                  <form action="${actionHref(page, 'search-delete')}" method="post">${formFields(page)}<input type="hidden" name="id" value="${s.id}" /><button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">${page.t('deleteSearch')} : ${s.name}</button></form>
                </div>
              </div></div></li>`,
            )}</ul>`}
      </section>
      <section class="fr-mt-4w" aria-labelledby="data-heading">
        <h2 id="data-heading">${page.t('personalData')}</h2>
        <p><a class="fr-link fr-icon-download-line fr-link--icon-left" href="/me/data" download>${page.t('downloadData')}</a></p>
        <form action="${actionHref(page, 'account-delete')}" method="post">
          ${formFields(page)}
          <p class="fr-hint-text">${page.t('deleteAccountHint')}</p>
          <div class="fr-checkbox-group fr-mb-2w"><input type="checkbox" id="confirm-delete" name="confirm" required /><label class="fr-label" for="confirm-delete">${page.t('confirmDelete')}</label></div>
          <button class="fr-btn fr-btn--secondary" type="submit">${page.t('deleteAccount')}</button>
        </form>
      </section>`,
  };
}
