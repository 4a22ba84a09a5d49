// `npm run bench graphql [--datasets N] [--store embedded|remote]`: the demo catalogue generated at scale (N datasets and
// their linked publications, software, portal datasets, organisations), taken in through ingest
// and derived by `maillage serve` at start (timed), then, at 64 concurrent connections driven by
// autocannon: `dataset { linkedResources }` (p50/p99, requests/s) beside the same answer as one
// SPARQL query through /sparql (the peer), and faceted search (p95; also one at a time). Each
// figure comes as the client saw it and as the service's own time (Server-Timing).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoCatalogue } from '../src/demo/index.js';
import { FileHarvester, runHarvest } from '../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../src/records/index.js';
import { percentile, printComparison, type Figure } from './report.js';
import { remoteStoreEnvironment, startVirtuoso, virtuosoUnavailableReason, type RunningVirtuoso } from '../test/support/virtuoso-server.js';
import { hammer, startService, type LoadRequest } from './service-process.js';

const concurrency = 64;
export const linkedQuery = `query($doi: String!) { dataset(doi: $doi) { iri title(lang: fr) linkedResources { relation relationType direction source resource { iri kind title } } } }`;
export const searchQuery = `query($text: String, $filters: SearchFilters) { search(text: $text, filters: $filters, first: 20) {
  totalCount edges { node { iri title kind } } facets { type { value count } year { value count } licence { value count } source { value count } organisation { value count } } } }`;
export const words = ['air', 'aérosols', 'précipitations', 'océans', 'climat', 'observations', 'nuages', 'biodiversité', 'Toulouse', 'Brest'];

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
}

/** The service's graph store: embedded (default), or a private Virtuoso for catalogues past the embedded store's capacity. */
/** The service's settings for a store; a remote one is a private Virtuoso written through its own loader (REMOTE_BULK_DIR). */
export async function storeEnvironment(store: 'embedded' | 'remote'): Promise<{ env: Record<string, string>; stop: () => Promise<void>; virtuoso?: RunningVirtuoso }> {
  if (store === 'embedded') return { env: { STORE_CAPACITY_QUADS: '14000000' }, stop: async () => {} };
  const reason = virtuosoUnavailableReason();
  if (reason) throw new Error(`--store remote needs Virtuoso: ${reason}`);
  const virtuoso = await startVirtuoso();
  return {
    env: remoteStoreEnvironment(virtuoso, { bulk: true }),
    stop: () => virtuoso.stop(),
    virtuoso,
  };
}

