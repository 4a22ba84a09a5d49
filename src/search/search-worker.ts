// Owns one search reader thread: a read-only connection to the records database answering the
// index's queries, so that SQLite's synchronous work never holds the HTTP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openRecordsDatabase } from '../records/index.js';
import { AnswerCache } from '../records/index.js';
import { SearchIndex } from './search-index.js';
import type { SearchRequest } from './search-readers.js';

const db = openRecordsDatabase((workerData as { dataDir: string }).dataDir, { readonly: true });
const index = new SearchIndex(db);
const cache = new AnswerCache(db);

parentPort!.on('message', ({ id, method, args }: SearchRequest & { id: number }) => {
  try {
    const result = cache.answer(`${method} ${JSON.stringify(args)}`, () => (index[method] as (...a: unknown[]) => unknown)(...args));
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
