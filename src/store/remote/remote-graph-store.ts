// Owns the remote GraphStore: the same contract over SPARQL 1.1 Protocol + Graph Store HTTP
// Protocol, for deployments that outgrow one process (tested against Virtuoso). Payloads are
// parsed in a worker first, so bad RDF is refused with our own error before the server sees it.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser as N3Parser, Writer as N3Writer } from 'n3';
import type { Logger } from '../../log/index.js';
import { BadRequestError, ResultTooLargeError, UpstreamError } from '../../errors/index.js';
import { assertGraphIri, mediaTypes, sparqlIri, type RdfMediaType } from '../../rdf/index.js';
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
import { assertResultWithinLimits } from '../result-limits.js';
import { assertUpdate, queryFormOf } from '../sparql-request.js';
import { Replica } from '../worker/replica.js';
import { splitNQuads } from '../embedded/nquads-chunks.js';
import { linePieces, writeCanonicalNQuads } from '../embedded/canonical-load-file.js';
import { readAskJson, writeAskResult } from './ask-result.js';
import { SparqlProtocolClient, type SparqlEndpoints } from './sparql-protocol-client.js';
import { partBytes, replacementRequest, writeGraphsInBatches, type BatchedWriteOptions, type GraphRequestPart } from './batched-graph-writes.js';
import { GraphWriteOrder } from './graph-write-order.js';
import { VirtuosoBulkLoader, type VirtuosoBulkFolder } from './virtuoso-bulk-loader.js';

export interface RemoteGraphStoreOptions extends SparqlEndpoints {
  /** Graph that stands for "the default graph" in writes (a quad store has no anonymous one). */
  defaultGraph: string;
  /** Quads per SPARQL Update request in bulk loads. */
  loadChunkQuads?: number;
  /** Graphs the server keeps for itself, left out of stats and dumps. */
  serverGraphPrefixes?: string[];
  queryTimeoutMs: number;
  writeTimeoutMs?: number;
  /** Bytes of SPARQL text per update request (default 4 MiB; Virtuoso refuses over 10 MB). */
  maxRequestBytes?: number;
  /** Update requests in flight at once (default 4). */
  writeConcurrency?: number;
  /** Most rows the server sorts under ORDER BY with a LIMIT (Virtuoso: MaxSortedTopRows, 10,000 unless raised). */
  maxSortedRows?: number;
  /**
   * How graphs are replaced: 'virtuoso-bulk' (Virtuoso's own loader, reading files from `bulkFolder`;
   * the default where one is set), 'graph-store' (the default where a Graph Store Protocol URL is
   * set) or 'sparql-update'.
   */
  writeProtocol?: 'virtuoso-bulk' | 'graph-store' | 'sparql-update';
  /** A folder this service writes and Virtuoso reads (its DirsAllowed), for 'virtuoso-bulk'. */
  bulkFolder?: VirtuosoBulkFolder;
  /** How long a write waits for a store that cannot be reached (restarting) before it fails. */
  writeWaitMs?: number;
  logger: Logger;
}

const virtuosoServerGraphs = ['http://www.openlinksw.com/', 'http://www.w3.org/ns/ldp#', 'http://localuriqaserver/', 'http://localhost:8890/'];
/** The remote server does not tell store size on each write; stats() counts it. */
const unknownSize = -1;
/**
 * Bytes of TriG in one bulk-loader batch: the server reads it whole, as one transaction. Virtuoso
 * 7.2 was seen to crash after one call loading a 15 MB file (it took 25 s where 8 MB pieces take 5).
 */
const bulkBatchBytes = 8 * 1024 * 1024;
/** The most N-Quads with blank nodes sent as one piece (they stay joined only within one request). */
const maxBlankNodeFileBytes = bulkBatchBytes;

/** INSERT DATA for GRAPH blocks; Virtuoso refuses blank nodes there, and a template with an empty WHERE is equivalent. */
function insertRequest(graphBlocks: string, hasBlankNodes: boolean): string {
  return hasBlankNodes ? `INSERT {\n${graphBlocks}\n} WHERE {}` : `INSERT DATA {\n${graphBlocks}\n}`;
}

export class RemoteGraphStore implements GraphStore {
  readonly backend = 'remote' as const;
  readonly maxSortedRows: number | undefined;
  private readonly client: SparqlProtocolClient;
  private parser: Replica | null = null;
  private readonly writeTimeoutMs: number;
  private readonly writeOrder = new GraphWriteOrder();
  private readonly bulk: VirtuosoBulkLoader | null;

