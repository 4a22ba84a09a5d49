// Owns the embedded text index and facets (SQLite FTS5 in the records database): kept in sync by
// the derive stage in the same transaction as each record's derivation (so a reindex rebuilds it),
// and queried with bound parameters only (user text becomes quoted FTS5 tokens).
import { AnswerCache, type RecordsDatabase } from '../records/index.js';
import { facetNames, type Facet, type SearchDocument } from './search-document.js';
import { FacetPostings } from './facet-postings.js';
import { foldWord, queryPhrases, queryTokens, wordsOf } from './stemming.js';

export interface SearchFilters {
  /** Facet values a result must have (any of them, per facet). Themes already include their narrower concepts. */
  facets: Partial<Record<Facet, string[]>>;
  yearFrom?: number;
  yearTo?: number;
  /** Temporal coverage overlapping [from, to] (ISO dates). */
  temporal?: { from?: string; to?: string };
  /** Spatial coverage intersecting this box (WGS 84). */
  bbox?: { west: number; south: number; east: number; north: number };
  /** Only resources that first reached the catalogue after this instant (ISO 8601). */
  addedSince?: string;
}

export type SearchSort = 'relevance' | 'title' | 'year';

export interface SearchQuery {
  text?: string;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: Array<{ resource: string; score: number | null }>;
}

const quoted = (token: string) => `"${token.replace(/"/g, '""')}"`;
/** The stemmed columns: what a text search looks in (title_words only serves suggestions). */
const searchedColumns = '{title description keywords names}';

/**
 * The user's text as an FTS5 query over the stemmed columns: each word as written or as either of
 * its stems. Words only become quoted tokens: no operator or syntax of theirs reaches MATCH.
 */
export function matchExpression(text: string): string | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  return `${searchedColumns} : ${words.map((w) => `(${queryTokens(w).map(quoted).join(' OR ')})`).join(' AND ')}`;
}

/** The user's text as a prefix query over the titles as written (the last word may be unfinished). */
export function titlePrefixExpression(text: string): string | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  return `{title_words} : ${words.map((w, i) => `${quoted(foldWord(w))}${i === words.length - 1 ? '*' : ''}`).join(' ')}`;
}

interface Clause {
  sql: string;
  params: unknown[];
}

/** The documents a text query and its filters match, with their relevance (FTS5 rank: lower is better). */
interface MatchedDocuments {
  ids: number[];
  resources: string[];
  ranks: number[];
}

export class SearchIndex {
  private readonly findDocument;
  private readonly deleteText;
  private readonly deleteFacets;
  private readonly deleteDocument;
  private readonly insertDocument;
  private readonly insertText;
  private readonly insertFacet;
  private readonly firstSeen;

  private readonly postings: FacetPostings;
  /** Matched sets of recent text queries: a search and its facet counts evaluate the text once. */
  private readonly matchedSets: AnswerCache;

