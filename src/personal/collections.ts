// Owns collections of datasets: a user's (private by default, shareable by a link that can be
// revoked, or public) and the curators' official ones ("cas d'usage") featured on the home page.
// An item keeps the title and DOI it had when added, so a dataset that leaves the catalogue stays
// in the collection as a tombstone.
import { randomBytes } from 'node:crypto';
import type { RecordsDatabase } from '../records/index.js';
import { sameSecret, type User } from './accounts.js';

export type Visibility = 'private' | 'link' | 'public';

export interface Collection {
  id: string;
  ownerId: number | null;
  title: string;
  description: string;
  visibility: Visibility;
  shareToken: string | null;
  official: boolean;
  createdAt: string;
  modifiedAt: string;
}

export interface CollectionItem {
  resource: string;
  title: string;
  doi: string | null;
  addedAt: string;
}

export class PersonalSpaceError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'TOO_MANY_REQUESTS',
    message: string,
  ) {
    super(message);
    this.name = 'PersonalSpaceError';
  }
}

export const limits = { title: 200, description: 5_000, itemsPerCollection: 5_000, collectionsPerUser: 200 };
const now = () => new Date().toISOString();
const newId = () => randomBytes(12).toString('base64url');

interface Row {
  id: string;
  owner_id: number | null;
  title: string;
  description: string;
  visibility: Visibility;
  share_token: string | null;
  official: number;
  created_at: string;
  modified_at: string;
}
const collectionOf = (r: Row): Collection => ({
  id: r.id,
  ownerId: r.owner_id,
  title: r.title,
  description: r.description,
  visibility: r.visibility,
  shareToken: r.share_token,
  official: r.official === 1,
  createdAt: r.created_at,
  modifiedAt: r.modified_at,
});

/** Text from a user, bounded and plain (control characters removed; HTML is escaped where shown). */
export function plainText(value: string, max: number, what: string): string {
  const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text.length > max) throw new PersonalSpaceError('BAD_USER_INPUT', `${what} is limited to ${max} characters`);
  return text;
}

export class Collections {
  constructor(private readonly db: RecordsDatabase) {}

  private row(id: string): Collection | null {
    const row = this.db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as Row | undefined;
    return row ? collectionOf(row) : null;
  }

  /** Who may edit: its owner; for an official collection, curators and admins too. */
  canEdit(collection: Collection, user: User | null): boolean {
    if (!user) return false;
    return collection.ownerId === user.id || (collection.official && (user.role === 'curator' || user.role === 'admin'));
  }

  /** A collection as a visitor may see it: public and official ones, shared ones with their link's token, the owner's own. */
  readable(id: string, user: User | null, shareToken?: string | null): Collection | null {
    const collection = this.row(id);
    if (!collection) return null;
    if (collection.visibility === 'public' || collection.official || this.canEdit(collection, user)) return collection;
    if (collection.visibility === 'link' && collection.shareToken && shareToken && sameSecret(collection.shareToken, shareToken)) return collection;
    return null;
  }

  /** One the user may change, or the reason not. */
  editable(id: string, user: User | null): Collection {
    if (!user) throw new PersonalSpaceError('UNAUTHENTICATED', 'Sign in first');
    const collection = this.row(id);
    if (!collection || !this.readable(id, user)) throw new PersonalSpaceError('NOT_FOUND', 'No such collection');
    if (!this.canEdit(collection, user)) throw new PersonalSpaceError('FORBIDDEN', 'Only its owner (or a curator, for an official collection) may change it');
    return collection;
  }

  ownedBy(userId: number): Collection[] {
    return (this.db.prepare('SELECT * FROM collections WHERE owner_id = ? ORDER BY modified_at DESC').all(userId) as Row[]).map(collectionOf);
  }

  official(limit = 12): Collection[] {
    return (this.db.prepare('SELECT * FROM collections WHERE official = 1 ORDER BY modified_at DESC LIMIT ?').all(limit) as Row[]).map(collectionOf);
  }

