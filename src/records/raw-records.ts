// Owns the raw harvested records and the harvest runs in the system of record: one transaction
// per harvested page takes in its records, its failures and the run's checkpoint together, so a
// harvest killed at any point resumes from its last committed page, losing and doubling nothing.
import { oversized } from './record-limits.js';
import { createHash } from 'node:crypto';
import { isProcessAlive } from './process-liveness.js';
import type { RecordsDatabase } from './records-database.js';

export interface RawRecord {
  id: string;
  /** Source format, e.g. oai_datacite, datacite-json, ckan-json, dcat-ntriples, hal-json, ror-json. */
  format: string;
  datestamp: string | null;
  /** The record as received (XML verbatim; JSON as received, re-serialized). */
  content: string;
  deleted?: boolean;
}

export interface RecordFailure {
  recordId: string | null;
  reason: string;
  excerpt?: string;
}

export interface HarvestPage {
  records: RawRecord[];
  failures: RecordFailure[];
  /** Where the next page starts (resumption token, cursor, URL), or null after the last page. */
  next: string | null;
  notes?: string[];
}

export interface RunCounts {
  pages: number;
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
}

export interface HarvestRun extends RunCounts {
  id: number;
  source: string;
  protocol: string;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  pid: number | null;
  fullHarvest: boolean;
  fromDatestamp: string | null;
  cursor: string | null;
  maxDatestamp: string | null;
  notes: string[];
  error: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface StoredRawRecord extends RawRecord {
  source: string;
  checksum: string;
  deleted: boolean;
  deletedAt: string | null;
  /** When the record last changed in the system of record. */
  updatedAt: string;
}

interface RunRow {
  id: number;
  source: string;
  protocol: string;
  status: HarvestRun['status'];
  pid: number | null;
  full_harvest: number;
  from_datestamp: string | null;
  cursor: string | null;
  pages: number;
  new: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  max_datestamp: string | null;
  notes: string;
  error: string | null;
  started_at: string;
  ended_at: string | null;
}

function toRun(row: RunRow): HarvestRun {
  return {
    id: row.id,
    source: row.source,
    protocol: row.protocol,
    status: row.status,
    pid: row.pid,
    fullHarvest: row.full_harvest === 1,
    fromDatestamp: row.from_datestamp,
    cursor: row.cursor,
    pages: row.pages,
    new: row.new,
    updated: row.updated,
    unchanged: row.unchanged,
    deleted: row.deleted,
    failed: row.failed,
    maxDatestamp: row.max_datestamp,
    notes: JSON.parse(row.notes) as string[],
    error: row.error,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

interface RawRecordRow {
  source: string;
  record_id: string;
  format: string;
  datestamp: string | null;
  checksum: string;
  content: string;
  deleted: number;
  deleted_at: string | null;
  updated_at: string;
}

const toStoredRecord = (row: RawRecordRow): StoredRawRecord => ({
  source: row.source,
  id: row.record_id,
  format: row.format,
  datestamp: row.datestamp,
  checksum: row.checksum,
  content: row.content,
  deleted: row.deleted === 1,
  deletedAt: row.deleted_at,
  updatedAt: row.updated_at,
});

export const checksumOf = (content: string): string => createHash('sha256').update(content).digest('hex');

export class RawRecordStore {
  private readonly selectChecksum;
  private readonly upsert;
  private readonly tombstone;
  private readonly insertFailure;

  constructor(private readonly db: RecordsDatabase) {
    this.selectChecksum = db.prepare('SELECT checksum, deleted FROM raw_records WHERE source = ? AND record_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO raw_records (source, record_id, format, datestamp, checksum, content, deleted, deleted_at, first_run, last_run)
       VALUES (@source, @id, @format, @datestamp, @checksum, @content, 0, NULL, @run, @run)
       ON CONFLICT (source, record_id) DO UPDATE SET format = excluded.format, datestamp = excluded.datestamp,
         checksum = excluded.checksum, content = excluded.content, deleted = 0, deleted_at = NULL, last_run = excluded.last_run,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    // A deletion keeps the last content; one for a record never seen leaves an empty tombstone.
    this.tombstone = db.prepare(
      `INSERT INTO raw_records (source, record_id, format, datestamp, checksum, content, deleted, deleted_at, first_run, last_run)
       VALUES (@source, @id, @format, @datestamp, '', '', 1, @datestamp, @run, @run)
       ON CONFLICT (source, record_id) DO UPDATE SET deleted = 1, deleted_at = excluded.deleted_at, last_run = excluded.last_run,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE raw_records.deleted = 0`,
    );
    this.insertFailure = db.prepare('INSERT INTO harvest_failures (run_id, source, record_id, reason, excerpt) VALUES (?, ?, ?, ?, ?)');
  }

  /**
   * Starts a run for a source, or takes over the source's unfinished run whose process died, so
   * that it resumes from its checkpoint. Returns the run and whether it resumed.
   */
  beginRun(source: string, protocol: string, options: { full: boolean }): { run: HarvestRun; resumed: boolean } {
    return this.db.transaction(() => {
      const open = this.db.prepare("SELECT * FROM harvest_runs WHERE source = ? AND status IN ('running', 'interrupted') ORDER BY id DESC LIMIT 1").get(source) as RunRow | undefined;
      if (open && open.status === 'running' && open.pid !== null && open.pid !== process.pid && isProcessAlive(open.pid)) {
        throw new Error(`Source ${source} is being harvested by process ${open.pid} (run ${open.id})`);
      }
      if (open) {
        this.db.prepare("UPDATE harvest_runs SET status = 'running', pid = ? WHERE id = ?").run(process.pid, open.id);
        return { run: this.run(open.id)!, resumed: true };
      }
      const from = options.full ? null : this.lastCompleted(source)?.maxDatestamp ?? null;
      const info = this.db
        .prepare('INSERT INTO harvest_runs (source, protocol, status, pid, full_harvest, from_datestamp) VALUES (?, ?, ?, ?, ?, ?)')
        .run(source, protocol, 'running', process.pid, options.full ? 1 : 0, from);
      return { run: this.run(Number(info.lastInsertRowid))!, resumed: false };
    })();
  }

  /** Takes in one page: records, tombstones, failures and the checkpoint, in one transaction. */
  commitPage(runId: number, source: string, page: HarvestPage): RunCounts {
    // A record over the size limit is kept aside, not stored (record-limits.ts).
    const refused = page.records.flatMap((r) => (r.deleted ? [] : ((reason) => (reason ? [{ recordId: r.id, reason, excerpt: r.content.slice(0, 500) }] : []))(oversized(r.content))));
    if (refused.length > 0) {
      const ids = new Set(refused.map((f) => f.recordId));
      page = { ...page, records: page.records.filter((r) => !ids.has(r.id)), failures: [...page.failures, ...refused] };
    }
    const counts: RunCounts = { pages: 1, new: 0, updated: 0, unchanged: 0, deleted: 0, failed: page.failures.length };
    let maxDatestamp: string | null = null;
    this.db.transaction(() => {
      for (const record of page.records) {
        if (record.datestamp && (!maxDatestamp || record.datestamp > maxDatestamp)) maxDatestamp = record.datestamp;
        if (record.deleted) {
          counts.deleted += this.tombstone.run({ source, id: record.id, format: record.format, datestamp: record.datestamp, run: runId }).changes;
          continue;
        }
        const checksum = checksumOf(record.content);
        const existing = this.selectChecksum.get(source, record.id) as { checksum: string; deleted: number } | undefined;
        if (existing && existing.checksum === checksum && existing.deleted === 0) {
          counts.unchanged += 1;
          continue;
        }
        this.upsert.run({ source, id: record.id, format: record.format, datestamp: record.datestamp, checksum, content: record.content, run: runId });
        if (existing) counts.updated += 1;
        else counts.new += 1;
      }
      for (const failure of page.failures) {
        this.insertFailure.run(runId, source, failure.recordId, failure.reason, failure.excerpt?.slice(0, 2000) ?? null);
      }
      this.db
        .prepare(
          `UPDATE harvest_runs SET cursor = @cursor, pages = pages + 1, new = new + @new, updated = updated + @updated,
             unchanged = unchanged + @unchanged, deleted = deleted + @deleted, failed = failed + @failed,
             max_datestamp = CASE WHEN max_datestamp IS NULL OR @max > max_datestamp THEN @max ELSE max_datestamp END,
             notes = CASE WHEN @notes IS NULL THEN notes ELSE json_insert(notes, '$[#]', @notes) END
           WHERE id = @id`,
        )
        .run({ id: runId, cursor: page.next, ...counts, max: maxDatestamp, notes: page.notes?.length ? page.notes.join('; ') : null });
    })();
    return counts;
  }

  /** Leaves a run open to be taken over and resumed from its cursor by the next run of its source. */
  interruptRun(runId: number, reason: string): void {
    this.db.prepare("UPDATE harvest_runs SET status = 'interrupted', error = ?, pid = NULL WHERE id = ?").run(reason, runId);
  }

  finishRun(runId: number, status: 'completed' | 'failed', error?: string): HarvestRun {
    this.db
      .prepare("UPDATE harvest_runs SET status = ?, error = ?, pid = NULL, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?")
      .run(status, error ?? null, runId);
    return this.run(runId)!;
  }

  run(id: number): HarvestRun | null {
    const row = this.db.prepare('SELECT * FROM harvest_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  runs(options: { source?: string; limit?: number } = {}): HarvestRun[] {
    const rows = options.source
      ? this.db.prepare('SELECT * FROM harvest_runs WHERE source = ? ORDER BY id DESC LIMIT ?').all(options.source, options.limit ?? 50)
      : this.db.prepare('SELECT * FROM harvest_runs ORDER BY id DESC LIMIT ?').all(options.limit ?? 50);
    return (rows as RunRow[]).map(toRun);
  }

  failures(runId: number): Array<{ recordId: string | null; reason: string; excerpt: string | null }> {
    return (this.db.prepare('SELECT record_id, reason, excerpt FROM harvest_failures WHERE run_id = ? ORDER BY id').all(runId) as Array<{
      record_id: string | null;
      reason: string;
      excerpt: string | null;
    }>).map((row) => ({ recordId: row.record_id, reason: row.reason, excerpt: row.excerpt }));
  }

  lastCompleted(source: string): HarvestRun | null {
    const row = this.db.prepare("SELECT * FROM harvest_runs WHERE source = ? AND status = 'completed' ORDER BY id DESC LIMIT 1").get(source) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  record(source: string, id: string): StoredRawRecord | null {
    const row = this.db.prepare('SELECT * FROM raw_records WHERE source = ? AND record_id = ?').get(source, id) as RawRecordRow | undefined;
    return row ? toStoredRecord(row) : null;
  }

  /** Several records of one source in one query (a derive batch), in no particular order. */
  recordsOf(source: string, ids: string[]): StoredRawRecord[] {
    const rows = this.db.prepare('SELECT * FROM raw_records WHERE source = ? AND record_id IN (SELECT value FROM json_each(?))').all(source, JSON.stringify(ids)) as RawRecordRow[];
    return rows.map(toStoredRecord);
  }

  sources(): string[] {
    return (this.db.prepare('SELECT DISTINCT source FROM raw_records ORDER BY source').all() as Array<{ source: string }>).map((row) => row.source);
  }

  /** Records per source format, for reports. */
  formats(source: string): Record<string, number> {
    const rows = this.db.prepare('SELECT format, COUNT(*) AS n FROM raw_records WHERE source = ? GROUP BY format ORDER BY format').all(source) as Array<{ format: string; n: number }>;
    return Object.fromEntries(rows.map((row) => [row.format, row.n]));
  }

  counts(source?: string): { records: number; deleted: number } {
    const row = (source
      ? this.db.prepare('SELECT COUNT(*) AS records, COALESCE(SUM(deleted), 0) AS deleted FROM raw_records WHERE source = ?').get(source)
      : this.db.prepare('SELECT COUNT(*) AS records, COALESCE(SUM(deleted), 0) AS deleted FROM raw_records').get()) as { records: number; deleted: number };
    return row;
  }
}
