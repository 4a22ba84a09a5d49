// `npm run bench validate`: records/s mapping and validating DataCite records with the DCAT-AP 3.0
// shapes. Side by side in one run: the two SHACL engines on every record (one thread), the chosen
// engine reusing results by whole record and by focus node (one thread), map+validate on one
// worker thread per core (the measure, with its CPU time), and the derive stage as the
// service runs it (worker threads: map, validate, score, serialise). The product code timed is the
// compiled one (dist/), as `maillage` runs it.
import { availableParallelism } from 'node:os';
import rdfDataModel from '@rdfjs/data-model';
import rdfDataset from '@rdfjs/dataset';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator } from 'shacl-engine';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { loadConfig, resolveDcatApShapes } from '../src/config/index.js';
import { writeDemoCatalogue } from '../src/demo/demo-catalogue.js';
import { readFileRecords } from '../src/harvest/ingest/file-records.js';
import type { RecordToMap } from '../src/mapping/index.js';
import { spawnWorker } from '../src/store/index.js';
import { bundledShapesFolder, officialShapeFiles } from '../src/validation/index.js';
import { compiled } from './compiled.js';
import { dataciteRecords } from './datacite-records.js';
import type { Figure } from './report.js';

async function demoCatalogueRecords(): Promise<RecordToMap[]> {
  const { files } = writeDemoCatalogue(mkdtempSync(path.join(tmpdir(), 'maillage-bench-demo-')));
  const out: RecordToMap[] = [];
  for (const file of files) for (const record of (await readFileRecords(file)).records) out.push({ source: 'demo', harvestedAt: '2026-11-22T00:00:00Z', ...record });
  return out;
}

const rate = (records: number, ms: number) => Math.round((records / ms) * 1000);

