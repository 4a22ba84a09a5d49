// Harvesting as a user runs it: the real CLI against a replayed repository, killed mid-harvest and
// resumed; ingest from disk; the reports over HTTP.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { listRecords } from '../support/oai-responses.js';
import { startReplayServer } from '../support/replay-server.js';
import { spawnService } from '../support/service.js';
import { sharedDataMissing, sharedFile, withoutXmlDeclaration } from '../support/shared-data.js';

const data = temporaryDataDir('harvest-cli');
afterAll(() => data.remove());

/** Runs the CLI without blocking this process, which may be serving the replayed source. */
function cli(args: string[], dataDir: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/maillage.js', ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => resolve({ status, stderr }));
  });
}

function recordsIn(dataDir: string): { store: RawRecordStore; close: () => void } {
  const db = openRecordsDatabase(dataDir, { synchronous: 'NORMAL' });
  return { store: new RawRecordStore(db), close: () => db.close() };
}

describe.skipIf(sharedDataMissing !== null)(`harvest from the command line${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  const fixtures = ['datacite-example-full-v4.4.xml', 'datacite-example-polygon.xml', 'datacite-example-geolocation.xml', 'datacite-multiple-rights.xml', 'datacite-funderIdentifier.xml'];
  const metadata = sharedDataMissing ? [] : fixtures.map((f) => withoutXmlDeclaration(sharedFile(`datacite/spec/fixtures/${f}`)));
  /** Five pages of four records each; records are named by page and position. */
  const page = (n: number) =>
    listRecords(
      Array.from({ length: 4 }, (_, i) => ({ id: `oai:repo:${n}-${i}`, datestamp: `2024-0${n}-0${i + 1}T00:00:00Z`, metadata: metadata[(n + i) % metadata.length] })),
      n < 5 ? { value: `page-${n + 1}`, completeListSize: 20 } : null,
    );

  it('resumes a harvest killed mid-run from its last committed page, with no record lost or doubled', async () => {
    let hangOnPage4 = true;
    const server = await startReplayServer((url) => {
      const token = url.searchParams.get('resumptionToken');
      const n = token ? Number(token.slice(5)) : 1;
      if (n === 4 && hangOnPage4) return { body: '', hang: true };
      return { body: page(n) };
    });
    const dir = path.join(data.dir, 'kill');
    try {
      const args = ['harvest', 'oai-pmh', `${server.url}/oai`, '--format', 'oai_datacite', '--name', 'repo'];
      const child = spawn(process.execPath, ['bin/maillage.js', ...args], { env: { ...process.env, DATA_DIR: dir }, stdio: 'ignore' });
      const deadline = Date.now() + 30_000;
      while (!server.requests.some((u) => u.searchParams.get('resumptionToken') === 'page-4')) {
        if (Date.now() > deadline) throw new Error('the harvest never asked for page 4');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      hangOnPage4 = false;
      const before = server.requests.length;
      const resumed = await cli(args, dir);
      expect(resumed.status).toBe(0);
      expect(resumed.stderr).toMatch(/resuming run 1 after page 3 \(checkpoint page-4\)/);
      expect(server.requests.slice(before).map((u) => u.searchParams.get('resumptionToken'))).toEqual(['page-4', 'page-5']);

      const { store, close } = recordsIn(dir);
      try {
        expect(store.runs()).toHaveLength(1);
        expect(store.run(1)).toMatchObject({ status: 'completed', pages: 5, new: 20, updated: 0, failed: 0 });
        expect(store.counts('repo')).toEqual({ records: 20, deleted: 0 });
      } finally {
        close();
      }
    } finally {
      await server.close();
    }
  });

  it('ingests recorded responses and exports from a folder, by the same path, and reports them', async () => {
    const folder = path.join(data.dir, 'exports');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '1-oai.xml'), page(1));
    writeFileSync(path.join(folder, '2-datacite.xml'), sharedFile('datacite/spec/fixtures/datacite-example-full-v4.4.xml'));
    writeFileSync(path.join(folder, '3-ror.json'), sharedFile('misc-records/ror/example_record_v2_1.json'));
    writeFileSync(path.join(folder, '4-dataverse.json'), sharedFile('dataverse/src/test/java/edu/harvard/iq/dataverse/export/ddi/dataset-finch1.json'));
    writeFileSync(path.join(folder, '5-catalog.rdf'), sharedFile('udata-dcat-fr/udata/harvest/tests/dcat/catalog.xml'));
    writeFileSync(path.join(folder, '6-broken.json'), '{"data": [');
    const dir = path.join(data.dir, 'ingest');
    const ingest = await cli(['ingest', folder, '--name', 'exports'], dir);
    expect(ingest.status).toBe(0);
    expect(ingest.stderr).toMatch(/completed: \d+ new, 0 updated, 0 unchanged, 0 deleted, 1 failed, 6 pages/);
    expect(ingest.stderr).toMatch(/kept aside \(page\): .*6-broken\.json: neither XML, RDF nor valid JSON/);

    const { store, close } = recordsIn(dir);
    try {
      // Four source formats, each read by the reader its live harvester uses.
      expect(store.record('exports', 'oai:repo:1-0')).toMatchObject({ format: 'oai_datacite' });
      expect(store.record('exports', '10.5072/example-full')).toMatchObject({ format: 'oai_datacite' });
      expect(store.record('exports', 'https://ror.org/00pjdza24')).toMatchObject({ format: 'ror-json' });
      expect(store.record('exports', 'doi:10.5072/FK2/PCA2E3')).toMatchObject({ format: 'dataverse-json' });
      expect(store.record('exports', 'http://data.test.org/datasets/1')).toMatchObject({ format: 'dcat-nquads' });
    } finally {
      close();
    }

    const service = await spawnService(dir);
    try {
      const list = (await (await fetch(`${service.url}/harvests?source=exports`)).json()) as { runs: Array<{ id: number; failed: number }> };
      expect(list.runs).toHaveLength(1);
      const report = (await (await fetch(`${service.url}/harvests/${list.runs[0]!.id}`)).json()) as { failures: Array<{ reason: string }> };
      expect(report.failures).toEqual([expect.objectContaining({ reason: expect.stringMatching(/6-broken\.json/) })]);
      expect((await fetch(`${service.url}/harvests/999`)).status).toBe(404);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });
});
