// `npm run bench store`: bulk load (quads/s) and a mix of catalogue queries on the same generated
// catalogue, embedded store vs Virtuoso (remote backend) in one run, plus raw Oxigraph in-process
// as the floor the embedded store's durability and threading cost is measured against.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ox from 'oxigraph';
import { silentLogger } from '../src/log/index.js';
import { mediaTypes } from '../src/rdf/index.js';
import { openEmbeddedGraphStore, RemoteGraphStore, type GraphStore } from '../src/store/index.js';
import { embeddedOptions } from '../test/support/embedded-store.js';
import { startVirtuoso, virtuosoUnavailableReason } from '../test/support/virtuoso-server.js';
import { catalogueIris, generateCatalogue, shapeForTriples } from './catalogue-generator.js';
import { percentile, printComparison, type Figure } from './report.js';

const dcat = 'http://www.w3.org/ns/dcat#';
const dct = 'http://purl.org/dc/terms/';

/** Ten catalogue queries; each takes a run number so repeated runs ask different things. */
export const catalogueQueries: Record<string, (run: number) => string> = {
  'count per theme': () => `SELECT ?theme (COUNT(?d) AS ?n) WHERE { ?d a <${dcat}Dataset> ; <${dcat}theme> ?theme } GROUP BY ?theme ORDER BY DESC(?n)`,
  'count per licence': () => `SELECT ?l (COUNT(?d) AS ?n) WHERE { ?d <${dct}license> ?l } GROUP BY ?l`,
  'count per year': () =>
    `SELECT ?y (COUNT(?d) AS ?n) WHERE { ?d <${dct}issued> ?date BIND(YEAR(?date) AS ?y) } GROUP BY ?y ORDER BY ?y`,
  'record by graph': (run) => `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${catalogueIris.graph(run * 37)}> { ?s ?p ?o } }`,
  'dataset card': (run) =>
    `SELECT ?title ?issued ?publisherName WHERE { <${catalogueIris.dataset(run * 53)}> <${dct}title> ?title ; <${dct}issued> ?issued ; <${dct}publisher> ?pub . ?pub <http://xmlns.com/foaf/0.1/name> ?publisherName FILTER(LANG(?title) = "fr" && LANG(?publisherName) = "fr") }`,
  'keyword lookup': (run) =>
    `SELECT ?d ?title WHERE { ?d <${dcat}keyword> "${catalogueIris.keywordFr(run)}"@fr ; <${dct}title> ?title FILTER(LANG(?title) = "fr") } LIMIT 20`,
  'publisher datasets by date': (run) =>
    `SELECT ?d ?issued WHERE { ?d <${dct}publisher> <${catalogueIris.organisation(run % 10)}> ; <${dct}issued> ?issued } ORDER BY DESC(?issued) LIMIT 20`,
  'title contains': (run) =>
    `SELECT ?d ?t WHERE { ?d a <${dcat}Dataset> ; <${dct}title> ?t FILTER(CONTAINS(LCASE(STR(?t)), "${['glacier', 'ocean', 'soil', 'forest'][run % 4]}")) } LIMIT 20`,
  'linked publications': (run) =>
    `SELECT ?pub ?other WHERE { <${catalogueIris.dataset(run * 11)}> <${dct}isReferencedBy> ?pub . ?other <${dct}isReferencedBy> ?pub }`,
  'ask by creator': (run) => `ASK { ?d <${dct}creator> <${catalogueIris.person(run * 101)}> }`,
};