export async function validateBenchmark(options: { records: number; fullRecords: number }): Promise<Figure[]> {
  // What is timed runs the compiled product code, as `maillage` does (loaded here, not when another benchmark runs).
  const { createDeriveEngine, deriveBatch, deriveWorkerLimits } = await compiled<typeof import('../src/derive/index.js')>('derive/index.js');
  const { RecordMapper } = await compiled<typeof import('../src/mapping/index.js')>('mapping/index.js');
  const { KeywordAligner } = await compiled<typeof import('../src/thesaurus/keyword-aligner.js')>('thesaurus/keyword-aligner.js');
  const { RecordValidator, structureKeyOf } = await compiled<typeof import('../src/validation/index.js')>('validation/index.js');
  const officialDir = resolveDcatApShapes(loadConfig({}));
  const base = 'https://w3id.org/maillage/';
  const records = dataciteRecords(options.records);
  const sample = records.slice(0, options.fullRecords);
  const mapper = RecordMapper.load(base);
  const figures: Figure[] = [];
  const figure = (c: string, backend: string, metric: string, value: number, unit: string) => {
    figures.push({ benchmark: 'validate', case: c, backend, metric, value, unit });
    process.stdout.write(`${c.padEnd(44)} ${backend.padEnd(22)} ${metric.padEnd(12)} ${String(value).padStart(9)} ${unit}\n`);
  };
  process.stdout.write(`\nvalidate: ${options.records} DataCite records (${options.fullRecords} for the engines without reuse), DCAT-AP 3.0 shapes from ${officialDir}\n`);

  // Where one thread's time goes (after a warm-up, as a running service has compiled its hot paths).
  for (const r of records.slice(-200)) mapper.map(r);
  let t = performance.now();
  const mapped = sample.map((r) => mapper.map(r));
  const mapMs = performance.now() - t;
  const quadsPerRecord = mapped.reduce((n, m) => n + m.quads.length, 0) / mapped.length;
  figure('map (parse JSON + mapping)', 'one thread', 'rate', rate(sample.length, mapMs), 'records/s');
  figure('mapped graph size', 'one thread', 'size', Math.round(quadsPerRecord), 'quads/record');
  t = performance.now();
  const keys = new Set(mapped.map((m) => structureKeyOf(m.quads).key));
  figure('structure key', 'one thread', 'rate', rate(sample.length, performance.now() - t), 'records/s');
  figure('distinct structures in the sample', 'one thread', 'count', keys.size, 'structures');

  // The two engines on every record, same shapes graph.
  const shapeQuads = [...officialShapeFiles.map((f) => path.join(officialDir, f)), path.join(bundledShapesFolder.pathname, 'maillage-core.ttl'), path.join(bundledShapesFolder.pathname, 'maillage-profile.ttl')].flatMap((file) =>
    new Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8')),
  );
  const engine = new Validator(new Store(shapeQuads), { factory: rdfDataModel });
  t = performance.now();
  let results = 0;
  for (const m of mapped) results += (await engine.validate({ dataset: rdfDataset.dataset(m.quads) })).results.length;
  figure('validate every record', 'shacl-engine', 'rate', rate(sample.length, performance.now() - t), 'records/s');
  // The same engine reading each record from an N3.Store, as RecordValidator does (its indexes match faster).
  t = performance.now();
  let storeResults = 0;
  for (const m of mapped) storeResults += (await engine.validate({ dataset: new Store(m.quads) })).results.length;
  figure('validate every record', 'shacl-engine, N3.Store', 'rate', rate(sample.length, performance.now() - t), 'records/s');
  const other = new SHACLValidator(rdfDataset.dataset(shapeQuads));
  t = performance.now();
  let otherResults = 0;
  for (const m of mapped) otherResults += (await other.validate(rdfDataset.dataset(m.quads))).results.length;
  figure('validate every record', 'rdf-validate-shacl', 'rate', rate(sample.length, performance.now() - t), 'records/s');
  figure('results found (same shapes, same records)', 'shacl-engine', 'count', results, 'results');
  figure('results found (same shapes, same records)', 'shacl-engine, N3.Store', 'count', storeResults, 'results');
  figure('results found (same shapes, same records)', 'rdf-validate-shacl', 'count', otherResults, 'results');

  // The chosen engine as the service uses it: core + profile, context, and result reuse between
  // alike records, whole records (structure key) against focus node by focus node (unit keys).
  const validator = RecordValidator.load({ officialDir });
  const noReuse = RecordValidator.load({ officialDir, reuse: false });
  t = performance.now();
  for (const m of mapped) await noReuse.validate(m.quads);
  figure('map+validate (record validator, no reuse)', 'one thread', 'rate', rate(sample.length, performance.now() - t + mapMs), 'records/s');
  const allMapped = records.map((r) => mapper.map(r));
  for (const reuse of ['record', true] as const) {
    const reusing = RecordValidator.load({ officialDir, reuse });
    t = performance.now();
    for (const m of allMapped) await reusing.validate(m.quads);
    const name = reuse === 'record' ? 'whole-record reuse' : 'focus-node reuse';
    figure(`validate ${records.length} records`, name, 'rate', rate(records.length, performance.now() - t), 'records/s');
    figure('records answered from the cache alone', name, 'share', Math.round((reusing.stats.reused / records.length) * 1000) / 10, '%');
    if (reuse === true) figure('focus-node keys answered from the cache', name, 'share', Math.round((reusing.stats.unitsReused / (reusing.stats.unitsReused + reusing.stats.unitsValidated)) * 1000) / 10, '%');
  }
  // As the service derives: keywords aligned to the bundled thesaurus, then map+validate+FAIR+N-Triples+index documents.
  t = performance.now();
  await deriveBatch(mapper, validator, records, 'core', KeywordAligner.bundled());
  figure('derive (align+map+validate+FAIR+N-Triples)', 'one thread', 'rate', rate(records.length, performance.now() - t), 'records/s');

  // A real repository's records are far more alike than these: the demo catalogue, five formats.
  const demo = await demoCatalogueRecords();
  const demoMapped = demo.map((r) => mapper.map(r));
  for (const reuse of [false, true]) {
    const demoValidator = RecordValidator.load({ officialDir, reuse });
    t = performance.now();
    for (const m of demoMapped) await demoValidator.validate(m.quads);
    figure(`validate the demo catalogue (${demo.length} records)`, reuse ? 'focus-node reuse' : 'no reuse', 'rate', rate(demo.length, performance.now() - t), 'records/s');
    if (reuse) figure('demo records answered from the cache alone', 'focus-node reuse', 'share', Math.round((demoValidator.stats.reused / demo.length) * 1000) / 10, '%');
  }

  const workers = Math.min(2, availableParallelism());
  const batches: Array<typeof records> = [];
  for (let i = 0; i < records.length; i += 250) batches.push(records.slice(i, i + 250));
  // The measure: map + validate only, one worker thread per core.
  const mapValidate = await mapValidateThreads(workers, { base, officialDir }, deriveWorkerLimits);
  await Promise.all(batches.slice(0, workers).map((b) => mapValidate.run(b.slice(0, 20))));
  t = performance.now();
  const cpu = process.cpuUsage();
  const checked = await Promise.all(batches.map((b) => mapValidate.run(b)));
  const mapValidateMs = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  await mapValidate.close();
  figure('map+validate (focus-node reuse)', `${workers} worker threads`, 'rate', rate(records.length, mapValidateMs), 'records/s');
  // CPU time of every thread of this process: on a shared machine, time the host gives to others
  // slows the rate above but is not counted here.
  const cpuMsPerRecord = (user + system) / 1000 / records.length;
  figure('map+validate CPU time, all threads', `${workers} worker threads`, 'cpu', Math.round(cpuMsPerRecord * 1000) / 1000, 'ms/record');
  figure('map+validate, per CPU-second', `${workers} worker threads`, 'rate', Math.round(1000 / cpuMsPerRecord), 'records/s');
  figure('violations found', `${workers} worker threads`, 'count', checked.reduce((n, c) => n + c.violations, 0), 'results');

  const pool = await createDeriveEngine({ base, shapes: { officialDir }, workers });
  // Warm-up lets each worker compile its shapes and JIT, as a running service has.
  await Promise.all(batches.slice(0, workers).map((b) => pool.derive(b.slice(0, 20), 'core')));
  t = performance.now();
  const derived = await Promise.all(batches.map((b) => pool.derive(b, 'core')));
  const published = derived.flat().filter((d) => d.status === 'published').length;
  const poolMs = performance.now() - t;
  await pool.close();
  figure(`derive (align+map+validate+FAIR+N-Triples)`, `${workers} worker threads`, 'rate', rate(records.length, poolMs), 'records/s');
  figure('published (core shapes met)', `${workers} worker threads`, 'count', published, 'records');
  return figures;
}

/** Worker threads that map and validate batches (bench/map-validate-worker.ts), handed out as the derive stage hands out its own. */
async function mapValidateThreads(count: number, setup: { base: string; officialDir: string }, limits: ResourceLimits) {
  const { WorkerPool } = await compiled<typeof import('../src/derive/index.js')>('derive/index.js');
  const pool = await WorkerPool.start<{ records: number; violations: number }>(count, () => spawnWorker(new URL('./map-validate-worker.ts', import.meta.url), setup, limits));
  return { run: (records: RecordToMap[]) => pool.send({ records }), close: () => pool.close() };
}
