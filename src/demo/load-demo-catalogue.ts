// Owns loading the demo catalogue on a fresh installation, through the ingest path, once.
import path from 'node:path';
import { FileHarvester, runHarvest } from '../harvest/index.js';
import type { Logger } from '../log/index.js';
import type { HarvestRun, RawRecordStore } from '../records/index.js';
import { writeDemoCatalogue } from './demo-catalogue.js';

export const demoSource = 'demo';

/** Ingests the generated demo catalogue when the system of record has never seen it. */
export async function loadDemoCatalogueOnce(records: RawRecordStore, dataDir: string, logger: Logger): Promise<HarvestRun | null> {
  if (records.runs({ source: demoSource, limit: 1 }).some((run) => run.status === 'completed')) return null;
  const { files, records: expected } = writeDemoCatalogue(path.join(dataDir, 'demo-catalogue'));
  const run = await runHarvest(records, demoSource, new FileHarvester(files), { full: true });
  logger.info({ run: run.id, status: run.status, new: run.new, failed: run.failed, expected, files: files.length }, 'demo catalogue ingested');
  return run;
}
