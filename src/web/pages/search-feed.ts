// Owns the Atom 1.0 feed of a search (RFC 4287): the newest resources the same words and filters
// find, so a feed reader follows a search without an account. Written with xmlbuilder2.
import { create } from 'xmlbuilder2';
import type { PageContext } from '../page-context.js';
import { searchRequest } from '../../search/search-url.js';

const feedQuery = `query SearchFeed($text: String, $filters: SearchFilters, $lang: Lang) {
  search(text: $text, interpret: true, filters: $filters, sort: year, first: 50, lang: $lang) {
    edges { node { iri kind title(lang: $lang) description(lang: $lang) issued modified } }
  }
}`;

interface FeedData {
  search: { edges: Array<{ node: { iri: string; kind: string; title: string | null; description: string | null; issued: string | null; modified: string | null } }> };
}

/** An RFC 3339 date-time from a record's date (YYYY, YYYY-MM-DD or a date-time), or null. */
function atomDate(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}$/.test(value) ? `${value}-01-01` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export async function searchFeed(page: PageContext, origin: string): Promise<string> {
  const { q, filters } = searchRequest(page.url.searchParams);
  const { search } = await page.query<FeedData>(feedQuery, { text: q || null, filters, lang: page.lang });
  const self = `${origin}${page.url.pathname}${page.url.search}`;
  const entries = search.edges.map((e) => e.node);
  const updated = entries.map((n) => atomDate(n.modified) ?? atomDate(n.issued)).filter((d): d is string => d !== null).sort().at(-1) ?? new Date(0).toISOString();
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': page.lang });
  feed.ele('id').txt(self);
  feed.ele('title').txt(page.t('feedTitle', { q: q || '*' }));
  feed.ele('updated').txt(updated);
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: self });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: `${origin}${page.href('search', Object.fromEntries(page.url.searchParams))}` });
  feed.ele('author').ele('name').txt(page.t('siteName'));
  for (const node of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(node.iri);
    entry.ele('title').txt(node.title ?? node.iri);
    entry.ele('updated').txt(atomDate(node.modified) ?? atomDate(node.issued) ?? updated);
    if (atomDate(node.issued)) entry.ele('published').txt(atomDate(node.issued)!);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: `${origin}${page.href('resource', { iri: node.iri })}` });
    if (node.description) entry.ele('summary').txt(node.description.slice(0, 1000));
  }
  return feed.end({ prettyPrint: true });
}
