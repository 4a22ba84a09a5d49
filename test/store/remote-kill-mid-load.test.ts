// Virtuoso killed (SIGKILL) in the middle of a reindex written through its own loader: the run
// stops with a readable error, and once Virtuoso is back a second `maillage reindex` takes the
// unfinished run over. Then every published record has its graph in Virtuoso and no graph is
// there without its record: nothing acknowledged was lost, nothing was left half-written.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoCatalogue } from '../../src/demo/index.js';
import { FileHarvester, runHarvest } from '../../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { SparqlProtocolClient } from '../../src/store/remote/sparql-protocol-client.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { remoteStoreEnvironment, startVirtuoso, virtuosoUnavailableReason, type RunningVirtuoso } from '../support/virtuoso-server.js';

const missing = virtuosoUnavailableReason();
const data = temporaryDataDir('kill-mid-load');
let virtuoso: RunningVirtuoso;

async function recordGraphs(): Promise<string[]> {
  const client = new SparqlProtocolClient(virtuoso);
  const { body } = await client.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/maillage/record/")) }', 'application/sparql-results+json', { timeoutMs: 30_000 });
  return (JSON.parse(body) as { results: { bindings: Array<{ g: { value: string } }> } }).results.bindings.map((b) => b.g.value).sort();
}

describe.skipIf(missing !== null)(`Virtuoso killed in the middle of a load${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    const db = openRecordsDatabase(data.dir, { synchronous: 'NORMAL' });
    const { files } = writeDemoCatalogue(path.join(data.dir, 'generated'), { datasets: 400, publications: 200, software: 100, portalDatasets: 100, organisations: 40 });
    await runHarvest(new RawRecordStore(db), 'demo', new FileHarvester(files), { full: true });
    db.close();
  }, 180_000);

  afterAll(async () => {
    await virtuoso?.stop();
    data.remove();
  });

  it('stops the reindex with a readable error, and the next reindex finishes it: every published record in Virtuoso, nothing else', async () => {
    const env = {
      ...process.env,
      ...remoteStoreEnvironment(virtuoso, { bulk: true }),
      DATA_DIR: data.dir,
      DEMO_CATALOGUE: 'false',
      BUNDLED_THESAURUS: 'false',
      DERIVE_WORKERS: '1',
      REMOTE_WRITE_WAIT_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    const first = spawn(process.execPath, ['bin/maillage.js', 'reindex'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    first.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => first.once('exit', resolve));
    // Killed once the first batches are in, well before the last.
    for (let landed = 0; landed === 0; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      landed = (await recordGraphs()).length;
    }
    await virtuoso.halt();
    const code = await exited;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/remote store .* cannot be reached/);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // a message, not a stack

    await virtuoso.resume();
    const second = spawnSync(process.execPath, ['bin/maillage.js', 'reindex'], { env, encoding: 'utf8', timeout: 240_000 });
    expect(second.status, second.stderr).toBe(0);

    const check = new Database(path.join(data.dir, 'maillage.sqlite'), { readonly: true });
    const published = (check.prepare("SELECT graph FROM record_derivations WHERE status = 'published' ORDER BY graph").all() as Array<{ graph: string }>).map((r) => r.graph);
    const raw = (check.prepare('SELECT count(*) AS n FROM raw_records').get() as { n: number }).n;
    const derived = (check.prepare('SELECT count(*) AS n FROM record_derivations').get() as { n: number }).n;
    check.close();
    expect(derived).toBe(raw);
    expect(published.length).toBeGreaterThan(raw * 0.9);
    expect(await recordGraphs()).toEqual([...published].sort());
  }, 300_000);
});
