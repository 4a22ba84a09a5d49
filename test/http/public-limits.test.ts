// The worst request we can build for each public surface other than GraphQL (graphql-bounds.test.ts):
// SPARQL concurrency, the graph store's GET of a whole graph, feed and thesaurus paging, search input,
// and a store replica cut in the middle of a query. Each is answered within its limits, with a
// problem+json where it must be refused, and the service goes on serving the next normal request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { adminToken, startTestServer } from '../support/service.js';

const data = temporaryDataDir('public-limits');
let server: RunningServer;
const admin = { authorization: `Bearer ${adminToken}` };
const heavy = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
const sparql = (query: string, headers: Record<string, string> = {}) => fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json', ...headers } });

/** Public queries are refused (503 too-busy) while a replica cut at its time limit rebuilds: ask again. */
async function answered(query: string): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await sparql(query);
    if (response.status !== 503 || attempt >= 50) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function healthy(): Promise<void> {
  const started = performance.now();
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
  expect((await answered('ASK { ?s ?p ?o }')).status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer(data.dir, { BUNDLED_THESAURUS: 'true', SPARQL_MAX_CONCURRENT: '2', QUERY_TIMEOUT_MS: '1500', QUERY_RESULT_LIMIT_BYTES: '20000' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  data.remove();
});

describe('SPARQL', () => {
  it('refuses a megabyte-long query with 413 before parsing it (parsing one held the event loop for a second)', async () => {
    const huge = `SELECT * WHERE { ?s ?p ?o FILTER(?o IN (${Array.from({ length: 40_000 }, (_, i) => `"v${i}"`).join(',')})) }`;
    const started = performance.now();
    const refused = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: huge });
    expect(refused.status).toBe(413);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/limited to 100,000 characters/);
    expect(performance.now() - started).toBeLessThan(1_000);
    await healthy();
  });

  it('refuses queries past the concurrent cap at once with 503 and Retry-After, and serves again after', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => sparql(heavy)));
    const statuses = answers.map((a) => a.status);
    const busy = answers.filter((a) => a.status === 503 && a.headers.get('content-type')?.includes('problem+json'));
    const bodies = await Promise.all(busy.map((a) => a.json() as Promise<{ type: string }>));
    // Three past the cap of 2 at once; of the two let in, one runs (one public query per replica,
    // the other replica kept for the catalogue) to its time limit; the other waits for it and runs
    // to its limit too if the cut replica is rebuilt within the wait, else it is refused.
    const types = bodies.map((b) => b.type.split('/').pop());
    expect(types.length, String(statuses)).toBe(5);
    expect(types.filter((t) => t === 'too-busy').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'query-timeout').length).toBeGreaterThanOrEqual(1);
    expect(types.every((t) => t === 'too-busy' || t === 'query-timeout')).toBe(true);
    expect(busy[0]!.headers.get('retry-after')).toBe('2');
    await healthy();
  }, 30_000);

  it('cuts a query past the time limit; the replica it ran on is rebuilt from the journal, /health says so, and acknowledged writes are all there', async () => {
    const write = await fetch(`${server.url}/rdf-graph-store?graph=urn:limits:kept`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/n-triples' }, body: '<urn:a> <urn:b> "acknowledged" .\n' });
    expect(write.status).toBe(201);
    const cut = await sparql(heavy);
    expect(cut.status).toBe(503);
    expect(((await cut.json()) as { type: string }).type).toMatch(/query-timeout$/);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { status: string; store: { replicaEndings: { count: number; last: { reason: string } | null } }; process: { heapUsedBytes: number } };
    expect(health.store.replicaEndings.count).toBeGreaterThanOrEqual(1);
    expect(health.store.replicaEndings.last?.reason).toMatch(/time|terminated|exited/i);
    expect(health.process.heapUsedBytes).toBeGreaterThan(0);
    // Every replica answers the acknowledged write once rebuilt.
    for (let i = 0; i < 4; i += 1) {
      const kept = await answered('ASK { GRAPH <urn:limits:kept> { <urn:a> <urn:b> "acknowledged" } }');
      expect(((await kept.json()) as { boolean: boolean }).boolean).toBe(true);
    }
    await healthy();
  }, 30_000);
});

describe('graph store, feeds, thesaurus, search', () => {
  it('refuses an anonymous GET of a graph larger than a public answer may be; an administrator reads it whole', async () => {
    const big = Array.from({ length: 2000 }, (_v, i) => `<urn:big:${i}> <urn:p> "value ${i}" .`).join('\n');
    expect((await fetch(`${server.url}/rdf-graph-store?graph=urn:limits:big`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/n-triples' }, body: big })).status).toBe(201);
    const anonymous = await fetch(`${server.url}/rdf-graph-store?graph=urn:limits:big`, { headers: { accept: 'application/n-triples' } });
    expect(anonymous.status).toBe(400);
    expect(((await anonymous.json()) as { type: string }).type).toMatch(/result-too-large$/);
    const asAdmin = await fetch(`${server.url}/rdf-graph-store?graph=urn:limits:big`, { headers: { ...admin, accept: 'application/n-triples' } });
    expect(asAdmin.status).toBe(200);
    expect((await asAdmin.text()).trim().split('\n')).toHaveLength(2000);
  });

  it.each([
    ['a feed page size past the maximum', '/catalog?pageSize=1000000', /pageSize must be an integer from 1 to 500/],
    ['a feed page past the end', '/catalog?page=999999999', /page/],
    ['a thesaurus page far past anything', '/ontologies/MAILLAGE/classes?page=100000000&pagesize=500', /page must be a whole number from 1 to 10,000/],
    ['a 600-character label search', `/search?q=${'a'.repeat(600)}`, /q is limited to 500 characters/],
    ['an OAI list from a forged token', `/oai?verb=ListRecords&resumptionToken=${Buffer.from('{"prefix":"oai_dc","offset":0}').toString('base64url')}`, /badResumptionToken/],
  ])('answers %s with a clear refusal', async (_name, p, message) => {
    const answer = await fetch(`${server.url}${p}`);
    expect(answer.status).toBeLessThan(500);
    expect(await answer.text()).toMatch(message);
    await healthy();
  });
});
