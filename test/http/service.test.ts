// The service over real HTTP: health, metrics, problem+json errors, the Graph Store Protocol with
// admin tokens, and a store query that never holds up the event loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { QueryTimeoutError } from '../../src/errors/index.js';
import { mediaTypes } from '../../src/rdf/index.js';
import { sampleTriples, temporaryDataDir } from '../support/embedded-store.js';
import { adminToken, startTestServer } from '../support/service.js';

const auth = { authorization: `Bearer ${adminToken}` };
const turtle = '@prefix dcat: <http://www.w3.org/ns/dcat#> . <http://example.org/d1> a dcat:Dataset .';

describe('service over HTTP', () => {
  const data = temporaryDataDir('http');
  let server: RunningServer;
  const gsp = (graph: string): string => `${server.url}/rdf-graph-store?graph=${encodeURIComponent(graph)}`;

  beforeAll(async () => {
    server = await startTestServer(data.dir, { EMBEDDED_REPLICAS: '1' });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('reports health with backend, size and capacity', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; version: string; store: Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.store).toMatchObject({ backend: 'embedded', quads: 0, graphs: 0, capacityQuads: 10_000_000 });
  });

  it('answers an unknown path with a problem+json 404', async () => {
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(mediaTypes.problemJson);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found', instance: '/nowhere' });
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token-x' }, 403],
  ])('refuses a write with %s', async (_, headers, status) => {
    const response = await fetch(gsp('urn:test:denied'), { method: 'PUT', headers: { ...headers, 'content-type': mediaTypes.turtle }, body: turtle });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(mediaTypes.problemJson);
    if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('creates, reads in several formats, replaces and deletes a graph', async () => {
    const created = await fetch(gsp('urn:test:g1'), { method: 'PUT', headers: { ...auth, 'content-type': mediaTypes.turtle }, body: turtle });
    expect(created.status).toBe(201);
    const replaced = await fetch(gsp('urn:test:g1'), { method: 'PUT', headers: { ...auth, 'content-type': mediaTypes.turtle }, body: turtle });
    expect(replaced.status).toBe(204);
    for (const [accept, expected] of [
      [mediaTypes.nTriples, '<http://example.org/d1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .'],
      [mediaTypes.rdfXml, 'rdf:RDF'],
      ['text/*;q=0.9, application/xml;q=0.1', 'http://www.w3.org/ns/dcat#Dataset'],
    ] as const) {
      const response = await fetch(gsp('urn:test:g1'), { headers: { accept } });
      expect(response.status).toBe(200);
      expect(response.headers.get('vary')).toBe('Accept');
      expect(await response.text()).toContain(expected);
    }
    expect((await fetch(gsp('urn:test:g1'), { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await fetch(gsp('urn:test:g1'))).status).toBe(404);
  });

  it('answers 406 when no asked-for format can be produced', async () => {
    await fetch(gsp('urn:test:g2'), { method: 'PUT', headers: { ...auth, 'content-type': mediaTypes.turtle }, body: turtle });
    const response = await fetch(gsp('urn:test:g2'), { headers: { accept: 'image/png' } });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ status: 406, available: expect.arrayContaining([mediaTypes.turtle]) });
  });

  it('refuses a broken payload with 400, saying where, and keeps what was stored', async () => {
    const response = await fetch(gsp('urn:test:g2'), {
      method: 'PUT',
      headers: { ...auth, 'content-type': mediaTypes.turtle },
      body: '@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, type: expect.stringMatching(/rdf-syntax$/), line: 2 });
    expect((await fetch(gsp('urn:test:g2'))).status).toBe(200);
  });

  it('refuses a payload in a format it does not read with 415', async () => {
    const response = await fetch(gsp('urn:test:g3'), { method: 'PUT', headers: { ...auth, 'content-type': 'text/csv' }, body: 'a,b' });
    expect(response.status).toBe(415);
  });

  it('exposes Prometheus metrics, including the store size and requests by route', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^maillage_store_quads\{backend="embedded"\} 1$/m);
    expect(text).toMatch(/maillage_http_requests_total\{method="PUT",route="\/rdf-graph-store",status="201"\} \d+/);
  });

  it('keeps answering /health while a store query runs for 2 seconds', async () => {
    await fetch(gsp('urn:test:big'), { method: 'PUT', headers: { ...auth, 'content-type': mediaTypes.nTriples }, body: sampleTriples(2000) });
    await fetch(`${server.url}/health`); // fills the stats cache
    let settled = false;
    const heavy = server.store.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { timeoutMs: 2000 });
    const outcome = heavy.then(
      () => (settled = true),
      (error: unknown) => ((settled = true), error),
    );
    // Answers that arrive while the query still runs: none would if it held the event loop.
    let answeredMeanwhile = 0;
    while (!settled) {
      const response = await fetch(`${server.url}/health`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      if (!settled) answeredMeanwhile += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await outcome).toBeInstanceOf(QueryTimeoutError);
    expect(answeredMeanwhile).toBeGreaterThan(5);
  });
});
