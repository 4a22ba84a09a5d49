// End to end: the real service with the demo catalogue maps, validates and publishes every
// record at start; the validation API's counts match what SPARQL finds in the graph store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { startTestServer } from '../support/service.js';

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-validation-'));
  server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', DERIVE_WORKERS: '2' });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Summary {
  source: string;
  records: number;
  published: number;
  quarantined: number;
  topFindings: Array<{ severity: string; message: string; records: number }>;
}

describe('validation reports of the demo catalogue', () => {
  it('publishes every mappable record and quarantines the ones with nothing to find them by', async () => {
    const body = (await (await fetch(`${server.url}/validation`)).json()) as { sources: Summary[] };
    const demo = body.sources.find((s) => s.source === 'demo')!;
    expect(demo.records).toBe(1030);
    // The generator leaves three portal packages without a page: core shape violations.
    expect(demo.quarantined).toBe(3);
    expect(demo.published).toBe(1027);
    const stats = await server.store.stats();
    expect(stats.graphs).toBe(1027);
    const quarantined = (await (await fetch(`${server.url}/validation/demo?status=quarantined`)).json()) as { records: Array<{ recordId: string; graph: string | null }> };
    expect(quarantined.records).toHaveLength(3);
    expect(quarantined.records.every((r) => r.graph === null)).toBe(true);
  });

  it('counts datasets in SPARQL as the derivations do, with FAIR scores in DQV', async () => {
    const result = await server.store.query(
      `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dqv: <http://www.w3.org/ns/dqv#>
       SELECT (COUNT(DISTINCT ?d) AS ?datasets) (COUNT(DISTINCT ?m) AS ?scored) WHERE {
         ?c dcat:dataset ?d . OPTIONAL { ?d dqv:hasQualityMeasurement ?m . ?m dqv:isMeasurementOf <https://w3id.org/maillage/ontology/fair#score-F> } }`,
    );
    if (result.form !== 'SELECT') throw new Error('expected bindings');
    const row = result.bindings[0]!;
    // 500 repository datasets + 117 published portal datasets.
    expect(Number(row.datasets!.value)).toBe(617);
    expect(Number(row.scored!.value)).toBe(617);
  });

  it('gives one record its report as JSON and as a SHACL ValidationReport', async () => {
    const id = encodeURIComponent('0b6c1d2e-0000-4000-8000-000000000039');
    const json = (await (await fetch(`${server.url}/validation/demo/${id}`)).json()) as { status: string; report: { conforms: boolean; findings: Array<{ core: boolean; path: string }> }; fair: { scores: Record<string, number> } };
    expect(json.status).toBe('quarantined');
    expect(json.report.findings.some((f) => f.core && f.path.includes('landingPage'))).toBe(true);
    const turtle = await fetch(`${server.url}/validation/demo/${id}`, { headers: { accept: 'text/turtle' } });
    expect(await turtle.text()).toMatch(/sh:ValidationReport[\s\S]*sh:conforms false/);
    const missing = await fetch(`${server.url}/validation/demo/no-such-record`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
