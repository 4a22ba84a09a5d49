// Owns the "add to a collection" form under a result or on a dataset's page (signed-in visitors
// with a collection): pick one of their collections, add the resource, come back to the same page.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';
import { actionHref, formFields } from './csrf-field.js';

export type OwnCollections = Array<{ id: string; title: string }>;

export function addToCollectionForm(page: PageContext, collections: OwnCollections | null, resource: string, label: string) {
  if (!page.session || !collections) return '';
  if (collections.length === 0) return html`<p class="fr-text--xs"><a href="${page.href('space')}">${page.t('noCollectionYet')}</a></p>`;
  const id = `add-${Buffer.from(resource).toString('base64url').slice(-24)}`;
  return html`<form action="${actionHref(page, 'collection-add')}" method="post" class="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mt-1w">
    ${formFields(page)}<input type="hidden" name="resource" value="${resource}" />
    <div class="fr-col-8 fr-select-group fr-mb-0"><label class="fr-label" for="${id}">${page.t('addToCollection')} (${label})</label><select class="fr-select" id="${id}" name="id">${collections.map((k) => html`<option value="${k.id}">${k.title}</option>`)}</select></div>
    <div class="fr-col-4"><button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">${page.t('addButton')}</button></div>
  </form>`;
}
