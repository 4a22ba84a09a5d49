// Owns copying the embedded store into a remote one (`maillage migrate --to remote`): graph by graph
// in batched writes, each batch remembered in the records database once the target took it, so a
// run that stops (killed, the target down) goes on where it stopped. A graph the target refuses is
// reported with its reason and the rest goes on. The store's own default graph is copied last.
import type { RecordsDatabase } from '../records/index.js';
import { mediaTypes, sparqlIri } from '../rdf/index.js';
import { countLines } from './embedded/nquads-chunks.js';
import type { GraphStore, GraphWrite } from './graph-store.js';

export interface MigrationOptions {
  /** Names the target in the progress table (its query URL). */
  target: string;
  /** N-Triples bytes per batch, and graphs per batch. */
  batchBytes?: number;
  batchGraphs?: number;
  onProgress?: (progress: MigrationProgress) => void;
}

export interface MigrationProgress {
  graphs: number;
  copied: number;
  /** Graphs copied by an earlier run (skipped now). */
  resumed: number;
  quads: number;
  refused: Array<{ graph: string; reason: string }>;
}

const defaultGraphKey = '';

export async function migrateStore(from: GraphStore, to: GraphStore, db: RecordsDatabase, options: MigrationOptions): Promise<MigrationProgress> {
  const stats = await from.stats();
  const sourceSeq = Number(stats.details.journalSeq ?? 0);
  // Progress of a run made on a store that changed since is no longer true: start again.
  db.prepare('DELETE FROM store_migration WHERE target = ? AND source_seq <> ?').run(options.target, sourceSeq);
  const done = new Set(db.prepare('SELECT graph FROM store_migration WHERE target = ?').pluck().all(options.target) as string[]);
  const remember = db.prepare('INSERT OR REPLACE INTO store_migration (target, graph, quads, source_seq) VALUES (?, ?, ?, ?)');

  const listed = await from.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g');
  const graphs = listed.form === 'SELECT' ? listed.bindings.map((b) => b.g!.value) : [];
  const progress: MigrationProgress = { graphs: graphs.length, copied: 0, resumed: 0, quads: 0, refused: [] };
  let batch: Array<{ write: GraphWrite; quads: number }> = [];
  let batchBytes = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const result = await to.applyBatch(batch.map((b) => b.write));
    const refused = new Map((result.refused ?? []).map((r) => [r.graph, r.reason]));
    db.transaction(() => {
      for (const { write, quads } of batch) {
        if (refused.has(write.graph)) continue;
        remember.run(options.target, write.graph, quads, sourceSeq);
        progress.copied += 1;
        progress.quads += quads;
      }
    })();
    for (const [graph, reason] of refused) progress.refused.push({ graph, reason });
    batch = [];
    batchBytes = 0;
    options.onProgress?.(progress);
  };

  for (const graph of graphs) {
    if (done.has(graph)) {
      progress.resumed += 1;
      continue;
    }
    const { body } = await from.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(graph)} { ?s ?p ?o } }`, { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples }, { form: 'CONSTRUCT' });
    const quads = countLines(body);
    batch.push({ write: { kind: 'replace', graph, payload: { data: body, format: mediaTypes.nTriples } }, quads });
    batchBytes += body.length;
    if (batchBytes >= (options.batchBytes ?? 4 * 1024 * 1024) || batch.length >= (options.batchGraphs ?? 200)) await flush();
  }
  await flush();

  // Triples outside every named graph (a bulk load of a triple file without --graph).
  if (!done.has(defaultGraphKey)) {
    const { body } = await from.querySerialized('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples }, { form: 'CONSTRUCT', defaultGraphOnly: true });
    const quads = countLines(body);
    if (quads > 0) await to.load({ data: body, format: mediaTypes.nTriples });
    remember.run(options.target, defaultGraphKey, quads, sourceSeq);
    progress.quads += quads;
    options.onProgress?.(progress);
  }
  return progress;
}