  constructor(private readonly options: RemoteGraphStoreOptions) {
    this.client = new SparqlProtocolClient(options, options.writeWaitMs ?? 60_000);
    this.writeTimeoutMs = options.writeTimeoutMs ?? 300_000;
    this.maxSortedRows = options.maxSortedRows;
    const protocol = options.writeProtocol ?? (options.bulkFolder ? 'virtuoso-bulk' : 'graph-store');
    if (protocol === 'virtuoso-bulk' && !options.bulkFolder) throw new Error('The virtuoso-bulk write protocol needs a bulk folder (REMOTE_BULK_DIR)');
    this.bulk = protocol === 'virtuoso-bulk' ? new VirtuosoBulkLoader(this.client, options.bulkFolder!, this.writeTimeoutMs) : null;
  }

  /** Bytes of one write: a loader file (it reads files, not request text), else one request's SPARQL text. */
  private requestBytes(): number {
    return this.bulk ? bulkBatchBytes : (this.options.maxRequestBytes ?? 4 * 1024 * 1024);
  }

  /** Fails fast, with the reason, when the server cannot be reached (or cannot read the bulk folder). */
  async start(): Promise<void> {
    await this.client.query('ASK {}', mediaTypes.sparqlResultsJson, { timeoutMs: 10_000 });
    const checked = await this.bulk?.check();
    if (checked?.indexCreated) this.options.logger.info({ index: 'RDF_QUAD_GSPO' }, "created Virtuoso's index of quads by graph, so replacing a record graph costs its own size");
  }

  async querySerialized(sparql: string, formats: ResultFormats, options: QueryOptions = {}): Promise<SerializedResult> {
    const form = options.form ?? queryFormOf(sparql, options.baseIri);
    for (const graph of [...(options.defaultGraphs ?? []), ...(options.namedGraphs ?? [])]) assertGraphIri(graph);
    const accept = form === 'SELECT' ? formats.results : form === 'ASK' ? mediaTypes.sparqlResultsJson : formats.graph;
    const { body, mediaType } = await this.client.query(sparql, accept, {
      ...(options.defaultGraphs ? { defaultGraphs: options.defaultGraphs } : {}),
      ...(options.namedGraphs ? { namedGraphs: options.namedGraphs } : {}),
      timeoutMs: options.timeoutMs ?? this.options.queryTimeoutMs,
    });
    assertResultWithinLimits(body, mediaType, { maxResultBytes: options.maxResultBytes, maxRows: form === 'SELECT' ? options.maxRows : undefined });
    if (form === 'ASK') return { form, mediaType: formats.results, body: writeAskResult(readAskJson(body), formats.results) };
    return { form, mediaType, body };
  }

