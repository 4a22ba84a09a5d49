// The public SPARQL endpoint in front of Virtuoso: the row cap must be one Virtuoso takes. Virtuoso
// sorts at most MaxSortedTopRows rows (10,000 unless raised) for ORDER BY with a LIMIT, and the cap
// asked every uncapped SELECT for 100,001 rows: each ordered query without a LIMIT failed with 500.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { adminToken, startTestServer } from '../support/service.js';
import { remoteStoreEnvironment, startVirtuoso, virtuosoUnavailableReason, type RunningVirtuoso } from '../support/virtuoso-server.js';

const missing = virtuosoUnavailableReason();
let virtuoso: RunningVirtuoso;
let server: RunningServer;
let dataDir: string;

const select = async (query: string) => {
  const response = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
  return { status: response.status, body: (await response.json()) as { results?: { bindings: unknown[] }; limitRows?: number; detail?: string } };
};

describe.skipIf(missing !== null)(`the SPARQL endpoint on Virtuoso${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-remote-sparql-'));
    server = await startTestServer(dataDir, {
      ...remoteStoreEnvironment(virtuoso),
      // The service is told a sort limit lower than Virtuoso's, so 30 rows are over it; the row cap stays at its default (100,000).
      REMOTE_MAX_SORTED_ROWS: '20',
    });
    const lines = Array.from({ length: 30 }, (_, i) => `<urn:sorted:d${i}> <urn:sorted:theme> <urn:sorted:t${i % 3}> .\n<urn:sorted:d${i}> <urn:sorted:rank> "${i}" .\n`).join('');
    const put = await fetch(`${server.url}/rdf-graph-store?graph=urn:sorted:g`, { method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/n-triples' }, body: lines });
    expect(put.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await virtuoso?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an ordered query without a LIMIT, and an ordered count per value', async () => {
    const grouped = await select('SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d <urn:sorted:theme> ?t } GROUP BY ?t ORDER BY DESC(?n) ?t');
    expect(grouped.status).toBe(200);
    expect(grouped.body.results!.bindings).toHaveLength(3);
    const ordered = await select('SELECT ?d WHERE { ?d <urn:sorted:rank> ?r FILTER(STRLEN(?r) = 1) } ORDER BY ?r');
    expect(ordered.status).toBe(200);
    expect(ordered.body.results!.bindings).toHaveLength(10);
  });

  it('refuses an ordered result over the row cap with the cap, and a sort deeper than Virtuoso takes with 400', async () => {
    const over = await select('SELECT ?d ?r WHERE { ?d <urn:sorted:rank> ?r } ORDER BY ?r');
    expect(over.status).toBe(400);
    expect(over.body.limitRows).toBe(19);
    const deep = await select('SELECT ?d WHERE { ?d <urn:sorted:rank> ?r } ORDER BY ?r OFFSET 20000 LIMIT 5');
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toMatch(/REMOTE_MAX_SORTED_ROWS/);
  });
});
