// Owns one search reader thread: a read-only connection to the records database answering the
// index's queries, so that SQLite's synchronous work never holds the HTTP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openRecordsDatabase } from '../records/index.js';
import { SearchIndex } from './search-index.js';
import type { SearchRequest } from './search-readers.js';

const index = new SearchIndex(openRecordsDatabase((workerData as { dataDir: string }).dataDir, { readonly: true }));

parentPort!.on('message', ({ id, method, args }: SearchRequest & { id: number }) => {
  try {
    const result = (index[method] as (...a: unknown[]) => unknown)(...args);
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
