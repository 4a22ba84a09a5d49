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
  /** The thesaurus keywords are aligned to (N-Triples); the bundled one when absent. */
  thesaurus?: string;
}

const setup = workerData as Setup;
const mapper = RecordMapper.load(setup.base);
const validator = RecordValidator.load(setup.shapes);
let aligner = setup.thesaurus ? KeywordAligner.fromNTriples(setup.thesaurus) : KeywordAligner.bundled();

parentPort!.on('message', (message: { id: number; records: RecordToDerive[]; policy: QuarantinePolicy } | { id: number; thesaurus: string }) => {
  if ('thesaurus' in message) {
    // Messages are handled in order, so every batch sent after this one aligns to the new thesaurus.
    aligner = KeywordAligner.fromNTriples(message.thesaurus);
    parentPort!.postMessage({ id: message.id, derived: [] });
    return;
  }
  deriveBatch(mapper, validator, message.records, message.policy, aligner).then(
    (derived) => parentPort!.postMessage({ id: message.id, derived }),
    (error: Error) => parentPort!.postMessage({ id: message.id, error: error.stack ?? error.message }),
  );
});
parentPort!.postMessage({ ready: true });
