// The derive stage: raw records to published graphs, reports and scores (map, validate, score, store).
export { deriveChanged, reindex, rederive, type DeriveDeps, type DeriveProgress } from './derive-records.js';
export { createDeriveEngine, createInlineDeriveEngine, deriveWorkerLimits, type DeriveEngine, type DeriveEngineOptions } from './derive-engine.js';
export { WorkerPool } from './worker-pool.js';
export { deriveBatch, type DerivedRecord, type QuarantinePolicy, type RecordToDerive } from './derive-batch.js';
export { openDerivation, type OpenedDerivation } from './open-derivation.js';
export { Realigner, storedThesaurus } from './realign-records.js';