  create(user: User, input: { title: string; description?: string; official?: boolean }): Collection {
    const title = plainText(input.title, limits.title, 'title');
    if (!title) throw new PersonalSpaceError('BAD_USER_INPUT', 'A collection needs a title');
    if (input.official && user.role === 'user') throw new PersonalSpaceError('FORBIDDEN', 'Only curators make official collections');
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM collections WHERE owner_id = ?').get(user.id) as { n: number }).n;
    if (count >= limits.collectionsPerUser) throw new PersonalSpaceError('BAD_USER_INPUT', `At most ${limits.collectionsPerUser} collections`);
    const id = newId();
    const at = now();
    this.db
      .prepare('INSERT INTO collections (id, owner_id, title, description, visibility, official, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, user.id, title, plainText(input.description ?? '', limits.description, 'description'), input.official ? 'public' : 'private', input.official ? 1 : 0, at, at);
    return this.row(id)!;
  }

  update(id: string, user: User, changes: { title?: string; description?: string; visibility?: Visibility }): Collection {
    const collection = this.editable(id, user);
    const title = changes.title === undefined ? collection.title : plainText(changes.title, limits.title, 'title');
    if (!title) throw new PersonalSpaceError('BAD_USER_INPUT', 'A collection needs a title');
    const description = changes.description === undefined ? collection.description : plainText(changes.description, limits.description, 'description');
    const visibility = collection.official ? 'public' : (changes.visibility ?? collection.visibility);
    // A share link exists only while the collection is shared by link; sharing again makes a new one.
    const token = visibility === 'link' ? (collection.shareToken ?? randomBytes(18).toString('base64url')) : null;
    this.db.prepare('UPDATE collections SET title = ?, description = ?, visibility = ?, share_token = ?, modified_at = ? WHERE id = ?').run(title, description, visibility, token, now(), id);
    return this.row(id)!;
  }

  /** A new share link; the old one stops working. */
  renewShareLink(id: string, user: User): Collection {
    this.editable(id, user);
    this.db.prepare(`UPDATE collections SET visibility = 'link', share_token = ?, modified_at = ? WHERE id = ?`).run(randomBytes(18).toString('base64url'), now(), id);
    return this.row(id)!;
  }

  delete(id: string, user: User): void {
    this.editable(id, user);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM collection_items WHERE collection_id = ?').run(id);
      this.db.prepare('DELETE FROM collections WHERE id = ?').run(id);
    })();
  }

  add(id: string, user: User, item: { resource: string; title: string; doi: string | null }): Collection {
    this.editable(id, user);
    if (this.count(id) >= limits.itemsPerCollection) throw new PersonalSpaceError('BAD_USER_INPUT', `At most ${limits.itemsPerCollection} datasets in a collection`);
    this.db.prepare('INSERT OR IGNORE INTO collection_items (collection_id, resource, title, doi, added_at) VALUES (?, ?, ?, ?, ?)').run(id, item.resource, item.title.slice(0, 500), item.doi, now());
    this.db.prepare('UPDATE collections SET modified_at = ? WHERE id = ?').run(now(), id);
    return this.row(id)!;
  }

  remove(id: string, user: User, resource: string): Collection {
    this.editable(id, user);
    this.db.prepare('DELETE FROM collection_items WHERE collection_id = ? AND resource = ?').run(id, resource);
    this.db.prepare('UPDATE collections SET modified_at = ? WHERE id = ?').run(now(), id);
    return this.row(id)!;
  }

  /** The time span and area its datasets cover together (from the search index). */
  coverage(id: string): { start: string | null; end: string | null; west: number | null; south: number | null; east: number | null; north: number | null } {
    return this.db
      .prepare(
        `SELECT MIN(d.temporal_start) AS start, MAX(d.temporal_end) AS "end", MIN(d.west) AS west, MIN(d.south) AS south, MAX(d.east) AS east, MAX(d.north) AS north
         FROM collection_items i JOIN search_documents d ON d.resource = i.resource WHERE i.collection_id = ?`,
      )
      .get(id) as ReturnType<Collections['coverage']>;
  }

  /** How many datasets it holds (one indexed count, not a read of every item). */
  count(id: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM collection_items WHERE collection_id = ?').get(id) as { n: number }).n;
  }

  items(id: string, limit = limits.itemsPerCollection): CollectionItem[] {
    return (this.db.prepare('SELECT resource, title, doi, added_at FROM collection_items WHERE collection_id = ? ORDER BY added_at, resource LIMIT ?').all(id, limit) as Array<{ resource: string; title: string; doi: string | null; added_at: string }>).map((r) => ({
      resource: r.resource,
      title: r.title,
      doi: r.doi,
      addedAt: r.added_at,
    }));
  }
}
