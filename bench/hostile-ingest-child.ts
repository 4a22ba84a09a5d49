// One ingest of a folder in its own process (run by hostile-benchmark.ts): prints what happened and
// the process's peak resident memory, as one JSON line.
import { FileHarvester, filesOf, runHarvest } from '../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../src/records/index.js';

const [folder, dataDir] = process.argv.slice(2) as [string, string];
const db = openRecordsDatabase(dataDir, { synchronous: 'NORMAL' });
const records = new RawRecordStore(db);
const started = performance.now();
const run = await runHarvest(records, 'hostile', new FileHarvester(filesOf(folder)), { full: true });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, new: run.new, failed: run.failed, reasons: records.failures(run.id).map((f) => f.reason.slice(0, 160)), peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
db.close();
