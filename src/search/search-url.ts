// Owns the search a catalogue URL asks for (/fr/recherche?q=...&theme=...&bbox=...): words, facet
// choices, the period covered, the area, sort and page, bounded and checked, as the GraphQL API's
// search arguments. The web pages and saved searches read URLs the same way.
export const searchKinds = ['dataset', 'service', 'publication', 'software', 'organisation', 'project', 'person', 'other'] as const;
type SearchKind = (typeof searchKinds)[number];
const isKind = (k: string): k is SearchKind => (searchKinds as readonly string[]).includes(k);
export const searchSorts = ['relevance', 'year', 'title'] as const;
export const facetParams = ['type', 'theme', 'organisation', 'source', 'licence', 'accessRights', 'language', 'year'] as const;
export type FacetParam = (typeof facetParams)[number];
const datePattern = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export interface Area {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** "west,south,east,north" in degrees, checked (latitudes within ±90, longitudes within ±180); null otherwise. */
export function parseArea(text: string | null): Area | null {
  const parts = (text ?? '').split(',').map((p) => Number.parseFloat(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) return null;
  const [west, south, east, north] = parts as [number, number, number, number];
  if (Math.abs(west) > 180 || Math.abs(east) > 180 || south < -90 || north > 90 || south > north || west > east) return null;
  return { west, south, east, north };
}

export const areaText = (area: Area) => [area.west, area.south, area.east, area.north].map((n) => String(Math.round(n * 1000) / 1000)).join(',');

export function searchRequest(params: URLSearchParams) {
  const q = (params.get('q') ?? '').slice(0, 500);
  const selected = Object.fromEntries(facetParams.map((name) => [name, params.getAll(name).slice(0, 50)])) as Record<FacetParam, string[]>;
  const sort = searchSorts.find((s) => s === params.get('sort')) ?? 'relevance';
  const pageNumber = Math.min(500, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const year = selected.year.map(Number).filter(Number.isInteger);
  // The time range the data covers (dates or years), and the area on the map; ill-formed ones are ignored.
  const from = datePattern.test(params.get('from') ?? '') ? params.get('from')! : '';
  const to = datePattern.test(params.get('to') ?? '') ? params.get('to')! : '';
  const area = parseArea(params.get('bbox')) ?? parseArea(['west', 'south', 'east', 'north'].map((n) => params.get(n) ?? '').join(','));
  const filters = {
    ...(selected.type.length ? { types: selected.type.filter(isKind) } : {}),
    ...(selected.theme.length ? { themes: selected.theme } : {}),
    ...(selected.organisation.length ? { organisations: selected.organisation } : {}),
    ...(from ? { temporalFrom: from } : {}),
    ...(to ? { temporalTo: to } : {}),
    ...(area ? { bbox: area } : {}),
    ...(selected.source.length ? { sources: selected.source } : {}),
    ...(selected.licence.length ? { licences: selected.licence } : {}),
    ...(selected.accessRights.length ? { accessRights: selected.accessRights } : {}),
    ...(selected.language.length ? { languages: selected.language } : {}),
    ...(year.length ? { yearFrom: Math.min(...year), yearTo: Math.max(...year) } : {}),
  };
  return { q, selected, sort, pageNumber, filters, from, to, area };
}

/** A search's URL parameters kept for later (a saved search): only what defines the results. */
export function savedSearchQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of ['q', ...facetParams, 'from', 'to', 'bbox', 'sort']) for (const value of params.getAll(name).slice(0, 50)) if (value) kept.append(name, value.slice(0, 500));
  const { area } = searchRequest(params);
  if (area && !kept.has('bbox')) kept.set('bbox', areaText(area));
  return kept.toString();
}
