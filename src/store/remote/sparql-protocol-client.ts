// Owns HTTP to a remote SPARQL server: SPARQL 1.1 Protocol queries and updates, Graph Store HTTP
// Protocol uploads, HTTP Digest for authenticated writes (Virtuoso's /sparql-auth), time limits,
// and turning the server's failures into our errors.
import { DigestClient } from 'digest-fetch';
import { BadRequestError, QueryTimeoutError, UnavailableError, UpstreamError } from '../../errors/index.js';

export interface SparqlEndpoints {
  queryUrl: string;
  updateUrl?: string;
  graphStoreUrl?: string;
  user?: string;
  password?: string;
}

const userAgent = 'Maillage/0.1 (+https://recherche.data.gouv.fr)';

export class SparqlProtocolClient {
  private readonly digest: DigestClient | null;

  constructor(
    private readonly endpoints: SparqlEndpoints,
    /** How long a write waits for a remote store that cannot be reached before it fails. */
    private readonly writeWaitMs = 60_000,
  ) {
    this.digest = endpoints.user ? new DigestClient(endpoints.user, endpoints.password ?? '') : null;
  }

  /** Sends a query (form-encoded POST, so long queries fit) and returns the body as text. */
  async query(sparql: string, accept: string, options: { defaultGraphs?: string[]; namedGraphs?: string[]; timeoutMs: number }): Promise<{ body: string; mediaType: string }> {
    const form = new URLSearchParams({ query: sparql });
    for (const graph of options.defaultGraphs ?? []) form.append('default-graph-uri', graph);
    for (const graph of options.namedGraphs ?? []) form.append('named-graph-uri', graph);
    // Virtuoso also stops the query itself when given a timeout (in ms).
    form.append('timeout', String(options.timeoutMs));
    const response = await this.send(this.endpoints.queryUrl, { method: 'POST', body: form, headers: { accept } }, options.timeoutMs, false);
    return { body: await response.text(), mediaType: (response.headers.get('content-type') ?? accept).split(';')[0]!.trim() };
  }

  async update(sparql: string, timeoutMs: number): Promise<void> {
    const url = this.endpoints.updateUrl ?? this.endpoints.queryUrl;
    const response = await this.send(url, { method: 'POST', body: new URLSearchParams({ update: sparql }) }, timeoutMs, true);
    await response.arrayBuffer();
  }

  /**
   * A query with the write account, on the update endpoint: for the server's own procedures that
   * a write path calls from SPARQL (Virtuoso's bulk loader), which the anonymous account may not run.
   */
  async callAsWriter(sparql: string, timeoutMs: number): Promise<string> {
    const url = this.endpoints.updateUrl ?? this.endpoints.queryUrl;
    const form = new URLSearchParams({ query: sparql, timeout: String(timeoutMs) });
    const response = await this.send(url, { method: 'POST', body: form, headers: { accept: 'application/sparql-results+json' } }, timeoutMs, true);
    return response.text();
  }

  /** Graph Store Protocol: PUT replaces a graph, POST adds to it, DELETE drops it. */
  async graph(method: 'PUT' | 'POST' | 'DELETE' | 'GET', graph: string, timeoutMs: number, body?: string): Promise<string | null> {
    if (!this.endpoints.graphStoreUrl) throw new BadRequestError('No Graph Store Protocol URL is configured for the remote store (REMOTE_GRAPH_STORE_URL)');
    const url = `${this.endpoints.graphStoreUrl}?${new URLSearchParams({ 'graph-uri': graph })}`;
    const init: RequestInit = { method, headers: method === 'GET' ? { accept: 'application/n-triples' } : { 'content-type': 'application/n-triples' } };
    if (body !== undefined) init.body = body;
    const response = await this.send(url, init, timeoutMs, true, method === 'DELETE' || method === 'GET');
    if (response.status === 404) return null;
    return response.text();
  }

  private async send(url: string, init: RequestInit, timeoutMs: number, authenticated: boolean, allowNotFound = false): Promise<Response> {
    // A write waits for a store that cannot be reached (restarting, briefly down) and goes on when
    // it is back; a query fails at once with a 503, so readers are told rather than kept waiting.
    const waitUntil = authenticated ? Date.now() + this.writeWaitMs : 0;
    for (let attempt = 0; ; attempt += 1) {
      const request: RequestInit = { ...init, headers: { 'user-agent': userAgent, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(timeoutMs) };
      let response: Response;
      try {
        response = authenticated && this.digest ? await this.digest.fetch(url, request) : await fetch(url, request);
      } catch (error) {
        const cause = error as Error;
        if (cause.name === 'TimeoutError') throw new QueryTimeoutError(`The remote store did not answer within ${timeoutMs} ms`, { timeoutMs });
        const reason = (cause.cause as Error | undefined)?.message ?? cause.message;
        if (Date.now() < waitUntil) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
          continue;
        }
        throw new UnavailableError(`The remote store at ${new URL(url).origin} cannot be reached: ${reason}`, {}, { cause });
      }
      return this.checked(response, allowNotFound);
    }
  }

  private async checked(response: Response, allowNotFound: boolean): Promise<Response> {
    if (response.ok || (allowNotFound && response.status === 404)) return response;
    // Virtuoso repeats the whole request after its message ("SPARQL query:\n..."): an error never
    // carries a request body (megabytes of a record's triples), only the server's words.
    let body = await response.text();
    // Virtuoso answers some failures with an HTML page: its words, without the markup, for our message.
    if (/^\s*<!DOCTYPE HTML|^\s*<html/i.test(body)) body = body.replace(/<title>[^<]*<\/title>/i, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    const text = body.split(/\n\s*SPARQL (?:query|update|request):/i)[0]!.slice(0, 500);
    if (response.status === 400) throw new BadRequestError(`The remote store refused the request: ${text.trim()}`);
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamError(`The remote store refused our credentials (HTTP ${response.status}); check REMOTE_USER and REMOTE_PASSWORD`);
    }
    // Virtuoso answers a query it could not compile with 500 and "SPARQL compiler" in the text.
    if (/SPARQL compiler|syntax error/i.test(text)) throw new BadRequestError(`The remote store could not run the request: ${text.trim()}`);
    // Virtuoso sorts at most MaxSortedTopRows rows for ORDER BY with LIMIT/OFFSET: the query's, not the server's fault.
    if (/SR353|Sorted TOP clause/.test(text)) throw new BadRequestError(`The remote store sorts at most a set number of rows under ORDER BY with LIMIT and OFFSET (REMOTE_MAX_SORTED_ROWS): ${text.trim()}`);
    throw new UpstreamError(`The remote store answered HTTP ${response.status}: ${text.trim()}`, { status: response.status });
  }
}
