// The SPARQL endpoint as clients use it: every result syntax, CORS, clear errors, the public limits
// (the service keeps answering while a heavy query runs), admin-only durable updates, federation
// with a second endpoint, and the VoID statistics checked against a SPARQL count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Parser as N3Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { adminToken, startTestServer } from '../support/service.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'maillage-sparql-'));
  dirs.push(dir);
  return dir;
};

const skos = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>';
const conceptsQuery = `${skos} SELECT ?c ?label WHERE { ?c skos:prefLabel ?label FILTER(lang(?label) = "fr") } ORDER BY ?c LIMIT 5`;
const admin = { authorization: `Bearer ${adminToken}` };

function get(server: RunningServer, query: string, headers: Record<string, string> = {}, extra = ''): Promise<Response> {
  return fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}${extra}`, { headers });
}

function update(server: RunningServer, text: string, headers: Record<string, string> = admin): Promise<Response> {
  return fetch(`${server.url}/sparql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/sparql-update' }, body: text });
}

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(tempDir(), { BUNDLED_THESAURUS: 'true' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('queries', () => {
  it('writes SELECT results in JSON, XML, CSV and TSV as the Accept header or format= asks', async () => {
    const json = await get(server, conceptsQuery);
    expect(json.headers.get('content-type')).toMatch(/^application\/sparql-results\+json/);
    const rows = ((await json.json()) as { results: { bindings: unknown[] } }).results.bindings;
    expect(rows).toHaveLength(5);

    const xml = await get(server, conceptsQuery, { accept: 'application/sparql-results+xml' });
    expect(xml.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    expect((await xml.text()).match(/<result>/g)).toHaveLength(5);

    const csv = await get(server, conceptsQuery, { accept: 'text/csv' });
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(6);

    const tsv = await get(server, conceptsQuery, {}, '&format=tsv');
    expect(tsv.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    expect((await tsv.text()).split('\n')[0]).toBe('?c\t?label');
    expect(json.headers.get('vary')).toBe('Accept');
  });

  it('writes CONSTRUCT results in every RDF syntax, and refuses a result syntax for a graph', async () => {
    const construct = `${skos} CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:prefLabel ?l } LIMIT 10`;
    for (const [accept, check] of [
      ['text/turtle', (t: string) => new N3Parser({ format: 'text/turtle' }).parse(t).length],
      ['application/n-triples', (t: string) => new N3Parser({ format: 'N-Triples' }).parse(t).length],
      ['application/ld+json', (t: string) => t.match(/"@value"/g)?.length ?? 0],
      ['application/rdf+xml', (t: string) => t.match(/prefLabel/g)?.length ?? 0],
    ] as const) {
      const response = await get(server, construct, { accept });
      expect(response.headers.get('content-type')).toContain(accept);
      expect(check(await response.text())).toBeGreaterThanOrEqual(10);
    }
    const refused = await get(server, construct, { accept: 'application/sparql-results+json' });
    expect(refused.status).toBe(406);
  });

  it('answers CORS preflights for browser clients', async () => {
    const response = await fetch(`${server.url}/sparql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://yasgui.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('answers as SPARQL 1.1 says the shapes the embedded engine gets wrong by itself', async () => {
    const rows = async (query: string): Promise<Record<string, { value: string }>[]> => {
      const response = await get(server, query);
      expect(response.status).toBe(200);
      return ((await response.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
    };
    // A sub-select inside GRAPH ?g runs once per named graph, with ?g bound: the counts a GROUP BY gives.
    const perGraph = await rows('SELECT ?g ?n WHERE { GRAPH ?g { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } } }');
    const grouped = await rows('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
    const byGraph = (list: Record<string, { value: string }>[]) => Object.fromEntries(list.map((r) => [r.g?.value, r.n?.value]));
    expect(grouped.length).toBeGreaterThan(0);
    expect(byGraph(perGraph)).toEqual(byGraph(grouped));
    // The zero-length step of * and ? holds for a term the data does not hold.
    const absent = 'https://example.org/absent-concept';
    expect(await rows(`${skos} SELECT ?x WHERE { <${absent}> skos:broader* ?x }`)).toEqual([{ x: { type: 'uri', value: absent } }]);
    expect(await rows(`${skos} SELECT ?x WHERE { ?x skos:narrower? <${absent}> }`)).toEqual([{ x: { type: 'uri', value: absent } }]);
    // A concept and its ancestors, each once.
    const [concept] = await rows(`${skos} SELECT ?c WHERE { ?c skos:broader/skos:broader ?top } LIMIT 1`);
    const lineage = await rows(`${skos} SELECT ?x WHERE { <${concept!.c!.value}> skos:broader* ?x }`);
    expect(lineage.length).toBeGreaterThanOrEqual(3);
    expect(new Set(lineage.map((r) => r.x!.value)).size).toBe(lineage.length);
  });

  it('refuses to expand GRAPH ?g over more named graphs than it may, and says how to narrow it', async () => {
    const graphs = Array.from({ length: 1001 }, (_, i) => `GRAPH <urn:maillage:test:many/${i}> { <urn:maillage:test:x> <urn:maillage:test:p> ${i} }`);
    expect((await update(server, `INSERT DATA { ${graphs.join(' ')} }`)).status).toBe(204);
    try {
      const response = await get(server, 'SELECT ?g ?v WHERE { GRAPH ?g { VALUES ?v { 1 } } }');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toContain('named-graph-uri');
      const narrowed = await get(server, 'SELECT ?g ?v WHERE { GRAPH ?g { VALUES ?v { 1 } } }', {}, '&named-graph-uri=urn:maillage:test:many/7');
      const bindings = ((await narrowed.json()) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
      expect(bindings.map((r) => [r.g?.value, r.v?.value])).toEqual([['urn:maillage:test:many/7', '1']]);
    } finally {
      expect((await update(server, 'DELETE WHERE { GRAPH ?g { <urn:maillage:test:x> ?p ?o } }')).status).toBe(204);
    }
  });

  it('reports a malformed query with the parser message and position', async () => {
    const response = await get(server, 'SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { type: string; line: number; column: number; detail: string };
    expect(problem.type).toMatch(/sparql-syntax$/);
    expect(problem.line).toBe(3);
    expect(problem.detail).toContain('line 3');
  });
});

describe('limits', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startTestServer(tempDir(), {
      BUNDLED_THESAURUS: 'true',
      QUERY_TIMEOUT_MS: '1500',
      QUERY_RESULT_LIMIT_BYTES: '4000',
      SPARQL_MAX_ROWS: '40',
      SPARQL_QUEUE_WAIT_MS: '200',
    });
  }, 60_000);
  afterAll(() => limited?.close());

  /** Public queries are refused while the replica they may use rebuilds: ask until one is answered. */
  async function untilAnswered(query: string): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await get(limited, query);
      if (response.status !== 503 || attempt >= 100) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('cuts a runaway query at its time limit, keeps a replica for the catalogue\'s own pages meanwhile, and refuses a second public query at once', async () => {
    const order: string[] = [];
    const heavy = get(limited, 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }').then((response) => {
      order.push('runaway answered');
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The attack that issue #23 measured: more runaways at once. They may not take the last replica.
    const second = await get(limited, 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }');
    order.push('second public query answered');
    expect(second.status).toBe(503);
    expect(((await second.json()) as { type: string }).type).toMatch(/too-busy$/);
    expect(second.headers.get('retry-after')).toBeTruthy();
    // The concept's linked-data page reads the store on the replica kept free.
    const page = await fetch(`${limited.url}/thesaurus/natural-sciences`, { headers: { accept: 'text/turtle' } });
    order.push('linked-data page answered');
    expect(page.status).toBe(200);
    const response = await heavy;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { type: string }).type).toMatch(/query-timeout$/);
    expect(order).toEqual(['second public query answered', 'linked-data page answered', 'runaway answered']);
    // The cut replica comes back; public queries are answered again.
    expect((await untilAnswered('ASK { ?s ?p ?o }')).status).toBe(200);
  }, 60_000);

  it('refuses a SELECT whose answer has more rows than allowed, in every results format, and answers one that fits', async () => {
    // Rows with nothing bound are a few bytes each: the row cap answers, not the byte limit.
    const tooMany = `${skos} SELECT ?nothing WHERE { ?c skos:prefLabel ?l }`;
    await untilAnswered('ASK {}');
    for (const format of ['json', 'xml', 'csv', 'tsv']) {
      const response = await get(limited, tooMany, {}, `&format=${format}`);
      expect(response.status, format).toBe(400);
      const problem = (await response.json()) as { type: string; detail: string; limitRows: number };
      expect(problem.type).toMatch(/result-too-large$/);
      expect(problem.detail).toContain('40 rows');
    }
    // A huge LIMIT is the same request; a LIMIT within the cap, or a result under it, is answered whole.
    expect((await get(limited, `${tooMany} LIMIT 1000000000`)).status).toBe(400);
    const within = await get(limited, `${skos} SELECT ?c WHERE { ?c skos:prefLabel ?l } LIMIT 40`, { accept: 'text/tab-separated-values' });
    expect((await within.text()).trim().split('\n')).toHaveLength(41);
    const fits = await get(limited, `${skos} SELECT ?c WHERE { ?c skos:prefLabel ?l FILTER(?c = <http://example.org/none>) }`, { accept: 'text/csv' });
    expect(fits.status).toBe(200);
    // A trailing VALUES block: the cap is written into the query from its parse.
    const withValues = await get(limited, `${tooMany} VALUES ?x { 1 }`, { accept: 'application/sparql-results+json' });
    expect(withValues.status).toBe(400);
  });

  it('refuses a result larger than the limit and says how to ask for less', async () => {
    const response = await get(limited, 'SELECT * WHERE { ?s ?p ?o }');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toMatch(/result-too-large$/);
    expect(problem.detail).toContain('LIMIT');
    expect((await get(limited, 'SELECT * WHERE { ?s ?p ?o } LIMIT 3')).status).toBe(200);
  });
});

describe('updates', () => {
  const insert = 'INSERT DATA { GRAPH <https://example.org/g/notes> { <https://example.org/n1> <http://www.w3.org/2000/01/rdf-schema#label> "note" } }';

  it('needs the admin token: 401 without, 403 with a wrong one, and never by GET', async () => {
    expect((await update(server, insert, {})).status).toBe(401);
    expect((await update(server, insert, { authorization: 'Bearer not-the-token-at-all' })).status).toBe(403);
    const byGet = await fetch(`${server.url}/sparql?update=${encodeURIComponent(insert)}`);
    expect(byGet.status).toBe(405);
    expect(byGet.headers.get('allow')).toBe('POST');
  });

  it('keeps what an update wrote across a restart', async () => {
    const dataDir = tempDir();
    let first: RunningServer | null = await startTestServer(dataDir);
    try {
      expect((await update(first, insert)).status).toBe(204);
      await first.close();
      first = null;
      const again = await startTestServer(dataDir);
      try {
        const response = await get(again, 'ASK { GRAPH <https://example.org/g/notes> { <https://example.org/n1> ?p "note" } }');
        expect(((await response.json()) as { boolean: boolean }).boolean).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await first?.close();
    }
  }, 60_000);
});

describe('federation', () => {
  const scoreData = 'INSERT DATA { GRAPH <https://example.org/g/remote> { <https://w3id.org/maillage/thesaurus/atmosphere> <https://example.org/score> 42 } }';
  const scoreQuery = (endpoint: string) => `${skos} SELECT ?label ?score WHERE {
        SERVICE <${endpoint}> { ?c <https://example.org/score> ?score }
        ?c skos:prefLabel ?label FILTER(lang(?label) = "en") }`;

  it('joins local data with a second endpoint through SERVICE when the endpoint is allow-listed', async () => {
    const remote = await startTestServer(tempDir());
    // The second endpoint is on loopback, which only this closed-network setting lets through.
    const local = await startTestServer(tempDir(), { BUNDLED_THESAURUS: 'true', SPARQL_FEDERATION_ALLOW: `${remote.url}/sparql`, SPARQL_FEDERATION_ALLOW_INTERNAL: 'true' });
    try {
      expect((await update(remote, scoreData)).status).toBe(204);
      const response = await get(local, scoreQuery(`${remote.url}/sparql`));
      expect(response.status).toBe(200);
      const rows = ((await response.json()) as { results: { bindings: Array<Record<string, { value: string }>> } }).results.bindings;
      expect(rows.map((r) => [r.label!.value, r.score!.value])).toEqual([['Atmosphere', '42']]);
    } finally {
      await Promise.all([remote.close(), local.close()]);
    }
  }, 60_000);

  describe('server-side requests on a caller\'s behalf (SSRF)', () => {
    let internal: Server;
    let internalUrl: string;
    beforeAll(async () => {
      // An "internal" document the public must never read through the endpoint.
      internal = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/turtle' }).end('<urn:secret> <urn:is> "the internal answer" .'));
      await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
      internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/secret.ttl`;
    });
    afterAll(() => new Promise<void>((resolve) => internal.close(() => resolve())));

    it('refuses SERVICE <internal URL> (the reported attack) with 403 and reads nothing from it', async () => {
      const response = await get(server, `SELECT * WHERE { SERVICE <${internalUrl}> { ?s ?p ?o } }`);
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toMatch(/forbidden-url/);
      expect(body).toMatch(/allow-list/);
      expect(body).not.toContain('the internal answer');
    });

    it('refuses an internal endpoint even when it is listed, unless internal addresses are explicitly allowed', async () => {
      const listed = await startTestServer(tempDir(), { SPARQL_FEDERATION_ALLOW: internalUrl });
      try {
        const response = await get(listed, `SELECT * WHERE { SERVICE <${internalUrl}> { ?s ?p ?o } }`);
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('the internal answer');
        // A public-looking name that resolves to loopback is refused at connect time, and the
        // answer does not say what (if anything) listens there.
        const byName = await startTestServer(tempDir(), { SPARQL_FEDERATION_ALLOW: 'http://localhost:9/sparql,http://localhost:1/sparql' });
        try {
          const closed = await get(byName, 'SELECT * WHERE { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }');
          const other = await get(byName, 'SELECT * WHERE { SERVICE <http://localhost:1/sparql> { ?s ?p ?o } }');
          expect(closed.status).toBe(502);
          const [a, b] = [((await closed.json()) as { detail: string }).detail, ((await other.json()) as { detail: string }).detail];
          expect(a).toBe(b);
          expect(a).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|internal address/);
        } finally {
          await byName.close();
        }
      } finally {
        await listed.close();
      }
    }, 60_000);

    it('refuses SERVICE with a variable (its endpoint would come from data)', async () => {
      const response = await get(server, 'SELECT * WHERE { BIND(<http://127.0.0.1/> AS ?e) SERVICE ?e { ?s ?p ?o } }');
      expect(response.status).toBe(403);
    });
  });
});

describe('self-description', () => {
  it('publishes VoID statistics that match a SPARQL count', async () => {
    const count = await get(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    const n = ((await count.json()) as { results: { bindings: Array<{ n: { value: string } }> } }).results.bindings[0]!.n.value;
    const response = await fetch(`${server.url}/.well-known/void`, { headers: { accept: 'text/turtle' } });
    const quads = new N3Parser({ format: 'text/turtle' }).parse(await response.text());
    const triples = quads.find((q) => q.predicate.value === 'http://rdfs.org/ns/void#triples' && q.subject.value.endsWith('#dataset'));
    expect(triples?.object.value).toBe(n);
    expect(quads.some((q) => q.predicate.value === 'http://rdfs.org/ns/void#classPartition')).toBe(true);
  });

  it('shows a query form to a browser', async () => {
    const response = await fetch(`${server.url}/sparql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<form method="get"');
  });
});
