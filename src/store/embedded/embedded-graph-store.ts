// Owns the embedded GraphStore: Oxigraph replicas in worker threads, made durable by the journal
// in the system of record (every write is committed there before it is applied or acknowledged)
// and by snapshots that let the journal be truncated.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, createReadStream, fsyncSync, openSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { BadRequestError, CapacityExceededError, UnavailableError } from '../../errors/index.js';
import type { Logger } from '../../log/index.js';
import { assertGraphIri, mediaTypes, type RdfMediaType } from '../../rdf/index.js';
import { openRecordsDatabase, StoreJournal, type JournalEntry, type JournalOp, type RecordsDatabase } from '../../records/index.js';
import type {
  GraphStore,
  GraphWrite,
  LoadOptions,
  QueryOptions,
  QueryResult,
  RdfPayload,
  ResultFormats,
  SerializedResult,
  StoreStats,
  WriteResult,
} from '../graph-store.js';
import { parseSerializedResult, termResultFormats } from '../result-parsing.js';
import { assertUpdate, queryFormOf } from '../sparql-request.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { ReplicaPool } from './replica-pool.js';
import { latestSnapshot, pruneSnapshots, publishSnapshot, snapshotDirectory, snapshotPath } from '../worker/snapshot-files.js';
import { splitNQuads } from './nquads-chunks.js';
import { writeCanonicalNQuads } from './canonical-load-file.js';

export interface EmbeddedGraphStoreOptions {
  dataDir: string;
  replicas: number;
  capacityQuads: number;
  snapshotAfterOps: number;
  snapshotAfterBytes: number;
  synchronous: 'FULL' | 'NORMAL';
  queryTimeoutMs: number;
  /** How long a public query waits for a replica it may use (ReplicaPool.runPublic). */
  publicWaitMs?: number;
  logger: Logger;
  /** Quads per journal entry when a bulk load is split. */
  loadChunkQuads?: number;
}

