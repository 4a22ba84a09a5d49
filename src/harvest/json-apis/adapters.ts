// Owns the shape of each JSON API we harvest: DataCite REST (JSON:API, cursor paging), CKAN Action
// API (package_search), HAL search (Solr cursorMark), ROR (v2 organizations), Dataverse (Search API
// plus the dataverse_json export of each dataset).
import { arrayAt, at, text, type ItemIdentity, type JsonApiAdapter } from './json-paged-harvester.js';

function withParams(base: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  return url.toString();
}

/** The next page of an API paged by `start` (CKAN, Dataverse), or null after the last. */
function nextByStart(current: string, count: number, total: number): string | null {
  const url = new URL(current);
  const start = Number(url.searchParams.get('start') ?? 0) + count;
  if (count === 0 || start >= total) return null;
  url.searchParams.set('start', String(start));
  return url.toString();
}

export interface DataciteOptions {
  url: string;
  clientId?: string;
  providerId?: string;
  affiliationId?: string;
  query?: string;
  pageSize?: number;
}

export function dataciteAdapter(options: DataciteOptions): JsonApiAdapter {
  return {
    protocol: 'datacite',
    format: 'datacite-json',
    firstUrl(from) {
      const updated = from ? `updated:[${from} TO *]` : undefined;
      const query = [options.query, updated].filter(Boolean).join(' AND ') || undefined;
      return withParams(`${options.url.replace(/\/$/, '')}/dois`, {
        'client-id': options.clientId,
        'provider-id': options.providerId,
        'affiliation-id': options.affiliationId,
        query,
        'page[cursor]': 1,
        'page[size]': options.pageSize ?? 100,
        affiliation: options.affiliationId ? 'true' : undefined,
      });
    },
    items: (page) => arrayAt(page, 'a DataCite JSON:API list', 'data'),
    identify(item) {
      const doi = text(at(item, 'attributes', 'doi')) ?? text(at(item, 'id'));
      if (!doi) return 'no DOI (attributes.doi or id)';
      return { id: doi.toLowerCase(), datestamp: text(at(item, 'attributes', 'updated')) };
    },
    nextUrl: (page) => text(at(page, 'links', 'next')),
  };
}

export interface CkanOptions {
  url: string;
  query?: string;
  organization?: string;
  rows?: number;
}

export function ckanAdapter(options: CkanOptions): JsonApiAdapter {
  const rows = options.rows ?? 100;
  return {
    protocol: 'ckan',
    format: 'ckan-json',
    firstUrl(from) {
      const filters = [options.organization ? `organization:${options.organization}` : null, from ? `metadata_modified:[${from} TO *]` : null].filter(Boolean);
      return withParams(`${options.url.replace(/\/$/, '')}/api/3/action/package_search`, {
        q: options.query,
        fq: filters.join(' AND ') || undefined,
        rows,
        start: 0,
        sort: 'metadata_modified asc',
      });
    },
    items(page) {
      if (at(page, 'success') !== true) throw new Error(`CKAN answered success=${String(at(page, 'success'))}: ${JSON.stringify(at(page, 'error'))}`);
      return arrayAt(page, 'a CKAN package_search result', 'result', 'results');
    },
    identify(item) {
      const id = text(at(item, 'id')) ?? text(at(item, 'name'));
      if (!id) return 'no package id or name';
      return { id, datestamp: text(at(item, 'metadata_modified')), deleted: at(item, 'state') === 'deleted' };
    },
    nextUrl: (page, current, count) => nextByStart(current, count, Number(at(page, 'result', 'count') ?? 0)),
  };
}

export interface HalOptions {
  url: string;
  query?: string;
  filter?: string;
  rows?: number;
}

