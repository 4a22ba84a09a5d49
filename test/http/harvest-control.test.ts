// Harvests started over HTTP by an administrator (POST /harvests): only declared sources, only with
// the admin token; the run is answered at once (202, Location), goes on in the service beside the
// traffic, and its records are derived and found in search when it ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { identify, listRecords } from '../support/oai-responses.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { adminToken, startTestServer } from '../support/service.js';

const record = (n: number) => `<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.57745/harvest-control-${n}</identifier>
<creators><creator><creatorName>Martin, Louise</creatorName></creator></creators><titles><title xml:lang="fr">Relevés de houle ${n} au large de Roscoff</title></titles>
<publisher>Recherche Data Gouv</publisher><publicationYear>2025</publicationYear><resourceType resourceTypeGeneral="Dataset">Dataset</resourceType></resource>`;

let source: ReplayServer;
let server: RunningServer;
let dataDir: string;
let slow = false;

beforeAll(async () => {
  source = await startReplayServer(async (url) => {
    if (url.searchParams.get('verb') === 'Identify') return { body: identify('YYYY-MM-DDThh:mm:ssZ') };
    if (slow) await new Promise((resolve) => setTimeout(resolve, 1500));
    return { body: listRecords([1, 2, 3].map((n) => ({ id: `oai:houle:${n}`, datestamp: '2025-03-0' + n, metadata: record(n) }))) };
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-harvest-control-'));
  const sourcesFile = path.join(dataDir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'houle', protocol: 'oai-pmh', url: `${source.url}/oai`, metadataPrefix: 'oai_datacite', delayMs: 0 }] }));
  server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'true', MAILLAGE_SOURCES: sourcesFile });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await source?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const startHarvest = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${adminToken}` }) =>
  fetch(`${server.url}/harvests`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function finished(location: string): Promise<{ status: string; new: number }> {
  for (;;) {
    const run = (await (await fetch(location)).json()) as { status: string; new: number };
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('harvest control', () => {
  it('refuses a caller without the admin token, with a wrong one, and a source that is not declared (no URL of the caller is fetched)', async () => {
    expect((await startHarvest({ source: 'houle' }, {})).status).toBe(401);
    expect((await startHarvest({ source: 'houle' }, { authorization: 'Bearer not-the-token' })).status).toBe(403);
    const undeclared = await startHarvest({ source: 'http://169.254.169.254/latest/meta-data' });
    expect(undeclared.status).toBe(404);
    expect(((await undeclared.json()) as { detail: string }).detail).toMatch(/No declared source named/);
    expect((await startHarvest({ source: 'houle', full: 'yes' })).status).toBe(400);
    expect(source.requests).toHaveLength(0);
  });

  it('starts a harvest of a declared source, answers 202 with its run at once, refuses a second one meanwhile, and publishes the records when it ends', async () => {
    slow = true;
    const started = await startHarvest({ source: 'houle' });
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: number; status: string; source: string };
    expect(run).toMatchObject({ status: 'running', source: 'houle' });
    const location = started.headers.get('location')!;
    expect(location).toBe(`${server.url}/harvests/${run.id}`);
    const again = await startHarvest({ source: 'houle' });
    expect(again.status).toBe(409);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    slow = false;
    expect(await finished(location)).toMatchObject({ status: 'completed', new: 3 });

    // Derived once the harvest ended: the records are in search.
    for (let attempt = 0; ; attempt += 1) {
      const answer = (await (
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(text: "houle Roscoff") { totalCount } }' }) })
      ).json()) as { data: { search: { totalCount: number } } };
      if (answer.data.search.totalCount === 3) break;
      expect(attempt).toBeLessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);
});
