// The worst GraphQL requests we can build, sent to the real service with the demo catalogue: each
// gets an answer or a clear refusal within 5 s, memory stays bounded, /health keeps answering, and
// the next normal request is served. Random queries generated from the schema itself (fast-check)
// keep to the same rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { getNamedType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlSchema } from '../../src/http/graphql/graphql-routes.js';
import type { RunningServer } from '../../src/http/index.js';
import { startTestServer } from '../support/service.js';

// A small field cap, so ordinary demo queries can reach it (time and concurrency: operation-budget.test.ts).
const demo = { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2', GRAPHQL_MAX_FIELDS: '400' };
let mostLinked: string;
let server: RunningServer;
let dataDir: string;

interface Answer {
  status: number;
  ms: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(body: unknown): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - started, body: parsed };
}
const graphql = (query: string, variables: Record<string, unknown> = {}) => post({ query, variables });

/** /health's latency, sampled every 20 ms while `work` runs. */
async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; worstHealthMs: number }> {
  let done = false;
  const samples: number[] = [];
  const sampler = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${server.url}/health`);
      await response.arrayBuffer();
      samples.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const result = await work;
  done = true;
  await sampler;
  return { result, worstHealthMs: Math.max(...samples) };
}

const nested = (levels: number, args = '') => {
  let selection = 'title';
  for (let i = 0; i < levels; i += 1) selection = `linkedResources${args} { resource { ${selection} } }`;
  return selection;
};
const issueQuery = `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(5)} } }`;

async function expectStillServing(): Promise<void> {
  const normal = await graphql('{ dataset(doi: "10.57745/demo-ds-116") { title linkedResources(first: 3) { relation resource { title } } } }');
  expect(normal.body.errors).toBeUndefined();
  expect((normal.body.data as { dataset: { title: string } }).dataset.title).toBeTruthy();
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-graphql-bounds-'));
  server = await startTestServer(dataDir, demo);
  const found = await server.store.query(
    'SELECT ?o (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "https://w3id.org/maillage/id/")) } } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1',
  );
  if (found.form !== 'SELECT' || found.bindings.length === 0) throw new Error('the demo catalogue links resources');
  mostLinked = found.bindings[0]!.o!.value;
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the worst requests, refused before they run', () => {
  it('refuses the five-level linkedResources query of the report by its cost, saying by how much, within 5 s and with /health answering', async () => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const { result, worstHealthMs } = await healthWhile(graphql(issueQuery));
    expect(result.ms).toBeLessThan(5_000);
    expect(worstHealthMs).toBeLessThan(50 * 4); // the test process runs the service too: allow for its own work
    const error = result.body.errors?.[0];
    expect(error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(error?.message).toMatch(/costs \d+, over the limit of 20000 by \d+/);
    expect(result.body.data).toBeUndefined();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    await expectStillServing();
  });

  it.each([
    ['deeper (12 levels)', `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(12)} } }`, /depth|QUERY_TOO_COMPLEX|costs/i],
    ['wider (first: 100 at each of three levels)', `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(3, '(first: 100)')} } }`, /costs \d+, over the limit/],
    ['every search result with its links of links', `{ search(first: 100) { edges { node { ${nested(2, '(first: 100)')} } } } }`, /costs \d+, over the limit/],
    ['a first beyond the maximum', `{ dataset(doi: "10.57745/demo-ds-116") { linkedResources(first: 100000) { relation } } }`, /first must be between 0 and 100/],
    ['31 aliases', `{ ${Array.from({ length: 31 }, (_v, i) => `a${i}: suggest(prefix: "oc") { label }`).join(' ')} }`, /alias/i],
    ['nesting through fragments', `{ search(first: 100) { edges { node { ...L } } } } fragment L on Resource { linkedResources(first: 100) { resource { ...M } } } fragment M on Resource { title }`, /costs \d+, over the limit/],
    ['nesting through fragments past the depth limit', `{ dataset(doi: "10.57745/demo-ds-116") { ...L } } fragment L on Resource { linkedResources { resource { ...M } } } fragment M on Resource { linkedResources { resource { ...N } } } fragment N on Resource { ${nested(6)} }`, /depth limit of 12 exceeded/],
    ['a theme tree three levels down at the widest', '{ themes(first: 1000) { children(first: 500) { children(first: 500) { concept { label } } } } }', /costs \d+, over the limit/],
    ['concept narrower of narrower at the widest', '{ concept(iri: "https://w3id.org/maillage/thesaurus/natural-sciences") { narrower(first: 500) { narrower(first: 500) { narrower(first: 500) { iri } } } } }', /costs \d+, over the limit/],
  ])('refuses %s with a clear error', async (_name, query, message) => {
    const answer = await graphql(query);
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.body.errors?.map((e) => e.message).join(' ')).toMatch(message);
    await expectStillServing();
  });

  it('refuses a batch of operations in one request (each request is one operation with its own limits)', async () => {
    const answer = await post([{ query: '{ themes { count } }' }, { query: '{ themes { count } }' }]);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body.errors?.[0]?.message).toBeTruthy();
    await expectStillServing();
  });

  it('pages linked resources with first and after, each page different, none past the last', async () => {
    const page = async (after: string | null) =>
      (
        (await graphql('query($iri: String!, $after: String) { resource(iri: $iri) { linkedResources(first: 2, after: $after) { cursor resource { iri } } } }', { iri: mostLinked, after }))
          .body.data as { resource: { linkedResources: Array<{ cursor: string; resource: { iri: string } }> } }
      ).resource.linkedResources;
    const all = (
      (await graphql('query($iri: String!) { resource(iri: $iri) { linkedResources(first: 100) { resource { iri } } } }', { iri: mostLinked })).body.data as {
        resource: { linkedResources: Array<{ resource: { iri: string } }> };
      }
    ).resource.linkedResources.map((l) => l.resource.iri);
    expect(all.length).toBeGreaterThan(4);
    const first = await page(null);
    const second = await page(first[1]!.cursor);
    expect(first.map((l) => l.resource.iri)).toEqual(all.slice(0, 2));
    expect(second.map((l) => l.resource.iri)).toEqual(all.slice(2, 4));
  });
});

describe('bounds while an operation runs', () => {
  it('stops an operation whose response would hold too many fields, as one error, and serves the next', async () => {
    // 100 results with their creators: under the cost limit, past this server's cap of 400 fields.
    const answer = await graphql('{ search(first: 100) { edges { node { iri title kind creators(first: 20) { iri title } } } } }');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(answer.body.data ?? null).toBeNull();
    await expectStillServing();
  });
}, 60_000);

/** Random operations over the schema: any field, any depth up to 6, `first` anywhere between 0 and 300. */
function randomQuery(): fc.Arbitrary<string> {
  const known = {
    doi: ['10.57745/demo-ds-116', '10.57745/demo-ds-3', 'not a doi'],
    iri: ['https://w3id.org/maillage/id/doi/10.57745/demo-ds-116', 'https://w3id.org/maillage/thesaurus/natural-sciences', 'urn:x'],
    text: ['ocean', 'données', ''],
  };
  const selection = (type: GraphQLObjectType, depth: number): fc.Arbitrary<string> => {
    const fields = Object.values(type.getFields());
    const one = (field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> => {
      const named = getNamedType(field.type);
      const args = field.args.map((arg) => {
        const argType = getNamedType(arg.type);
        const required = isNonNullType(arg.type);
        let value: fc.Arbitrary<string | null>;
        if (arg.name === 'first') value = fc.integer({ min: 0, max: 300 }).map(String);
        else if (arg.name === 'doi') value = fc.constantFrom(...known.doi).map((v) => JSON.stringify(v));
        else if (arg.name === 'iri' || arg.name === 'id') value = fc.constantFrom(...known.iri).map((v) => JSON.stringify(v));
        else if (arg.name === 'ror') value = fc.constant('"02feahw73"');
        else if (isEnumType(argType)) value = fc.constantFrom(...argType.getValues().map((v) => v.name)).map((v) => (isListType(arg.type) || (isNonNullType(arg.type) && isListType(arg.type.ofType)) ? `[${v}]` : v));
        else if (isScalarType(argType) && argType.name === 'String' && !isListType(arg.type)) value = fc.constantFrom(...known.text).map((v) => JSON.stringify(v));
        else value = fc.constant(null);
        return (required ? value : fc.option(value, { nil: null })).map((v) => (v === null ? '' : `${arg.name}: ${v}`));
      });
      const argText = (args.length > 0 ? fc.tuple(...args) : fc.constant([] as string[])).map((parts) => {
        const given = parts.filter((p) => p !== '');
        return given.length > 0 ? `(${given.join(', ')})` : '';
      });
      if (isLeafType(named)) return argText.map((a) => `${field.name}${a}`);
      if (!isObjectType(named) || depth >= 6) return fc.constant('__typename');
      return fc.tuple(argText, selection(named, depth + 1)).map(([a, inner]) => `${field.name}${a} { ${inner} }`);
    };
    return fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 4, selector: (f) => f.name }).chain((picked) => fc.tuple(...picked.map(one)).map((parts) => parts.join(' ')));
  };
  return selection(graphqlSchema.getQueryType()!, 0).map((s) => `{ ${s} }`);
}

describe('random operations from the schema (fast-check)', () => {
  it('each one answers or is refused within the limits, and the service stays healthy', async () => {
    const known = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'RESPONSE_TOO_LARGE', 'OPERATION_TIMEOUT', 'TOO_MANY_EXPENSIVE_OPERATIONS', 'GRAPHQL_VALIDATION_FAILED']);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(randomQuery(), async (query) => {
        runs += 1;
        const answer = await graphql(query);
        expect(answer.ms, query).toBeLessThan(5_000);
        for (const error of answer.body.errors ?? []) expect(known, `${query}\n${error.message}`).toContain(error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED');
      }),
      { numRuns: 150, seed: 20261129 },
    );
    expect(runs).toBe(150);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    await expectStillServing();
  }, 240_000);
});
