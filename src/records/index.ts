export { contentVersion, openRecordsDatabase, recordsDatabasePath, type RecordsDatabase } from './records-database.js';
export { StoreJournal, type JournalOp, type JournalEntry } from './store-journal.js';
export {
  RawRecordStore,
  checksumOf,
  type RawRecord,
  type RecordFailure,
  type HarvestPage,
  type HarvestRun,
  type RunCounts,
  type StoredRawRecord,
} from './raw-records.js';
export { isProcessAlive } from './process-liveness.js';
export { RecordDerivations, type Derivation, type DerivationStatus, type DeriveRun, type SourceValidationSummary } from './record-derivations.js';
export { PublishedItems, type PublishedItem, type ItemQuery } from './published-items.js';
export { AnswerCache } from './answer-cache.js';
