// `npm run bench sparql`: the ten catalogue queries sent to /sparql of the running service (HTTP,
// SPARQL 1.1 Protocol, JSON or N-Triples results), with the embedded store and with Virtuoso behind
// it in the same run, as ratios; and the protocol's cost over calling the same store directly.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { startServer } from '../src/http/index.js';
import { silentLogger } from '../src/log/index.js';
import { mediaTypes } from '../src/rdf/index.js';
import { openEmbeddedGraphStore, RemoteGraphStore, type GraphStore } from '../src/store/index.js';
import { embeddedOptions } from '../test/support/embedded-store.js';
import { startVirtuoso, virtuosoUnavailableReason } from '../test/support/virtuoso-server.js';
import { generateCatalogue, shapeForTriples } from './catalogue-generator.js';
import { percentile, printComparison, type Figure } from './report.js';
import { catalogueQueries } from './store-benchmark.js';

async function load(store: GraphStore, triples: number): Promise<void> {
  for (const chunk of generateCatalogue(shapeForTriples(triples))) await store.load({ data: chunk.nquads, format: mediaTypes.nQuads });
}

function summarise(figures: Figure[], name: string, backend: string, times: number[]): void {
  times.sort((a, b) => a - b);
  figures.push({ benchmark: 'sparql', case: name, backend, metric: 'median', value: percentile(times, 50), unit: 'ms' });
  figures.push({ benchmark: 'sparql', case: name, backend, metric: 'p95', value: percentile(times, 95), unit: 'ms' });
}

async function overHttp(url: string, backend: string, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [name, query] of Object.entries(catalogueQueries)) {
    const ask = async (run: number) => {
      const response = await fetch(`${url}/sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, application/n-triples;q=0.9' },
        body: query(run),
      });
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
      await response.text();
    };
    await ask(0);
    const times: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const started = performance.now();
      await ask(run);
      times.push(performance.now() - started);
    }
    summarise(figures, name, backend, times);
  }
  return figures;
}

async function direct(store: GraphStore, backend: string, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const formats = { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples };
  for (const [name, query] of Object.entries(catalogueQueries)) {
    await store.querySerialized(query(0), formats);
    const times: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const started = performance.now();
      await store.querySerialized(query(run), formats);
      times.push(performance.now() - started);
    }
    summarise(figures, name, backend, times);
  }
  return figures;
}

async function withService(store: GraphStore, measure: (url: string) => Promise<Figure[]>): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-sparql-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', QUERY_TIMEOUT_MS: '120000' });
  const server = await startServer(config, silentLogger, store);
  try {
    return await measure(server.url);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function sparqlBenchmark(options: { triples: number; runs: number }): Promise<Figure[]> {
  process.stderr.write(`sparql benchmark: ${options.triples} triples of generated catalogue, ${options.runs} runs per query through /sparql\n`);
  const figures: Figure[] = [];

  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-store-'));
  const embedded = await openEmbeddedGraphStore(embeddedOptions(storeDir, { capacityQuads: 14_000_000, snapshotAfterOps: 1_000_000, snapshotAfterBytes: 4 * 1024 ** 3, queryTimeoutMs: 120_000 }));
  await load(embedded, options.triples);
  const embeddedDirect = await direct(embedded, 'embedded, store call', options.runs);
  figures.push(...(await withService(embedded, (url) => overHttp(url, 'embedded via /sparql', options.runs))));
  rmSync(storeDir, { recursive: true, force: true });

  const reason = virtuosoUnavailableReason();
  if (reason) {
    process.stderr.write(`  virtuoso: skipped (${reason})\n`);
  } else {
    const virtuoso = await startVirtuoso();
    try {
      const remote = new RemoteGraphStore({ ...virtuoso, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 120_000, logger: silentLogger });
      await load(remote, options.triples);
      figures.push(...(await withService(remote, (url) => overHttp(url, 'virtuoso via /sparql', options.runs))));
    } finally {
      await virtuoso.stop();
    }
  }
  printComparison('Catalogue queries through /sparql', figures, 'median');
  printComparison('Catalogue queries through /sparql', figures, 'p95');
  const overhead = [...figures.filter((f) => f.backend === 'embedded via /sparql'), ...embeddedDirect];
  printComparison('Protocol overhead: /sparql over a direct store call (same embedded store)', overhead, 'median');
  return [...figures, ...embeddedDirect];
}
