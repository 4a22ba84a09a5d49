// Owns one page of search results: title (to the resource's page), kind, publisher, date, themes, FAIR score.
import { html } from 'hono/html';
import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from '../page-context.js';

export interface ResultNode {
  iri: string;
  kind: string;
  title: string | null;
  issued: string | null;
  publisher?: { title: string | null } | null;
  themes: Array<{ iri: string; label: string | null }>;
  quality: { F: number | null; A: number | null; I: number | null; R: number | null } | null;
}

/** The mean of the four principles' scores, in percent (null without any). */
export function fairPercent(quality: ResultNode['quality']): number | null {
  const scores = quality ? [quality.F, quality.A, quality.I, quality.R].filter((s): s is number => s !== null) : [];
  return scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100);
}

export function resultList(page: PageContext, results: ResultNode[], below?: (r: ResultNode) => unknown) {
  return html`<ul class="fr-raw-list" role="list">
    ${results.map((r) => {
      const fair = fairPercent(r.quality);
      return html`<li class="fr-card fr-card--horizontal fr-enlarge-link fr-mb-2w">
        <div class="fr-card__body"><div class="fr-card__content">
          <h3 class="fr-card__title"><a href="${page.href('resource', { iri: r.iri })}">${r.title ?? r.iri}</a></h3>
          <div class="fr-card__start">
            <ul class="fr-badges-group">
              <li><p class="fr-badge fr-badge--sm fr-badge--blue-ecume">${page.t(`kind_${r.kind}` as MessageKey)}</p></li>
              ${fair !== null ? html`<li><p class="fr-badge fr-badge--sm fr-badge--green-emeraude" title="${page.t('fairScore')}">${page.t('fairScoreValue', { score: fair })}</p></li>` : ''}
            </ul>
          </div>
          ${r.themes.length > 0 ? html`<p class="fr-card__desc">${r.themes.map((theme) => theme.label ?? theme.iri).join(' · ')}</p>` : ''}
          ${below ? below(r) : ''}
          ${r.issued || r.publisher?.title ? html`<div class="fr-card__end"><p class="fr-card__detail">${[r.publisher?.title, r.issued ? `${page.t('issued')} ${r.issued.slice(0, 10)}` : null].filter(Boolean).join(' · ')}</p></div>` : ''}
        </div></div>
      </li>`;
    })}
  </ul>`;
}
