// The remote store (a private Virtuoso) killed and started again under the running service:
// queries fail at once with a clear 503 problem, /health answers at once and says "degraded", a
// write sent meanwhile waits and is acknowledged once the store is back, and nothing acknowledged
// before the outage is lost (Virtuoso replays its transaction log).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { adminToken, startTestServer } from '../support/service.js';
import { remoteStoreEnvironment, startVirtuoso, virtuosoUnavailableReason, type RunningVirtuoso } from '../support/virtuoso-server.js';

const missing = virtuosoUnavailableReason();
const admin = { authorization: `Bearer ${adminToken}` };
let virtuoso: RunningVirtuoso;
let server: RunningServer;
let dataDir: string;

const put = (graph: string, value: string) => fetch(`${server.url}/rdf-graph-store?graph=${graph}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/n-triples' }, body: `<urn:outage:s> <urn:outage:p> "${value}" .\n` });
const read = async (graph: string) => (await fetch(`${server.url}/rdf-graph-store?graph=${graph}`, { headers: { accept: 'application/n-triples' } })).text();

describe.skipIf(missing !== null)(`the remote store going down${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-outage-'));
    server = await startTestServer(dataDir, {
      ...remoteStoreEnvironment(virtuoso),
      REMOTE_WRITE_WAIT_MS: '60000',
    });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await virtuoso?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 and "degraded" at once while it is down, holds a write until it is back, and loses nothing', async () => {
    expect((await put('urn:outage:before', 'acknowledged before')).status).toBe(201);
    expect(((await (await fetch(`${server.url}/health`)).json()) as { status: string }).status).toBe('ok');

    await virtuoso.halt();
    const started = performance.now();
    const query = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: 'SELECT * WHERE { ?s ?p ?o } LIMIT 1' });
    expect(query.status).toBe(503);
    expect(query.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await query.json()) as { detail: string }).detail).toMatch(/remote store .* cannot be reached/);
    expect(performance.now() - started).toBeLessThan(5_000);
    const healthStarted = performance.now();
    const health = (await (await fetch(`${server.url}/health`)).json()) as { status: string; store: { unreachable?: string } };
    expect(performance.now() - healthStarted).toBeLessThan(3_000);
    expect(health.status).toBe('degraded');
    expect(health.store.unreachable).toMatch(/cannot be reached/);

    // A write sent while it is down waits; the store comes back; the write is acknowledged.
    const pending = put('urn:outage:during', 'written during the outage');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await virtuoso.resume();
    expect((await pending).status).toBe(201);
    expect(await read('urn:outage:before')).toContain('acknowledged before');
    expect(await read('urn:outage:during')).toContain('written during the outage');
    // Health follows the store back.
    let status = 'degraded';
    for (let i = 0; i < 20 && status !== 'ok'; i += 1) {
      status = ((await (await fetch(`${server.url}/health`)).json()) as { status: string }).status;
      if (status !== 'ok') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe('ok');
  }, 180_000);
});
