// Owns the search reader threads: queries of the text index and facets run in worker threads with
// read-only SQLite connections (WAL lets them read while the derive stage writes), each request
// going to the least busy reader. A reader that ends (out of memory, a crash) fails only the
// requests it held and is replaced; the others keep answering.
import type { Worker } from 'node:worker_threads';
import { UnavailableError } from '../errors/index.js';
import { siblingModule, spawnWorker } from '../store/index.js';
import type { SearchIndex } from './search-index.js';

type ReadMethod = 'search' | 'facetCounts' | 'themePairs' | 'suggestTitles' | 'organisationCounts';

export type SearchRequest = { [M in ReadMethod]: { method: M; args: Parameters<SearchIndex[M]> } }[ReadMethod];

/** The index's read side, answered off the event loop. */
export type SearchReader = { [M in ReadMethod]: (...args: Parameters<SearchIndex[M]>) => Promise<ReturnType<SearchIndex[M]>> } & {
  close(): Promise<void>;
  /** Readers that ended and were replaced since start. */
  readonly endings: number;
};

/** A reader's heap: its posting lists and remembered answers live there, bounded. */
const readerHeapLimits = { maxOldGenerationSizeMb: 1024 };

interface Reader {
  worker: Worker;
  inFlight: number;
  ready: boolean;
}

export async function openSearchReaders(dataDir: string, count: number): Promise<SearchReader> {
  const readers: Reader[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; reader: Reader }>();
  let nextId = 0;
  let closing = false;
  let endings = 0;

  const start = (slot: number): Promise<void> => {
    const reader: Reader = { worker: spawnWorker(siblingModule(import.meta.url, 'search-worker'), { dataDir }, readerHeapLimits), inFlight: 0, ready: false };
    readers[slot] = reader;
    return new Promise<void>((resolve, reject) => {
      const ended = (reason: string) => {
        if (!reader.ready) return reject(new Error(`search reader did not start: ${reason}`));
        reader.ready = false;
        for (const [id, waiting] of pending) {
          if (waiting.reader !== reader) continue;
          pending.delete(id);
          waiting.reject(new UnavailableError('The search reader answering this request ended; try again'));
        }
        if (closing || readers[slot] !== reader) return;
        endings += 1;
        start(slot).catch(() => undefined);
      };
      reader.worker.once('error', (error) => ended(error.message));
      reader.worker.once('exit', (code) => ended(`exited with code ${code}`));
      reader.worker.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
        if (message.ready) {
          reader.ready = true;
          return resolve();
        }
        const waiting = pending.get(message.id!);
        if (!waiting) return;
        pending.delete(message.id!);
        waiting.reader.inFlight -= 1;
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message.result);
      });
    });
  };
  await Promise.all(Array.from({ length: Math.max(1, count) }, (_v, slot) => start(slot)));

  const call =
    (method: ReadMethod) =>
    (...args: unknown[]): Promise<never> => {
      const ready = readers.filter((r) => r.ready);
      if (ready.length === 0) return Promise.reject(new UnavailableError('No search reader is ready (one is being replaced); try again shortly'));
      const reader = ready.reduce((best, r) => (r.inFlight < best.inFlight ? r : best));
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
    get endings() {
      return endings;
    },
    close: async () => {
      closing = true;
      await Promise.all(readers.map((r) => r.worker.terminate()));
    },
  } as SearchReader;
}
