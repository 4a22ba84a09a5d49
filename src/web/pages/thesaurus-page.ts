// Owns the thesaurus browser: the scheme's tree (three levels, each concept with how many
// resources it gathers, a link to its page) and a search over every label, FR and EN.
import { html } from 'hono/html';
import type { Html } from '../layout.js';
import type { PageContext } from '../page-context.js';

const treeQuery = `query Tree($lang: Lang) {
  themes(first: 50) { count concept { iri label(lang: $lang) } children(first: 100) { count concept { iri label(lang: $lang) } children(first: 100) { count concept { iri label(lang: $lang) } } } }
}`;
const searchQuery = `query Concepts($q: String!, $lang: Lang) { concepts(search: $q, first: 50) { iri label(lang: $lang) schemeTitle(lang: $lang) broader(first: 1) { label(lang: $lang) } } }`;

interface TreeNode {
  count: number;
  concept: { iri: string; label: string | null };
  children?: TreeNode[];
}

export async function thesaurusPage(page: PageContext): Promise<{ title: string; main: Html }> {
  const q = (page.url.searchParams.get('q') ?? '').slice(0, 200).trim();
  const tree = (nodes: TreeNode[]): Html =>
    html`<ul class="facet-tree">${nodes.map((n) => html`<li><a href="${page.href('theme', { iri: n.concept.iri })}">${n.concept.label ?? n.concept.iri}</a> <span class="fr-text--xs">(${n.count.toLocaleString(page.lang)})</span>${n.children && n.children.length > 0 ? tree(n.children) : ''}</li>`)}</ul>`;
  let found: Html | string = '';
  if (q) {
    const { concepts } = await page.query<{ concepts: Array<{ iri: string; label: string | null; schemeTitle: string | null; broader: Array<{ label: string | null }> }> }>(searchQuery, { q, lang: page.lang });
    found = html`<p role="status">${page.t('conceptsFound', { n: concepts.length })}</p>
      <ul>${concepts.map((c) => html`<li><a href="${page.href('theme', { iri: c.iri })}">${c.label ?? c.iri}</a> <span class="fr-text--xs">${[c.broader[0]?.label, c.schemeTitle].filter(Boolean).join(' · ')}</span></li>`)}</ul>`;
  }
  const { themes } = await page.query<{ themes: TreeNode[] }>(treeQuery, { lang: page.lang });
  return {
    title: page.t('thesaurusHeading'),
    main: html`<nav role="navigation" class="fr-breadcrumb" aria-label="${page.t('breadcrumb')}"><ol class="fr-breadcrumb__list"><li><a class="fr-breadcrumb__link" href="${page.href('home')}">${page.t('home')}</a></li><li><a class="fr-breadcrumb__link" aria-current="page">${page.t('thesaurusHeading')}</a></li></ol></nav>
      <h1>${page.t('thesaurusHeading')}</h1>
      <p>${page.t('thesaurusIntro')}</p>
      <form action="${page.href('thesaurus')}" method="get" role="search" class="fr-mb-4w">
        <div class="fr-search-bar">
          <label class="fr-label" for="thesaurus-q">${page.t('thesaurusSearchLabel')}</label>
          <input class="fr-input" type="search" id="thesaurus-q" name="q" value="${q}" maxlength="200" />
          <button class="fr-btn" type="submit" title="${page.t('searchButton')}">${page.t('searchButton')}</button>
        </div>
      </form>
      ${found}
      <h2>${page.t('topConcepts')}</h2>
      ${tree(themes)}`,
  };
}
