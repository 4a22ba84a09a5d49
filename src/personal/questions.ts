// Owns questions on datasets: signed-in users ask, curators answer, edit, hide, or mark a question
// as frequent (shown on the dataset's FAQ). Plain text only, bounded in length, and a user may ask
// only so many per hour.
import type { RecordsDatabase } from '../records/index.js';
import type { User } from './accounts.js';
import { PersonalSpaceError, plainText } from './collections.js';

export interface Question {
  id: number;
  resource: string;
  authorId: number | null;
  text: string;
  askedAt: string;
  answer: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  hidden: boolean;
  frequent: boolean;
}

export const questionLimits = { length: 2_000, answerLength: 5_000, perHour: 5 };

interface Row {
  id: number;
  resource: string;
  author_id: number | null;
  text: string;
  asked_at: string;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  hidden: number;
  frequent: number;
}
const questionOf = (r: Row): Question => ({
  id: r.id,
  resource: r.resource,
  authorId: r.author_id,
  text: r.text,
  askedAt: r.asked_at,
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  hidden: r.hidden === 1,
  frequent: r.frequent === 1,
});

const isCurator = (user: User | null) => user !== null && (user.role === 'curator' || user.role === 'admin');

export class Questions {
  constructor(
    private readonly db: RecordsDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private row(id: number): Question | null {
    const row = this.db.prepare('SELECT * FROM questions WHERE id = ?').get(id) as Row | undefined;
    return row ? questionOf(row) : null;
  }

  /** A dataset's questions: curators see hidden ones; others see visible ones and their own. */
  ofResource(resource: string, viewer: User | null, options: { frequentOnly?: boolean; limit?: number } = {}): Question[] {
    const rows = this.db.prepare(`SELECT * FROM questions WHERE resource = ? ${options.frequentOnly ? 'AND frequent = 1' : ''} ORDER BY frequent DESC, asked_at DESC LIMIT ?`).all(resource, options.limit ?? 100) as Row[];
    return rows.map(questionOf).filter((q) => !q.hidden || isCurator(viewer) || (viewer !== null && q.authorId === viewer.id));
  }

  ask(user: User | null, resource: string, text: string): Question {
    if (!user) throw new PersonalSpaceError('UNAUTHENTICATED', 'Sign in to ask a question');
    const question = plainText(text, questionLimits.length, 'A question');
    if (question.length < 3) throw new PersonalSpaceError('BAD_USER_INPUT', 'The question is empty');
    const hourAgo = new Date(this.now().getTime() - 3_600_000).toISOString();
    const recent = (this.db.prepare('SELECT COUNT(*) AS n FROM questions WHERE author_id = ? AND asked_at > ?').get(user.id, hourAgo) as { n: number }).n;
    if (recent >= questionLimits.perHour) throw new PersonalSpaceError('TOO_MANY_REQUESTS', `At most ${questionLimits.perHour} questions an hour`);
    const { lastInsertRowid } = this.db.prepare('INSERT INTO questions (resource, author_id, text, asked_at) VALUES (?, ?, ?, ?)').run(resource, user.id, question, this.now().toISOString());
    return this.row(Number(lastInsertRowid))!;
  }

  /** A curator's answer, edit, hiding or marking as frequent. */
  moderate(user: User | null, id: number, changes: { answer?: string; hidden?: boolean; frequent?: boolean }): Question {
    if (!user) throw new PersonalSpaceError('UNAUTHENTICATED', 'Sign in first');
    if (!isCurator(user)) throw new PersonalSpaceError('FORBIDDEN', 'Only curators answer and moderate questions');
    const question = this.row(id);
    if (!question) throw new PersonalSpaceError('NOT_FOUND', 'No such question');
    if (changes.answer !== undefined) {
      const answer = plainText(changes.answer, questionLimits.answerLength, 'An answer');
      this.db.prepare('UPDATE questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?').run(answer || null, user.id, this.now().toISOString(), id);
    }
    if (changes.hidden !== undefined) this.db.prepare('UPDATE questions SET hidden = ? WHERE id = ?').run(changes.hidden ? 1 : 0, id);
    if (changes.frequent !== undefined) this.db.prepare('UPDATE questions SET frequent = ? WHERE id = ?').run(changes.frequent ? 1 : 0, id);
    return this.row(id)!;
  }
}
