// `npm run bench scale [--sizes 10000,100000] [--stores remote,embedded] [--offered-rate 500] [--seconds 20] [--embedded-max 30000]`:
// the catalogue at several sizes through the real path, on each store, and how its cost grows.
// For N datasets: the demo generator's linked catalogue (N/2 publications, N/4 software, N/4 portal
// datasets, organisations; people and projects come with them), plus N/10 real records of
// ../shared/data replayed with their DOIs changed, so the heavy real cases weigh in. Ingested as
// a harvest (timed), then derived by `maillage serve` at start (map, validate, align, store, search
// index; timed). Then, on the running service: GraphQL `dataset { linkedResources }` open loop at a
// fixed offered rate (latency from each request's due time) and closed loop at 64 connections,
// faceted search (text + two filters, every facet), and the SPARQL mix of `bench sparql` written for
// this catalogue. Disk (the data folder, and Virtuoso's) and peak memory (the service's, and
// Virtuoso's) after the run. Last, from the sizes measured: the growth exponent of each cost and its
// projection to one million datasets.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { writeDemoCatalogue } from '../src/demo/index.js';
import { FileHarvester, runHarvest } from '../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../src/records/index.js';
import { sharedDataMissing } from '../test/support/shared-data.js';
import { linkedQuery, storeEnvironment, words } from './graphql-benchmark.js';
import { openLoop } from './open-loop.js';
import { realRecordsWithDoi, ReplayedRealRecords } from './replayed-real-records.js';
import { percentile, type Figure } from './report.js';
import { scaleSparqlMix } from './scale-sparql-mix.js';
import { hammer, startService, type LoadRequest } from './service-process.js';

type Store = 'embedded' | 'remote';
const facetedSearch = `query($text: String, $filters: SearchFilters) { search(text: $text, filters: $filters, first: 20) { totalCount edges { node { iri title kind } }
  facets { type { value count } theme { value count } organisation { value count } source { value count } licence { value count } accessRights { value count } language { value count } year { value count } } } }`;

interface Measured {
  size: number;
  store: Store;
  records: number;
  quads: number;
  ingestSeconds: number;
  deriveSeconds: number;
  figures: Record<string, number>;
}

const megabytes = (bytes: number) => bytes / 1024 / 1024;
const diskBytes = (dir: string) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
/** Peak resident memory of a process (Linux VmHWM), MB. */
const peakMemory = (pid: number | undefined) => (pid === undefined ? NaN : Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024);

/** The store's quads from /health, which counts them in the background (-1 until a count is done). */
async function storeQuads(url: string): Promise<number> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 2000))) {
    const health = (await (await fetch(`${url}/health`)).json()) as { store?: { quads?: number } };
    if ((health.store?.quads ?? -1) >= 0) return health.store!.quads!;
  }
  return NaN;
}

/** The catalogue of `size` datasets as raw records in a data folder: the harvest stage, timed. */
async function harvestCatalogue(size: number, dir: string): Promise<{ records: number; seconds: number }> {
  const started = performance.now();
  const shape = { datasets: size, publications: Math.ceil(size / 2), software: Math.ceil(size / 4), portalDatasets: Math.ceil(size / 4), organisations: Math.max(40, Math.ceil(size / 100)) };
  const { files, records } = writeDemoCatalogue(path.join(dir, 'generated'), shape);
  const db = openRecordsDatabase(dir, { synchronous: 'NORMAL' });
  const store = new RawRecordStore(db);
  await runHarvest(store, 'demo', new FileHarvester(files), { full: true });
  const real = sharedDataMissing ? [] : await realRecordsWithDoi();
  const replayed = real.length > 0 ? Math.ceil(size / 10) : 0;
  if (replayed > 0) await runHarvest(store, 'real-replayed', new ReplayedRealRecords(real, replayed), { full: true });
  db.close();
  rmSync(path.join(dir, 'generated'), { recursive: true, force: true });
  return { records: records + replayed, seconds: (performance.now() - started) / 1000 };
}

