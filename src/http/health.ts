// Owns /health: liveness plus the store's backend, size and capacity. It must answer at once even
// while every store replica is busy, so it serves the last known figures when fresh ones are slow.
import { getHeapStatistics } from 'node:v8';
import { Hono } from 'hono';
import { capacityReport } from '../store/capacity-report.js';
import type { GraphStore, StoreStats } from '../store/index.js';

// An idle replica answers in a few ms; a busy one would hold /health up, so wait no longer than this.
const freshWithinMs = 20;

export type CurrentStats = StoreStats & { stale: boolean; /** Why the store could not be read (it is down), or null. */ unreachable: string | null };

export interface StatsCache {
  current(): Promise<CurrentStats>;
}

export function createStatsCache(store: GraphStore): StatsCache {
  let last: StoreStats | null = null;
  let failure: string | null = null;
  let refreshing: Promise<StoreStats> | null = null;
  const refresh = (): Promise<StoreStats> =>
    (refreshing ??= store.stats().then(
      (stats) => ((last = stats), (failure = null), (refreshing = null), stats),
      (error: unknown) => {
        failure = (error as Error).message;
        refreshing = null;
        throw error;
      },
    ));
  // Before any figures were read, a store that cannot be reached still gets an answer.
  const unknown = (): StoreStats => ({ backend: store.backend, quads: -1, graphs: -1, capacityQuads: null, details: {} });
  return {
    async current() {
      const fresh = refresh().then((stats) => ({ ...stats, stale: false, unreachable: null }));
      const previous = last ?? unknown();
      const fallback = (): CurrentStats => ({ ...previous, stale: true, unreachable: failure });
      const late = new Promise<CurrentStats>((resolve) => setTimeout(() => resolve(fallback()), last ? freshWithinMs : 2_000).unref());
      return Promise.race([fresh.catch(fallback), late]);
    },
  };
}

/** `workers`: what the service's other worker threads report (search readers replaced, ...). */
export function healthRoutes(stats: StatsCache, version: string, startedAt: number, workers: () => Record<string, unknown> = () => ({})): Hono {
  return new Hono().get('/', async (c) => {
    const current = await stats.current();
    const { backend, quads, graphs, capacityQuads, details, stale, unreachable } = current;
    // Degraded: a replica is rebuilding (after a timeout, an out-of-memory end or a crash), reads
    // going to the others (replicaEndings says what ended and why); or the remote store is down.
    const replicas = (details.replicas ?? []) as Array<{ ready: boolean }>;
    const memory = process.memoryUsage();
    return c.json({
      status: unreachable || replicas.some((r) => !r.ready) ? 'degraded' : 'ok',
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      store: {
        backend,
        quads,
        graphs,
        ...capacityReport({ quads, graphs, capacityQuads }),
        stale,
        ...(unreachable ? { unreachable } : {}),
        ...details,
      },
      process: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapLimitBytes: getHeapStatistics().heap_size_limit, ...workers() },
    });
  });
}
