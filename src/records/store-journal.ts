// Owns the graph store's write-ahead journal: every store write is committed here before it is
// acknowledged; the embedded store is rebuilt from the latest snapshot plus the entries after it.
import type { RecordsDatabase } from './records-database.js';

export type JournalOp =
  | { op: 'replace'; graph: string; nquads: string; quads: number }
  | { op: 'drop'; graph: string }
  | { op: 'add'; nquads: string; quads: number }
  /** A bulk load kept as a canonical N-Quads file, relative to DATA_DIR (written and synced first). */
  | { op: 'add-file'; file: string; quads: number }
  | { op: 'update'; sparql: string; baseIri?: string }
  /** Marks a restore: the snapshot file with this seq holds the whole store. */
  | { op: 'restore' };

export type JournalEntry = JournalOp & { seq: number };

interface JournalRow {
  seq: number;
  op: JournalOp['op'];
  graph: string | null;
  body: string | null;
  base_iri: string | null;
  quads: number;
}

function toEntry(row: JournalRow): JournalEntry {
  switch (row.op) {
    case 'replace':
      return { seq: row.seq, op: 'replace', graph: row.graph!, nquads: row.body ?? '', quads: row.quads };
    case 'drop':
      return { seq: row.seq, op: 'drop', graph: row.graph! };
    case 'add':
      return { seq: row.seq, op: 'add', nquads: row.body ?? '', quads: row.quads };
    case 'add-file':
      return { seq: row.seq, op: 'add-file', file: row.body ?? '', quads: row.quads };
    case 'update':
      return { seq: row.seq, op: 'update', sparql: row.body ?? '', ...(row.base_iri ? { baseIri: row.base_iri } : {}) };
    case 'restore':
      return { seq: row.seq, op: 'restore' };
  }
}

function bodyOf(op: JournalOp): string | null {
  if (op.op === 'replace' || op.op === 'add') return op.nquads;
  if (op.op === 'add-file') return op.file;
  if (op.op === 'update') return op.sparql;
  return null;
}

export class StoreJournal {
  private readonly insert;
  private readonly selectRange;
  private readonly deleteThrough;
  private readonly selectLast;

  constructor(private readonly db: RecordsDatabase) {
    this.insert = db.prepare(
      'INSERT INTO store_journal (op, graph, body, base_iri, quads) VALUES (@op, @graph, @body, @baseIri, @quads)',
    );
    this.selectRange = db.prepare('SELECT seq, op, graph, body, base_iri, quads FROM store_journal WHERE seq > ? AND seq <= ? ORDER BY seq');
    this.deleteThrough = db.prepare('DELETE FROM store_journal WHERE seq <= ?');
    this.selectLast = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'store_journal'");
  }

  /** Commits the ops in one transaction and returns them with their sequence numbers. */
  append(ops: JournalOp[]): JournalEntry[] {
    return this.db.transaction(() =>
      ops.map((op) => {
        const info = this.insert.run({
          op: op.op,
          graph: 'graph' in op ? op.graph : null,
          body: bodyOf(op),
          baseIri: op.op === 'update' ? (op.baseIri ?? null) : null,
          quads: 'quads' in op ? op.quads : 0,
        });
        return { ...op, seq: Number(info.lastInsertRowid) };
      }),
    )();
  }

  /** Entries with after < seq <= upTo, oldest first, read lazily. */
  *entries(after: number, upTo: number = Number.MAX_SAFE_INTEGER): Generator<JournalEntry> {
    for (const row of this.selectRange.iterate(after, upTo) as Iterable<JournalRow>) yield toEntry(row);
  }

  /** The last sequence number ever handed out (kept after truncation). */
  lastSeq(): number {
    const row = this.selectLast.get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** Removes one entry that turned out to change nothing (a failed update). */
  discard(seq: number): void {
    this.db.prepare('DELETE FROM store_journal WHERE seq = ?').run(seq);
  }

  /** The load files the journal still needs (relative to DATA_DIR). */
  loadFiles(): Set<string> {
    return new Set(this.db.prepare("SELECT body FROM store_journal WHERE op = 'add-file'").pluck().all() as string[]);
  }

  /** Drops entries a snapshot now covers. */
  truncateThrough(seq: number): void {
    this.deleteThrough.run(seq);
  }

  /** Entries and body bytes not yet covered by a snapshot. */
  backlog(): { ops: number; bytes: number } {
    const row = this.db.prepare("SELECT COUNT(*) AS ops, COALESCE(SUM(CASE WHEN op = 'add-file' THEN quads * 100 ELSE LENGTH(body) END), 0) AS bytes FROM store_journal").get() as {
      ops: number;
      bytes: number;
    };
    return row;
  }
}
