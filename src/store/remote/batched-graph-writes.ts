// Owns writing many graph replacements to a remote SPARQL server fast and safely: the writes are
// packed into SPARQL Update requests no larger than the server takes (Virtuoso refuses a request
// text over 10 MB, and one whose operations compile to over 10,000 lines of SQL), several requests
// are in flight at once, and each request is two operations whatever its number of graphs: one
// DELETE of all its graphs, one INSERT DATA of all their triples (Virtuoso runs a request as one
// transaction, so a reader never sees half a record). A request the server refuses is retried when
// the server was at fault, and otherwise split in halves until the graph it cannot take is found;
// that graph is tried alone once more (`alone`: the Graph Store Protocol takes values SPARQL
// Update cannot), then reported back (the caller keeps the record aside) while the others are
// written. A server that stays unreachable stops the whole write with its error.
import { AppError, QueryTimeoutError, UpstreamError, UnavailableError } from '../../errors/index.js';
import { sparqlIri } from '../../rdf/index.js';

export interface GraphRequestPart {
  graph: string;
  /** The graph's new content, N-Triples; null drops the graph. */
  ntriples: string | null;
  hasBlankNodes: boolean;
}

/** Graphs in one request: with two operations a request, the server's SQL stays small. */
const maxGraphsPerRequest = 200;

export interface BatchedWriteOptions {
  maxRequestBytes: number;
  concurrency: number;
  /** Graphs in one request at most (1: each graph its own request, as the Graph Store Protocol sends them). */
  graphsPerRequest?: number;
  /** Sends one request replacing these graphs (`replacementRequest` for SPARQL Update). */
  send: (request: readonly GraphRequestPart[]) => Promise<void>;
  /** One more way to write a graph the server refused in a request (null: none). */
  alone?: ((part: GraphRequestPart) => Promise<void>) | null;
  /** Backoff before each retry of a request the server failed (not refused): ms. */
  retryDelaysMs?: number[];
}

export interface RefusedGraph {
  graph: string;
  reason: string;
}

/** Whether the server failed (down, overloaded, too slow) rather than refused this request's content. */
export function serverAtFault(error: unknown): boolean {
  // Timed out, or could not be reached (after the client's wait): the server's state, not the record's.
  if (error instanceof QueryTimeoutError || error instanceof UnavailableError) return true;
  if (error instanceof UpstreamError) {
    const status = (error.details as { status?: number } | undefined)?.status;
    // No status: the server could not be reached. 5xx without a SQL error code: the server's state.
    if (status === undefined) return !/refused our credentials/.test(error.message);
    if (status === 502 || status === 503 || status === 504) return true;
    // A deadlock between concurrent writes (SQLSTATE 40001, Virtuoso SR172) is the moment's, not
    // the record's: sent again it goes through, where splitting it would keep good records aside.
    if (/\b40001\b|SR172|deadlock/i.test(error.message)) return true;
    return status >= 500 && !/Virtuoso [0-9A-Z]{5} Error|SR\d{3}|SQ\d{3}|string session/i.test(error.message);
  }
  return false;
}

/** The bytes a graph adds to a request. */
export function partBytes(part: GraphRequestPart): number {
  return Buffer.byteLength(part.ntriples ?? '') + 2 * part.graph.length + 40;
}

/** Requests of whole graphs, each under the byte and graph limits where a graph alone fits. */
export function packRequests(parts: readonly GraphRequestPart[], maxRequestBytes: number, graphsPerRequest = maxGraphsPerRequest): GraphRequestPart[][] {
  const requests: GraphRequestPart[][] = [];
  let current: GraphRequestPart[] = [];
  let bytes = 0;
  for (const part of parts) {
    const size = partBytes(part);
    // A graph with blank nodes needs an INSERT template of its own: it gets a request of its own.
    const alone = part.hasBlankNodes || current.some((p) => p.hasBlankNodes);
    if (current.length > 0 && (alone || bytes + size > maxRequestBytes || current.length >= graphsPerRequest)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(part);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

export async function writeGraphsInBatches(parts: readonly GraphRequestPart[], options: BatchedWriteOptions): Promise<RefusedGraph[]> {
  const refused: RefusedGraph[] = [];
  const delays = options.retryDelaysMs ?? [500, 2000];
  const sendWithRetry = async (request: GraphRequestPart[]): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await options.send(request);
        return;
      } catch (error) {
        if (!serverAtFault(error) || attempt >= delays.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
  };
  const write = async (request: GraphRequestPart[]): Promise<void> => {
    try {
      await sendWithRetry(request);
    } catch (error) {
      if (serverAtFault(error)) throw error;
      if (request.length === 1) {
        const part = request[0]!;
        if (options.alone) {
          try {
            await options.alone(part);
            return;
          } catch (second) {
            if (serverAtFault(second)) throw second;
          }
        }
        refused.push({ graph: part.graph, reason: error instanceof AppError ? error.message : String(error) });
        return;
      }
      const half = Math.ceil(request.length / 2);
      await write(request.slice(0, half));
      await write(request.slice(half));
    }
  };
  const queue = packRequests(parts, options.maxRequestBytes, options.graphsPerRequest);
  const workers = Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
    for (let request = queue.shift(); request; request = queue.shift()) await write(request);
  });
  await Promise.all(workers);
  return refused;
}

/**
 * One request replacing its graphs: a DELETE of every one of them, then one INSERT DATA of all
 * their triples (graphs with blank nodes each in an INSERT template, which Virtuoso needs for them).
 */
export function replacementRequest(parts: readonly GraphRequestPart[]): string {
  const ops = [`DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { ${parts.map((p) => sparqlIri(p.graph)).join(' ')} } GRAPH ?g { ?s ?p ?o } }`];
  const plain = parts.filter((p) => p.ntriples && !p.hasBlankNodes);
  if (plain.length > 0) ops.push(`INSERT DATA {\n${plain.map((p) => `GRAPH ${sparqlIri(p.graph)} {\n${p.ntriples}}`).join('\n')}\n}`);
  for (const p of parts.filter((p) => p.ntriples && p.hasBlankNodes)) ops.push(`INSERT {\nGRAPH ${sparqlIri(p.graph)} {\n${p.ntriples}}\n} WHERE {}`);
  return ops.join(' ;\n');
}
