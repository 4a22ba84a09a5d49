// Runs `maillage serve` in its own process for benchmarks (so the load generator does not share
// its event loop), and drives requests at a fixed concurrency, timing each.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import autocannon from 'autocannon';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `maillage serve` on a free port and waits until /health answers (startup includes deriving). */
export async function startService(dataDir: string, env: Record<string, string> = {}, startupMs = 60_000): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/maillage.js', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + startupMs; ; ) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the service did not start within ${startupMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid!, stop: async () => void (child.kill('SIGTERM'), await new Promise((r) => child.once('exit', r))) };
}

/** Sends `count` requests, `concurrency` at a time; the times (sorted) and the wall-clock seconds. */
export async function timed(count: number, concurrency: number, request: (i: number) => Promise<unknown>): Promise<{ times: number[]; seconds: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await request(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times: times.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Drives `count` requests at `connections` concurrent keep-alive connections with autocannon (a
 * light HTTP client, so the load generator takes little of the CPU the service needs). The times
 * (sorted, ms), the rate, and the service's own time per request from its Server-Timing header.
 */
export async function hammer(url: string, count: number, connections: number, request: (i: number) => LoadRequest): Promise<{ times: number[]; serverTimes: number[]; seconds: number; failures: number }> {
  const times: number[] = [];
  const serverTimes: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance: autocannon.Instance = autocannon(
      {
        url,
        connections,
        amount: count,
        requests: [
          {
            setupRequest: (req) => {
              const r = request(next++);
              return { ...req, method: r.method, path: r.path, headers: { ...(r.headers ?? {}) }, ...(r.body !== undefined ? { body: r.body } : {}) };
            },
            onResponse: (status, _body, _context, headers) => {
              if (status >= 400) failures += 1;
              const dur = /app;dur=([\d.]+)/.exec(String((headers as Record<string, unknown> | undefined)?.['server-timing'] ?? ''))?.[1];
              if (dur) serverTimes.push(Number(dur));
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      lastResponse = performance.now();
    });
  });
  failures += result.errors + result.timeouts;
  // Up to the last response: autocannon reports its end at its next one-second tick, which would
  // count up to a second of idle time into a run of a few seconds.
  return { times: times.sort((a, b) => a - b), serverTimes: serverTimes.sort((a, b) => a - b), seconds: (lastResponse - started) / 1000, failures };
}
