export { openRecordsDatabase, recordsDatabasePath, type RecordsDatabase } from './records-database.js';
export { StoreJournal, type JournalOp, type JournalEntry } from './store-journal.js';
