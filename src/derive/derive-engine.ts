// Owns where derive work runs: a pool of worker threads (one per core by default), or inline for
// small jobs and tests. Both give the same results; the pool keeps the event loop free.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { RecordMapper } from '../mapping/index.js';
import { siblingModule, spawnWorker } from '../store/index.js';
import { KeywordAligner } from '../thesaurus/keyword-aligner.js';
import { RecordValidator, type ShapeSources } from '../validation/record-validator.js';
import { deriveBatch, type DerivedRecord, type QuarantinePolicy, type RecordToDerive } from './derive-batch.js';

export interface DeriveEngine {
  derive(records: RecordToDerive[], policy: QuarantinePolicy): Promise<DerivedRecord[]>;
  /** Aligns keywords to this thesaurus (N-Triples) from now on. */
  useThesaurus(ntriples: string): Promise<void>;
  readonly parallelism: number;
  close(): Promise<void>;
}

export interface DeriveEngineOptions {
  base: string;
  shapes: ShapeSources;
  /** Worker threads; 0 derives in the calling thread. Default: one per core. */
  workers?: number;
  /** The thesaurus keywords are aligned to (N-Triples); the bundled file when absent. */
  thesaurus?: string;
}

/**
 * Deriving a record makes a few hundred short-lived objects (its parsed source, terms, keys); a
 * young generation larger than V8's default lets more of them die there instead of being copied
 * into the old one (map+validate on two threads: about 4,300 to 5,300 records/s, bench/validate).
 */
export const deriveWorkerLimits = { maxYoungGenerationSizeMb: 96 };

export function createInlineDeriveEngine(options: DeriveEngineOptions): DeriveEngine {
  const mapper = RecordMapper.load(options.base);
  const validator = RecordValidator.load(options.shapes);
  let aligner = options.thesaurus ? KeywordAligner.fromNTriples(options.thesaurus) : KeywordAligner.bundled();
  return {
    parallelism: 1,
    derive: (records, policy) => deriveBatch(mapper, validator, records, policy, aligner),
    useThesaurus: async (ntriples) => {
      aligner = KeywordAligner.fromNTriples(ntriples);
    },
    close: async () => {},
  };
}

export async function createDeriveEngine(options: DeriveEngineOptions): Promise<DeriveEngine> {
  const count = options.workers ?? availableParallelism();
  if (count === 0) return createInlineDeriveEngine(options);
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (d: DerivedRecord[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let turn = 0;
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = spawnWorker(siblingModule(import.meta.url, 'derive-worker'), { base: options.base, shapes: options.shapes, ...(options.thesaurus ? { thesaurus: options.thesaurus } : {}) }, deriveWorkerLimits);
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.on('message', (message: { ready?: boolean; id?: number; derived?: DerivedRecord[]; error?: string }) => {
          if (message.ready) return resolve();
          const waiting = pending.get(message.id!);
          pending.delete(message.id!);
          if (message.error) waiting?.reject(new Error(`derive worker: ${message.error}`));
          else waiting?.resolve(message.derived!);
        });
        worker.once('error', (error) => {
          reject(error);
          for (const waiting of pending.values()) waiting.reject(error);
          pending.clear();
        });
      });
    }),
  );
  const send = (worker: Worker, message: object) =>
    new Promise<DerivedRecord[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  return {
    parallelism: count,
    derive: (records, policy) => send(workers[turn++ % workers.length]!, { records, policy }),
    async useThesaurus(ntriples) {
      await Promise.all(workers.map((worker) => send(worker, { thesaurus: ntriples })));
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