export async function openEmbeddedGraphStore(options: EmbeddedGraphStoreOptions): Promise<EmbeddedGraphStore> {
  const lock = lockDataDir(options.dataDir);
  try {
    const db = openRecordsDatabase(options.dataDir, { synchronous: options.synchronous });
    const store = new EmbeddedGraphStore(options, db, lock);
    await store.start();
    return store;
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * When the journal is worth a snapshot. A snapshot writes the whole store, so a fixed threshold
 * makes a load of N records write O(N²) bytes of snapshots (at 63,000 records, a dozen snapshots of
 * up to 1.5 GB). The thresholds grow with the newest snapshot instead: the journal may reach half
 * its size (and about one operation per 100 of its quads, a record graph being 100 to 350), so the
 * snapshots of a growing store cost O(N) in all, and a restart replays at most half a store.
 */
export function snapshotThresholds(options: Pick<EmbeddedGraphStoreOptions, 'snapshotAfterOps' | 'snapshotAfterBytes'>, snapshotBytes: number): { ops: number; bytes: number } {
  // An N-Quads line of a record graph is about 150 bytes: half the snapshot's lines, over 100 quads an operation.
  return { bytes: Math.max(options.snapshotAfterBytes, snapshotBytes / 2), ops: Math.max(options.snapshotAfterOps, Math.round(snapshotBytes / 150 / 2 / 100)) };
}

export class EmbeddedGraphStore implements GraphStore {
  readonly backend = 'embedded' as const;
  private readonly journal: StoreJournal;
  private readonly pool: ReplicaPool;
  private readonly snapshotDir: string;
  private readonly tmpDir: string;
  private readonly inFlightWrites = new Set<Promise<unknown>>();
  private backlog = { ops: 0, bytes: 0 };
  /** Bytes of the newest snapshot: the journal may grow to half of it before the next one. */
  private snapshotBytes = 0;
  private snapshotting: Promise<void> | null = null;
  private snapshotRetryAt = 0;
  /** Load files being written (not in the journal yet): pruning leaves them alone. */
  private readonly loading = new Set<string>();
  private closed = false;

  constructor(
    private readonly options: EmbeddedGraphStoreOptions,
    private readonly db: RecordsDatabase,
    private readonly lock: DataDirLock,
  ) {
    this.journal = new StoreJournal(db);
    this.snapshotDir = snapshotDirectory(options.dataDir);
    this.tmpDir = path.join(options.dataDir, 'tmp');
    this.pool = new ReplicaPool({
      dataDir: options.dataDir,
      replicas: options.replicas,
      logger: options.logger,
      lastSeq: () => this.journal.lastSeq(),
      ...(options.publicWaitMs !== undefined ? { publicWaitMs: options.publicWaitMs } : {}),
    });
  }

  async start(): Promise<void> {
    mkdirSync(this.snapshotDir, { recursive: true });
    rmSync(this.tmpDir, { recursive: true, force: true });
    mkdirSync(this.tmpDir, { recursive: true });
    // Leftovers of a snapshot that a crash interrupted.
    for (const name of readdirSync(this.snapshotDir)) if (name.endsWith('.tmp')) rmSync(path.join(this.snapshotDir, name));
    this.backlog = this.journal.backlog();
    this.snapshotBytes = this.newestSnapshotBytes();
    this.pruneLoadFiles();
    await this.pool.start();
  }

  // ---- reads ----------------------------------------------------------------------------------

  async querySerialized(sparql: string, formats: ResultFormats, options: QueryOptions = {}): Promise<SerializedResult> {
    const form = options.form ?? queryFormOf(sparql, options.baseIri);
    for (const graph of [...(options.defaultGraphs ?? []), ...(options.namedGraphs ?? [])]) assertGraphIri(graph);
    const mediaType = form === 'SELECT' || form === 'ASK' ? formats.results : formats.graph;
    const message = {
      type: 'query' as const,
      query: {
        sparql,
        format: mediaType,
        ...(options.defaultGraphs ? { defaultGraphs: options.defaultGraphs } : {}),
        ...(options.defaultGraphOnly ? { defaultGraphOnly: true } : {}),
        ...(options.namedGraphs ? { namedGraphs: options.namedGraphs } : {}),
        ...(options.baseIri ? { baseIri: options.baseIri } : {}),
        ...(options.maxResultBytes !== undefined ? { maxResultBytes: options.maxResultBytes } : {}),
        ...(options.maxRows !== undefined && form === 'SELECT' ? { maxRows: options.maxRows } : {}),
      },
    };
    const timeoutMs = options.timeoutMs ?? this.options.queryTimeoutMs;
    try {
      const { body } = options.lane === 'public' ? await this.pool.runPublic(message, timeoutMs) : await this.pool.run(message, timeoutMs);
      return { form, mediaType, body };
    } catch (error) {
      // A plain Error is Oxigraph refusing a query that parsed (e.g. an unsupported feature): the
      // query is at fault. Anything else (a WebAssembly RuntimeError...) is ours and stays a 500.
      if ((error as Error).name === 'Error') throw new BadRequestError(`The query failed: ${(error as Error).message}`);
      throw error;
    }
  }

  async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return parseSerializedResult(await this.querySerialized(sparql, termResultFormats, options));
  }

  async stats(): Promise<StoreStats> {
    const { size, graphs } = await this.pool.run({ type: 'stats' });
    return {
      backend: 'embedded',
      quads: size,
      graphs,
      capacityQuads: this.options.capacityQuads,
      details: {
        replicas: this.pool.replicas.map((r) => ({ name: r.name, ready: r.ready, inFlight: r.inFlight })),
        replicaEndings: this.pool.endings,
        journalSeq: this.journal.lastSeq(),
        journalBacklog: this.backlog,
        snapshotSeq: latestSnapshot(this.snapshotDir)?.seq ?? 0,
      },
    };
  }

  async dump(sink: (chunk: string) => void | Promise<void>): Promise<{ quads: number }> {
    const file = path.join(this.tmpDir, `dump-${randomBytes(6).toString('hex')}.nq`);
    try {
      const { quads } = await this.pool.run({ type: 'snapshot', file });
      for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) await sink(chunk as string);
      return { quads };
    } finally {
      rmSync(file, { force: true });
    }
  }

  // ---- writes ---------------------------------------------------------------------------------

  replaceGraph(graph: string, payload: RdfPayload): Promise<WriteResult> {
    return this.applyBatch([{ kind: 'replace', graph, payload }]);
  }

  dropGraph(graph: string): Promise<WriteResult> {
    return this.applyBatch([{ kind: 'drop', graph }]);
  }

  async applyBatch(writes: GraphWrite[]): Promise<WriteResult> {
    for (const write of writes) assertGraphIri(write.graph);
    const prepared = await Promise.all(
      writes.map((write) =>
        write.kind === 'drop'
          ? null
          : this.pool.run({ type: 'prepare', request: this.prepareRequest(write.payload, write.graph, true), countGraph: write.graph }),
      ),
    );
    let delta = 0;
    let written = 0;
    const ops: JournalOp[] = writes.map((write, index) => {
      const ready = prepared[index];
      if (write.kind === 'drop' || !ready) return { op: 'drop', graph: write.graph };
      delta += ready.quads - ready.graphQuads;
      written += ready.quads;
      return { op: 'replace', graph: write.graph, nquads: ready.nquads, quads: ready.quads };
    });
    const size = await this.commit(ops, delta);
    return { storeQuads: size, quadsWritten: written };
  }

  async load(payload: RdfPayload, options: LoadOptions = {}): Promise<WriteResult> {
    if (options.graph) assertGraphIri(options.graph);
    const prepared = await this.pool.run({ type: 'prepare', request: this.prepareRequest(payload, options.graph ?? null, false) });
    this.assertCapacity(prepared.quads);
    let loaded = 0;
    let size = this.pool.lastKnownSize;
    // Chunks keep each journal entry and each replica apply small; each chunk is atomic. Blank
    // nodes are joined only within one load, so a payload that has them goes in one piece.
    const chunkQuads = prepared.hasBlankNodes ? Number.MAX_SAFE_INTEGER : (this.options.loadChunkQuads ?? 50_000);
    for (const chunk of splitNQuads(prepared.nquads, chunkQuads)) {
      size = await this.commit([{ op: 'add', nquads: chunk.text, quads: chunk.quads }], chunk.quads);
      loaded += chunk.quads;
      options.onProgress?.(loaded, prepared.quads);
    }
    return { storeQuads: size, quadsWritten: prepared.quads };
  }

  /**
   * Loads an N-Triples or N-Quads file of any size as one atomic write, in bounded memory: it is
   * turned into a canonical N-Quads file under DATA_DIR/loads/ (checked as it is read), journaled
   * as that file, and streamed into every replica. Triples go to `graph`, or to the default graph.
   */
  async loadFile(input: AsyncIterable<Uint8Array | string>, options: { format: RdfMediaType; graph?: string; onProgress?: (bytesRead: number, quads: number) => void }): Promise<WriteResult> {
    if (options.graph) assertGraphIri(options.graph);
    mkdirSync(path.join(this.options.dataDir, 'loads'), { recursive: true });
    const relative = path.join('loads', `load-${randomBytes(8).toString('hex')}.nq`);
    const file = path.join(this.options.dataDir, relative);
    this.loading.add(relative);
    try {
      const { quads } = await writeCanonicalNQuads(input, { format: options.format, graph: options.graph ?? null, out: file, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
      this.assertCapacity(quads);
      const size = await this.commit([{ op: 'add-file', file: relative, quads }], quads);
      return { storeQuads: size, quadsWritten: quads };
    } finally {
      this.loading.delete(relative);
      // Refused before the journal took it: the file is nobody's.
      if (!this.journal.loadFiles().has(relative)) rmSync(file, { force: true });
    }
  }

  /** Removes load files no journal entry needs any more (covered by a snapshot, or left by a crash). */
  private pruneLoadFiles(): void {
    const dir = path.join(this.options.dataDir, 'loads');
    if (!existsSync(dir)) return;
    const needed = this.journal.loadFiles();
    for (const name of readdirSync(dir)) {
      const relative = path.join('loads', name);
      if (!needed.has(relative) && !this.loading.has(relative)) rmSync(path.join(dir, name), { force: true });
    }
  }

  async update(sparql: string, options: { baseIri?: string } = {}): Promise<WriteResult> {
    assertUpdate(sparql, options.baseIri);
    const size = await this.commit([{ op: 'update', sparql, ...(options.baseIri ? { baseIri: options.baseIri } : {}) }], 0);
    return { storeQuads: size, quadsWritten: 0 };
  }

  async restore(nquads: AsyncIterable<string | Uint8Array>): Promise<WriteResult> {
    // Streamed into a canonical file in pieces (bounded memory, a bad line refused with its line
    // number before anything changes), which then becomes the snapshot the store restarts from.
    const tmp = path.join(this.tmpDir, `restore-${randomBytes(6).toString('hex')}.nq`);
    let quads: number;
    try {
      ({ quads } = await writeCanonicalNQuads(nquads, { format: mediaTypes.nQuads, graph: null, out: tmp }));
      if (quads > this.options.capacityQuads) this.capacityError(quads, 0);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    return this.track(async () => {
      const entries = this.journal.append([{ op: 'restore' }]);
      const seq = entries[0]!.seq;
      publishSnapshot(tmp, this.snapshotDir, seq);
      const size = await this.applyEverywhere(entries);
      this.journal.truncateThrough(seq);
      pruneSnapshots(this.snapshotDir, seq);
      this.pruneLoadFiles();
      this.backlog = this.journal.backlog();
      this.snapshotBytes = this.newestSnapshotBytes();
      return { storeQuads: size, quadsWritten: quads };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlightWrites]);
    await this.snapshotting;
    await this.pool.close();
    this.db.close();
    this.lock.release();
  }

  private prepareRequest(payload: RdfPayload, graph: string | null, singleGraph: boolean) {
    return {
      data: payload.data,
      format: payload.format,
      ...(payload.baseIri ? { baseIri: payload.baseIri } : {}),
      graph,
      singleGraph,
    };
  }

  private assertCapacity(delta: number): void {
    if (delta > 0 && this.pool.lastKnownSize + delta > this.options.capacityQuads) this.capacityError(delta, this.pool.lastKnownSize);
  }

  private capacityError(incoming: number, current: number): never {
    throw new CapacityExceededError(
      `This write would bring the embedded store to ${current + incoming} quads, past its capacity of ${this.options.capacityQuads}. ` +
        'Nothing was written. Raise STORE_CAPACITY_QUADS (the engine tops out near 14 million quads) or move to the remote store: set REMOTE_QUERY_URL and REMOTE_UPDATE_URL, run "maillage migrate --to remote", start again.',
      { capacityQuads: this.options.capacityQuads, storeQuads: current, incomingQuads: incoming },
    );
  }

  /** Journal first (durable), then every replica; resolves with the store size once applied. */
  private commit(ops: JournalOp[], delta: number): Promise<number> {
    if (this.closed) return Promise.reject(new UnavailableError('The graph store is closed'));
    this.assertCapacity(delta);
    if (ops.some((op) => op.op === 'update') && this.pool.lastKnownSize >= this.options.capacityQuads) this.capacityError(0, this.pool.lastKnownSize);
    return this.track(async () => {
      const entries = this.journal.append(ops);
      for (const entry of entries) {
        this.backlog.ops += 1;
        this.backlog.bytes += 'nquads' in entry ? entry.nquads.length : 'sparql' in entry ? entry.sparql.length : 0;
      }
      const size = await this.applyEverywhere(entries);
      this.maybeSnapshot();
      return size;
    });
  }

  private async applyEverywhere(entries: JournalEntry[]): Promise<number> {
    const outcomes = await Promise.allSettled(this.pool.broadcast(entries).map(async ({ replica, applied }) => ({ replica, result: await applied })));
    let size = this.pool.lastKnownSize;
    const updateFailures = new Map<number, string>();
    let applied = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') continue; // that replica ended; its rebuild replays the journal
      applied += 1;
      size = outcome.value.result.size;
      for (const failure of outcome.value.result.failures) updateFailures.set(failure.seq, failure.message);
    }
    this.pool.lastKnownSize = size;
    if (applied > 0 && updateFailures.size > 0) {
      const [seq, message] = [...updateFailures][0]!;
      this.journal.discard(seq);
      throw new BadRequestError(`The update failed and changed nothing: ${message}`);
    }
    return size;
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.inFlightWrites.add(promise);
    const forget = (): void => void this.inFlightWrites.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private maybeSnapshot(): void {
    if (this.snapshotting || this.closed) return;
    // After a failed snapshot (a full disk), wait before writing the whole store again.
    if (Date.now() < this.snapshotRetryAt) return;
    const { ops, bytes } = snapshotThresholds(this.options, this.snapshotBytes);
    if (this.backlog.ops < ops && this.backlog.bytes < bytes) return;
    this.snapshotting = this.snapshot()
      .catch((error: Error) => {
        this.snapshotRetryAt = Date.now() + 60_000;
        this.options.logger.error({ err: error, retryInS: 60 }, 'snapshot failed; the journal keeps every write');
      })
      .finally(() => {
        this.snapshotting = null;
      });
  }

  private newestSnapshotBytes(): number {
    const newest = latestSnapshot(this.snapshotDir);
    return newest ? statSync(newest.file).size : 0;
  }

  /** Writes the store as of the last journal entry to a snapshot, then truncates the journal. */
  async snapshot(): Promise<void> {
    const seq = this.journal.lastSeq();
    const tmp = `${snapshotPath(this.snapshotDir, seq)}.tmp`;
    try {
      const result = await this.pool.run({ type: 'snapshot', file: tmp });
      publishSnapshot(tmp, this.snapshotDir, seq);
      this.journal.truncateThrough(seq);
      pruneSnapshots(this.snapshotDir, seq);
      this.pruneLoadFiles();
      this.backlog = this.journal.backlog();
      this.snapshotBytes = this.newestSnapshotBytes();
      this.options.logger.info({ seq, ...result }, 'snapshot written');
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
