// Drives requests at a fixed offered rate (open loop): request i is due at start + i/rate whether
// or not earlier ones have answered, and its latency counts from that due time, so a service that
// falls behind shows its queue in the figures instead of slowing the load generator down (the
// coordinated omission a closed loop hides).
import { Agent, request as send } from 'undici';
import type { LoadRequest } from './service-process.js';

export interface OpenLoopRun {
  /** Latencies from each request's due time to its answer, sorted (ms). */
  latencies: number[];
  failures: number;
  /** Requests sent per second as achieved by this client (below the offered rate when it fell behind). */
  sentPerSecond: number;
}

export async function openLoop(url: string, rate: number, seconds: number, request: (i: number) => LoadRequest): Promise<OpenLoopRun> {
  const total = Math.max(1, Math.round(rate * seconds));
  const dispatcher = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let failures = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const r = request(i);
    pending.push(
      send(`${url}${r.path}`, { method: r.method, headers: r.headers ?? {}, body: r.body ?? null, dispatcher })
        .then(async (response) => {
          const text = await response.body.text();
          if (response.statusCode >= 400 || text.includes('"errors"')) failures += 1;
        })
        .catch(() => void (failures += 1))
        .finally(() => void latencies.push(performance.now() - due)),
    );
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  await dispatcher.close();
  return { latencies: latencies.sort((a, b) => a - b), failures, sentPerSecond: total / Math.max(sendSeconds, 1e-3) };
}
