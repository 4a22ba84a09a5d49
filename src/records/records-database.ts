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
  // Raw harvested records, verbatim, one row per (source, record id); a deletion keeps the row as
  // a tombstone so the metadata stays visible.
  `CREATE TABLE raw_records (
     source TEXT NOT NULL,
     record_id TEXT NOT NULL,
     format TEXT NOT NULL,
     datestamp TEXT,
     checksum TEXT NOT NULL,
     content TEXT NOT NULL,
     deleted INTEGER NOT NULL DEFAULT 0,
     deleted_at TEXT,
     first_run INTEGER NOT NULL,
     last_run INTEGER NOT NULL,
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     PRIMARY KEY (source, record_id)
   ) WITHOUT ROWID`,
  `CREATE TABLE harvest_runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL,
     protocol TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
     pid INTEGER,
     full_harvest INTEGER NOT NULL DEFAULT 0,
     from_datestamp TEXT,
     cursor TEXT,
     pages INTEGER NOT NULL DEFAULT 0,
     new INTEGER NOT NULL DEFAULT 0,
     updated INTEGER NOT NULL DEFAULT 0,
     unchanged INTEGER NOT NULL DEFAULT 0,
     deleted INTEGER NOT NULL DEFAULT 0,
     failed INTEGER NOT NULL DEFAULT 0,
     max_datestamp TEXT,
     notes TEXT NOT NULL DEFAULT '[]',
     error TEXT,
     started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     ended_at TEXT
   )`,
  `CREATE INDEX harvest_runs_by_source ON harvest_runs (source, id)`,
  // Records (or pages) that could not be taken in, kept aside with the reason.
  `CREATE TABLE harvest_failures (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     run_id INTEGER NOT NULL REFERENCES harvest_runs (id),
     source TEXT NOT NULL,
     record_id TEXT,
     reason TEXT NOT NULL,
     excerpt TEXT,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   )`,
  `CREATE TABLE record_derivations (
     source TEXT NOT NULL,
     record_id TEXT NOT NULL,
     checksum TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('published', 'quarantined', 'unmappable', 'deleted')),
     graph TEXT,
     resource TEXT,
     resource_types TEXT NOT NULL DEFAULT '[]',
     conforms INTEGER,
     core_violations INTEGER NOT NULL DEFAULT 0,
     violations INTEGER NOT NULL DEFAULT 0,
     warnings INTEGER NOT NULL DEFAULT 0,
     infos INTEGER NOT NULL DEFAULT 0,
     report TEXT NOT NULL,
     fair TEXT,
     error TEXT,
     derived_at TEXT NOT NULL,
     PRIMARY KEY (source, record_id)
   ) WITHOUT ROWID`,
  `CREATE TABLE derive_runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     started_at TEXT NOT NULL,
     ended_at TEXT,
     records INTEGER NOT NULL DEFAULT 0,
     published INTEGER NOT NULL DEFAULT 0,
     quarantined INTEGER NOT NULL DEFAULT 0,
     unmappable INTEGER NOT NULL DEFAULT 0,
     deleted INTEGER NOT NULL DEFAULT 0
   )`,
  // Linked data answers "which records described this resource" (410 once they are all deleted).
  `CREATE INDEX record_derivations_by_resource ON record_derivations (resource)`,
  // The search index (src/search/): one document per published record, its text in FTS5 (same
  // rowid; accents folded, English stemming), its facet values, and ranges for coverage filters.
  `CREATE TABLE search_documents (
     id INTEGER PRIMARY KEY,
     source TEXT NOT NULL,
     record_id TEXT NOT NULL,
     resource TEXT NOT NULL,
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     year INTEGER,
     temporal_start TEXT,
     temporal_end TEXT,
     west REAL, south REAL, east REAL, north REAL,
     UNIQUE (source, record_id)
   )`,
  `CREATE INDEX search_documents_by_resource ON search_documents (resource)`,
  `CREATE VIRTUAL TABLE search_text USING fts5(title, description, keywords, names, tokenize = 'porter unicode61 remove_diacritics 2')`,
  // Relevance: bm25 with a title worth five descriptions (lower rank is better).
  `INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 2.0, 5.0, 3.0)')`,
  `CREATE TABLE search_facets (
     document INTEGER NOT NULL,
     facet TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (document, facet, value)
   ) WITHOUT ROWID`,
  `CREATE INDEX search_facets_by_value ON search_facets (facet, value, document)`,
  // The thesaurus editing history (src/thesaurus/): every change to a concept, who made it and
  // when, with the concept before and after (JSON); and every published release, in full.
  `CREATE TABLE thesaurus_changes (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     scheme TEXT NOT NULL,
     concept TEXT,
     action TEXT NOT NULL,
     actor TEXT NOT NULL,
     at TEXT NOT NULL,
     before TEXT,
     after TEXT,
     comment TEXT
   )`,
  `CREATE INDEX thesaurus_changes_by_concept ON thesaurus_changes (scheme, concept, seq)`,
  `CREATE TABLE thesaurus_releases (
     scheme TEXT NOT NULL,
     version TEXT NOT NULL,
     released_at TEXT NOT NULL,
     actor TEXT NOT NULL,
     description TEXT,
     concepts INTEGER NOT NULL,
     ntriples TEXT NOT NULL,
     PRIMARY KEY (scheme, version)
   )`,
  // The link index (src/linking/): links between resources and the types and labels of the nodes
  // of every published record graph, for GraphQL's linked resources without SPARQL.
  `CREATE TABLE graph_links (
     source TEXT NOT NULL,
     record_id TEXT NOT NULL,
     graph TEXT NOT NULL,
     subject TEXT NOT NULL,
     property TEXT NOT NULL,
     object TEXT NOT NULL,
     relation_type TEXT
   )`,
  `CREATE INDEX graph_links_by_record ON graph_links (source, record_id)`,
  `CREATE INDEX graph_links_by_subject ON graph_links (subject)`,
  `CREATE INDEX graph_links_by_object ON graph_links (object)`,
  `CREATE TABLE graph_summaries (
     source TEXT NOT NULL,
     record_id TEXT NOT NULL,
     node TEXT NOT NULL,
     predicate TEXT NOT NULL,
     value TEXT NOT NULL,
     lang TEXT
   )`,
  `CREATE INDEX graph_summaries_by_record ON graph_summaries (source, record_id)`,
  `CREATE INDEX graph_summaries_by_node ON graph_summaries (node, predicate, value)`,
  // Each distinct summary value once, with the number of record graphs that state it: a person or
  // an organisation is named in thousands of records, and a lookup reads only the distinct values.
  `CREATE TABLE node_summaries (
     node TEXT NOT NULL,
     predicate TEXT NOT NULL,
     value TEXT NOT NULL,
     lang TEXT NOT NULL,
     refs INTEGER NOT NULL,
     PRIMARY KEY (node, predicate, value, lang)
   ) WITHOUT ROWID`,
  // Lookups read node_summaries; graph_summaries is only read per record (its other index).
  `DROP INDEX graph_summaries_by_node`,
  // French and English stemming (src/search/stemming.ts): texts come stemmed, FTS5 only folds
  // them; title_words keeps the titles as written, for suggestions by prefix. Emptying the
  // documents makes the service rebuild the index from the published records at its next start.
  `DROP TABLE search_text`,
  `CREATE VIRTUAL TABLE search_text USING fts5(title, description, keywords, names, title_words, tokenize = 'unicode61 remove_diacritics 2')`,
  `INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 2.0, 5.0, 3.0, 10.0)')`,
  `DELETE FROM search_facets`,
  `DELETE FROM search_documents`,
  // Summaries counted per source: the value shown when sources disagree depends on which source
  // states it (src/linking/preferred-value.ts). Rebuilt from the per-record rows.
  `DROP TABLE node_summaries`,
  `CREATE TABLE node_summaries (
     node TEXT NOT NULL,
     predicate TEXT NOT NULL,
     value TEXT NOT NULL,
     lang TEXT NOT NULL,
     source TEXT NOT NULL,
     refs INTEGER NOT NULL,
     PRIMARY KEY (node, predicate, value, lang, source)
   ) WITHOUT ROWID`,
  `INSERT INTO node_summaries (node, predicate, value, lang, source, refs)
     SELECT node, predicate, value, coalesce(lang, '-'), source, COUNT(*) FROM graph_summaries GROUP BY node, predicate, value, coalesce(lang, '-'), source`,
  // Summaries keep dct:type too (the type a relation gives a resource that was never harvested):
  // emptied, the link index is filled again by deriving every record at the next start.
  `DELETE FROM graph_summaries`,
  `DELETE FROM node_summaries`,
  // When each resource first reached the catalogue: saved searches count what is new since a visit
  // or an alert. Resources already indexed count as seen when this table was made.
  `CREATE TABLE resource_first_seen (resource TEXT PRIMARY KEY, first_seen TEXT NOT NULL) WITHOUT ROWID`,
  `INSERT OR IGNORE INTO resource_first_seen (resource, first_seen) SELECT resource, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM search_documents`,
  `CREATE INDEX resource_first_seen_by_time ON resource_first_seen (first_seen)`,
  // The personal space (src/personal/): accounts signed in with ORCID, their sessions, collections,
  // saved searches with the alert periods already sent, and questions on datasets with answers.
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     orcid TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     email TEXT,
     lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
     role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'curator', 'admin')),
     created_at TEXT NOT NULL
   )`,
  `CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     csrf TEXT NOT NULL,
     expires_at TEXT NOT NULL
   ) WITHOUT ROWID`,
  `CREATE TABLE collections (
     id TEXT PRIMARY KEY,
     owner_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
     title TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'link', 'public')),
     share_token TEXT,
     official INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     modified_at TEXT NOT NULL
   ) WITHOUT ROWID`,
  `CREATE INDEX collections_by_owner ON collections (owner_id)`,
  `CREATE TABLE collection_items (
     collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
     resource TEXT NOT NULL,
     title TEXT NOT NULL,
     doi TEXT,
     added_at TEXT NOT NULL,
     PRIMARY KEY (collection_id, resource)
   ) WITHOUT ROWID`,
  `CREATE TABLE saved_searches (
     id TEXT PRIMARY KEY,
     owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     query TEXT NOT NULL,
     frequency TEXT NOT NULL DEFAULT 'none' CHECK (frequency IN ('none', 'immediate', 'daily', 'weekly')),
     created_at TEXT NOT NULL,
     visited_at TEXT NOT NULL,
     alerted_at TEXT NOT NULL
   ) WITHOUT ROWID`,
  `CREATE TABLE alert_periods (
     search_id TEXT NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
     period TEXT NOT NULL,
     since TEXT NOT NULL,
     claimed_at TEXT NOT NULL,
     sent_at TEXT,
     datasets INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (search_id, period)
   ) WITHOUT ROWID`,
  `CREATE TABLE questions (
     id INTEGER PRIMARY KEY,
     resource TEXT NOT NULL,
     author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
     text TEXT NOT NULL,
     asked_at TEXT NOT NULL,
     answer TEXT,
     answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
     answered_at TEXT,
     hidden INTEGER NOT NULL DEFAULT 0,
     frequent INTEGER NOT NULL DEFAULT 0
   )`,
  `CREATE INDEX questions_by_resource ON questions (resource)`,
  `CREATE INDEX questions_by_author ON questions (author_id, asked_at)`,
  // Keys the service keeps across restarts (the one that signs unsubscribe links).
  `CREATE TABLE service_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  // A thesaurus edit is written to the history before the store (pending), then confirmed: a
  // process killed in between leaves a pending change that the next start settles against the store.
  `ALTER TABLE thesaurus_changes ADD COLUMN pending INTEGER NOT NULL DEFAULT 0`,
  // maillage migrate --to remote: the graphs already copied to a target, as of the embedded
  // store's journal position (a store changed since is copied again from the start).
  `CREATE TABLE store_migration (
     target TEXT NOT NULL,
     graph TEXT NOT NULL,
     quads INTEGER NOT NULL,
     source_seq INTEGER NOT NULL,
     PRIMARY KEY (target, graph)
   ) WITHOUT ROWID`,
  // A bulk load of a file is journaled as the canonical N-Quads file it was turned into
  // (DATA_DIR/loads/), not as a body: a file of any size is one atomic write. SQLite cannot change
  // a CHECK, so the table is made again; the last sequence number handed out is kept.
  `CREATE TABLE store_journal_v2 (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     op TEXT NOT NULL CHECK (op IN ('replace', 'drop', 'add', 'add-file', 'update', 'restore')),
     graph TEXT,
     body TEXT,
     base_iri TEXT,
     quads INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   );
   INSERT INTO store_journal_v2 (seq, op, graph, body, base_iri, quads, created_at) SELECT seq, op, graph, body, base_iri, quads, created_at FROM store_journal;
   DELETE FROM sqlite_sequence WHERE name = 'store_journal_v2';
   INSERT INTO sqlite_sequence (name, seq) SELECT 'store_journal_v2', seq FROM sqlite_sequence WHERE name = 'store_journal';
   DROP TABLE store_journal;
   ALTER TABLE store_journal_v2 RENAME TO store_journal`,
];

/**
 * Changes whenever the database content may have changed: SQLite's data_version counts other
 * connections' commits, total_changes this connection's own writes. Caches of query answers keep it.
 */
export function contentVersion(db: RecordsDatabase): string {
  let read = versionReaders.get(db);
  // Asked before every remembered answer is given: the statement is prepared once per connection.
  if (!read) versionReaders.set(db, (read = db.prepare('SELECT (SELECT data_version FROM pragma_data_version), total_changes()').raw()));
  const [dataVersion, changes] = read.get() as [number, number];
  return `${dataVersion}:${changes}`;
}
const versionReaders = new WeakMap<RecordsDatabase, Database.Statement>();

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
