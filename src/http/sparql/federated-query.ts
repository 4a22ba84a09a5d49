// Owns queries with SERVICE clauses: Oxigraph (WebAssembly) has no HTTP client, so Comunica runs
// them, reading the local graph from the store (one query per pattern, off the event loop) and the
// remote ones over HTTP. Comunica streams and awaits I/O; a time limit cuts the stream.
import { QueryEngine } from '@comunica/query-sparql';
import type sparqljs from 'sparqljs';
import { QueryTimeoutError, ResultTooLargeError, UpstreamError } from '../../errors/index.js';
import type { GraphStore } from '../../store/index.js';
import { storeQuadSource } from './store-quad-source.js';

let engine: QueryEngine | null = null;

/** Whether a parsed query calls a SERVICE anywhere in it (sub-queries included). */
export function callsService(parsed: sparqljs.SparqlQuery): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (!node || typeof node !== 'object') return false;
    if ((node as { type?: unknown }).type === 'service') return true;
    return Object.values(node).some(visit);
  };
  return parsed.type === 'query' && visit(parsed.where ?? []);
}

export interface FederatedQueryOptions {
  /** The source of every triple pattern outside SERVICE clauses. */
  store: GraphStore;
  mediaType: string;
  timeoutMs: number;
  maxResultBytes: number;
}

export async function runFederatedQuery(sparql: string, options: FederatedQueryOptions): Promise<string> {
  engine ??= new QueryEngine();
  const started = Date.now();
  let result;
  try {
    result = await engine.query(sparql, { sources: [storeQuadSource(options.store, options.timeoutMs)], httpTimeout: options.timeoutMs });
  } catch (error) {
    throw new UpstreamError(`The federated query could not start: ${(error as Error).message}`);
  }
  const { data } = await engine.resultToString(result, options.mediaType);
  let body = '';
  try {
    for await (const chunk of data as AsyncIterable<string | Buffer>) {
      body += chunk.toString();
      if (body.length > options.maxResultBytes) throw new ResultTooLargeError(`The result is larger than the ${options.maxResultBytes} bytes one response may carry; add a LIMIT`);
      if (Date.now() - started > options.timeoutMs) throw new QueryTimeoutError(`The federated query ran past ${options.timeoutMs} ms`);
    }
  } catch (error) {
    (data as unknown as { destroy?: () => void }).destroy?.();
    if (error instanceof ResultTooLargeError || error instanceof QueryTimeoutError) throw error;
    throw new UpstreamError(`A federated service failed: ${(error as Error).message}`);
  }
  return body;
}
