// Owns the chips above the results that say what the search read in the words (a theme, a place,
// a period, the words searched as text); each one removes its part, as a link to the same search
// without those words.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';

export interface ReadInterpretation {
  themes: Array<{ iri: string; label: string | null; text: string }>;
  places: Array<{ name: string; text: string }>;
  temporalFrom: string | null;
  temporalTo: string | null;
  periodTexts: string[];
  remainingText: string;
}

/** The query without some of its words (each part's text taken out once). */
export function without(query: string, texts: string[]): string {
  let rest = query;
  for (const text of texts) rest = rest.replace(text, ' ');
  return rest.replace(/\s+/g, ' ').trim();
}

export function interpretationChips(page: PageContext, query: string, read: ReadInterpretation, linkTo: (q: string) => string) {
  const year = (date: string) => date.slice(0, 4);
  const period =
    read.temporalFrom && read.temporalTo
      ? page.t('periodRange', { from: year(read.temporalFrom), to: year(read.temporalTo) })
      : read.temporalFrom
        ? page.t('periodFrom', { from: year(read.temporalFrom) })
        : read.temporalTo
          ? page.t('periodTo', { to: year(read.temporalTo) })
          : null;
  const chips = [
    ...read.themes.map((theme) => ({ label: page.t('chipTheme', { label: theme.label ?? theme.text }), remove: [theme.text] })),
    ...read.places.map((place) => ({ label: page.t('chipPlace', { label: place.name }), remove: [place.text] })),
    ...(period ? [{ label: page.t('chipPeriod', { label: period }), remove: read.periodTexts }] : []),
    ...(read.remainingText ? [{ label: page.t('chipText', { label: read.remainingText }), remove: read.remainingText.split(' ') }] : []),
  ];
  if (chips.length === 0) return '';
  return html`<div class="fr-mb-3w" aria-labelledby="understood-heading">
    <p id="understood-heading" class="fr-text--bold fr-mb-1w">${page.t('understood')}</p>
    <ul class="fr-tags-group">
      ${chips.map((chip) => html`<li><a class="fr-tag fr-tag--icon-left fr-icon-close-line" href="${linkTo(without(query, chip.remove))}" aria-label="${page.t('removeFilter', { label: chip.label })}">${chip.label}</a></li>`)}
    </ul>
  </div>`;
}
