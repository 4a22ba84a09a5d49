// Owns the search reader threads: queries of the text index and facets run in worker threads with
// read-only SQLite connections (WAL lets them read while the derive stage writes), each request
// going to the least busy reader.
import type { Worker } from 'node:worker_threads';
import { siblingModule, spawnWorker } from '../store/index.js';
import type { SearchIndex } from './search-index.js';

type ReadMethod = 'search' | 'facetCounts' | 'themePairs' | 'suggestTitles' | 'organisationCounts';

export type SearchRequest = { [M in ReadMethod]: { method: M; args: Parameters<SearchIndex[M]> } }[ReadMethod];

/** The index's read side, answered off the event loop. */
export type SearchReader = { [M in ReadMethod]: (...args: Parameters<SearchIndex[M]>) => Promise<ReturnType<SearchIndex[M]>> } & { close(): Promise<void> };

export async function openSearchReaders(dataDir: string, count: number): Promise<SearchReader> {
  const readers: Array<{ worker: Worker; inFlight: number }> = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; reader: { inFlight: number } }>();
  let nextId = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, count) }, async () => {
      const worker = spawnWorker(siblingModule(import.meta.url, 'search-worker'), { dataDir });
      const reader = { worker, inFlight: 0 };
      readers.push(reader);
      await new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
          if (message.ready) return resolve();
          const waiting = pending.get(message.id!);
          if (!waiting) return;
          pending.delete(message.id!);
          waiting.reader.inFlight -= 1;
          if (message.error !== undefined) waiting.reject(new Error(message.error));
          else waiting.resolve(message.result);
        });
      });
    }),
  );
  const call =
    (method: ReadMethod) =>
    (...args: unknown[]): Promise<never> => {
      const reader = readers.reduce((best, r) => (r.inFlight < best.inFlight ? r : best));
      const id = nextId++;
      reader.inFlight += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, reader });
        reader.worker.postMessage({ id, method, args });
      });
    };
  return {
    search: call('search'),
    facetCounts: call('facetCounts'),
    themePairs: call('themePairs'),
    suggestTitles: call('suggestTitles'),
    organisationCounts: call('organisationCounts'),
    close: async () => {
      await Promise.all(readers.map((r) => r.worker.terminate()));
    },
  } as SearchReader;
}
