// The DCAT feed checked by a validator that is not ours: every page of /catalog, on the demo
// catalogue, read back and merged into one graph (each page's blank nodes kept apart), validated by
// Apache Jena's SHACL engine (scripts/jena-shacl.sh) with the published DCAT-AP 3.0.1 shapes. The
// union must have no violation: catalogue-level statements are the same on every page.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { startTestServer } from '../support/service.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const jenaMissing = spawnSync('bash', ['-c', 'command -v java && test -f /usr/share/java/jena-shacl.jar']).status === 0 ? null : 'Jena SHACL not installed (apt-get install libapache-jena-java default-jre-headless)';
const skipped = sharedDataMissing ?? jenaMissing;

describe.skipIf(skipped !== null)(`the union of all /catalog pages under Jena SHACL${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-jena-'));
    server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has no violation of the published DCAT-AP 3 shapes', async () => {
    const union: Quad[] = [];
    let modified = new Set<string>();
    for (let page = 1, last = 1; page <= last; page += 1) {
      const response = await fetch(`${server.url}/catalog?page=${page}&pageSize=200`, { headers: { accept: 'text/turtle' } });
      expect(response.status).toBe(200);
      last = Number(/[?&]page=(\d+)[^>]*>; rel="last"/.exec(response.headers.get('link') ?? '')?.[1] ?? 1);
      const quads = new Parser({ format: 'text/turtle', blankNodePrefix: `p${page}_` }).parse(await response.text());
      modified = new Set([...modified, ...quads.filter((q) => q.subject.value === `https://w3id.org/maillage/catalog` && q.predicate.value === 'http://purl.org/dc/terms/modified').map((q) => q.object.value)]);
      union.push(...quads);
    }
    expect(modified.size).toBe(1);
    const dataFile = path.join(dataDir, 'catalog-union.nt');
    writeFileSync(dataFile, new Writer({ format: 'N-Triples' }).quadsToString(union));
    const shapes = ['shapes.ttl', 'range.ttl'].map((f) => path.join(sharedDataDir, 'dcat-ap/3.0.1/html/shacl', f)).join(',');
    const report = execFileSync('bash', ['scripts/jena-shacl.sh', shapes, dataFile], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const violations = report.split('sh:ValidationResult').length - 1;
    process.stdout.write(`Jena SHACL: ${union.length} triples from /catalog, ${violations} violation(s)\n`);
    expect(violations, report.slice(0, 4000)).toBe(0);
    expect(report).toMatch(/sh:conforms\s+true/);
  }, 240_000);
});
