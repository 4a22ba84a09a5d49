// The harvesters' HTTP client against a local server: limits, encodings, retries, politeness.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultUserAgent, PoliteHttpClient } from '../../src/harvest/polite-http-client.js';
import { startReplayServer, type ReplayServer, type Route } from '../support/replay-server.js';

describe('PoliteHttpClient', () => {
  let server: ReplayServer | null = null;
  afterEach(async () => server?.close());
  const serve = async (route: Route) => (server = await startReplayServer(route));

  it('refuses a body over its size limit and one that is not UTF-8', async () => {
    const { url } = await serve((u) => (u.pathname === '/big' ? { body: 'x'.repeat(5000) } : { body: Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]) }));
    const client = new PoliteHttpClient({ maxBytes: 1000, retries: 0 });
    await expect(client.get(`${url}/big`, '*/*')).rejects.toThrow(/over the 1000-byte limit/);
    await expect(client.get(`${url}/latin1`, '*/*')).rejects.toThrow(/not valid UTF-8/);
  });

  it('backs off exponentially on 429 without Retry-After, then gives up with the status', async () => {
    const { url } = await serve(() => ({ status: 429, body: 'slow down' }));
    const waits: number[] = [];
    const client = new PoliteHttpClient({ retries: 3, backoffMs: 20, onRetry: (info) => waits.push(info.waitMs) });
    await expect(client.get(url, '*/*')).rejects.toThrow(/HTTP 429 .* after 4 attempts/);
    expect(waits).toHaveLength(3);
    expect(waits[2]!).toBeGreaterThan(waits[0]!);
  });

  it('bounds the time of a source that never answers, or trickles its body byte by byte, and retries one that drops the connection or answers 500', async () => {
    let attempts = 0;
    const { url } = await serve((u) => {
      attempts += 1;
      if (u.pathname === '/hang') return { hang: true, body: '' };
      if (u.pathname === '/trickle') return { trickleMs: 50, body: 'x'.repeat(10_000) };
      if (u.pathname === '/drop') return attempts % 2 === 1 ? { dropAfterBytes: 100, body: 'y'.repeat(1000) } : { body: 'y'.repeat(1000) };
      return attempts % 3 !== 0 ? { status: 500, body: 'oops' } : { body: 'fine' };
    });
    const retries: string[] = [];
    const client = new PoliteHttpClient({ timeoutMs: 400, retries: 1, backoffMs: 10, onRetry: (info) => retries.push(`${new URL(info.url).pathname}: ${info.reason}`) });
    await expect(client.get(`${url}/hang`, '*/*')).rejects.toThrow(/hang: no answer within 400 ms \(after 2 attempts\)/);
    await expect(client.get(`${url}/trickle`, '*/*')).rejects.toThrow(/trickle: no answer within 400 ms \(after 2 attempts\)/);
    attempts = 0;
    expect((await client.get(`${url}/drop`, '*/*')).body).toHaveLength(1000);
    attempts = 0;
    const patient = new PoliteHttpClient({ retries: 2, backoffMs: 10, onRetry: (info) => retries.push(`${new URL(info.url).pathname}: ${info.reason}`) });
    expect((await patient.get(`${url}/flaky`, '*/*')).body).toBe('fine');
    expect(retries).toEqual([
      '/hang: no answer within 400 ms',
      '/trickle: no answer within 400 ms',
      expect.stringMatching(/^\/drop: /),
      '/flaky: HTTP 500',
      '/flaky: HTTP 500',
    ]);
  });

  it('does not retry a 404, names itself, and keeps the delay between requests', async () => {
    const agents: string[] = [];
    const { url, requests } = await serve((u, request) => {
      agents.push(String(request.headers['user-agent']));
      return u.pathname === '/missing' ? { status: 404, body: '' } : { body: 'ok' };
    });
    const client = new PoliteHttpClient({ delayMs: 150, concurrency: 2 });
    await expect(client.get(`${url}/missing`, '*/*')).rejects.toThrow(/HTTP 404/);
    expect(requests).toHaveLength(1);
    const started = Date.now();
    await Promise.all([client.get(`${url}/a`, '*/*'), client.get(`${url}/b`, '*/*'), client.get(`${url}/c`, '*/*')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(new Set(agents)).toEqual(new Set([defaultUserAgent]));
    expect(defaultUserAgent).toMatch(/^Maillage\/\S+ \(/);
  });
});
