// Owns /health: liveness plus the store's backend, size and capacity. It must answer at once even
// while every store replica is busy, so it serves the last known figures when fresh ones are slow.
import { getHeapStatistics } from 'node:v8';
import { Hono } from 'hono';
import { capacityReport } from '../store/capacity-report.js';
import type { GraphStore, StoreStats } from '../store/index.js';

// An idle replica answers in a few ms; a busy one would hold /health up, so wait no longer than this.
const freshWithinMs = 20;

export interface StatsCache {
  current(): Promise<StoreStats & { stale: boolean }>;
}

export function createStatsCache(store: GraphStore): StatsCache {
  let last: StoreStats | null = null;
  let refreshing: Promise<StoreStats> | null = null;
  const refresh = (): Promise<StoreStats> =>
    (refreshing ??= store.stats().then(
      (stats) => ((last = stats), (refreshing = null), stats),
      (error: unknown) => {
        refreshing = null;
        throw error;
      },
    ));
  return {
    async current() {
      const fresh = refresh().then((stats) => ({ ...stats, stale: false }));
      if (!last) return fresh;
      const previous = last;
      const late = new Promise<StoreStats & { stale: boolean }>((resolve) => setTimeout(() => resolve({ ...previous, stale: true }), freshWithinMs).unref());
      return Promise.race([fresh.catch(() => ({ ...previous, stale: true })), late]);
    },
  };
}

/** `workers`: what the service's other worker threads report (search readers replaced, ...). */
export function healthRoutes(stats: StatsCache, version: string, startedAt: number, workers: () => Record<string, unknown> = () => ({})): Hono {
  return new Hono().get('/', async (c) => {
    const current = await stats.current();
    const { backend, quads, graphs, capacityQuads, details, stale } = current;
    // Degraded: a replica is rebuilding (after a timeout, an out-of-memory end or a crash); reads
    // go to the others. replicaEndings says what ended and why.
    const replicas = (details.replicas ?? []) as Array<{ ready: boolean }>;
    const memory = process.memoryUsage();
    return c.json({
      status: replicas.some((r) => !r.ready) ? 'degraded' : 'ok',
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      store: {
        backend,
        quads,
        graphs,
        ...capacityReport({ quads, graphs, capacityQuads }),
        stale,
        ...details,
      },
      process: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapLimitBytes: getHeapStatistics().heap_size_limit, ...workers() },
    });
  });
}
