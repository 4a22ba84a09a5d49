// `npm run bench -- graph-cost`: what one record costs in the graph, per kind of resource (dataset,
// publication, software, person, organisation…): quads per record graph (mean, median, p90, max),
// on the demo catalogue and on every real record of ../shared/data (DataCite, Dataverse, CKAN,
// DCAT, OAI-PMH, ROR), each derived by the product itself (`maillage reindex`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/index.js';
import { runHarvest } from '../src/harvest/index.js';
import { silentLogger } from '../src/log/index.js';
import { openRecordsDatabase, RawRecordStore } from '../src/records/index.js';
import { openGraphStore } from '../src/store/index.js';
import { readRealRecords } from '../test/support/real-records.js';
import { sharedDataMissing } from '../test/support/shared-data.js';
import { percentile, type Figure } from './report.js';
import { startService } from './service-process.js';

interface KindCost {
  kind: string;
  records: number;
  mean: number;
  median: number;
  p90: number;
  max: number;
}

/** Quads of each published record graph of a data directory, grouped by the kind search gave it. */
async function costsOf(dataDir: string): Promise<KindCost[]> {
  const db = new Database(path.join(dataDir, 'maillage.sqlite'), { readonly: true });
  let kindOfGraph: Map<string, string>;
  try {
    const rows = db.prepare("SELECT d.graph, s.kind FROM record_derivations d JOIN search_documents s USING (source, record_id) WHERE d.status = 'published'").raw().all() as Array<[string, string]>;
    kindOfGraph = new Map(rows);
  } finally {
    db.close();
  }
  const store = await openGraphStore(loadConfig({ DATA_DIR: dataDir }), silentLogger);
  const byKind = new Map<string, number[]>();
  try {
    const result = await store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
    for (const row of result.form === 'SELECT' ? result.bindings : []) {
      const kind = kindOfGraph.get(row.g!.value);
      if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), Number(row.n!.value)]);
    }
  } finally {
    await store.close();
  }
  return [...byKind]
    .map(([kind, quads]) => {
      const sorted = quads.sort((a, b) => a - b);
      return { kind, records: sorted.length, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90), max: sorted.at(-1)! };
    })
    .sort((a, b) => b.records - a.records);
}

async function demoCatalogue(dir: string): Promise<void> {
  const service = await startService(dir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true' }, 300_000);
  await service.stop();
}

async function realRecords(dir: string): Promise<void> {
  const records = (await readRealRecords()).map((r) => r.record);
  const db = openRecordsDatabase(dir);
  try {
    await runHarvest(new RawRecordStore(db), 'shared', { protocol: 'file', pages: async function* () { yield { records, failures: [], next: null }; } });
  } finally {
    db.close();
  }
  const reindex = spawnSync(process.execPath, ['bin/maillage.js', 'reindex'], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', BUNDLED_THESAURUS: 'true' }, encoding: 'utf8' });
  if (reindex.status !== 0) throw new Error(`reindex of the real records failed: ${reindex.stderr}`);
}

export async function graphCostBenchmark(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const catalogues: Array<[string, (dir: string) => Promise<void>]> = [['demo catalogue', demoCatalogue]];
  if (sharedDataMissing === null) catalogues.push(['real records of ../shared/data', realRecords]);
  else process.stdout.write(`real records skipped: ${sharedDataMissing}\n`);
  for (const [name, fill] of catalogues) {
    const dir = mkdtempSync(path.join(tmpdir(), 'maillage-bench-graph-cost-'));
    try {
      await fill(dir);
      const costs = await costsOf(dir);
      process.stdout.write(`\nQuads per record graph, ${name}\nkind | records | mean | median | p90 | max\n`);
      for (const c of costs) {
        process.stdout.write(`${c.kind} | ${c.records} | ${c.mean.toFixed(0)} | ${c.median} | ${c.p90} | ${c.max}\n`);
        figures.push({ benchmark: 'graph-cost', case: `${name}: ${c.kind}`, backend: 'embedded', metric: 'mean quads', value: Math.round(c.mean), unit: 'quads' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}
