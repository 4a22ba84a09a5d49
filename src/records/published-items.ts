// Owns the catalogue's items as harvesting protocols see them: every record that was published,
// and every published record its source deleted since (kept forever as a deleted item), with the
// date it last changed. OAI-PMH pages through these.
import type { RecordsDatabase } from './records-database.js';

export interface PublishedItem {
  source: string;
  recordId: string;
  /** The raw record's format (oai_datacite records can be disseminated verbatim). */
  format: string;
  graph: string | null;
  resource: string | null;
  deleted: boolean;
  /** When the record last changed in the system of record (ISO 8601, UTC). */
  datestamp: string;
}

export interface ItemQuery {
  /** Only items whose resource has one of these classes (IRIs). */
  types?: string[];
  /** Leave out deleted items (feeds of what the catalogue holds now). */
  publishedOnly?: boolean;
  source?: string;
  /** Only items harvested in this format, or whose resource IRI starts with resourcePrefix. */
  format?: { raw: string; orResourcePrefix?: string };
  /** Only items whose record graph is one of these (a theme set). */
  graphs?: string[];
  from?: string;
  until?: string;
}

interface ItemRow {
  source: string;
  recordId: string;
  format: string;
  graph: string | null;
  resource: string | null;
  status: string;
  datestamp: string;
}

const columns = `d.source, d.record_id AS recordId, r.format, d.graph, d.resource, d.status, r.updated_at AS datestamp`;
const join = `FROM record_derivations d JOIN raw_records r ON r.source = d.source AND r.record_id = d.record_id`;

function toItem(row: ItemRow): PublishedItem {
  return { source: row.source, recordId: row.recordId, format: row.format, graph: row.graph, resource: row.resource, deleted: row.status === 'deleted', datestamp: row.datestamp };
}

function where(query: ItemQuery): { sql: string; params: unknown[] } {
  // A deleted item is one that was published before: it has a resource (kept at deletion).
  const clauses = [query.publishedOnly ? "d.status = 'published'" : "(d.status = 'published' OR (d.status = 'deleted' AND d.resource IS NOT NULL))"];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    params.push(value);
  };
  // resource_types is a JSON array of IRIs; json_each keeps the match exact.
  if (query.types) add('EXISTS (SELECT 1 FROM json_each(d.resource_types) t WHERE t.value IN (SELECT value FROM json_each(?)))', JSON.stringify(query.types));
  if (query.source) add('d.source = ?', query.source);
  if (query.format?.orResourcePrefix !== undefined) {
    clauses.push('(r.format = ? OR substr(d.resource, 1, length(?)) = ?)');
    params.push(query.format.raw, query.format.orResourcePrefix, query.format.orResourcePrefix);
  } else if (query.format) add('r.format = ?', query.format.raw);
  if (query.graphs) add('d.graph IN (SELECT value FROM json_each(?))', JSON.stringify(query.graphs));
  if (query.from) add('r.updated_at >= ?', query.from);
  if (query.until) add('r.updated_at <= ?', query.until);
  return { sql: clauses.join(' AND '), params };
}

export class PublishedItems {
  constructor(private readonly db: RecordsDatabase) {}

  list(query: ItemQuery, limit: number, offset: number): PublishedItem[] {
    const { sql, params } = where(query);
    const rows = this.db.prepare(`SELECT ${columns} ${join} WHERE ${sql} ORDER BY r.updated_at, d.source, d.record_id LIMIT ? OFFSET ?`).all(...params, limit, offset) as ItemRow[];
    return rows.map(toItem);
  }

  count(query: ItemQuery): number {
    const { sql, params } = where(query);
    return (this.db.prepare(`SELECT COUNT(*) AS n ${join} WHERE ${sql}`).get(...params) as { n: number }).n;
  }

  get(source: string, recordId: string): PublishedItem | null {
    const { sql, params } = where({ source });
    const row = this.db.prepare(`SELECT ${columns} ${join} WHERE ${sql} AND d.record_id = ?`).get(...params, recordId) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  /** The oldest datestamp of any item (OAI-PMH Identify's earliestDatestamp). */
  earliest(): string | null {
    const { sql, params } = where({});
    return (this.db.prepare(`SELECT MIN(r.updated_at) AS t ${join} WHERE ${sql}`).get(...params) as { t: string | null }).t;
  }

  /**
   * When each source's part of the catalogue last changed: its newest item's datestamp, all
   * sources in one query. Every page of a feed states these dates, so the union of the pages
   * still has one dct:modified per catalogue (the whole one's is the newest of them).
   */
  latestBySource(): Map<string, string> {
    const { sql, params } = where({});
    const rows = this.db.prepare(`SELECT d.source AS source, MAX(r.updated_at) AS t ${join} WHERE ${sql} GROUP BY d.source`).all(...params) as Array<{ source: string; t: string }>;
    return new Map(rows.map((r) => [r.source, r.t]));
  }

  /** Distinct published resources with their latest change, for sitemaps. */
  resources(limit: number, offset: number): Array<{ resource: string; modified: string }> {
    return this.db
      .prepare(
        `SELECT d.resource AS resource, MAX(r.updated_at) AS modified ${join}
         WHERE d.status = 'published' AND d.resource IS NOT NULL GROUP BY d.resource ORDER BY d.resource LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as Array<{ resource: string; modified: string }>;
  }

  resourceCount(): number {
    return (this.db.prepare(`SELECT COUNT(DISTINCT d.resource) AS n ${join} WHERE d.status = 'published' AND d.resource IS NOT NULL`).get() as { n: number }).n;
  }

  sources(): string[] {
    const { sql, params } = where({});
    return (this.db.prepare(`SELECT DISTINCT d.source ${join} WHERE ${sql} ORDER BY d.source`).all(...params) as Array<{ source: string }>).map((r) => r.source);
  }
}
