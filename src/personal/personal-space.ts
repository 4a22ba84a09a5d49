// Owns the personal space's parts together, on the system of record: accounts and sessions,
// collections, saved searches, questions. One object the API and the pages share.
import type { RecordsDatabase } from '../records/index.js';
import { Accounts } from './accounts.js';
import { Collections } from './collections.js';
import { Questions } from './questions.js';
import { SavedSearches } from './saved-searches.js';

export class PersonalSpace {
  readonly accounts: Accounts;
  readonly collections: Collections;
  readonly searches: SavedSearches;
  readonly questions: Questions;

  constructor(db: RecordsDatabase, options: { admins?: readonly string[]; now?: () => Date } = {}) {
    this.accounts = new Accounts(db, options.admins ?? []);
    this.collections = new Collections(db);
    this.searches = new SavedSearches(db, options.now);
    this.questions = new Questions(db, options.now);
  }
}
