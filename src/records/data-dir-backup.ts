// Owns online backups of a DATA_DIR while the service runs and writes: the system of record copied
// in one read transaction (SQLite's VACUUM INTO; writers go on, WAL), and the embedded store's
// newest snapshot, which with the journal inside that copy is the whole store. A snapshot published
// during the copy would have truncated the journal past the one copied, so the copy is made again.
// A manifest records counts and a checksum over every raw record, which a restore checks.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, fstatSync, readSync, writeSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestSnapshot, snapshotDirectory, snapshotPath } from '../store/worker/snapshot-files.js';
import { recordsDatabasePath, type RecordsDatabase } from './records-database.js';

export interface BackupManifest {
  format: 'maillage-backup/1';
  createdAt: string;
  /** The store snapshot copied with the database (null: no snapshot yet, or a remote store). */
  snapshotSeq: number | null;
  journalEntries: number;
  rawRecords: number;
  /** SHA-256 over every raw record's source, id and checksum, in key order. */
  recordsChecksum: string;
  bytes: number;
}

const databaseFile = 'maillage.sqlite';
const manifestFile = 'manifest.json';

/** Counts and a checksum of the raw records: what a restore must bring back exactly. */
export function recordsFingerprint(db: RecordsDatabase): { rawRecords: number; recordsChecksum: string } {
  const hash = createHash('sha256');
  let rawRecords = 0;
  for (const row of db.prepare('SELECT source, record_id, checksum, deleted FROM raw_records ORDER BY source, record_id').raw().iterate() as Iterable<[string, string, string, number]>) {
    hash.update(`${row[0]}\u0000${row[1]}\u0000${row[2]}\u0000${row[3]}\n`);
    rawRecords += 1;
  }
  return { rawRecords, recordsChecksum: hash.digest('hex') };
}

/** Copies a file through an already open descriptor (the file may be unlinked meanwhile). */
function copyOpen(fd: number, target: string): void {
  const out = openSync(target, 'w');
  try {
    const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      writeSync(out, buffer, 0, read);
    }
  } finally {
    closeSync(out);
  }
}

export async function backupDataDir(dataDir: string, target: string, note: (message: string) => void = () => {}): Promise<BackupManifest> {
  const source = recordsDatabasePath(dataDir);
  if (!existsSync(source)) throw new Error(`${dataDir} holds no Maillage data (no ${databaseFile})`);
  mkdirSync(target, { recursive: true });
  if (existsSync(path.join(target, manifestFile))) throw new Error(`${target} already holds a backup; give an empty folder`);
  const snapshots = snapshotDirectory(dataDir);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const before = existsSync(snapshots) ? latestSnapshot(snapshots) : null;
      // Held open: a newer snapshot may prune this one while the database is copied.
      const fd = before ? openSync(before.file, 'r') : null;
      try {
        const copy = path.join(target, `${databaseFile}.tmp`);
        rmSync(copy, { force: true });
        note(`copying the system of record (attempt ${attempt})`);
        db.prepare('VACUUM INTO ?').run(copy);
        // Bulk-load files the copied journal still needs: one pruned meanwhile means a snapshot came.
        if (!copyLoadFiles(copy, dataDir, target)) {
          note('a bulk-load file was pruned meanwhile; copying again');
          continue;
        }
        const after = existsSync(snapshots) ? latestSnapshot(snapshots) : null;
        if ((after?.seq ?? null) !== (before?.seq ?? null)) {
          note('a store snapshot was written meanwhile; copying again');
          continue;
        }
        renameSync(copy, path.join(target, databaseFile));
        if (fd !== null && before) {
          note(`copying store snapshot ${before.seq} (${(fstatSync(fd).size / 1024 / 1024).toFixed(1)} MiB)`);
          mkdirSync(path.join(target, 'snapshots'), { recursive: true });
          copyOpen(fd, path.join(target, 'snapshots', path.basename(before.file)));
        }
        const copied = new Database(path.join(target, databaseFile), { readonly: true });
        try {
          const manifest: BackupManifest = {
            format: 'maillage-backup/1',
            createdAt: new Date().toISOString(),
            snapshotSeq: before?.seq ?? null,
            journalEntries: (copied.prepare('SELECT COUNT(*) AS n FROM store_journal').get() as { n: number }).n,
            ...recordsFingerprint(copied),
            bytes: fstatSize(path.join(target, databaseFile)) + (before ? fstatSize(path.join(target, 'snapshots', path.basename(before.file))) : 0),
          };
          writeFileSync(path.join(target, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
          return manifest;
        } finally {
          copied.close();
        }
      } finally {
        if (fd !== null) closeSync(fd);
      }
    }
    throw new Error('the store kept writing snapshots during five copies; try again when it is quieter');
  } finally {
    db.close();
  }
}

/** Copies the load files a journal (in the database file `db`) names; false when one is gone. */
function copyLoadFiles(db: string, from: string, to: string): boolean {
  const copied = new Database(db, { readonly: true });
  let files: string[];
  try {
    files = copied.prepare("SELECT body FROM store_journal WHERE op = 'add-file'").pluck().all() as string[];
  } finally {
    copied.close();
  }
  for (const file of files) {
    if (!existsSync(path.join(from, file))) return false;
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(path.join(from, file), path.join(to, file));
  }
  return true;
}

function fstatSize(file: string): number {
  const fd = openSync(file, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/** Puts a backup in place in an unused DATA_DIR, checking it against its manifest first. */
export function restoreDataDir(backup: string, dataDir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(path.join(backup, manifestFile), 'utf8')) as BackupManifest;
  if (manifest.format !== 'maillage-backup/1') throw new Error(`${backup} is not a Maillage backup (format ${String(manifest.format)})`);
  if (existsSync(recordsDatabasePath(dataDir))) throw new Error(`${dataDir} already holds data: restore into an empty DATA_DIR`);
  const copied = new Database(path.join(backup, databaseFile), { readonly: true, fileMustExist: true });
  try {
    const found = recordsFingerprint(copied);
    if (found.rawRecords !== manifest.rawRecords || found.recordsChecksum !== manifest.recordsChecksum) throw new Error(`${backup} does not match its manifest (${found.rawRecords} raw records, checksum ${found.recordsChecksum.slice(0, 12)}…): it is damaged`);
  } finally {
    copied.close();
  }
  mkdirSync(dataDir, { recursive: true });
  if (manifest.snapshotSeq !== null) {
    mkdirSync(snapshotDirectory(dataDir), { recursive: true });
    copyFileSync(path.join(backup, 'snapshots', path.basename(snapshotPath('', manifest.snapshotSeq))), snapshotPath(snapshotDirectory(dataDir), manifest.snapshotSeq));
  }
  if (existsSync(path.join(backup, 'loads'))) cpSync(path.join(backup, 'loads'), path.join(dataDir, 'loads'), { recursive: true });
  // The database last: a DATA_DIR without it is still "empty" if a copy above failed.
  copyFileSync(path.join(backup, databaseFile), recordsDatabasePath(dataDir));
  return manifest;
}
