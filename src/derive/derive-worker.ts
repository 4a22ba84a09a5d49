// Owns one derive worker thread: it loads the mappings and shapes once, then derives the batches
// the pool sends it (mapping and SHACL validation are CPU work that must not hold the event loop).
import { parentPort, workerData } from 'node:worker_threads';
import { RecordMapper } from '../mapping/index.js';
import { KeywordAligner } from '../thesaurus/keyword-aligner.js';
import { RecordValidator, type ShapeSources } from '../validation/record-validator.js';
import { deriveBatch, type QuarantinePolicy, type RecordToDerive } from './derive-batch.js';

interface Setup {
  base: string;
  shapes: ShapeSources;
}

const setup = workerData as Setup;
const mapper = RecordMapper.load(setup.base);
const validator = RecordValidator.load(setup.shapes);
const aligner = KeywordAligner.bundled();

parentPort!.on('message', (message: { id: number; records: RecordToDerive[]; policy: QuarantinePolicy }) => {
  deriveBatch(mapper, validator, message.records, message.policy, aligner).then(
    (derived) => parentPort!.postMessage({ id: message.id, derived }),
    (error: Error) => parentPort!.postMessage({ id: message.id, error: error.stack ?? error.message }),
  );
});
parentPort!.postMessage({ ready: true });
