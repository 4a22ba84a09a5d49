// Owns the hidden fields every personal-space form carries: the session's CSRF token and the page
// to come back to.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';

export function formFields(page: PageContext) {
  return html`<input type="hidden" name="csrf" value="${page.session?.csrf ?? ''}" /><input type="hidden" name="return" value="${page.url.pathname}${page.url.search}" />`;
}

/** Where a personal-space form posts: /fr/espace/{action} or /en/space/{action}. */
export const actionHref = (page: PageContext, action: string) => `${page.href('space')}/${action}`;
