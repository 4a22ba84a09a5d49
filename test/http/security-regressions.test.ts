// Each finding of the security review, written as the attack it reproduced (the same request), run
// against the real service: it must be refused, and nothing stored may change. SSRF through SERVICE
// is in test/sparql/sparql-endpoint.test.ts beside the other federation tests. A property test then
// sends random IRIs, labels and CSV cells through every thesaurus write path and checks that no
// graph but the thesaurus's own changes.
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { adminToken, startTestServer } from '../support/service.js';

const mt = 'https://w3id.org/maillage/thesaurus/';
const editor = 'eve-editor-token-0123456789';
const admin = { authorization: `Bearer ${adminToken}` };
const recordGraph = 'https://w3id.org/maillage/record/demo/victim-1';
const data = temporaryDataDir('security');
let server: RunningServer;

async function call(method: string, p: string, options: { token?: string; body?: BodyInit; type?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.type) headers['content-type'] = options.type;
  const response = await fetch(`${server.url}${p}`, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Quads per named graph outside the thesaurus graphs (every write of the service goes to a named graph). */
async function graphsOutsideThesaurus(): Promise<Map<string, number>> {
  const result = await server.store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
  if (result.form !== 'SELECT') throw new Error('expected bindings');
  return new Map(
    result.bindings
      .filter((b) => b.g!.value !== mt && !b.g!.value.startsWith('urn:maillage:thesaurus:'))
      .map((b) => [b.g!.value, Number(b.n!.value)]),
  );
}

/** The status a POST announcing `size` bytes gets, sending only its first megabyte (the server answers and closes). */
function statusBeforeBody(p: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}${p}`);
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(size) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    request.write(Buffer.alloc(1024 * 1024, 'a'));
  });
}

/**
 * The reported attack, made to parse: the IRI appears several times in the update; each odd
 * occurrence opens a long literal that the next one closes, after which the text ends the update,
 * runs its own two operations and opens a new INSERT whose line a comment finishes.
 */
const injection = `urn:x:a> <urn:x:p> ''' . } } ; INSERT DATA { GRAPH <urn:pwned:graph> { <urn:a> <urn:b> <urn:c> } } ; DROP SILENT GRAPH <${recordGraph}> ; INSERT DATA { GRAPH <${mt}> { <urn:x:b> <urn:x:p> <urn:x:c> . #`;

const ask = async (query: string) => {
  const result = await server.store.query(query);
  return result.form === 'ASK' && result.boolean;
};

const env = { BUNDLED_THESAURUS: 'true', THESAURUS_TOKENS: `eve:editor:${editor}`, PUBLIC_BASE_URL: 'https://catalogue.example.fr', MAX_PUBLIC_BODY_BYTES: String(1024 * 1024) };

beforeAll(async () => {
  server = await startTestServer(data.dir, env);
  // A catalogue record's graph, the victim of the privilege attacks (with a harvested javascript: landing page).
  const record = `<https://w3id.org/maillage/id/doi/10.1/victim> <http://purl.org/dc/terms/title> "A record" .\n<https://w3id.org/maillage/id/doi/10.1/victim> <http://www.w3.org/ns/dcat#landingPage> <javascript:alert(document.cookie)> .\n`;
  expect((await call('PUT', `/rdf-graph-store?graph=${encodeURIComponent(recordGraph)}`, { headers: admin, type: 'application/n-triples', body: record })).status).toBeLessThan(300);
  // A concept scheme that arrived inside another record's graph: readable, never written by the thesaurus.
  const foreign = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:other:scheme> a skos:ConceptScheme ; <https://w3id.org/mod#acronym> "OTHER" .
<urn:other:c> a skos:Concept ; skos:inScheme <urn:other:scheme> ; skos:prefLabel "c"@en .\n`;
  expect((await call('PUT', `/rdf-graph-store?graph=${encodeURIComponent(`${recordGraph}-2`)}`, { headers: admin, type: 'text/turtle', body: foreign })).status).toBeLessThan(300);
  // The thesaurus finds schemes when it starts.
  await server.close();
  server = await startTestServer(data.dir, env);
}, 120_000);

afterAll(async () => {
  await server?.close();
  data.remove();
});

describe('1. SPARQL Update injection through the CSV layout (critical)', () => {
  it('refuses an id that closes the IRI and appends an update, and writes nothing anywhere', async () => {
    const before = await graphsOutsideThesaurus();
    const payload = injection;
    const csv = `id,prefLabel@fr,prefLabel@en\n"${payload.replace(/"/g, '""')}",Injection,Injection\n`;
    const answer = await call('POST', '/ontologies/MAILLAGE/classes', { token: editor, type: 'text/csv', body: csv });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/id must be an absolute IRI/);
    expect(await ask('ASK { GRAPH <urn:pwned:graph> { ?s ?p ?o } }')).toBe(false);
    expect(await graphsOutsideThesaurus()).toEqual(before);
  });

  it('refuses the same IRI given as the concept in the URL of a PATCH', async () => {
    const iri = `urn:x:a> <urn:x:p> "x" } } ; DROP ALL ; #`;
    const answer = await call('PATCH', `/ontologies/MAILLAGE/classes/${encodeURIComponent(iri)}`, { token: editor, type: 'application/json', body: JSON.stringify({ prefLabel: { en: 'x' } }), headers: { 'if-match': '*' } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await server.store.stats()).quads).toBeGreaterThan(0);
  });
});

describe('3. a thesaurus admin replacing any named graph (high)', () => {
  it('imports a scheme whose IRI is a record graph into a thesaurus graph, leaving the record as it was', async () => {
    const before = await graphsOutsideThesaurus();
    expect(before.get(recordGraph)).toBe(2);
    const scheme = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<${recordGraph}> a skos:ConceptScheme ; skos:prefLabel "Evil"@en, "Mal"@fr .
<urn:evil:c1> a skos:Concept ; skos:inScheme <${recordGraph}> ; skos:topConceptOf <${recordGraph}> ; skos:prefLabel "One"@en, "Un"@fr .`;
    const answer = await call('PUT', '/ontologies/EVIL', { headers: admin, type: 'text/turtle', body: scheme });
    expect(answer.status).toBeLessThan(300);
    expect(await graphsOutsideThesaurus()).toEqual(before);
    expect(await ask('ASK { GRAPH <urn:maillage:thesaurus:EVIL> { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> } }')).toBe(true);
  });

  it('refuses to edit or release a scheme that is read from a graph the thesaurus does not own', async () => {
    expect((await call('GET', '/ontologies/OTHER')).status).toBe(200);
    const before = await graphsOutsideThesaurus();
    const release = await call('POST', '/ontologies/OTHER/submissions', { headers: admin, type: 'application/json', body: JSON.stringify({ version: '1' }) });
    expect(release.status).toBe(409);
    expect(release.text).toMatch(/not a thesaurus graph/);
    const edit = await call('PATCH', `/ontologies/OTHER/classes/${encodeURIComponent('urn:other:c')}`, { headers: { ...admin, 'if-match': '*' }, type: 'application/json', body: JSON.stringify({ prefLabel: { en: 'changed' } }) });
    expect(edit.status).toBe(409);
    expect(await graphsOutsideThesaurus()).toEqual(before);
  });
});

describe('4. javascript: links on HTML pages (medium)', () => {
  it('shows a javascript: IRI an editor set as a mapping as text, not as a link, under a strict CSP', async () => {
    const concept = `${mt}atmosphere`;
    const read = await call('GET', `/ontologies/MAILLAGE/classes/${encodeURIComponent(concept)}`);
    const etag = read.headers.get('etag')!;
    const patched = await call('PATCH', `/ontologies/MAILLAGE/classes/${encodeURIComponent(concept)}`, { token: editor, type: 'application/json', body: JSON.stringify({ exactMatch: ['javascript:alert(document.cookie)'] }), headers: { 'if-match': etag } });
    expect(patched.status).toBe(200);
    const page = await call('GET', '/thesaurus/atmosphere', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('javascript:alert(document.cookie)');
    expect(page.text).not.toMatch(/href="javascript:/i);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('shows a harvested javascript: landing page as text too', async () => {
    const page = await call('GET', '/id/doi/10.1/victim', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('A record');
    expect(page.text).not.toMatch(/href="javascript:/i);
  });
});

describe('5. request bodies without a limit (medium)', () => {
  it('answers 413 to a large anonymous POST to /sparql while reading it, and the process does not grow by its size', async () => {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const chunk = new TextEncoder().encode('query=' + 'x'.repeat(1024 * 1024));
    let sent = 0;
    // 300 MiB offered as a chunked stream (no Content-Length): the server must stop early.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 300) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.text()).toMatch(/payload-too-large/);
    expect(sent).toBeLessThan(300);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('answers 413 from the Content-Length alone, before the body is sent, for /annotator and /graphql too', async () => {
    for (const p of ['/annotator', '/graphql', '/sparql']) expect(await statusBeforeBody(p, 300 * 1024 * 1024)).toBe(413);
    // Authenticated writes keep their larger limit.
    const triples = Array.from({ length: 20_000 }, (_v, i) => `<urn:bulk:${i}> <urn:p> "${'v'.repeat(60)}" .`).join('\n');
    expect(triples.length).toBeGreaterThan(1024 * 1024);
    expect((await call('PUT', '/rdf-graph-store?graph=urn:bulk', { headers: admin, type: 'application/n-triples', body: triples })).status).toBeLessThan(300);
  });
});

describe('6. low: tokens, Host header, CSV formulas', () => {
  it('answers a forged resumption token with badResumptionToken, not a 500', async () => {
    const forged = Buffer.from(JSON.stringify({ prefix: 'oai_dc', offset: 0, set: "x' OR 1=1 --", from: 'not a date' })).toString('base64url');
    for (const token of [forged, `${forged}.AAAA`, 'x'.repeat(5000)]) {
      const answer = await call('GET', `/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('code="badResumptionToken"');
    }
  });

  it('writes absolute URLs from PUBLIC_BASE_URL, whatever Host the request names', async () => {
    const form = await call('GET', '/sparql', { headers: { accept: 'text/html', host: 'evil.example' } });
    expect(form.text).not.toContain('evil.example');
    expect(form.text).toContain('action="https://catalogue.example.fr/sparql"');
    const identify = await call('GET', '/oai?verb=Identify', { headers: { host: 'evil.example' } });
    expect(identify.text).toContain('<baseURL>https://catalogue.example.fr/oai</baseURL>');
  });

  it('neutralises spreadsheet formulas in CSV downloads and reads them back unchanged', async () => {
    const formula = '=HYPERLINK("https://evil.example","click")';
    const created = await call('POST', '/ontologies/MAILLAGE/classes', { token: editor, type: 'application/json', body: JSON.stringify({ '@id': `${mt}formula-test`, prefLabel: { en: formula, fr: '+formule' }, broader: [`${mt}atmosphere`] }) });
    expect(created.status).toBe(201);
    const csv = (await call('GET', '/ontologies/MAILLAGE/download?format=csv')).text;
    const row = csv.split('\n').find((line) => line.startsWith(`${mt}formula-test`))!;
    expect(row).toContain(`'=HYPERLINK`);
    expect(row).toContain(`'+formule`);
    expect(row).not.toMatch(/,=|,"=/);
  });

  it('compares tokens by digest: a token of any length that is not the admin one is a 403', async () => {
    for (const token of ['x', adminToken.slice(0, -1), `${adminToken}x`, 'y'.repeat(adminToken.length)]) {
      expect((await call('DELETE', '/rdf-graph-store?graph=urn:bulk', { token })).status).toBe(403);
    }
  });
});

describe('every thesaurus write path with random input (fast-check)', () => {
  it('never changes a graph outside the thesaurus, whatever the IRIs, labels and CSV cells', async () => {
    const before = await graphsOutsideThesaurus();
    const nasty = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('>', '> } } ; DROP ALL ; #', "''' . } }", '"', '\\', '\n', '<urn:x>', 'javascript:alert(1)', '=cmd|calc', '@SUM(1)', `${recordGraph}`, injection),
      fc.tuple(fc.constantFrom('urn:x:', 'https://w3id.org/maillage/thesaurus/', 'http://e.org/'), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
    );
    const iri = fc.oneof({ arbitrary: fc.constant(injection), weight: 1 }, { arbitrary: nasty, weight: 3 });
    const mapping = fc.oneof({ arbitrary: fc.webUrl(), weight: 3 }, { arbitrary: nasty, weight: 1 });
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(iri, nasty, nasty, mapping, fc.constantFrom('json', 'csv', 'patch'), async (id, label, cell, target, path) => {
        runs += 1;
        const labels = { en: label.trim() || 'x', fr: cell.trim() || 'y' };
        let answer;
        if (path === 'json') {
          answer = await call('POST', '/ontologies/MAILLAGE/classes', { token: editor, type: 'application/json', body: JSON.stringify({ '@id': id, prefLabel: labels, altLabel: { en: [cell || 'z'] }, broader: [`${mt}atmosphere`], exactMatch: [target] }) });
        } else if (path === 'csv') {
          answer = await call('POST', '/ontologies/MAILLAGE/classes', { token: editor, type: 'text/csv', body: `id,prefLabel@en,prefLabel@fr,altLabel@en,broader,exactMatch\n${[id, labels.en, labels.fr, cell, `${mt}atmosphere`, target].map(quote).join(',')}\n` });
        } else {
          answer = await call('PATCH', `/ontologies/MAILLAGE/classes/${encodeURIComponent(id)}`, { token: editor, type: 'application/json', body: JSON.stringify({ altLabel: { en: [labels.en] }, related: [target] }), headers: { 'if-match': '*' } });
        }
        expect(answer.status, answer.text).toBeLessThan(500);
      }),
      { numRuns: 120, seed: 18 },
    );
    expect(runs).toBe(120);
    expect(await graphsOutsideThesaurus()).toEqual(before);
    expect(await ask('ASK { GRAPH <urn:pwned:graph> { ?s ?p ?o } }')).toBe(false);
  }, 240_000);
});
