// Owns the accounts of the personal space: a user per ORCID iD (name, e-mail for alerts, language,
// role), and their sessions: a random token in an HttpOnly cookie, stored only as its SHA-256, with
// a CSRF token that every form and mutation must send back. The first admin comes from configuration.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RecordsDatabase } from '../records/index.js';

export type Role = 'user' | 'curator' | 'admin';

export interface User {
  id: number;
  orcid: string;
  name: string;
  email: string | null;
  lang: 'fr' | 'en';
  role: Role;
  createdAt: string;
}

export interface Session {
  user: User;
  csrf: string;
}

const sessionDays = 30;
const now = () => new Date().toISOString();
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

interface UserRow {
  id: number;
  orcid: string;
  name: string;
  email: string | null;
  lang: 'fr' | 'en';
  role: Role;
  created_at: string;
}
const userOf = (row: UserRow): User => ({ id: row.id, orcid: row.orcid, name: row.name, email: row.email, lang: row.lang, role: row.role, createdAt: row.created_at });

/** Two strings compared in constant time (tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Accounts {
  constructor(
    private readonly db: RecordsDatabase,
    /** ORCID iDs that are admins from the start (configuration). */
    private readonly admins: readonly string[] = [],
  ) {}

  /** The user of an ORCID iD, created at the first sign-in; the name follows ORCID's. */
  signedIn(orcid: string, name: string): User {
    const role: Role = this.admins.includes(orcid) ? 'admin' : 'user';
    this.db
      .prepare(
        `INSERT INTO users (orcid, name, role, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (orcid) DO UPDATE SET name = excluded.name, role = CASE WHEN excluded.role = 'admin' THEN 'admin' ELSE users.role END`,
      )
      .run(orcid, name.slice(0, 200), role, now());
    return this.byOrcid(orcid)!;
  }

  byOrcid(orcid: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE orcid = ?').get(orcid) as UserRow | undefined;
    return row ? userOf(row) : null;
  }

  byId(id: number): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? userOf(row) : null;
  }

  updateProfile(id: number, changes: { email?: string | null; lang?: 'fr' | 'en' }): User {
    if (changes.email !== undefined) this.db.prepare('UPDATE users SET email = ? WHERE id = ?').run(changes.email, id);
    if (changes.lang) this.db.prepare('UPDATE users SET lang = ? WHERE id = ?').run(changes.lang, id);
    return this.byId(id)!;
  }

  setRole(orcid: string, role: Role): User | null {
    this.db.prepare('UPDATE users SET role = ? WHERE orcid = ?').run(role, orcid);
    return this.byOrcid(orcid);
  }

  /** A new session: the token goes in the cookie, only its hash is kept. */
  openSession(userId: number): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const expires = new Date(Date.now() + sessionDays * 86_400_000).toISOString();
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now());
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)').run(hash(token), userId, csrf, expires);
    return { token, csrf };
  }

  session(token: string | undefined): Session | null {
    if (!token || token.length > 100) return null;
    const row = this.db.prepare('SELECT u.*, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?').get(hash(token), now()) as (UserRow & { csrf: string }) | undefined;
    return row ? { user: userOf(row), csrf: row.csrf } : null;
  }

  closeSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash(token));
  }

  /** Everything stored about a user (GDPR access): profile, collections, searches, questions. */
  personalData(id: number): Record<string, unknown> {
    const all = (sql: string) => this.db.prepare(sql).all(id);
    return {
      profile: this.byId(id),
      collections: all('SELECT * FROM collections WHERE owner_id = ?').map((c) => ({ ...(c as object), items: this.db.prepare('SELECT resource, title, doi, added_at FROM collection_items WHERE collection_id = ?').all((c as { id: string }).id) })),
      savedSearches: all('SELECT id, name, query, frequency, created_at, visited_at, alerted_at FROM saved_searches WHERE owner_id = ?'),
      alertsSent: all('SELECT a.* FROM alert_periods a JOIN saved_searches s ON s.id = a.search_id WHERE s.owner_id = ?'),
      questions: all('SELECT id, resource, text, asked_at, answer, answered_at, hidden, frequent FROM questions WHERE author_id = ?'),
      answers: all('SELECT id, resource, answer, answered_at FROM questions WHERE answered_by = ?'),
      sessions: (this.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(id) as { n: number }).n,
    };
  }

  /**
   * Deletes an account (GDPR erasure): its sessions, private and shared collections, saved searches
   * and alerts go; its public collections and its questions stay, anonymised (no author).
   */
  deleteAccount(id: number): void {
    this.db.transaction(() => {
      // Foreign keys are not enforced on this connection: dependent rows are deleted here.
      const privateOnes = `SELECT id FROM collections WHERE owner_id = ? AND visibility <> 'public' AND official = 0`;
      this.db.prepare(`DELETE FROM collection_items WHERE collection_id IN (${privateOnes})`).run(id);
      this.db.prepare(`DELETE FROM collections WHERE id IN (${privateOnes})`).run(id);
      this.db.prepare('UPDATE collections SET owner_id = NULL WHERE owner_id = ?').run(id);
      this.db.prepare('UPDATE questions SET author_id = NULL WHERE author_id = ?').run(id);
      this.db.prepare('UPDATE questions SET answered_by = NULL WHERE answered_by = ?').run(id);
      this.db.prepare('DELETE FROM alert_periods WHERE search_id IN (SELECT id FROM saved_searches WHERE owner_id = ?)').run(id);
      this.db.prepare('DELETE FROM saved_searches WHERE owner_id = ?').run(id);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
    })();
  }
}
