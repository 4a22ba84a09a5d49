// A bench worker thread: maps and validates (focus-node reuse) the DataCite records it is sent,
// with the compiled product code, and answers how many records and violations it saw.
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordToMap } from '../src/mapping/index.js';
import { compiled } from './compiled.js';

const { RecordMapper } = await compiled<typeof import('../src/mapping/index.js')>('mapping/index.js');
const { RecordValidator } = await compiled<typeof import('../src/validation/index.js')>('validation/index.js');
const mapper = RecordMapper.load((workerData as { base: string }).base);
const validator = RecordValidator.load({ officialDir: (workerData as { officialDir: string }).officialDir });

parentPort!.on('message', async ({ id, records }: { id: number; records: RecordToMap[] }) => {
  try {
    let violations = 0;
    for (const record of records) violations += (await validator.validate(mapper.map(record).quads)).violations;
    parentPort!.postMessage({ id, records: records.length, violations });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
parentPort!.postMessage({ ready: true });
