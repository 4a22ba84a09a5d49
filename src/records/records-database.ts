// Owns the durable system of record: one SQLite database (WAL) under DATA_DIR and its schema.
// Later stages add their tables here through migrations; the graph store journal is the first.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type RecordsDatabase = Database.Database;

export interface RecordsDatabaseOptions {
  /** FULL survives power loss; NORMAL survives a killed process (WAL) and is faster. */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
}

const migrations: string[] = [
  `CREATE TABLE store_journal (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     op TEXT NOT NULL CHECK (op IN ('replace', 'drop', 'add', 'update', 'restore')),
     graph TEXT,
     body TEXT,
     base_iri TEXT,
     quads INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   )`,
];

export function recordsDatabasePath(dataDir: string): string {
  return path.join(dataDir, 'maillage.sqlite');
}

export function openRecordsDatabase(dataDir: string, options: RecordsDatabaseOptions = {}): RecordsDatabase {
  const file = recordsDatabasePath(dataDir);
  if (options.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    return db;
  }
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 10000');
  migrate(db);
  return db;
}

function migrate(db: RecordsDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.slice(current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
