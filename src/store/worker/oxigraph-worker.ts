// Owns one replica of the embedded store: an Oxigraph store in a worker thread, so that a long
// query never blocks the HTTP event loop and a runaway one can be cut by terminating the thread.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as ox from 'oxigraph';
import { AppError, QueryTooCostlyError } from '../../errors/index.js';
import { openRecordsDatabase, StoreJournal, type JournalEntry } from '../../records/index.js';
import { prepareRdf } from './rdf-preparation.js';
import { assertResultWithinLimits } from '../result-limits.js';
import { fileChunks, latestSnapshot, snapshotDirectory, writeStoreAsNQuads } from './snapshot-files.js';
import type { Envelope, WorkerMessage, WorkerQuery, WorkerReplies, WorkerSettings } from './worker-protocol.js';

const settings = workerData as WorkerSettings;
const port = parentPort!;
let store = new ox.Store();
/** Quads in `store`, tracked per write because Store.size walks the whole store. */
let size = 0;
/** Set when this replica must end after its current reply (its WebAssembly memory ran out). */
let endAfterReply = false;

/** A WebAssembly trap (memory exhausted inside Oxigraph) or a JavaScript string/array too large. */
const outOfMemory = (error: unknown) =>
  error instanceof WebAssembly.RuntimeError || (error instanceof RangeError && /memory|string length|array buffer|allocation/i.test(error.message));

function countGraph(graph: string): number {
  const rows = store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ${ox.namedNode(graph).toString()} { ?s ?p ?o } }`) as Array<
    Map<string, ox.Term>
  >;
  return Number(rows[0]?.get('n')?.value ?? 0);
}

function dropGraph(graph: string): void {
  size -= countGraph(graph);
  store.update(`DROP SILENT GRAPH ${ox.namedNode(graph).toString()}`);
}

function loadNQuads(data: string | Iterable<Uint8Array>): void {
  // The journal holds only payloads that already parsed, so the per-load transaction is not needed.
  store.load(data, { format: 'application/n-quads', no_transaction: true });
}

function applyEntry(entry: JournalEntry): void {
  switch (entry.op) {
    case 'replace':
      dropGraph(entry.graph);
      loadNQuads(entry.nquads);
      size += countGraph(entry.graph);
      return;
    case 'drop':
      dropGraph(entry.graph);
      return;
    case 'add':
      loadNQuads(entry.nquads);
      size = store.size;
      return;
    case 'add-file':
      // Read as a stream: one load, so blank nodes stay joined across the whole file.
      loadNQuads(fileChunks(path.join(settings.dataDir, entry.file)));
      size = store.size;
      return;
    case 'update':
      try {
        store.update(entry.sparql, entry.baseIri ? { base_iri: entry.baseIri } : undefined);
      } finally {
        size = store.size;
      }
      return;
    case 'restore':
      // The whole store is the snapshot written for this seq; rebuild() starts from it.
      store = new ox.Store();
      loadSnapshot(entry.seq);
      return;
  }
}

function loadSnapshot(upTo: number): number {
  const snapshot = latestSnapshot(snapshotDirectory(settings.dataDir), upTo);
  if (!snapshot) return 0;
  loadNQuads(fileChunks(snapshot.file));
  size = store.size;
  return snapshot.seq;
}

function rebuild(upTo: number): WorkerReplies['rebuild'] {
  const started = Date.now();
  store = new ox.Store();
  size = 0;
  const snapshotSeq = loadSnapshot(upTo);
  let replayed = 0;
  const db = openRecordsDatabase(settings.dataDir, { readonly: true });
  try {
    for (const entry of new StoreJournal(db).entries(snapshotSeq, upTo)) {
      // A published restore is the snapshot we started from; one whose snapshot was never
      // published did not happen (it was not acknowledged).
      if (entry.op === 'restore') continue;
      try {
        applyEntry(entry);
      } catch (error) {
        // An update that failed when first applied fails the same way now: it changed nothing then.
        // Any other write was checked before it was journaled: its failure now is real damage.
        if (entry.op !== 'update') throw error;
      }
      replayed += 1;
    }
  } finally {
    db.close();
  }
  return { size, snapshotSeq, replayed, ms: Date.now() - started };
}

function runQuery(query: WorkerQuery): WorkerReplies['query'] {
  const options: Parameters<ox.Store['query']>[1] = { results_format: query.format };
  if (query.baseIri) options.base_iri = query.baseIri;
  if (query.defaultGraphOnly) options.default_graph = ox.defaultGraph();
  else if (query.defaultGraphs) options.default_graph = query.defaultGraphs.map((g) => ox.namedNode(g));
  else options.use_default_graph_as_union = true;
  if (query.namedGraphs) options.named_graphs = query.namedGraphs.map((g) => ox.namedNode(g));
  let body: string;
  try {
    body = store.query(query.sparql, options) as string;
  } catch (error) {
    if (!outOfMemory(error)) throw error;
    // The WebAssembly instance may be left inconsistent by a trap: this replica ends (the pool
    // rebuilds it) once the refusal is sent.
    endAfterReply = true;
    throw new QueryTooCostlyError('The query needed more memory than one query may use (it builds too many intermediate results); narrow its patterns, or page with LIMIT and OFFSET', {});
  }
  assertResultWithinLimits(body, query.format, query);
  return { body };
}

function handle(message: Envelope): unknown {
  switch (message.type) {
    case 'prepare': {
      const prepared = prepareRdf(message.request);
      const graphQuads = settings.role === 'replica' && message.countGraph ? countGraph(message.countGraph) : 0;
      return { ...prepared, graphQuads } satisfies WorkerReplies['prepare'];
    }
    case 'apply': {
      const failures: WorkerReplies['apply']['failures'] = [];
      for (const entry of message.entries) {
        try {
          applyEntry(entry);
        } catch (error) {
          if (entry.op !== 'update') throw error;
          failures.push({ seq: entry.seq, message: (error as Error).message });
        }
      }
      return { size, failures } satisfies WorkerReplies['apply'];
    }
    case 'query':
      return runQuery(message.query);
    case 'rebuild':
      return rebuild(message.upTo);
    case 'snapshot': {
      const started = Date.now();
      return { ...writeStoreAsNQuads(store, message.file), ms: Date.now() - started } satisfies WorkerReplies['snapshot'];
    }
    case 'stats': {
      const graphs = store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { } }') as Array<Map<string, ox.Term>>;
      return { size, graphs: Number(graphs[0]?.get('n')?.value ?? 0) } satisfies WorkerReplies['stats'];
    }
  }
}

port.on('message', (message: Envelope) => {
  port.postMessage({ id: message.id, kind: 'started' } satisfies WorkerMessage);
  try {
    port.postMessage({ id: message.id, kind: 'ok', result: handle(message) } satisfies WorkerMessage);
  } catch (error) {
    const err = error as Error;
    const details = error instanceof AppError ? error.details : undefined;
    const code = typeof (err as NodeJS.ErrnoException).code === 'string' ? (err as NodeJS.ErrnoException).code : undefined;
    port.postMessage({ id: message.id, kind: 'error', error: { name: err.name, message: err.message, details, ...(code ? { code } : {}) } } satisfies WorkerMessage);
  }
  if (endAfterReply) port.postMessage({ id: 0, kind: 'ending', reason: 'its WebAssembly memory ran out during a query' } satisfies WorkerMessage);
});
