// Owns queries with SERVICE clauses: Oxigraph (WebAssembly) has no HTTP client, so Comunica runs
// them, reading the local graph from the store (one query per pattern, off the event loop) and the
// remote ones over HTTP. Comunica streams and awaits I/O; a time limit cuts the stream. Remote calls
// go only to allow-listed endpoints (limits/guarded-fetch.ts), and a failing one is reported without
// what it answered, so the endpoint cannot be used to probe other hosts.
import { QueryEngine } from '@comunica/query-sparql';
import type sparqljs from 'sparqljs';
import { ForbiddenUrlError, QueryTimeoutError, ResultTooLargeError, UpstreamError } from '../../errors/index.js';
import { allowedUrl, guardedFetch, type OutboundPolicy } from '../limits/guarded-fetch.js';
import type { GraphStore } from '../../store/index.js';
import { storeQuadSource } from './store-quad-source.js';

let engine: QueryEngine | null = null;

/** The SERVICE clauses of a parsed query, anywhere in it (sub-queries included): their names, null for a variable. */
export function servicesCalled(parsed: sparqljs.SparqlQuery): Array<string | null> {
  const found: Array<string | null> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const pattern = node as { type?: unknown; name?: { termType: string; value: string } };
    if (pattern.type === 'service' && pattern.name) found.push(pattern.name.termType === 'NamedNode' ? pattern.name.value : null);
    Object.values(node).forEach(visit);
  };
  if (parsed.type === 'query') visit(parsed.where ?? []);
  return found;
}

export const callsService = (parsed: sparqljs.SparqlQuery): boolean => servicesCalled(parsed).length > 0;

/** Refuses a query whose SERVICE clauses name anything but allow-listed endpoints. */
export function assertServicesAllowed(parsed: sparqljs.SparqlQuery, policy: OutboundPolicy): void {
  for (const name of servicesCalled(parsed)) {
    if (name === null) throw new ForbiddenUrlError('SERVICE takes an endpoint IRI here, not a variable');
    allowedUrl(name, policy);
  }
}

export interface FederatedQueryOptions {
  /** The source of every triple pattern outside SERVICE clauses. */
  store: GraphStore;
  mediaType: string;
  timeoutMs: number;
  maxResultBytes: number;
  policy: OutboundPolicy;
  /** Where the upstream detail goes (never to the caller). */
  logFailure: (error: unknown) => void;
}

export async function runFederatedQuery(sparql: string, options: FederatedQueryOptions): Promise<string> {
  engine ??= new QueryEngine();
  const started = Date.now();
  let result;
  try {
    result = await engine.query(sparql, { sources: [storeQuadSource(options.store, options.timeoutMs)], httpTimeout: options.timeoutMs, fetch: guardedFetch(options.policy) });
  } catch (error) {
    options.logFailure(error);
    throw new UpstreamError('The federated query could not start: a service it calls could not be reached or did not answer as a SPARQL endpoint');
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
    options.logFailure(error);
    throw new UpstreamError('A federated service failed; the query was stopped');
  }
  return body;
}
