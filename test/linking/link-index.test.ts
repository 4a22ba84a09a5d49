// The link index remembers the summaries result lists show again and again; a change to the
// records database (this connection's writes or another's commits) must show at the next read.
import { afterAll, describe, expect, it } from 'vitest';
import { LinkIndex } from '../../src/linking/index.js';
import { openRecordsDatabase } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';

const data = temporaryDataDir('link-index');
afterAll(() => data.remove());

const title = 'http://purl.org/dc/terms/title';
const digest = (text: string) => ({ links: [], summaries: [{ node: 'https://example.org/ds/1', predicate: title, value: text, lang: 'fr' }] });
const titles = (index: LinkIndex) => index.summaries(['https://example.org/ds/1', 'https://example.org/none']).map((s) => s.value);

describe('link index summaries', () => {
  it('answers remembered summaries until the database changes, from this connection or another', () => {
    const db = openRecordsDatabase(data.dir);
    const other = openRecordsDatabase(data.dir);
    try {
      const index = new LinkIndex(db);
      index.save('demo', 'r1', 'https://example.org/record/demo/r1', digest('Avant'));
      expect(titles(index)).toEqual(['Avant']);
      expect(titles(index)).toEqual(['Avant']);
      index.save('demo', 'r1', 'https://example.org/record/demo/r1', digest('Après'));
      expect(titles(index)).toEqual(['Après']);
      new LinkIndex(other).save('demo', 'r1', 'https://example.org/record/demo/r1', digest('Ailleurs'));
      expect(titles(index)).toEqual(['Ailleurs']);
      index.save('demo', 'r1', 'https://example.org/record/demo/r1', null);
      expect(titles(index)).toEqual([]);
    } finally {
      other.close();
      db.close();
    }
  });
});