async function measureRun(size: number, store: Store, template: string, harvested: { records: number; seconds: number }, options: { offeredRate: number; seconds: number }): Promise<Measured> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `maillage-bench-scale-${store}-`));
  cpSync(template, dir, { recursive: true });
  const backing = await storeEnvironment(store);
  const figures: Record<string, number> = {};
  try {
    const started = performance.now();
    const env = { ...backing.env, QUERY_TIMEOUT_MS: '60000', ...(store === 'embedded' ? { STORE_CAPACITY_QUADS: '60000000' } : {}) };
    const service = await startService(dir, env, 6 * 3_600_000);
    const deriveSeconds = (performance.now() - started) / 1000;
    try {
      const quads = await storeQuads(service.url);
      process.stderr.write(`  ${store}, ${size} datasets: derived ${harvested.records} records in ${deriveSeconds.toFixed(0)} s, ${quads} quads\n`);
      const json = { 'content-type': 'application/json' };
      const graphql = (body: unknown): LoadRequest => ({ method: 'POST', path: '/graphql', headers: json, body: JSON.stringify(body) });
      const linked = (i: number) => graphql({ query: linkedQuery, variables: { doi: `10.57745/DEMO-DS-${(i * 7919) % size}` } });

      await hammer(service.url, 500, 64, (i) => linked(i + 101)); // warm-up: JIT, the store's caches
      const open = await openLoop(service.url, options.offeredRate, options.seconds, linked);
      figures['linkedResources open loop p50 (ms)'] = percentile(open.latencies, 50);
      figures['linkedResources open loop p99 (ms)'] = percentile(open.latencies, 99);
      figures['linkedResources open loop sent/s'] = open.sentPerSecond;
      figures['linkedResources open loop failures'] = open.failures;
      const closed = await hammer(service.url, 2000, 64, linked);
      figures['linkedResources closed loop 64 req/s'] = closed.times.length / closed.seconds;
      figures['linkedResources closed loop 64 p99 (ms)'] = percentile(closed.times, 99);

      const search = (i: number) => graphql({ query: facetedSearch, variables: { text: words[i % words.length], filters: { types: ['dataset'], yearFrom: 2010 + (i % 10), yearTo: 2014 + (i % 10) } } });
      const searchAlone = await hammer(service.url, 200, 1, search);
      figures['faceted search 1 at a time p95 (ms)'] = percentile(searchAlone.times, 95);
      const searchLoaded = await hammer(service.url, 1000, 64, (i) => search(i + 7));
      figures['faceted search 64 connections p95 (ms)'] = percentile(searchLoaded.times, 95);

      for (const [name, query] of Object.entries(scaleSparqlMix(size))) {
        const times: number[] = [];
        for (let run = 0; run < 6; run += 1) {
          const t0 = performance.now();
          const response = await fetch(`${service.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, application/n-triples;q=0.9' }, body: query(run) });
          await response.text();
          if (!response.ok) throw new Error(`SPARQL ${name}: HTTP ${response.status}`);
          if (run > 0) times.push(performance.now() - t0); // the first run warms the store
        }
        figures[`SPARQL ${name} median (ms)`] = percentile(times.sort((a, b) => a - b), 50);
      }
      figures['service peak memory (MB)'] = peakMemory(service.pid);
      if (backing.virtuoso) figures['Virtuoso peak memory (MB)'] = peakMemory(backing.virtuoso.pid());
      await service.stop();
      figures['disk, data folder (MB)'] = megabytes(diskBytes(dir));
      if (backing.virtuoso) figures['disk, Virtuoso (MB)'] = megabytes(diskBytes(backing.virtuoso.dir));
      return { size, store, records: harvested.records, quads, ingestSeconds: harvested.seconds, deriveSeconds, figures };
    } catch (error) {
      await service.stop();
      throw error;
    }
  } finally {
    await backing.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Growth exponent b of cost ∝ size^b between the smallest and largest size, and the cost at one million. */
function growth(runs: Measured[], cost: (m: Measured) => number): { exponent: number; atMillion: number } | null {
  if (runs.length < 2) return null;
  const [small, large] = [runs[0]!, runs[runs.length - 1]!];
  const exponent = Math.log(cost(large) / cost(small)) / Math.log(large.size / small.size);
  return { exponent, atMillion: cost(large) * (1_000_000 / large.size) ** exponent };
}

function report(measured: Measured[]): Figure[] {
  const figures: Figure[] = [];
  for (const store of ['remote', 'embedded'] as const) {
    const runs = measured.filter((m) => m.store === store).sort((a, b) => a.size - b.size);
    if (runs.length === 0) continue;
    const backend = store === 'remote' ? 'virtuoso' : 'embedded';
    const rows: Array<[string, (m: Measured) => number]> = [
      ['records', (m) => m.records],
      ['quads', (m) => m.quads],
      ['harvest (ingest) s', (m) => m.ingestSeconds],
      ['derive + store + index s', (m) => m.deriveSeconds],
      ['end to end records/s', (m) => m.records / (m.ingestSeconds + m.deriveSeconds)],
      ['derive records/s', (m) => m.records / m.deriveSeconds],
      ['quads loaded/s', (m) => m.quads / m.deriveSeconds],
      ...Object.keys(runs[0]!.figures).map((name): [string, (m: Measured) => number] => [name, (m) => m.figures[name] ?? NaN]),
    ];
    process.stdout.write(`\nscale: ${backend} store (this machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB)\n`);
    process.stdout.write(`${'figure'.padEnd(48)}${runs.map((r) => `${r.size} datasets`.padStart(18)).join('')}${runs.length > 1 ? '   vs smallest' : ''}\n`);
    for (const [name, value] of rows) {
      const values = runs.map(value);
      const ratio = runs.length > 1 ? `   ${(values[values.length - 1]! / values[0]!).toFixed(2)}×` : '';
      process.stdout.write(`${name.padEnd(48)}${values.map((v) => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(2)).padStart(18)).join('')}${ratio}\n`);
      for (const run of runs) figures.push({ benchmark: 'scale', case: `${name} @ ${run.size}`, backend, metric: name, value: value(run), unit: '' });
    }
    const projections: Array<[string, (m: Measured) => number]> = [
      ['load time (harvest + derive), s', (m) => m.ingestSeconds + m.deriveSeconds],
      ['linkedResources open loop p99, ms', (m) => m.figures['linkedResources open loop p99 (ms)']!],
      ['faceted search 1 at a time p95, ms', (m) => m.figures['faceted search 1 at a time p95 (ms)']!],
      ['disk per record, kB', (m) => (1024 * (m.figures['disk, data folder (MB)']! + (m.figures['disk, Virtuoso (MB)'] ?? 0))) / m.records],
    ];
    if (runs.length > 1) {
      process.stdout.write(`growth (cost ∝ size^b from ${runs[0]!.size} to ${runs[runs.length - 1]!.size} datasets) and projection to 1,000,000 datasets:\n`);
      for (const [name, cost] of projections) {
        const fit = growth(runs, cost)!;
        process.stdout.write(`  ${name.padEnd(40)} b = ${fit.exponent.toFixed(2)}   at 1M: ${fit.atMillion >= 100 ? fit.atMillion.toFixed(0) : fit.atMillion.toFixed(2)}\n`);
        figures.push({ benchmark: 'scale', case: `${name} at 1M (projected)`, backend, metric: 'projection', value: fit.atMillion, unit: '' });
      }
    }
  }
  return figures;
}

export async function scaleBenchmark(options: { sizes: number[]; stores: Store[]; offeredRate: number; seconds: number; embeddedMaxSize: number }): Promise<Figure[]> {
  if (sharedDataMissing) process.stdout.write(`scale: the real records are left out (${sharedDataMissing}); generated records only\n`);
  const measured: Measured[] = [];
  for (const size of options.sizes) {
    const template = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-scale-'));
    try {
      const harvested = await harvestCatalogue(size, template);
      process.stderr.write(`scale: ${size} datasets, ${harvested.records} records harvested in ${harvested.seconds.toFixed(0)} s\n`);
      for (const store of options.stores) {
        // The embedded store holds 10 million quads unless told otherwise: about 30,000 datasets' catalogue.
        if (store === 'embedded' && size > options.embeddedMaxSize) {
          process.stdout.write(`scale: embedded at ${size} datasets skipped: over --embedded-max ${options.embeddedMaxSize} (its capacity and this machine's memory); the remote store's figures stand for it\n`);
          continue;
        }
        try {
          const run = await measureRun(size, store, template, harvested, options);
          measured.push(run);
          // Each run as soon as it is measured: a long run stopped later keeps what it had.
          process.stderr.write(`scale run ${JSON.stringify(run)}\n`);
        } catch (error) {
          process.stdout.write(`scale: ${store} at ${size} datasets not measured: ${(error as Error).message}\n`);
        }
      }
    } finally {
      rmSync(template, { recursive: true, force: true });
    }
  }
  return report(measured);
}