  async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return parseSerializedResult(await this.querySerialized(sparql, termResultFormats, options));
  }

  async update(sparql: string, options: { baseIri?: string } = {}): Promise<WriteResult> {
    assertUpdate(sparql, options.baseIri);
    const text = options.baseIri ? `BASE <${assertGraphIri(options.baseIri)}>\n${sparql}` : sparql;
    await this.client.update(text, this.writeTimeoutMs);
    return { storeQuads: unknownSize, quadsWritten: 0 };
  }

  replaceGraph(graph: string, payload: RdfPayload): Promise<WriteResult> {
    return this.applyBatch([{ kind: 'replace', graph, payload }]);
  }

  dropGraph(graph: string): Promise<WriteResult> {
    return this.applyBatch([{ kind: 'drop', graph }]);
  }

  /**
   * Many graph replacements and drops, packed into requests the server takes, several in flight
   * (batched-graph-writes.ts). Each graph is replaced in one request, so it is atomic; a graph the
   * server refuses is reported in `refused`, and the rest is written. A graph too large for one
   * request goes through the Graph Store Protocol (one PUT, atomic) when it is configured.
   */
  async applyBatch(writes: GraphWrite[]): Promise<WriteResult> {
    for (const write of writes) assertGraphIri(write.graph);
    return this.writeOrder.run(writes.map((w) => w.graph), () => this.writeBatch(writes));
  }

  private async writeBatch(writes: GraphWrite[]): Promise<WriteResult> {
    // The bulk loader reads files, not request text: a large graph goes with the others.
    const maxRequestBytes = this.requestBytes();
    const parts: GraphRequestPart[] = [];
    const oversized: GraphRequestPart[] = [];
    let written = 0;
    // All payloads go to the parser at once: it parses them one after another, without a round trip between.
    const preparing = writes.map((write) => (write.kind === 'drop' ? null : this.prepare(write.payload, write.graph, true)));
    for (const p of preparing) p?.catch(() => {}); // awaited in order below: the first refusal ends the batch
    for (const [i, write] of writes.entries()) {
      if (write.kind === 'drop') {
        parts.push({ graph: write.graph, ntriples: null, hasBlankNodes: false });
        continue;
      }
      const prepared = await preparing[i]!;
      written += prepared.quads;
      const part = { graph: write.graph, ntriples: prepared.graphs?.[0]?.ntriples || null, hasBlankNodes: prepared.hasBlankNodes };
      (partBytes(part) > maxRequestBytes ? oversized : parts).push(part);
    }
    const refused = await writeGraphsInBatches(parts, { maxRequestBytes, concurrency: this.options.writeConcurrency ?? 4, ...this.replacementPath() });
    for (const big of oversized) await this.replaceLargeGraph(big, maxRequestBytes);
    for (const r of refused) this.options.logger.warn({ graph: r.graph, reason: r.reason }, 'remote store refused a graph; the rest of the batch is written');
    return { storeQuads: unknownSize, quadsWritten: written, ...(refused.length > 0 ? { refused } : {}) };
  }

  /**
   * How graphs are replaced: with a Graph Store Protocol URL, one PUT (or DELETE) per graph, several
   * in flight: Virtuoso parses a PUT's body with its RDF loader, where the text of a SPARQL Update
   * goes through its SPARQL lexer at about 0.6 MB/s (bench remote-writes compares both). Without
   * one, SPARQL Update requests of many graphs, each refused graph tried alone once more.
   */
  private replacementPath(): Pick<BatchedWriteOptions, 'send' | 'graphsPerRequest' | 'alone'> {
    if (this.bulk) {
      const bulk = this.bulk;
      // A graph the loader refuses is tried alone by the Graph Store Protocol, which may take it.
      return { graphsPerRequest: 2000, send: (request) => bulk.replace(request), alone: this.options.graphStoreUrl ? (part) => this.putGraph(part) : null };
    }
    if (this.options.graphStoreUrl && this.options.writeProtocol !== 'sparql-update') {
      return { graphsPerRequest: 1, send: (request) => this.putGraph(request[0]!), alone: null };
    }
    const alone = this.options.graphStoreUrl ? (part: GraphRequestPart) => this.putGraph(part) : null;
    return { send: (request) => this.client.update(replacementRequest(request), this.writeTimeoutMs), alone };
  }

  /** One graph by the Graph Store Protocol: PUT replaces it at once, DELETE drops it. */
  private async putGraph(part: GraphRequestPart): Promise<void> {
    if (part.ntriples === null) await this.client.graph('DELETE', part.graph, this.writeTimeoutMs);
    else await this.client.graph('PUT', part.graph, this.writeTimeoutMs, part.ntriples);
  }

  /** A graph larger than one update request: one Graph Store Protocol PUT, else DROP and INSERT in parts. */
  private async replaceLargeGraph(big: GraphRequestPart, maxRequestBytes: number): Promise<void> {
    if (this.options.graphStoreUrl) {
      await this.putGraph(big);
      return;
    }
    this.options.logger.warn({ graph: big.graph, bytes: big.ntriples?.length ?? 0 }, 'a graph larger than one update request is replaced in parts (configure REMOTE_GRAPH_STORE_URL to replace it at once)');
    await this.client.update(`DROP SILENT GRAPH ${sparqlIri(big.graph)}`, this.writeTimeoutMs);
    // Blank nodes must stay in one request to stay one node: such a graph goes whole.
    const chunkQuads = big.hasBlankNodes ? Number.MAX_SAFE_INTEGER : Math.max(1000, Math.floor(maxRequestBytes / 400));
    for (const chunk of splitNQuads(big.ntriples ?? '', chunkQuads)) {
      await this.client.update(insertRequest(`GRAPH ${sparqlIri(big.graph)} {\n${chunk.text}}`, big.hasBlankNodes), this.writeTimeoutMs);
    }
  }

  /**
   * Bulk load: the payload's triples added to their graphs, through Virtuoso's loader where a bulk
   * folder is set, else as SPARQL Update requests of about `loadChunkQuads` quads, each naming as
   * many graphs as it holds (a catalogue has one graph per record, so one request per graph would be slow).
   */
  async load(payload: RdfPayload, options: LoadOptions = {}): Promise<WriteResult> {
    if (options.graph) assertGraphIri(options.graph);
    const prepared = await this.prepare(payload, options.graph ?? null, false);
    await this.addTriples(prepared, (loaded) => options.onProgress?.(loaded, prepared.quads));
    return { storeQuads: unknownSize, quadsWritten: prepared.quads };
  }

  /**
   * A line-based file of any size (N-Triples, N-Quads; gzip undone by the caller), in bounded
   * memory: checked whole into a canonical file first (a bad line refused with its line number,
   * before anything is written), then sent in pieces of 8 MB (canonical-load-file.ts).
   */
  async loadFile(input: AsyncIterable<Uint8Array | string>, options: { format: RdfMediaType; graph?: string; onProgress?: (bytesRead: number, quads: number) => void }): Promise<WriteResult> {
    if (options.graph) assertGraphIri(options.graph);
    // Progress: the file read while checked, then the canonical file read while sent.
    return this.withCanonicalFile(input, options.format, options.graph ?? null, options.onProgress, async (file, checked) => {
      const quads = await this.addCanonicalFile(file, checked.hasBlankNodes, options.onProgress);
      return { storeQuads: unknownSize, quadsWritten: quads };
    });
  }

  /**
   * Drops every graph of ours, then loads the dump, each graph replaced whole (its blank nodes
   * joined within it). The dump is checked whole before anything is dropped. Not atomic: the
   * protocols have no such transaction.
   */
  async restore(nquads: AsyncIterable<string | Uint8Array>): Promise<WriteResult> {
    const parts: Buffer[] = [];
    for await (const part of nquads) parts.push(Buffer.from(part));
    const prepared = await this.prepare({ data: Buffer.concat(parts), format: mediaTypes.nQuads }, null, false);
    const maxRequestBytes = this.requestBytes();
    const write = { maxRequestBytes, concurrency: this.options.writeConcurrency ?? 4, ...this.replacementPath() };
    const dropped = await writeGraphsInBatches((await this.ownGraphs()).map((graph) => ({ graph, ntriples: null, hasBlankNodes: false })), write);
    if (dropped.length > 0) throw new UpstreamError(`The remote store refused to drop ${dropped.length} graph(s), first ${dropped[0]!.graph}: ${dropped[0]!.reason}`);
    const graphs = (prepared.graphs ?? []).map(({ graph, ntriples }) => ({ graph: graph ?? this.options.defaultGraph, ntriples, hasBlankNodes: ntriples.includes('_:') }));
    const refused = await writeGraphsInBatches(graphs, write);
    if (refused.length > 0) throw new UpstreamError(`The remote store refused ${refused.length} graph(s) of the dump, first ${refused[0]!.graph}: ${refused[0]!.reason}`);
    return { storeQuads: unknownSize, quadsWritten: prepared.quads };
  }

  /** The input checked into a canonical N-Quads file in the system's temporary folder, removed after `work`. */
  private async withCanonicalFile<T>(
    input: AsyncIterable<Uint8Array | string>,
    format: RdfMediaType,
    graph: string | null,
    onProgress: ((bytesRead: number, quads: number) => void) | undefined,
    work: (file: string, checked: { quads: number; hasBlankNodes: boolean }) => Promise<T>,
  ): Promise<T> {
    const dir = mkdtempSync(path.join(tmpdir(), 'maillage-remote-load-'));
    const file = path.join(dir, 'canonical.nq');
    try {
      const checked = await writeCanonicalNQuads(input, { format, graph, out: file, ...(onProgress ? { onProgress } : {}) });
      return await work(file, checked);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Adds a canonical N-Quads file in pieces. A blank node is one node only within one request (one
   * loader file), so a file with blank nodes goes as one piece, up to one piece's size; a larger
   * one is refused before anything is written rather than having its blank nodes split.
   */
  private async addCanonicalFile(file: string, hasBlankNodes: boolean, onProgress?: (bytesRead: number, quads: number) => void): Promise<number> {
    const size = statSync(file).size;
    if (hasBlankNodes && size > maxBlankNodeFileBytes) {
      throw new BadRequestError(`The file holds blank nodes and is ${Math.round(size / 1024 / 1024)} MB of N-Quads: the remote store keeps blank nodes joined only within one request, and ${maxBlankNodeFileBytes / 1024 / 1024} MB is the most sent at once. Give them IRIs (skolemize), or load into the embedded store`);
    }
    let quads = 0;
    for await (const piece of linePieces(createReadStream(file), mediaTypes.nQuads, hasBlankNodes ? maxBlankNodeFileBytes + 1 : bulkBatchBytes)) {
      const prepared = await this.prepare({ data: piece.text, format: mediaTypes.nQuads }, null, false);
      await this.addTriples(prepared);
      quads += prepared.quads;
      onProgress?.(piece.bytesRead, quads);
    }
    return quads;
  }

  /** Adds prepared triples to their graphs (none is cleared): Virtuoso's loader, else INSERT DATA requests. */
  private async addTriples(prepared: { hasBlankNodes: boolean; graphs?: Array<{ graph: string | null; ntriples: string }> }, onLoaded?: (loaded: number) => void): Promise<void> {
    // Blank nodes join across a whole payload: such a payload goes in one request (one loader file).
    const chunkQuads = prepared.hasBlankNodes ? Number.MAX_SAFE_INTEGER : (this.options.loadChunkQuads ?? (this.bulk ? 200_000 : 20_000));
    let loaded = 0;
    let blocks: GraphRequestPart[] = [];
    let pending = 0;
    const send = async (): Promise<void> => {
      if (blocks.length === 0) return;
      if (this.bulk) await this.bulk.replace(blocks, false);
      else await this.client.update(insertRequest(blocks.map((b) => `GRAPH ${sparqlIri(b.graph)} {\n${b.ntriples}}`).join('\n'), prepared.hasBlankNodes), this.writeTimeoutMs);
      loaded += pending;
      onLoaded?.(loaded);
      blocks = [];
      pending = 0;
    };
    for (const { graph, ntriples } of prepared.graphs ?? []) {
      for (const chunk of splitNQuads(ntriples, chunkQuads)) {
        blocks.push({ graph: graph ?? this.options.defaultGraph, ntriples: chunk.text, hasBlankNodes: prepared.hasBlankNodes });
        pending += chunk.quads;
        if (pending >= chunkQuads) await send();
      }
    }
    await send();
  }

  async dump(sink: (chunk: string) => void | Promise<void>): Promise<{ quads: number }> {
    let quads = 0;
    for (const graph of await this.ownGraphs()) {
      const ntriples = (await this.client.graph('GET', graph, this.writeTimeoutMs)) ?? '';
      const writer = new N3Writer({ format: 'N-Quads' });
      const graphTerm = { termType: 'NamedNode', value: graph } as const;
      const lines = new N3Parser({ format: 'N-Triples' }).parse(ntriples).map((t) => {
        quads += 1;
        return writer.quadToString(t.subject, t.predicate, t.object, graphTerm as never);
      });
      if (lines.length > 0) await sink(lines.join(''));
    }
    return { quads };
  }

  async stats(): Promise<StoreStats> {
    const result = await this.query(
      `SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } ${this.ownGraphFilter()} }`,
    );
    const row = result.form === 'SELECT' ? result.bindings[0] : undefined;
    return {
      backend: 'remote',
      quads: Number(row?.quads?.value ?? 0),
      graphs: Number(row?.graphs?.value ?? 0),
      capacityQuads: null,
      details: { queryUrl: this.options.queryUrl },
    };
  }

  async close(): Promise<void> {
    await this.parser?.terminate('store closed');
    this.parser = null;
  }

  private ownGraphFilter(): string {
    const prefixes = this.options.serverGraphPrefixes ?? virtuosoServerGraphs;
    if (prefixes.length === 0) return '';
    return `FILTER (${prefixes.map((prefix) => `!STRSTARTS(STR(?g), ${JSON.stringify(prefix)})`).join(' && ')})`;
  }

  private async ownGraphs(): Promise<string[]> {
    const result = await this.query(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } ${this.ownGraphFilter()} } ORDER BY ?g`);
    return result.form === 'SELECT' ? result.bindings.map((row) => row.g!.value) : [];
  }

  private async prepare(payload: RdfPayload, graph: string | null, singleGraph: boolean) {
    if (!this.parser?.alive) {
      this.parser = new Replica('payload-parser', { role: 'parser', dataDir: '' });
      this.parser.ready = true;
    }
    return this.parser.request({
      type: 'prepare',
      request: { data: payload.data, format: payload.format, ...(payload.baseIri ? { baseIri: payload.baseIri } : {}), graph, singleGraph, output: 'graphs' },
    });
  }
}
