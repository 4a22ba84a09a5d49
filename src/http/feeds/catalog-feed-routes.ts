// Owns /catalog (the whole catalogue) and /catalog/{source} (one source's sub-catalogue): DCAT-AP 3
// feeds paged with Hydra, filtered by "modified since", in every RDF syntax by negotiation.
import { publicUrl } from '../public-origin.js';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import { prefixes } from '../../mapping/namespaces.js';
import { mediaTypes, type RdfMediaType } from '../../rdf/index.js';
import type { ItemQuery, PublishedItems } from '../../records/index.js';
import type { GraphStore } from '../../store/index.js';
import { negotiate } from '../negotiation.js';
import { linkedDataFormats, rdfResponse } from '../linked-data/rdf-response.js';
import { ReferenceTerms } from '../../validation/index.js';
import { dcatFeedPage } from './dcat-feed-page.js';

export interface CatalogFeedOptions {
  store: GraphStore;
  items: PublishedItems;
  iriBase: string;
}

const feedTypes = [`${prefixes.dcat}Dataset`, `${prefixes.dcat}DataService`];
const defaultPageSize = 100;
const maxPageSize = 500;

function positive(c: Context, name: string, fallback: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new BadRequestError(`${name} must be an integer from 1 to ${max}; got "${raw}"`);
  return value;
}

function modifiedSince(c: Context): string | undefined {
  const raw = c.req.query('modifiedSince') ?? c.req.query('modified_since');
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) throw new BadRequestError(`modifiedSince must be an ISO 8601 date or date-time; got "${raw}"`);
  return date.toISOString();
}

/** A source's last change, or the whole catalogue's (the newest of its sources'). */
function latestOf(bySource: Map<string, string>): (source?: string) => string | null {
  const newest = [...bySource.values()].sort().at(-1) ?? null;
  return (source) => (source === undefined ? newest : (bySource.get(source) ?? null));
}

export function catalogFeedRoutes({ store, items, iriBase }: CatalogFeedOptions): Hono {
  const referenceTerms = ReferenceTerms.load();
  async function feed(c: Context, source: string | undefined): Promise<Response> {
    const sources = items.sources();
    if (source !== undefined && !sources.includes(source)) throw new NotFoundError(`No source named ${source}; the catalogue has ${sources.join(', ')}`);
    const format: RdfMediaType = negotiate(c, linkedDataFormats, mediaTypes.turtle);
    const page = positive(c, 'page', 1, Number.MAX_SAFE_INTEGER);
    const pageSize = positive(c, 'pageSize', defaultPageSize, maxPageSize);
    const since = modifiedSince(c);
    const query: ItemQuery = { types: feedTypes, publishedOnly: true, ...(source ? { source } : {}), ...(since ? { from: since } : {}) };
    const total = items.count(query);
    const last = Math.max(1, Math.ceil(total / pageSize));
    if (page > last) throw new NotFoundError(`The feed has ${last} page(s) of ${pageSize}; page ${page} is past the end`);
    const records = items.list(query, pageSize, (page - 1) * pageSize);
    const pageUrl = (n: number): string => {
      const url = publicUrl(c);
      url.searchParams.set('page', String(n));
      return url.href;
    };
    const catalog = source ? `${iriBase}catalog/${source}` : `${iriBase}catalog`;
    const quads = await dcatFeedPage(store, { catalog, ...(source ? { source } : {}), sources, records, total, page, pageSize, pageUrl, requestUrl: publicUrl(c).href, referenceTerms, iriBase, modified: latestOf(items.latestBySource()) });
    const links = [`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(last)}>; rel="last"`, ...(page < last ? [`<${pageUrl(page + 1)}>; rel="next"`] : []), ...(page > 1 ? [`<${pageUrl(page - 1)}>; rel="prev"`] : [])];
    return rdfResponse(c, quads, format, 200, { link: links.join(', ') });
  }

  return new Hono().get('/catalog', (c) => feed(c, undefined)).get('/catalog/:source', (c) => feed(c, c.req.param('source')));
}
