// Owns the thesaurus's memory in the records database: every change (who, when, the concept before
// and after) and every release (a dated, full copy of the scheme's graph).
import type { RecordsDatabase } from '../records/index.js';
import type { Concept } from './concept-scheme.js';

export type ChangeAction = 'create' | 'update' | 'deprecate' | 'import' | 'release';

export interface ThesaurusChange {
  seq: number;
  scheme: string;
  concept: string | null;
  action: ChangeAction;
  actor: string;
  at: string;
  before: Concept | null;
  after: Concept | null;
  comment: string | null;
}

export interface ThesaurusRelease {
  scheme: string;
  version: string;
  releasedAt: string;
  actor: string;
  description: string | null;
  concepts: number;
}

type ChangeRow = Omit<ThesaurusChange, 'before' | 'after'> & { before: string | null; after: string | null; pending?: number };

interface ReleaseRow {
  scheme: string;
  version: string;
  released_at: string;
  actor: string;
  description: string | null;
  concepts: number;
}

const toChange = ({ pending: _pending, ...row }: ChangeRow): ThesaurusChange => ({
  ...row,
  before: row.before ? (JSON.parse(row.before) as Concept) : null,
  after: row.after ? (JSON.parse(row.after) as Concept) : null,
});
const toRelease = (row: ReleaseRow): ThesaurusRelease => ({
  scheme: row.scheme,
  version: row.version,
  releasedAt: row.released_at,
  actor: row.actor,
  description: row.description,
  concepts: row.concepts,
});

export class ThesaurusHistory {
  private readonly insertChange;
  private readonly insertRelease;
  private readonly confirmChange;
  private readonly discardChange;

  constructor(private readonly db: RecordsDatabase) {
    this.insertChange = db.prepare('INSERT INTO thesaurus_changes (scheme, concept, action, actor, at, before, after, comment, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.confirmChange = db.prepare('UPDATE thesaurus_changes SET pending = 0 WHERE seq = ?');
    this.discardChange = db.prepare('DELETE FROM thesaurus_changes WHERE seq = ? AND pending = 1');
    this.insertRelease = db.prepare('INSERT INTO thesaurus_releases (scheme, version, released_at, actor, description, concepts, ntriples) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Records changes made together (one transaction); `pending` ones wait for confirm() or discard(). */
  record(changes: Array<Omit<ThesaurusChange, 'seq'>>, options: { pending?: boolean } = {}): number[] {
    return this.db.transaction(() =>
      changes.map(
        (c) =>
          this.insertChange.run(c.scheme, c.concept, c.action, c.actor, c.at, c.before ? JSON.stringify(c.before) : null, c.after ? JSON.stringify(c.after) : null, c.comment, options.pending ? 1 : 0)
            .lastInsertRowid as number,
      ),
    )();
  }

  /** The change was made in the store: it joins the history. */
  confirm(seqs: number[]): void {
    this.db.transaction(() => seqs.forEach((seq) => this.confirmChange.run(seq)))();
  }

  /** The change was not made: it leaves no trace. */
  discard(seqs: number[]): void {
    this.db.transaction(() => seqs.forEach((seq) => this.discardChange.run(seq)))();
  }

  /** Changes recorded before their store write and neither confirmed nor discarded (a crash between). */
  pendingChanges(): ThesaurusChange[] {
    return (this.db.prepare('SELECT * FROM thesaurus_changes WHERE pending = 1 ORDER BY seq').all() as ChangeRow[]).map(toChange);
  }

  /** A release and its history entry, together. */
  saveReleaseWithChange(release: ThesaurusRelease, ntriples: string, change: Omit<ThesaurusChange, 'seq'>): void {
    this.db.transaction(() => {
      this.saveRelease(release, ntriples);
      this.record([change]);
    })();
  }

  /** Newest first; `before` pages down from a sequence number. */
  changes(scheme: string | null, options: { concept?: string; before?: number; limit: number }): ThesaurusChange[] {
    const where = [scheme !== null ? 'scheme = @scheme' : '', options.concept !== undefined ? 'concept = @concept' : '', 'seq < @before', 'pending = 0'].filter((w) => w).join(' AND ');
    const rows = this.db.prepare(`SELECT * FROM thesaurus_changes WHERE ${where} ORDER BY seq DESC LIMIT @limit`).all({
      before: options.before ?? Number.MAX_SAFE_INTEGER,
      limit: options.limit,
      ...(scheme !== null ? { scheme } : {}),
      ...(options.concept !== undefined ? { concept: options.concept } : {}),
    }) as ChangeRow[];
    return rows.map(toChange);
  }

  /** Whether the scheme was changed through the service (then the store's copy is the reference). */
  isEdited(scheme: string): boolean {
    // A pending change counts: it may be in the store already (the next start settles it).
    return this.db.prepare('SELECT 1 FROM thesaurus_changes WHERE scheme = ? LIMIT 1').get(scheme) !== undefined;
  }

  saveRelease(release: ThesaurusRelease, ntriples: string): void {
    this.insertRelease.run(release.scheme, release.version, release.releasedAt, release.actor, release.description, release.concepts, ntriples);
  }

  releases(scheme: string): ThesaurusRelease[] {
    return (this.db.prepare('SELECT scheme, version, released_at, actor, description, concepts FROM thesaurus_releases WHERE scheme = ? ORDER BY released_at DESC, version DESC').all(scheme) as ReleaseRow[]).map(toRelease);
  }

  release(scheme: string, version: string): (ThesaurusRelease & { ntriples: string }) | undefined {
    const row = this.db.prepare('SELECT * FROM thesaurus_releases WHERE scheme = ? AND version = ?').get(scheme, version) as (ReleaseRow & { ntriples: string }) | undefined;
    return row ? { ...toRelease(row), ntriples: row.ntriples } : undefined;
  }
}
