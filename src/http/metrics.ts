// Owns the Prometheus metrics: process defaults, HTTP requests by route, and the store's size.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GraphStore } from '../store/index.js';

export interface ServiceMetrics {
  registry: Registry;
  middleware: MiddlewareHandler;
}

export function createMetrics(store: GraphStore, statsOf: () => Promise<{ quads: number; graphs: number; capacityQuads: number | null }>): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'maillage_' });
  const requests = new Counter({ name: 'maillage_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'maillage_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: (s: Awaited<ReturnType<typeof statsOf>>) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['backend'],
      registers: [registry],
      async collect() {
        const value = read(await statsOf());
        if (value !== null) this.set({ backend: store.backend }, value);
      },
    });
  gauge('maillage_store_quads', 'Quads in the graph store', (s) => s.quads);
  gauge('maillage_store_graphs', 'Named graphs in the graph store', (s) => s.graphs);
  gauge('maillage_store_capacity_quads', 'Most quads the store accepts', (s) => s.capacityQuads);

  const middleware: MiddlewareHandler = async function countRequests(c, next) {
    const end = duration.startTimer();
    await next();
    const route = routePath(c);
    end({ method: c.req.method, route });
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
  };
  return { registry, middleware };
}
