// `npm run bench harvest`: end-to-end records/s from a replayed source (its own process) into the
// system of record, for oai_datacite (OAI-PMH) and DataCite JSON, with a fetch-only pass as the
// transport floor. Durable like production: SQLite WAL, synchronous FULL, one transaction a page.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHarvester, PoliteHttpClient, runHarvest } from '../src/harvest/index.js';
import { sourceSchema } from '../src/harvest/source-schemas.js';
import { openRecordsDatabase, RawRecordStore } from '../src/records/index.js';
import { printComparison, type Figure } from './report.js';

async function startSource(pages: number, perPage: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/replay-source.ts', String(pages), String(perPage)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: chunk.toString().trim(), stop: () => child.kill() };
}

export async function harvestBenchmark(options: { pages: number; perPage: number }): Promise<Figure[]> {
  const total = options.pages * options.perPage;
  process.stderr.write(`harvest benchmark: ${options.pages} pages × ${options.perPage} records per protocol\n`);
  const source = await startSource(options.pages, options.perPage);
  const figures: Figure[] = [];
  try {
    for (const [label, declaration] of [
      ['oai_datacite (OAI-PMH)', { protocol: 'oai-pmh', url: `${source.url}/oai`, metadataPrefix: 'oai_datacite' }],
      ['DataCite JSON (REST)', { protocol: 'datacite', url: source.url, pageSize: options.perPage }],
    ] as const) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-harvest-'));
      const db = openRecordsDatabase(dir, { synchronous: 'FULL' });
      try {
        const records = new RawRecordStore(db);
        const harvester = createHarvester(sourceSchema.parse({ name: 'bench', delayMs: 0, ...declaration }));
        const started = performance.now();
        const run = await runHarvest(records, 'bench', harvester);
        const seconds = (performance.now() - started) / 1000;
        if (run.status !== 'completed' || run.new !== total) throw new Error(`${label}: ${JSON.stringify(run)}`);
        figures.push({ benchmark: 'harvest', case: label, backend: 'into system of record', metric: 'records/s', value: total / seconds, unit: 'records/s' });

        const http = new PoliteHttpClient({ delayMs: 0 });
        const fetchStarted = performance.now();
        let url: string | null = declaration.protocol === 'oai-pmh' ? `${source.url}/oai?verb=ListRecords&metadataPrefix=oai_datacite` : `${source.url}/dois?page%5Bcursor%5D=1`;
        for (let page = 0; url; page += 1) {
          await http.get(url, '*/*');
          url = page + 1 < options.pages ? (declaration.protocol === 'oai-pmh' ? `${source.url}/oai?verb=ListRecords&resumptionToken=${page + 1}` : `${source.url}/dois?page%5Bcursor%5D=${page + 2}`) : null;
        }
        figures.push({ benchmark: 'harvest', case: label, backend: 'fetch only (floor)', metric: 'records/s', value: total / ((performance.now() - fetchStarted) / 1000), unit: 'records/s' });
      } finally {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    source.stop();
  }
  printComparison('Harvest, end to end', figures, 'records/s');
  return figures;
}