async function timeQueries(store: GraphStore, backend: string, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [name, query] of Object.entries(catalogueQueries)) {
    await store.querySerialized(query(0), { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples }); // warm-up
    const times: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const started = performance.now();
      await store.querySerialized(query(run), { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    figures.push({ benchmark: 'store', case: name, backend, metric: 'median', value: percentile(times, 50), unit: 'ms' });
    figures.push({ benchmark: 'store', case: name, backend, metric: 'p95', value: percentile(times, 95), unit: 'ms' });
  }
  return figures;
}

async function timeLoad(store: GraphStore, backend: string, triples: number): Promise<Figure[]> {
  let quads = 0;
  const started = performance.now();
  for (const chunk of generateCatalogue(shapeForTriples(triples))) {
    await store.load({ data: chunk.nquads, format: mediaTypes.nQuads });
    quads += chunk.quads;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`  ${backend}: loaded ${quads} quads in ${seconds.toFixed(1)} s\n`);
  return [
    { benchmark: 'store', case: 'bulk load', backend, metric: 'quads/s', value: quads / seconds, unit: 'quads/s' },
    { benchmark: 'store', case: 'bulk load', backend, metric: 'seconds', value: seconds, unit: 's' },
  ];
}

/**
 * The path of `maillage load big.nq`: the generated catalogue written to an N-Quads file, loaded as
 * one streamed write (checked, canonical file, journal, every replica), then the time a restarted
 * store takes to be ready on it (it replays the load file, as no snapshot covers it yet).
 */
export async function timeFileLoad(triples: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-file-'));
  const file = path.join(dataDir, 'catalogue.nq');
  const options = embeddedOptions(dataDir, { capacityQuads: 14_000_000, snapshotAfterOps: 1_000_000, snapshotAfterBytes: 64 * 1024 ** 3, synchronous: 'FULL', queryTimeoutMs: 120_000 });
  try {
    const out = openSync(file, 'w');
    for (const chunk of generateCatalogue(shapeForTriples(triples))) writeSync(out, chunk.nquads);
    closeSync(out);
    let store = await openEmbeddedGraphStore(options);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const { quadsWritten } = await store.loadFile!(createReadStream(file), { format: mediaTypes.nQuads });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await store.close();
    const restartStarted = performance.now();
    store = await openEmbeddedGraphStore(options);
    const restartSeconds = (performance.now() - restartStarted) / 1000;
    await store.close();
    process.stderr.write(`  embedded, streamed file: ${quadsWritten} quads in ${seconds.toFixed(1)} s (peak RSS of this process ${(peakRss / 1024 / 1024).toFixed(0)} MB), ready again in ${restartSeconds.toFixed(1)} s\n`);
    return [
      { benchmark: 'store', case: 'bulk load', backend: 'embedded, streamed file (maillage load)', metric: 'quads/s', value: quadsWritten / seconds, unit: 'quads/s' },
      { benchmark: 'store', case: 'restart on the loaded file', backend: 'embedded', metric: 'seconds', value: restartSeconds, unit: 's' },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function rawOxigraphLoad(triples: number): Figure[] {
  const store = new ox.Store();
  let quads = 0;
  const started = performance.now();
  for (const chunk of generateCatalogue(shapeForTriples(triples))) {
    store.load(chunk.nquads, { format: mediaTypes.nQuads });
    quads += chunk.quads;
  }
  const seconds = (performance.now() - started) / 1000;
  return [{ benchmark: 'store', case: 'bulk load', backend: 'oxigraph in-process (no durability)', metric: 'quads/s', value: quads / seconds, unit: 'quads/s' }];
}

export async function storeBenchmark(options: { triples: number; runs: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  process.stderr.write(`store benchmark: ${options.triples} triples of generated catalogue, ${options.runs} runs per query\n`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
  // Production durability (synchronous FULL); snapshots kept out of the measured load.
  const embedded = await openEmbeddedGraphStore(
    embeddedOptions(dataDir, { capacityQuads: 14_000_000, snapshotAfterOps: 1_000_000, snapshotAfterBytes: 4 * 1024 ** 3, synchronous: 'FULL', queryTimeoutMs: 120_000 }),
  );
  try {
    figures.push(...(await timeLoad(embedded, 'embedded', options.triples)));
    figures.push(...(await timeQueries(embedded, 'embedded', options.runs)));
  } finally {
    await embedded.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const reason = virtuosoUnavailableReason();
  if (reason) {
    process.stderr.write(`  virtuoso: skipped (${reason})\n`);
  } else {
    const virtuoso = await startVirtuoso();
    const remote = new RemoteGraphStore({ ...virtuoso, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 120_000, logger: silentLogger });
    try {
      figures.push(...(await timeLoad(remote, 'virtuoso', options.triples)));
      figures.push(...(await timeQueries(remote, 'virtuoso', options.runs)));
    } finally {
      await remote.close();
      await virtuoso.stop();
    }
  }
  figures.push(...(await timeFileLoad(options.triples)));
  figures.push(...rawOxigraphLoad(options.triples));

  printComparison('Bulk load', figures, 'quads/s');
  printComparison('Catalogue queries', figures, 'median');
  printComparison('Catalogue queries', figures, 'p95');
  return figures;
}
