// Owns writing many graph replacements to a remote SPARQL server fast and safely: the writes are
// packed into SPARQL Update requests no larger than the server takes (Virtuoso refuses a request
// text over 10 MB), several requests are in flight at once, and each graph's DROP and INSERT travel
// in the same request, so a reader never sees half a record. A request the server refuses is
// retried when the server was at fault, and otherwise split in halves until the graph it cannot
// take is found: that graph is reported back (the caller keeps the record aside) and the others
// are written. A server that stays unreachable stops the whole write with its error.
import { AppError, QueryTimeoutError, UpstreamError } from '../../errors/index.js';
import { sparqlIri } from '../../rdf/index.js';

export interface GraphRequestPart {
  graph: string;
  /** The SPARQL Update operations for this graph (DROP, then INSERT when it has content). */
  text: string;
}

export interface BatchedWriteOptions {
  maxRequestBytes: number;
  concurrency: number;
  send: (update: string) => Promise<void>;
  /** Backoff before each retry of a request the server failed (not refused): ms. */
  retryDelaysMs?: number[];
}

export interface RefusedGraph {
  graph: string;
  reason: string;
}

/** Whether the server failed (down, overloaded, too slow) rather than refused this request's content. */
export function serverAtFault(error: unknown): boolean {
  if (error instanceof QueryTimeoutError) return true;
  if (error instanceof UpstreamError) {
    const status = (error.details as { status?: number } | undefined)?.status;
    // No status: the server could not be reached. 5xx without a SQL error code: the server's state.
    if (status === undefined) return !/refused our credentials/.test(error.message);
    if (status === 502 || status === 503 || status === 504) return true;
    return status >= 500 && !/Virtuoso [0-9A-Z]{5} Error|SR\d{3}|SQ\d{3}|string session/i.test(error.message);
  }
  return false;
}

/** Requests of whole graphs, each under the byte limit where a graph alone fits. */
export function packRequests(parts: readonly GraphRequestPart[], maxRequestBytes: number): GraphRequestPart[][] {
  const requests: GraphRequestPart[][] = [];
  let current: GraphRequestPart[] = [];
  let bytes = 0;
  for (const part of parts) {
    const size = Buffer.byteLength(part.text) + 3;
    if (current.length > 0 && bytes + size > maxRequestBytes) {
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
        await options.send(request.map((p) => p.text).join(' ;\n'));
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
        refused.push({ graph: request[0]!.graph, reason: error instanceof AppError ? error.message : String(error) });
        return;
      }
      const half = Math.ceil(request.length / 2);
      await write(request.slice(0, half));
      await write(request.slice(half));
    }
  };
  const queue = packRequests(parts, options.maxRequestBytes);
  const workers = Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
    for (let request = queue.shift(); request; request = queue.shift()) await write(request);
  });
  await Promise.all(workers);
  return refused;
}

/** DROP, then INSERT DATA (or a template when blank nodes are there), of one graph. */
export function graphReplacement(graph: string, ntriples: string | null, hasBlankNodes: boolean): string {
  const drop = `DROP SILENT GRAPH ${sparqlIri(graph)}`;
  if (!ntriples) return drop;
  const block = `GRAPH ${sparqlIri(graph)} {\n${ntriples}}`;
  return `${drop} ;\n${hasBlankNodes ? `INSERT {\n${block}\n} WHERE {}` : `INSERT DATA {\n${block}\n}`}`;
}