  constructor(private readonly db: RecordsDatabase) {
    this.postings = new FacetPostings(db);
    this.matchedSets = new AnswerCache(db, 64);
    // Prepared once: the derive stage saves one document per record.
    this.findDocument = db.prepare('SELECT id FROM search_documents WHERE source = ? AND record_id = ?');
    this.deleteText = db.prepare('DELETE FROM search_text WHERE rowid = ?');
    this.deleteFacets = db.prepare('DELETE FROM search_facets WHERE document = ?');
    this.deleteDocument = db.prepare('DELETE FROM search_documents WHERE id = ?');
    this.insertDocument = db.prepare(
      `INSERT INTO search_documents (source, record_id, resource, kind, title, year, temporal_start, temporal_end, west, south, east, north)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertText = db.prepare('INSERT INTO search_text (rowid, title, description, keywords, names, title_words) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertFacet = db.prepare('INSERT OR IGNORE INTO search_facets (document, facet, value) VALUES (?, ?, ?)');
    this.firstSeen = db.prepare(`INSERT OR IGNORE INTO resource_first_seen (resource, first_seen) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
  }

  /** Runs writes of the derive stage together with its other writes. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Replaces (or, with null, removes) the document of one record. */
  save(source: string, recordId: string, document: SearchDocument | null): void {
    const existing = this.findDocument.get(source, recordId) as { id: number } | undefined;
    if (existing) {
      this.deleteText.run(existing.id);
      this.deleteFacets.run(existing.id);
      this.deleteDocument.run(existing.id);
    }
    if (!document) return;
    const [west, south, east, north] = document.bbox ?? [null, null, null, null];
    const { lastInsertRowid } = this.insertDocument.run(
      source, recordId, document.resource, document.kind, document.title.split(' \n ')[0] ?? '', document.year, document.temporalStart, document.temporalEnd, west, south, east, north,
    );
    const { indexed } = document;
    this.insertText.run(lastInsertRowid, indexed.title, indexed.description, indexed.keywords, document.names, document.title);
    for (const f of document.facets) this.insertFacet.run(lastInsertRowid, f.facet, f.value);
    this.firstSeen.run(document.resource);
  }

  private where(query: Pick<SearchQuery, 'text' | 'filters'>, except?: Facet): { from: string; where: Clause } {
    const clauses: Clause[] = [];
    const match = query.text ? matchExpression(query.text) : null;
    const from = match ? 'search_text JOIN search_documents d ON d.id = search_text.rowid' : 'search_documents d';
    if (match) clauses.push({ sql: 'search_text MATCH ?', params: [match] });
    for (const name of facetNames) {
      const values = query.filters.facets[name];
      if (!values || values.length === 0 || name === except) continue;
      clauses.push({ sql: 'd.id IN (SELECT document FROM search_facets WHERE facet = ? AND value IN (SELECT value FROM json_each(?)))', params: [name, JSON.stringify(values)] });
    }
    const { yearFrom, yearTo, temporal, bbox, addedSince } = query.filters;
    if (addedSince) clauses.push({ sql: 'd.resource IN (SELECT resource FROM resource_first_seen WHERE first_seen > ?)', params: [addedSince] });
    if (yearFrom !== undefined) clauses.push({ sql: 'd.year >= ?', params: [yearFrom] });
    if (yearTo !== undefined) clauses.push({ sql: 'd.year <= ?', params: [yearTo] });
    if (temporal?.to) clauses.push({ sql: 'd.temporal_start <= ?', params: [temporal.to] });
    if (temporal?.from) clauses.push({ sql: 'd.temporal_end >= ?', params: [temporal.from] });
    if (bbox) clauses.push({ sql: 'd.west <= ? AND d.east >= ? AND d.south <= ? AND d.north >= ?', params: [bbox.east, bbox.west, bbox.north, bbox.south] });
    return {
      from,
      where: { sql: clauses.length > 0 ? clauses.map((c) => c.sql).join(' AND ') : '1', params: clauses.flatMap((c) => c.params) },
    };
  }

  /** What a text query matches under its filters, ranked: one FTS5 pass, remembered. */
  private matched(query: Pick<SearchQuery, 'text' | 'filters'>): MatchedDocuments {
    const { from, where } = this.where(query);
    return this.matchedSets.answer(JSON.stringify([where.sql, where.params]), () => {
      const rows = this.db.prepare(`SELECT d.id, d.resource, search_text.rank FROM ${from} WHERE ${where.sql}`).raw().all(...where.params) as Array<[number, string, number]>;
      return { ids: rows.map((r) => r[0]), resources: rows.map((r) => r[1]), ranks: rows.map((r) => r[2]) };
    });
  }

  search(query: SearchQuery): SearchResult {
    if (query.text && matchExpression(query.text) && query.sort === 'relevance') return this.rankedSearch(query);
    const { from, where } = this.where(query);
    const total = (this.db.prepare(`SELECT COUNT(DISTINCT d.resource) AS n FROM ${from} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    const order = query.sort === 'year' ? 'year DESC, title, resource' : 'title COLLATE NOCASE, resource';
    const rows = this.db
      .prepare(
        `SELECT resource, MAX(year) AS year, MIN(title) AS title
         FROM (SELECT d.resource AS resource, d.year AS year, d.title AS title FROM ${from} WHERE ${where.sql})
         GROUP BY resource ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...where.params, query.limit, query.offset) as Array<{ resource: string }>;
    return { total, hits: rows.map((r) => ({ resource: r.resource, score: null })) };
  }

  /**
   * Relevance order: FTS5's rank is bm25 weighted per column (set in the migration; lower is
   * better), a resource several records describe taking its best. Ranked in one pass over the
   * matched set, which the facet counts of the same query then reuse.
   */
  private rankedSearch(query: SearchQuery): SearchResult {
    const { resources, ranks } = this.matched(query);
    const best = new Map<string, number>();
    for (let i = 0; i < resources.length; i += 1) {
      const known = best.get(resources[i]!);
      if (known === undefined || ranks[i]! < known) best.set(resources[i]!, ranks[i]!);
    }
    const ordered = [...best].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { total: best.size, hits: ordered.slice(query.offset, query.offset + query.limit).map(([resource, rank]) => ({ resource, score: -rank })) };
  }

  /**
   * Counts per value of every facet over the results. A facet ignores its own filter (so its
   * other values stay selectable): one matched set per filtered facet, one for all the others,
   * each counted over the in-memory posting lists.
   */
  facetCounts(query: Pick<SearchQuery, 'text' | 'filters'>, limit = 50): Record<Facet, FacetCount[]> {
    const counts = Object.fromEntries(facetNames.map((name) => [name, [] as FacetCount[]])) as Record<Facet, FacetCount[]>;
    const groups = new Map<Facet | null, Facet[]>();
    for (const name of facetNames) {
      const key = query.filters.facets[name]?.length ? name : null;
      groups.set(key, [...(groups.get(key) ?? []), name]);
    }
    for (const [except, names] of groups) {
      const { from, where } = this.where(query, except ?? undefined);
      // The facets that ignore no filter count over the search's own matched set (remembered).
      const matched =
        where.sql === '1' ? null
        : except === null && query.text && matchExpression(query.text) ? this.matched(query).ids
        : (this.db.prepare(`SELECT d.id FROM ${from} WHERE ${where.sql}`).pluck().all(...where.params) as number[]);
      for (const row of this.postings.count(names, matched)) counts[row.facet].push({ value: row.value, count: row.count });
    }
    for (const name of facetNames) counts[name] = counts[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
    return counts;
  }

  /** Which resources carry which theme, over the results (for counts that include narrower concepts). */
  themePairs(query: Pick<SearchQuery, 'text' | 'filters'>): Array<{ resource: string; value: string }> {
    const { from, where } = this.where(query, 'theme');
    return this.db
      .prepare(`SELECT DISTINCT d.resource AS resource, f.value AS value FROM ${from} JOIN search_facets f ON f.document = d.id AND f.facet = 'theme' WHERE ${where.sql}`)
      .all(...where.params) as Array<{ resource: string; value: string }>;
  }

  /** Titles that start with (or contain a word starting with) the prefix, for autocomplete. */
  suggestTitles(prefix: string, limit: number): Array<{ resource: string; title: string }> {
    const match = titlePrefixExpression(prefix);
    if (!match) return [];
    return this.db
      .prepare(
        `SELECT d.resource AS resource, MIN(d.title) AS title FROM search_text JOIN search_documents d ON d.id = search_text.rowid
         WHERE search_text MATCH ? GROUP BY d.resource ORDER BY MIN(search_text.rank), title LIMIT ?`,
      )
      .all(match, limit) as Array<{ resource: string; title: string }>;
  }

  /** What an organisation (creator, publisher or affiliation) produced, by kind, year and source. */
  organisationCounts(organisation: string): { byKind: FacetCount[]; byYear: FacetCount[]; bySource: FacetCount[] } {
    const counts = (facet: Facet) =>
      this.db
        .prepare(
          `SELECT f.value AS value, COUNT(DISTINCT d.resource) AS count FROM search_documents d
           JOIN search_facets f ON f.document = d.id AND f.facet = ?
           WHERE d.id IN (SELECT document FROM search_facets WHERE facet = 'organisation' AND value = ?) GROUP BY f.value ORDER BY f.value`,
        )
        .all(facet, organisation) as FacetCount[];
    return { byKind: counts('type'), byYear: counts('year'), bySource: counts('source') };
  }

  documents(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM search_documents').get() as { n: number }).n;
  }

  /**
   * Records whose keywords, title or description contain one of the labels (as a phrase, accents and case folded), or
   * that have one of the concepts as a theme: those a thesaurus change may re-align.
   */
  recordsMentioning(labels: readonly string[], concepts: readonly string[]): Array<{ source: string; recordId: string }> {
    const found = new Map<string, { source: string; recordId: string }>();
    const add = (rows: Array<{ source: string; record_id: string }>) => {
      for (const row of rows) found.set(`${row.source}\u0000${row.record_id}`, { source: row.source, recordId: row.record_id });
    };
    // A label is looked for as the index may hold it: stemmed in either language, or as written.
    const phrases = [...new Set(labels.flatMap(queryPhrases))];
    for (let i = 0; i < phrases.length; i += 200) {
      const match = `{keywords title description} : (${phrases.slice(i, i + 200).map((p) => `"${p}"`).join(' OR ')})`;
      add(this.db.prepare('SELECT d.source, d.record_id FROM search_text JOIN search_documents d ON d.id = search_text.rowid WHERE search_text MATCH ?').all(match) as Array<{ source: string; record_id: string }>);
    }
    for (let i = 0; i < concepts.length; i += 500) {
      const chunk = concepts.slice(i, i + 500);
      add(
        this.db
          .prepare(`SELECT d.source, d.record_id FROM search_facets f JOIN search_documents d ON d.id = f.document WHERE f.facet = 'theme' AND f.value IN (${chunk.map(() => '?').join(', ')})`)
          .all(...chunk) as Array<{ source: string; record_id: string }>,
      );
    }
    return [...found.values()];
  }
}
