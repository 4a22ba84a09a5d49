// The text index on a real records database: texts stemmed in their language (French or
// English, both readings when untagged), found from other inflections, accents or none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { openRecordsDatabase, type RecordsDatabase } from '../../src/records/index.js';
import { SearchIndex } from '../../src/search/index.js';
import { searchDocumentOf } from '../../src/search/search-document.js';
import { temporaryDataDir } from '../support/embedded-store.js';

const { namedNode, literal, quad } = DataFactory;
const dct = 'http://purl.org/dc/terms/';
const dcat = 'http://www.w3.org/ns/dcat#';

const data = temporaryDataDir('search-index');
let db: RecordsDatabase;
let index: SearchIndex;

function add(id: string, title: ReturnType<typeof literal>, description?: ReturnType<typeof literal>, resource = `https://example.org/id/${id}`): void {
  const quads = [quad(namedNode(resource), namedNode(`${dct}title`), title), ...(description ? [quad(namedNode(resource), namedNode(`${dct}description`), description)] : [])];
  index.save('test', id, searchDocumentOf(resource, 'test', [`${dcat}Dataset`], quads));
}

const found = (text: string) =>
  index
    .search({ text, filters: { facets: {} }, sort: 'relevance', limit: 10, offset: 0 })
    .hits.map((h) => h.resource.split('/').pop())
    .sort();

beforeAll(() => {
  db = openRecordsDatabase(data.dir, { synchronous: 'NORMAL' });
  index = new SearchIndex(db);
  add('fr', literal('Chaîne de traitement des données océaniques', 'fr'), literal('Mesures contrôlées et validées', 'fr'));
  add('en', literal('Processing measurements of glaciers', 'en'));
  add('untagged', literal('Relevés atmosphériques'));
  // Ranking: a title match beats a description match; two records of one resource count once.
  add('rank-title', literal('Sediment cores of the Rhône delta', 'en'));
  add('rank-description', literal('Coastal survey', 'en'), literal('Includes sediment samples', 'en'));
  add('rank-twice-a', literal('Sediment transport', 'en'), undefined, 'https://example.org/id/rank-twice');
  add('rank-twice-b', literal('Transport of sediment', 'en'), literal('Sediment, again', 'en'), 'https://example.org/id/rank-twice');
});

afterAll(() => {
  db.close();
  data.remove();
});

describe('the stemmed text index', () => {
  it('finds a French text from other inflections, with or without accents', () => {
    expect(found('traitements')).toEqual(['fr']);
    expect(found('donnée')).toEqual(['fr']);
    expect(found('DONNEES oceanique')).toEqual(['fr']);
    expect(found('mesurés controlees')).toEqual(['fr']);
  });

  it('finds an English text from other inflections', () => {
    expect(found('glacier measurement')).toEqual(['en']);
    expect(found('processed')).toEqual(['en']);
  });

  it('finds an untagged text through either reading', () => {
    expect(found('relevé atmosphérique')).toEqual(['untagged']);
    expect(found('atmosphere')).toEqual(['untagged']);
  });

  it('ranks by relevance, a title before a description, each resource once, page by page', () => {
    const page = (offset: number, limit: number) => index.search({ text: 'sediments', filters: { facets: {} }, sort: 'relevance', limit, offset: offset });
    const all = page(0, 10);
    expect(all.total).toBe(3);
    expect(all.hits.map((h) => h.resource.split('/').pop())).toHaveLength(3);
    expect(all.hits.at(-1)!.resource).toBe('https://example.org/id/rank-description');
    expect(all.hits.every((h, i) => i === 0 || h.score! <= all.hits[i - 1]!.score!)).toBe(true);
    expect([...page(0, 2).hits, ...page(2, 2).hits]).toEqual(all.hits);
    // The facet counts of the same query count the resource described twice once.
    expect(index.facetCounts({ text: 'sediments', filters: { facets: {} } }).type).toEqual([{ value: 'dataset', count: 3 }]);
  });

  it('suggests titles from the first letters of their words as written', () => {
    expect(index.suggestTitles('océaniq', 5).map((s) => s.resource.split('/').pop())).toEqual(['fr']);
    expect(index.suggestTitles('glac', 5).map((s) => s.resource.split('/').pop())).toEqual(['en']);
  });
});