export function halAdapter(options: HalOptions): JsonApiAdapter {
  return {
    protocol: 'hal',
    format: 'hal-json',
    firstUrl(from) {
      const filters = [options.filter, from ? `modifiedDate_tdate:[${from.length === 10 ? `${from}T00:00:00Z` : from} TO *]` : undefined].filter(Boolean);
      const url = new URL(options.url);
      url.searchParams.set('q', options.query ?? '*:*');
      url.searchParams.set('wt', 'json');
      url.searchParams.set('fl', '*');
      url.searchParams.set('sort', 'docid asc');
      url.searchParams.set('rows', String(options.rows ?? 100));
      url.searchParams.set('cursorMark', '*');
      for (const filter of filters) url.searchParams.append('fq', filter!);
      return url.toString();
    },
    items: (page) => arrayAt(page, 'a HAL search response', 'response', 'docs'),
    identify(item) {
      const id = text(at(item, 'halId_s')) ?? text(at(item, 'docid'));
      if (!id) return 'no halId_s or docid';
      return { id, datestamp: text(at(item, 'modifiedDate_s')) ?? text(at(item, 'modifiedDate_tdate')) };
    },
    nextUrl(page, current) {
      const next = text(at(page, 'nextCursorMark'));
      const url = new URL(current);
      if (!next || next === url.searchParams.get('cursorMark')) return null;
      url.searchParams.set('cursorMark', next);
      return url.toString();
    },
  };
}

export interface RorOptions {
  url: string;
  query?: string;
  filter?: string;
}

export function rorAdapter(options: RorOptions): JsonApiAdapter {
  return {
    protocol: 'ror',
    format: 'ror-json',
    firstUrl: () => withParams(`${options.url.replace(/\/$/, '')}/organizations`, { query: options.query, filter: options.filter, page: 1 }),
    items: (page) => arrayAt(page, 'a ROR organizations list', 'items'),
    identify(item) {
      const id = text(at(item, 'id'));
      if (!id || !/^https:\/\/ror\.org\/0[a-z0-9]{8}$/.test(id)) return `not a ROR id: ${String(id)}`;
      return { id, datestamp: text(at(item, 'admin', 'last_modified', 'date')), deleted: at(item, 'status') === 'withdrawn' };
    },
    nextUrl(page, current, count) {
      const url = new URL(current);
      const pageNumber = Number(url.searchParams.get('page') ?? 1);
      if (count === 0 || pageNumber * count >= Number(at(page, 'number_of_results') ?? 0)) return null;
      url.searchParams.set('page', String(pageNumber + 1));
      return url.toString();
    },
  };
}

export interface DataverseOptions {
  url: string;
  /** Alias of the collection whose subtree is harvested (an institutional space of the catalogue). */
  collection?: string;
  perPage?: number;
}

export function dataverseAdapter(options: DataverseOptions): JsonApiAdapter {
  const base = options.url.replace(/\/$/, '');
  return {
    protocol: 'dataverse',
    format: 'dataverse-json',
    firstUrl: (from) =>
      withParams(`${base}/api/search`, {
        q: from ? `dateSort:[${from.length === 10 ? `${from}T00:00:00Z` : from} TO *]` : '*',
        type: 'dataset',
        subtree: options.collection,
        start: 0,
        per_page: options.perPage ?? 100,
        sort: 'date',
        order: 'asc',
      }),
    items(page) {
      if (at(page, 'status') !== 'OK') throw new Error(`Dataverse answered status ${String(at(page, 'status'))}: ${String(at(page, 'message'))}`);
      return arrayAt(page, 'a Dataverse search response', 'data', 'items');
    },
    identify(item) {
      const id = text(at(item, 'global_id'));
      if (!id) return 'no global_id';
      return { id, datestamp: text(at(item, 'updatedAt')) ?? text(at(item, 'updated_at')) ?? text(at(item, 'published_at')) };
    },
    async expand(_item, identity: ItemIdentity, http) {
      const exportUrl = withParams(`${base}/api/datasets/export`, { exporter: 'dataverse_json', persistentId: identity.id });
      return JSON.parse((await http.get(exportUrl, 'application/json')).body) as unknown;
    },
    nextUrl: (page, current, count) => nextByStart(current, count, Number(at(page, 'data', 'total_count') ?? 0)),
  };
}
