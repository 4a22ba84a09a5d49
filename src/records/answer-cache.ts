// Owns remembering recent answers read from the records database: catalogue front-ends ask the
// same searches and show the same resources again and again (the landing page's facets and
// results, a popular query), and an answer stays right until the database changes
// (contentVersion); then every remembered answer is dropped.
import { contentVersion, type RecordsDatabase } from './records-database.js';

export class AnswerCache {
  private readonly answers = new Map<string, unknown>();
  private version = '';

  constructor(
    private readonly db: RecordsDatabase,
    private readonly capacity = 512,
  ) {}

  answer<T>(key: string, compute: () => T): T {
    this.checkVersion();
    if (this.answers.has(key)) return this.touch<T>(key);
    const computed = compute();
    this.remember(key, computed);
    return computed;
  }

  /** Answers for many keys, in their order; those not remembered are computed together (one entry each). */
  answersFor<T>(keys: readonly string[], computeMissing: (missing: string[]) => Map<string, T>): T[] {
    this.checkVersion();
    const missing = keys.filter((key) => !this.answers.has(key));
    const computed = missing.length > 0 ? computeMissing(missing) : new Map<string, T>();
    const out = keys.map((key) => (computed.has(key) ? computed.get(key)! : this.touch<T>(key)));
    for (const [key, value] of computed) this.remember(key, value);
    return out;
  }

  private checkVersion(): void {
    const version = contentVersion(this.db);
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
  }

  /** Most recently used last, so the oldest is the first one dropped. */
  private touch<T>(key: string): T {
    const found = this.answers.get(key) as T;
    this.answers.delete(key);
    this.answers.set(key, found);
    return found;
  }

  private remember(key: string, value: unknown): void {
    this.answers.set(key, value);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
  }
}
