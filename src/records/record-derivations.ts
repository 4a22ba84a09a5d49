// Owns what was derived from each raw record: its graph, whether it is published or quarantined,
// its validation report and FAIR scores; and the derive runs (harvest follow-up or reindex), so a
// reindex killed half-way resumes where it stopped. Summaries per source come from here.
import type { RecordsDatabase } from './records-database.js';

export type DerivationStatus = 'published' | 'quarantined' | 'unmappable' | 'deleted';

export interface Derivation {
  source: string;
  recordId: string;
  checksum: string;
  status: DerivationStatus;
  graph: string | null;
  resource: string | null;
  resourceTypes: string[];
  conforms: boolean | null;
  coreViolations: number;
  violations: number;
  warnings: number;
  infos: number;
  /** The findings as JSON (validation-report Finding[]). */
  report: unknown[];
  fair: unknown;
  error: string | null;
  derivedAt: string;
}

export interface DeriveRun {
  id: number;
  source: string | null;
  kind: 'harvest' | 'reindex';
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  endedAt: string | null;
  records: number;
  published: number;
  quarantined: number;
  unmappable: number;
  deleted: number;
}

export interface SourceValidationSummary {
  source: string;
  records: number;
  published: number;
  quarantined: number;
  unmappable: number;
  deleted: number;
  conforming: number;
  violations: number;
  warnings: number;
  infos: number;
  /** The most frequent findings: shape path and message, with how many records have them. */
  topFindings: Array<{ severity: string; path: string | null; message: string; records: number }>;
}

interface DerivationRow {
  source: string;
  record_id: string;
  checksum: string;
  status: DerivationStatus;
  graph: string | null;
  resource: string | null;
  resource_types: string;
  conforms: number | null;
  core_violations: number;
  violations: number;
  warnings: number;
  infos: number;
  report: string;
  fair: string | null;
  error: string | null;
  derived_at: string;
}

const toDerivation = (row: DerivationRow): Derivation => ({
  source: row.source,
  recordId: row.record_id,
  checksum: row.checksum,
  status: row.status,
  graph: row.graph,
  resource: row.resource,
  resourceTypes: JSON.parse(row.resource_types) as string[],
  conforms: row.conforms === null ? null : row.conforms === 1,
  coreViolations: row.core_violations,
  violations: row.violations,
  warnings: row.warnings,
  infos: row.infos,
  report: JSON.parse(row.report) as unknown[],
  fair: row.fair ? (JSON.parse(row.fair) as unknown) : null,
  error: row.error,
  derivedAt: row.derived_at,
});

export class RecordDerivations {
  private readonly upsert;

