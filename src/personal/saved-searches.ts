// Owns saved searches: a named search (its URL parameters: words, filters, map box, sort) that its
// owner comes back to, with when they last looked and when they were last alerted, and how often
// they want an e-mail about what is new (never, immediately, daily, weekly).
import { randomBytes } from 'node:crypto';
import type { RecordsDatabase } from '../records/index.js';
import { savedSearchQuery } from '../search/search-url.js';
import type { User } from './accounts.js';
import { PersonalSpaceError, plainText } from './collections.js';

export type AlertFrequency = 'none' | 'immediate' | 'daily' | 'weekly';
export const alertFrequencies: readonly AlertFrequency[] = ['none', 'immediate', 'daily', 'weekly'];

export interface SavedSearch {
  id: string;
  ownerId: number;
  name: string;
  /** URL parameters of the search page (q=...&theme=...). */
  query: string;
  frequency: AlertFrequency;
  createdAt: string;
  visitedAt: string;
  alertedAt: string;
}

const maxPerUser = 100;
interface Row {
  id: string;
  owner_id: number;
  name: string;
  query: string;
  frequency: AlertFrequency;
  created_at: string;
  visited_at: string;
  alerted_at: string;
}
const searchOf = (r: Row): SavedSearch => ({ id: r.id, ownerId: r.owner_id, name: r.name, query: r.query, frequency: r.frequency, createdAt: r.created_at, visitedAt: r.visited_at, alertedAt: r.alerted_at });

export class SavedSearches {
  constructor(
    private readonly db: RecordsDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private row(id: string): SavedSearch | null {
    const row = this.db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as Row | undefined;
    return row ? searchOf(row) : null;
  }

  /** The user's own saved search (another user's is "not found", so ids reveal nothing). */
  owned(id: string, user: User | null): SavedSearch {
    if (!user) throw new PersonalSpaceError('UNAUTHENTICATED', 'Sign in first');
    const search = this.row(id);
    if (!search || search.ownerId !== user.id) throw new PersonalSpaceError('NOT_FOUND', 'No such saved search');
    return search;
  }

  ownedBy(userId: number): SavedSearch[] {
    return (this.db.prepare('SELECT * FROM saved_searches WHERE owner_id = ? ORDER BY created_at DESC').all(userId) as Row[]).map(searchOf);
  }

  /** Searches whose owners want e-mails (the scheduler's list). */
  withAlerts(): SavedSearch[] {
    return (this.db.prepare(`SELECT * FROM saved_searches WHERE frequency <> 'none'`).all() as Row[]).map(searchOf);
  }

  save(user: User, input: { name: string; query: string; frequency?: AlertFrequency }): SavedSearch {
    const name = plainText(input.name, 200, 'name');
    if (!name) throw new PersonalSpaceError('BAD_USER_INPUT', 'A saved search needs a name');
    if (input.query.length > 4000) throw new PersonalSpaceError('BAD_USER_INPUT', 'query is limited to 4000 characters');
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM saved_searches WHERE owner_id = ?').get(user.id) as { n: number }).n;
    if (count >= maxPerUser) throw new PersonalSpaceError('BAD_USER_INPUT', `At most ${maxPerUser} saved searches`);
    const id = randomBytes(12).toString('base64url');
    const at = this.now().toISOString();
    const query = savedSearchQuery(new URLSearchParams(input.query.replace(/^\?/, '')));
    this.db.prepare('INSERT INTO saved_searches (id, owner_id, name, query, frequency, created_at, visited_at, alerted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, user.id, name, query, input.frequency ?? 'none', at, at, at);
    return this.row(id)!;
  }

  update(id: string, user: User, changes: { name?: string; frequency?: AlertFrequency }): SavedSearch {
    const search = this.owned(id, user);
    const name = changes.name === undefined ? search.name : plainText(changes.name, 200, 'name');
    if (!name) throw new PersonalSpaceError('BAD_USER_INPUT', 'A saved search needs a name');
    this.db.prepare('UPDATE saved_searches SET name = ?, frequency = ? WHERE id = ?').run(name, changes.frequency ?? search.frequency, id);
    return this.row(id)!;
  }

  /** Its owner opened it: what is new is counted from now on. */
  visited(id: string, user: User): SavedSearch {
    this.owned(id, user);
    this.db.prepare('UPDATE saved_searches SET visited_at = ? WHERE id = ?').run(this.now().toISOString(), id);
    return this.row(id)!;
  }

  delete(id: string, user: User): void {
    this.owned(id, user);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM alert_periods WHERE search_id = ?').run(id);
      this.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
    })();
  }

  /** Turns a search's alerts off (the unsubscribe link, no sign-in needed: its token was checked). */
  unsubscribe(id: string): SavedSearch | null {
    this.db.prepare(`UPDATE saved_searches SET frequency = 'none' WHERE id = ?`).run(id);
    return this.row(id);
  }
}
