// The bounded soak of the test suite: 45 seconds of mixed public traffic at a fixed offered rate
// (GraphQL search, dataset pages, SPARQL, autocomplete, linked data) with writes and incremental
// harvests of a growing source (started over POST /harvests, derived in the service) beside it, on
// the real service in its own process. No error is the service's fault, and memory does not run away.
// (`npm run bench -- soak` is the 30-minute run, with the p99 drift between its first and last
// five minutes.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGrowingSource, type GrowingSource } from '../../bench/growing-source.js';
import { soak, soakTable } from '../../bench/soak.js';
import { adminToken, spawnService, type ServiceProcess } from '../support/service.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-soak-'));
let service: ServiceProcess | undefined;
let source: GrowingSource | undefined;

afterAll(async () => {
  service?.child.kill('SIGTERM');
  await service?.exited;
  await source?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a short soak', () => {
  it('answers 45 s of mixed traffic with writes and harvests beside it, without server errors or runaway memory', async () => {
    source = await startGrowingSource({ initial: 100, perMinute: 120 });
    const sourcesFile = path.join(dataDir, 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'growing', protocol: 'oai-pmh', url: source.url, metadataPrefix: 'oai_datacite', delayMs: 0 }] }));
    service = await spawnService(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', MAILLAGE_SOURCES: sourcesFile });
    const pid = service.child.pid!;
    const windows = await soak({ url: service.url, pid, adminToken, seconds: 45, ratePerSecond: 15, windowSeconds: 15, harvest: { source: 'growing', everySeconds: 15 } });
    process.stdout.write(`${soakTable(windows)}\n`);
    expect(windows.length).toBe(3);
    expect(windows.reduce((n, w) => n + w.requests, 0)).toBeGreaterThan(15 * 40);
    expect(windows.reduce((n, w) => n + w.serverErrors, 0)).toBe(0);
    // The first harvest takes the 100 initial records, the next ones what appeared since.
    expect(windows.reduce((n, w) => n + w.harvests, 0)).toBeGreaterThanOrEqual(2);
    expect(windows.reduce((n, w) => n + w.harvestedRecords, 0)).toBeGreaterThanOrEqual(110);
    // After the first window (warm-up), resident memory grows by less than half.
    expect(windows[windows.length - 1]!.rssMb).toBeLessThan(windows[0]!.rssMb * 1.5);
  }, 240_000);
});