  constructor(private readonly db: RecordsDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO record_derivations (source, record_id, checksum, status, graph, resource, resource_types, conforms, core_violations, violations, warnings, infos, report, fair, error, derived_at)
       VALUES (@source, @recordId, @checksum, @status, @graph, @resource, @resourceTypes, @conforms, @coreViolations, @violations, @warnings, @infos, @report, @fair, @error, @derivedAt)
       ON CONFLICT (source, record_id) DO UPDATE SET checksum = excluded.checksum, status = excluded.status, graph = excluded.graph,
         -- A deletion keeps what the record described, for its tombstone.
         resource = CASE WHEN excluded.status = 'deleted' THEN record_derivations.resource ELSE excluded.resource END,
         resource_types = CASE WHEN excluded.status = 'deleted' THEN record_derivations.resource_types ELSE excluded.resource_types END,
         conforms = excluded.conforms,
         core_violations = excluded.core_violations, violations = excluded.violations, warnings = excluded.warnings, infos = excluded.infos,
         report = excluded.report, fair = excluded.fair, error = excluded.error, derived_at = excluded.derived_at`,
    );
  }

  /** Saves a batch of derivations together (after their graphs are in the store). */
  saveAll(derivations: Derivation[]): void {
    this.db.transaction(() => {
      for (const d of derivations) {
        this.upsert.run({
          ...d,
          resourceTypes: JSON.stringify(d.resourceTypes),
          conforms: d.conforms === null ? null : d.conforms ? 1 : 0,
          report: JSON.stringify(d.report),
          fair: d.fair === null ? null : JSON.stringify(d.fair),
        });
      }
    })();
  }

  get(source: string, recordId: string): Derivation | null {
    const row = this.db.prepare('SELECT * FROM record_derivations WHERE source = ? AND record_id = ?').get(source, recordId) as DerivationRow | undefined;
    return row ? toDerivation(row) : null;
  }

  byGraph(graph: string): Derivation | null {
    const row = this.db.prepare('SELECT * FROM record_derivations WHERE graph = ?').get(graph) as DerivationRow | undefined;
    return row ? toDerivation(row) : null;
  }

  /** Every record that described a resource (published, deleted or kept aside). */
  byResource(resource: string): Derivation[] {
    const rows = this.db.prepare('SELECT * FROM record_derivations WHERE resource = ? ORDER BY source, record_id').all(resource) as DerivationRow[];
    return rows.map(toDerivation);
  }

  list(source: string, options: { status?: DerivationStatus; limit?: number; offset?: number } = {}): Derivation[] {
    const rows = this.db
      .prepare('SELECT * FROM record_derivations WHERE source = @source AND (@status IS NULL OR status = @status) ORDER BY record_id LIMIT @limit OFFSET @offset')
      .all({ source, status: options.status ?? null, limit: options.limit ?? 100, offset: options.offset ?? 0 }) as DerivationRow[];
    return rows.map(toDerivation);
  }

  sources(): string[] {
    return (this.db.prepare('SELECT DISTINCT source FROM record_derivations ORDER BY source').all() as Array<{ source: string }>).map((r) => r.source);
  }

  summary(source: string): SourceValidationSummary {
    const totals = this.db
      .prepare(
        `SELECT COUNT(*) AS records, SUM(status = 'published') AS published, SUM(status = 'quarantined') AS quarantined,
           SUM(status = 'unmappable') AS unmappable, SUM(status = 'deleted') AS deleted, SUM(conforms = 1) AS conforming,
           SUM(violations) AS violations, SUM(warnings) AS warnings, SUM(infos) AS infos
         FROM record_derivations WHERE source = ?`,
      )
      .get(source) as Record<string, number | null>;
    const top = this.db
      .prepare(
        `SELECT json_extract(f.value, '$.severity') AS severity, json_extract(f.value, '$.path') AS path, json_extract(f.value, '$.message') AS message,
           COUNT(DISTINCT d.record_id) AS records
         FROM record_derivations d, json_each(d.report) f WHERE d.source = ?
         GROUP BY severity, path, message ORDER BY records DESC LIMIT 10`,
      )
      .all(source) as Array<{ severity: string; path: string | null; message: string; records: number }>;
    const n = (key: string) => Number(totals[key] ?? 0);
    return {
      source,
      records: n('records'),
      published: n('published'),
      quarantined: n('quarantined'),
      unmappable: n('unmappable'),
      deleted: n('deleted'),
      conforming: n('conforming'),
      violations: n('violations'),
      warnings: n('warnings'),
      infos: n('infos'),
      topFindings: top,
    };
  }

  /** Raw records whose derivation is missing or older than their content (new or changed since). */
  /** Records of the source whose derivation is missing or out of date, after `afterId` in record order (a cursor: a scan from the start each time made a derive of N records cost O(N²)). */
  stale(source: string, limit: number, afterId = ''): Array<{ recordId: string }> {
    return (this.db
      .prepare(
        `SELECT r.record_id AS recordId FROM raw_records r LEFT JOIN record_derivations d ON d.source = r.source AND d.record_id = r.record_id
         WHERE r.source = ? AND r.record_id > ? AND (d.record_id IS NULL OR d.checksum != r.checksum OR (r.deleted = 1 AND d.status != 'deleted'))
         ORDER BY r.record_id LIMIT ?`,
      )
      .all(source, afterId, limit) as Array<{ recordId: string }>);
  }

  /** Records of a reindex run not yet derived since it started, in a stable order. */
  notDerivedSince(source: string | null, since: string, afterId: string, limit: number): Array<{ source: string; recordId: string }> {
    return this.db
      .prepare(
        `SELECT r.source, r.record_id AS recordId FROM raw_records r LEFT JOIN record_derivations d ON d.source = r.source AND d.record_id = r.record_id
         WHERE (@source IS NULL OR r.source = @source) AND (d.derived_at IS NULL OR d.derived_at < @since) AND (r.source || char(0) || r.record_id) > @after
         ORDER BY r.source, r.record_id LIMIT @limit`,
      )
      .all({ source, since, after: afterId, limit }) as Array<{ source: string; recordId: string }>;
  }

  beginRun(source: string | null, kind: DeriveRun['kind']): { run: DeriveRun; resumed: boolean } {
    const open = this.db.prepare("SELECT * FROM derive_runs WHERE kind = ? AND status = 'running' AND source IS ? ORDER BY id DESC LIMIT 1").get(kind, source) as Record<string, unknown> | undefined;
    if (open) return { run: this.toRun(open), resumed: true };
    const info = this.db.prepare("INSERT INTO derive_runs (source, kind, status, started_at) VALUES (?, ?, 'running', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").run(source, kind);
    return { run: this.run(Number(info.lastInsertRowid))!, resumed: false };
  }

  addToRun(id: number, counts: { records: number; published: number; quarantined: number; unmappable: number; deleted: number }): void {
    this.db
      .prepare('UPDATE derive_runs SET records = records + @records, published = published + @published, quarantined = quarantined + @quarantined, unmappable = unmappable + @unmappable, deleted = deleted + @deleted WHERE id = @id')
      .run({ id, ...counts });
  }

  finishRun(id: number, status: 'completed' | 'failed'): DeriveRun {
    this.db.prepare("UPDATE derive_runs SET status = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(status, id);
    return this.run(id)!;
  }

  run(id: number): DeriveRun | null {
    const row = this.db.prepare('SELECT * FROM derive_runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? this.toRun(row) : null;
  }

  runs(limit = 20): DeriveRun[] {
    return (this.db.prepare('SELECT * FROM derive_runs ORDER BY id DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>).map((row) => this.toRun(row));
  }

  private toRun(row: Record<string, unknown>): DeriveRun {
    return {
      id: row.id as number,
      source: row.source as string | null,
      kind: row.kind as DeriveRun['kind'],
      status: row.status as DeriveRun['status'],
      startedAt: row.started_at as string,
      endedAt: row.ended_at as string | null,
      records: row.records as number,
      published: row.published as number,
      quarantined: row.quarantined as number,
      unmappable: row.unmappable as number,
      deleted: row.deleted as number,
    };
  }
}
