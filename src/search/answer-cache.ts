// Owns remembering a search reader's recent answers: catalogue front-ends ask the same searches
// again and again (the landing page's facets, a popular query), and an answer stays right until the
// index changes (contentVersion); then every remembered answer is dropped.
import { contentVersion, type RecordsDatabase } from '../records/index.js';

export class AnswerCache {
  private readonly answers = new Map<string, unknown>();
  private version = '';

  constructor(
    private readonly db: RecordsDatabase,
    private readonly capacity = 512,
  ) {}

  answer<T>(key: string, compute: () => T): T {
    const version = contentVersion(this.db);
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    if (this.answers.has(key)) {
      // Most recently used last, so the oldest is the first one dropped.
      const found = this.answers.get(key) as T;
      this.answers.delete(key);
      this.answers.set(key, found);
      return found;
    }
    const computed = compute();
    this.answers.set(key, computed);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
    return computed;
  }
}