export async function graphqlBenchmark(options: { datasets: number; requests: number; store: 'embedded' | 'remote' }): Promise<Figure[]> {
  const n = options.datasets;
  const size = { datasets: n, publications: Math.ceil(n / 2), software: Math.ceil(n / 4), portalDatasets: Math.ceil(n / 4), organisations: Math.max(40, Math.ceil(n / 100)) };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-graphql-'));
  const figures: Figure[] = [];
  const figure = (c: string, backend: string, metric: string, value: number, unit: string) => figures.push({ benchmark: 'graphql', case: c, backend, metric, value, unit });
  try {
    let started = performance.now();
    const { files, records } = writeDemoCatalogue(path.join(dataDir, 'generated'), size);
    const db = openRecordsDatabase(dataDir, { synchronous: 'NORMAL' });
    await runHarvest(new RawRecordStore(db), 'demo', new FileHarvester(files), { full: true });
    db.close();
    process.stderr.write(`graphql benchmark: ${records} records generated and ingested in ${((performance.now() - started) / 1000).toFixed(1)} s; deriving at service start\n`);

    const backing = await storeEnvironment(options.store);
    started = performance.now();
    const service = await startService(dataDir, { ...backing.env, QUERY_TIMEOUT_MS: '60000' }, 3_600_000).catch(async (error: unknown) => {
      await backing.stop();
      throw error;
    });
    const deriveSeconds = (performance.now() - started) / 1000;
    figure('start: map, validate, store, index', 'maillage serve', 'seconds', deriveSeconds, 's');
    try {
      const health = (await (await fetch(`${service.url}/health`)).json()) as { store?: { quads?: number } };
      process.stderr.write(`  derived in ${deriveSeconds.toFixed(0)} s; health: ${JSON.stringify(health).slice(0, 200)}\n`);
      const gql = `${service.url}/graphql`;
      const json = { 'content-type': 'application/json' };
      const doi = (i: number) => `10.57745/DEMO-DS-${(i * 7919) % n}`;

      await post(gql, { query: linkedQuery, variables: { doi: doi(1) } }, json);
      const graphqlPost = (body: unknown): LoadRequest => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify(body) });
      const report = (c: string, backend: string, run: Awaited<ReturnType<typeof hammer>>, tail: 95 | 99) => {
        if (run.failures > 0) throw new Error(`${c} (${backend}): ${run.failures} requests failed`);
        figure(c, backend, 'p50', percentile(run.times, 50), 'ms');
        figure(c, backend, `p${tail}`, percentile(run.times, tail), 'ms');
        figure(c, backend, 'req/s', run.times.length / run.seconds, 'req/s');
        if (run.serverTimes.length > 0) {
          figure(c, `${backend}, service time (Server-Timing)`, 'p50', percentile(run.serverTimes, 50), 'ms');
          figure(c, `${backend}, service time (Server-Timing)`, `p${tail}`, percentile(run.serverTimes, tail), 'ms');
        }
      };
      // A first pass warms the service (JIT, caches of the store), the second is measured.
      await hammer(service.url, Math.min(500, options.requests), concurrency, (i) => graphqlPost({ query: linkedQuery, variables: { doi: doi(i + 17) } }));
      report('dataset { linkedResources }', 'GraphQL', await hammer(service.url, options.requests, concurrency, (i) => graphqlPost({ query: linkedQuery, variables: { doi: doi(i) } })), 99);

      // The peer: the same links (both directions, with the linked resource's title) as one SPARQL query.
      const sparql = (i: number) =>
        `SELECT ?p ?dir ?other ?title ?g WHERE { VALUES ?x { <https://w3id.org/maillage/id/doi/${doi(i).toLowerCase()}> }
           { GRAPH ?g { ?x ?p ?other } FILTER(isIRI(?other)) BIND("out" AS ?dir) } UNION { GRAPH ?g { ?other ?p ?x } BIND("in" AS ?dir) }
           OPTIONAL { ?other <http://purl.org/dc/terms/title>|<http://xmlns.com/foaf/0.1/name> ?title } }`;
      const sparqlPost = (i: number): LoadRequest => ({ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: sparql(i) });
      // On Virtuoso the peer's requests failed at 64 connections (a 2,000-dataset trial run); it is measured on the embedded store.
      if (options.store === 'embedded') report('dataset { linkedResources }', 'SPARQL via /sparql', await hammer(service.url, options.requests, concurrency, sparqlPost), 99);

      const searches = Math.max(200, Math.floor(options.requests / 4));
      const variables = (i: number) => ({
        text: i % 3 === 0 ? null : words[i % words.length],
        filters: { ...(i % 2 === 0 ? { types: ['dataset'] } : {}), ...(i % 5 === 0 ? { yearFrom: 2015, yearTo: 2020 } : {}) },
      });
      await hammer(service.url, 50, 8, (i) => graphqlPost({ query: searchQuery, variables: variables(i) }));
      report('faceted search (5 facets, first 20)', 'GraphQL', await hammer(service.url, searches, concurrency, (i) => graphqlPost({ query: searchQuery, variables: variables(i) })), 95);
      report('faceted search (5 facets, first 20), 1 at a time', 'GraphQL', await hammer(service.url, Math.min(searches, 200), 1, (i) => graphqlPost({ query: searchQuery, variables: variables(i) })), 95);
      // Every query different (text, year range, type; the pattern repeats after 2,310): no remembered
      // answer helps, so this is the index's own cost.
      const distinct = (i: number) => ({ text: words[i % words.length], filters: { yearFrom: 2010 + (i % 15), yearTo: 2010 + (i % 15) + (i % 11), ...(i % 7 < 3 ? { types: ['dataset'] } : {}) } });
      report('faceted search, every query distinct', 'GraphQL', await hammer(service.url, searches, concurrency, (i) => graphqlPost({ query: searchQuery, variables: distinct(i) })), 95);
      report('faceted search, every query distinct, 1 at a time', 'GraphQL', await hammer(service.url, Math.min(searches, 200), 1, (i) => graphqlPost({ query: searchQuery, variables: distinct(i + 5000) })), 95);
    } finally {
      await service.stop();
      await backing.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`\ngraphql: ${n} datasets (demo generator at scale), ${options.store} store, ${concurrency} concurrent connections, this machine\n`);
  for (const metric of ['p50', 'p95', 'p99', 'req/s', 'seconds']) printComparison('GraphQL', figures, metric);
  return figures;
}
