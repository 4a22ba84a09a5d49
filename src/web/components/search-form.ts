// Owns the search box: a GET form that works without JavaScript; the page's text stays in it.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';

export function searchForm(page: PageContext, options: { id: string; large?: boolean; value?: string }) {
  return html`<form action="${page.href('search')}" method="get" role="search" class="fr-my-4w">
    <div class="fr-search-bar${options.large ? ' fr-search-bar--lg' : ''}">
      <label class="fr-label" for="${options.id}">${page.t('searchLabel')}</label>
      <input class="fr-input" type="search" id="${options.id}" name="q" value="${options.value ?? ''}" placeholder="${page.t('searchPlaceholder')}" maxlength="500" aria-describedby="${options.id}-hint" list="search-suggestions" autocomplete="off" />
      <button class="fr-btn${options.large ? ' fr-btn--lg' : ''}" type="submit" title="${page.t('searchButton')}">${page.t('searchButton')}</button>
    </div>
    <p class="fr-hint-text fr-mt-1w" id="${options.id}-hint">${page.t('searchHint')}</p>
  </form>`;
}
