// Writes of many records to a real Virtuoso: packed into requests under the size the server takes,
// several in flight; a record the server refuses found by splitting and reported, the others
// written; a graph larger than one request replaced at once; no error carrying a request body.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { openRecordsDatabase, RecordDerivations } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { silentLogger } from '../../src/log/index.js';
import { mediaTypes } from '../../src/rdf/index.js';
import { RemoteGraphStore } from '../../src/store/index.js';
import { UpstreamError } from '../../src/errors/index.js';
import { packRequests, replacementRequest, serverAtFault, writeGraphsInBatches } from '../../src/store/remote/batched-graph-writes.js';
import { SparqlProtocolClient } from '../../src/store/remote/sparql-protocol-client.js';
import { VirtuosoBulkLoader } from '../../src/store/remote/virtuoso-bulk-loader.js';

const virtuoso = inject('virtuoso');
const ex = 'https://example.org/batched/';

function record(i: number, extra = ''): string {
  const lines = Array.from({ length: 20 }, (_, k) => `<${ex}r${i}> <${ex}p${k}> "value ${k} of record ${i}, long enough to weigh like a real field" .`);
  return `${lines.join('\n')}\n${extra}`;
}

describe('packing graph writes into requests', () => {
  it('keeps each request under the limit, and a graph whole', () => {
    const parts = Array.from({ length: 10 }, (_, i) => ({ graph: `${ex}g${i}`, ntriples: 'x'.repeat(200), hasBlankNodes: false }));
    const requests = packRequests(parts, 1000);
    expect(requests.map((r) => r.length)).toEqual([3, 3, 3, 1]);
    expect(requests.flat()).toEqual(parts);
    const big = { graph: `${ex}big`, ntriples: 'x'.repeat(5000), hasBlankNodes: false };
    expect(packRequests([big], 1000)).toEqual([[big]]);
  });

  it('sends a deadlocked request again rather than blaming a record in it', () => {
    // Virtuoso's words when two replacements of the same graphs met (seen with 4 requests in flight).
    const deadlock = new UpstreamError('The remote store answered HTTP 500: Virtuoso 40001 Error SR172: Transaction deadlocked', { status: 500 });
    const refusal = new UpstreamError('The remote store answered HTTP 500: Virtuoso 22023 Error SR553: Literal of type xsd:duration can not be created', { status: 500 });
    expect([serverAtFault(deadlock), serverAtFault(refusal)]).toEqual([true, false]);
  });

  it('replaces any number of graphs with two operations', () => {
    const request = replacementRequest([
      { graph: `${ex}a`, ntriples: `<${ex}s> <${ex}p> "1" .\n`, hasBlankNodes: false },
      { graph: `${ex}b`, ntriples: null, hasBlankNodes: false },
      { graph: `${ex}c`, ntriples: `<${ex}s> <${ex}p> "3" .\n`, hasBlankNodes: false },
    ]);
    expect(request.split(' ;\n')).toHaveLength(2);
    expect(request).toMatch(/^DELETE \{ GRAPH \?g \{ \?s \?p \?o \} \} WHERE \{ VALUES \?g \{ <https:\/\/example.org\/batched\/a> <https:\/\/example.org\/batched\/b> <https:\/\/example.org\/batched\/c> \}/);
    expect(request.match(/GRAPH </g)).toHaveLength(2);
  });
});

describe.skipIf(virtuoso.skipReason !== null)(`batched writes to Virtuoso${virtuoso.skipReason ? ` (skipped: ${virtuoso.skipReason})` : ''}`, () => {
  const open = (options: { maxRequestBytes: number; graphStore?: boolean; bulk?: boolean }) => {
    const { graphStoreUrl, bulkDir, ...endpoints } = virtuoso.endpoints!;
    return new RemoteGraphStore({
      ...endpoints,
      ...(options.graphStore ? { graphStoreUrl } : {}),
      ...(options.bulk ? { bulkFolder: { dir: bulkDir } } : {}),
      defaultGraph: 'urn:maillage:default-graph',
      queryTimeoutMs: 20_000,
      maxRequestBytes: options.maxRequestBytes,
      writeConcurrency: 4,
      logger: silentLogger,
    });
  };
  const count = async (store: RemoteGraphStore, graphPrefix: string) => {
    const result = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${graphPrefix}")) }`);
    return Number((result as { bindings: Array<Record<string, { value: string }>> }).bindings[0]!.n!.value);
  };

  const paths = [['SPARQL Update requests of 20 kB', { bulk: false }], ["Virtuoso's loader", { bulk: true }]] as const;

  it.each(paths)('writes 300 records through %s, one with a value SPARQL Update refuses', async (_, { bulk }) => {
    const store = open({ maxRequestBytes: 20_000, bulk });
    await store.start();
    const writes = Array.from({ length: 300 }, (_, i) => ({
      kind: 'replace' as const,
      graph: `${ex}${bulk}/batch/${i}`,
      // Record 137 carries a value Virtuoso cannot store (it parses as RDF: the server refuses it).
      payload: { data: record(i, i === 137 ? `<${ex}r${i}> <${ex}size> "twelve"^^<http://www.w3.org/2001/XMLSchema#integer> .\n` : ''), format: mediaTypes.nTriples },
    }));
    const result = await store.applyBatch(writes);
    if (bulk) {
      // Virtuoso's loader keeps such a value as written, as its Graph Store Protocol does (the
      // loader's own refusals are checked below, on text it cannot parse).
      expect(result.refused).toBeUndefined();
      expect(await count(store, `${ex}${bulk}/batch/`)).toBe(299 * 20 + 21);
      await store.close();
      return;
    }
    expect(result.refused?.map((r) => r.graph)).toEqual([`${ex}${bulk}/batch/137`]);
    expect(result.refused![0]!.reason).toMatch(/Invalid integer value/);
    // The reason is the server's words, never the request.
    expect(result.refused![0]!.reason.length).toBeLessThan(600);
    expect(result.refused![0]!.reason).not.toContain('INSERT');
    expect(await count(store, `${ex}${bulk}/batch/`)).toBe(299 * 20);
    // Replacing again replaces (each graph's DROP and INSERT travel together).
    await store.applyBatch(writes.filter((_, i) => i !== 137));
    expect(await count(store, `${ex}${bulk}/batch/`)).toBe(299 * 20);
    await store.close();
  }, 120_000);

  it.each(paths)('replaces the same graphs from three writers at once through %s: each graph whole (one version), none kept aside', async (_, { bulk }) => {
    const store = open({ maxRequestBytes: 20_000, bulk });
    await store.start();
    const writes = (round: number) => Array.from({ length: 400 }, (_, i) => ({
      kind: 'replace' as const,
      graph: `${ex}${bulk}/race/${i}`,
      payload: { data: record(i, `<${ex}r${i}> <${ex}round> "${round}" .\n`), format: mediaTypes.nTriples },
    }));
    await store.applyBatch(writes(0));
    const results = await Promise.all([store.applyBatch(writes(1)), store.applyBatch(writes(2)), store.applyBatch([...writes(3)].reverse())]);
    expect(results.flatMap((r) => r.refused ?? [])).toEqual([]);
    // Each graph is whole: its 20 statements and one round, whichever writer came last.
    expect(await count(store, `${ex}${bulk}/race/`)).toBe(400 * 21);
    await store.close();
  }, 180_000);

  it("finds the graph Virtuoso's loader refuses by splitting the batch, and a refused batch changes nothing", async () => {
    const { bulkDir, ...endpoints } = virtuoso.endpoints!;
    const loader = new VirtuosoBulkLoader(new SparqlProtocolClient(endpoints), { dir: bulkDir }, 20_000);
    const parts = Array.from({ length: 40 }, (_, i) => ({ graph: `${ex}loader/${i}`, ntriples: record(i), hasBlankNodes: false }));
    await loader.replace(parts);
    const store = open({ maxRequestBytes: 20_000 });
    expect(await count(store, `${ex}loader/`)).toBe(40 * 20);
    // Text the loader cannot parse (our own parser never lets it through: this stands for any refusal).
    const broken = parts.map((p, i) => ({ ...p, ntriples: i === 23 ? `<${ex}r23> <${ex}p> "unterminated .\n` : `<${ex}r${i}> <${ex}p> "new" .\n` }));
    await expect(loader.replace(broken)).rejects.toThrow(/NQuads|TriG|Turtle|loader/i);
    // Rolled back whole: every graph still holds its 20 statements.
    expect(await count(store, `${ex}loader/`)).toBe(40 * 20);
    const refused = await writeGraphsInBatches(broken, { maxRequestBytes: 1 << 20, concurrency: 2, send: (request) => loader.replace(request) });
    expect(refused.map((r) => r.graph)).toEqual([`${ex}loader/23`]);
    expect(refused[0]!.reason.length).toBeLessThan(700);
    expect(await count(store, `${ex}loader/`)).toBe(39 + 20);
    expect(readdirSync(bulkDir)).toEqual([]);
  }, 120_000);

  it("makes sure at start that Virtuoso indexes quads by graph (created once, then found)", async () => {
    const { bulkDir, ...endpoints } = virtuoso.endpoints!;
    const loader = new VirtuosoBulkLoader(new SparqlProtocolClient(endpoints), { dir: bulkDir }, 60_000);
    await loader.check();
    expect(await loader.check()).toEqual({ indexCreated: false });
  }, 120_000);

  it('refuses to start on a bulk folder Virtuoso may not read, naming the setting to change', async () => {
    const { bulkDir: _, ...endpoints } = virtuoso.endpoints!;
    // Outside /tmp, which Virtuoso lets its procedures read whatever DirsAllowed says.
    const outside = { dir: mkdtempSync(path.join(process.cwd(), '.bulk-not-allowed-')), remove: () => rmSync(outside.dir, { recursive: true, force: true }) };
    try {
      const store = new RemoteGraphStore({ ...endpoints, bulkFolder: { dir: outside.dir }, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
      await expect(store.start()).rejects.toThrow(/DirsAllowed/);
      await store.close();
    } finally {
      outside.remove();
    }
  }, 60_000);

  it('replaces a graph larger than one request at once through the Graph Store Protocol, or in parts without it', async () => {
    const big = Array.from({ length: 3000 }, (_, k) => `<${ex}big> <${ex}p${k}> "a value of the big graph, number ${k}" .`).join('\n');
    for (const graphStore of [true, false]) {
      const store = open({ maxRequestBytes: 50_000, graphStore });
      await store.start();
      const graph = `${ex}large/${graphStore}`;
      await store.applyBatch([{ kind: 'replace', graph, payload: { data: big, format: mediaTypes.nTriples } }, { kind: 'replace', graph: `${ex}large/small-${graphStore}`, payload: { data: record(1), format: mediaTypes.nTriples } }]);
      expect(await count(store, graph)).toBe(3000);
      expect(await count(store, `${ex}large/small-${graphStore}`)).toBe(20);
      await store.close();
    }
  }, 120_000);

  it('derives a harvest into Virtuoso with the refused record kept aside with its reason, and the others published', () => {
    const data = temporaryDataDir('remote-derive');
    try {
      const file = path.join(data.dir, 'catalogue.ttl');
      const dataset = (i: number, extra = '') =>
        `<${ex}ds${i}> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Dataset ${i}" ; <http://purl.org/dc/terms/identifier> "ds-${i}" ; <http://www.w3.org/ns/dcat#landingPage> <${ex}page/${i}> ${extra}.`;
      writeFileSync(file, [dataset(1), dataset(2, `; <${ex}count> "twelve"^^<http://www.w3.org/2001/XMLSchema#integer> `), dataset(3)].join('\n'));
      const env = { ...process.env, DATA_DIR: data.dir, STORE: 'remote', REMOTE_QUERY_URL: virtuoso.endpoints!.queryUrl, REMOTE_UPDATE_URL: virtuoso.endpoints!.updateUrl, REMOTE_USER: virtuoso.endpoints!.user, REMOTE_PASSWORD: virtuoso.endpoints!.password, LOG_LEVEL: 'error' };
      const run = spawnSync(process.execPath, ['bin/maillage.js', 'ingest', file, '--name', 'remote-files'], { env, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const derive = spawnSync(process.execPath, ['bin/maillage.js', 'reindex', '--source', 'remote-files'], { env, encoding: 'utf8', timeout: 120_000 });
      expect(derive.status, derive.stderr).toBe(0);
      expect(derive.stderr).toMatch(/3 records: 2 published, 0 quarantined, 1 unmappable/);
      const db = openRecordsDatabase(data.dir);
      try {
        const derivations = new RecordDerivations(db);
        const status = (id: string) => derivations.get('remote-files', id);
        expect(status(`${ex}ds1`)?.status).toBe('published');
        expect(status(`${ex}ds3`)?.status).toBe('published');
        expect(status(`${ex}ds2`)).toMatchObject({ status: 'unmappable', error: expect.stringMatching(/graph store refused this record: .*Invalid integer value/) });
      } finally {
        db.close();
      }
    } finally {
      data.remove();
    }
  }, 180_000);
});
