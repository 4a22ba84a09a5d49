// What the embedded backend promises beyond the contract: durability across restarts, snapshots,
// runaway queries cut without stopping the store, capacity refusal, one process per DATA_DIR.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CapacityExceededError, QueryTimeoutError, UnavailableError } from '../../src/errors/index.js';
import { mediaTypes } from '../../src/rdf/index.js';
import type { EmbeddedGraphStore } from '../../src/store/index.js';
import { snapshotThresholds } from '../../src/store/embedded/embedded-graph-store.js';
import { openTestStore, sampleTriples, temporaryDataDir } from '../support/embedded-store.js';

const count = async (store: EmbeddedGraphStore, where = '?s ?p ?o'): Promise<number> => {
  const result = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { ${where} }`);
  return result.form === 'SELECT' ? Number(result.bindings[0]!.n!.value) : NaN;
};

describe('EmbeddedGraphStore', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function freshStore(overrides: Parameters<typeof openTestStore>[1] = {}) {
    const data = temporaryDataDir();
    cleanups.push(data.remove);
    const store = await openTestStore(data.dir, overrides);
    cleanups.push(() => store.close());
    return { store, dir: data.dir };
  }

  it('keeps every acknowledged write across a restart, with and without snapshots', async () => {
    const { store, dir } = await freshStore({ snapshotAfterOps: 4 });
    for (let i = 0; i < 10; i += 1) {
      await store.replaceGraph(`urn:test:g${i}`, { data: sampleTriples(5, `http://example.org/${i}/`), format: mediaTypes.nTriples });
    }
    await store.update('DELETE WHERE { GRAPH <urn:test:g0> { ?s ?p ?o } }');
    await store.load({ data: sampleTriples(7), format: mediaTypes.nTriples });
    await store.close();
    expect(readdirSync(path.join(dir, 'snapshots')).filter((name) => name.endsWith('.nq')).length).toBe(1);

    const reopened = await openTestStore(dir);
    cleanups.push(() => reopened.close());
    expect(await count(reopened)).toBe(9 * 5 + 7);
    expect(await count(reopened, 'GRAPH <urn:test:g0> { ?s ?p ?o }')).toBe(0);
    expect((await reopened.stats()).graphs).toBe(9);
  });

  it('lets the journal grow with the store between snapshots, so snapshots of a growing store cost O(N) in all', () => {
    const options = { snapshotAfterOps: 20_000, snapshotAfterBytes: 128 * 1024 * 1024 };
    expect(snapshotThresholds(options, 0)).toEqual({ ops: 20_000, bytes: 128 * 1024 * 1024 });
    // A 1.5 GB snapshot (10 million quads): the next one after 750 MB of journal, or 50,000 operations.
    expect(snapshotThresholds(options, 1_500_000_000)).toEqual({ ops: 50_000, bytes: 750_000_000 });
    // Total snapshot bytes while a store grows to 6 GB, written whenever the journal reaches the threshold.
    let store = 0;
    let written = 0;
    let newest = 0;
    while (store < 6e9) {
      store += snapshotThresholds(options, newest).bytes;
      newest = store;
      written += store;
    }
    expect(written / store).toBeLessThan(3.5);
  });

  it('stops a runaway query at its time limit and keeps serving, then rebuilds the replica', async () => {
    const { store } = await freshStore({ replicas: 2 });
    await store.replaceGraph('urn:test:big', { data: sampleTriples(2000), format: mediaTypes.nTriples });
    const started = Date.now();
    const runaway = store.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { timeoutMs: 500 });
    await expect(runaway).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    // The other replica answers at once; the ended one comes back with the same data.
    expect(await count(store)).toBe(2000);
    await expect.poll(async () => (await store.stats()).details.replicas, { timeout: 20_000 }).toEqual([
      expect.objectContaining({ ready: true }),
      expect.objectContaining({ ready: true }),
    ]);
    for (let i = 0; i < 4; i += 1) expect(await count(store)).toBe(2000);
  });

  it('survives a timeout with a single replica: later queries wait for the rebuild', async () => {
    const { store } = await freshStore({ replicas: 1 });
    await store.replaceGraph('urn:test:big', { data: sampleTriples(1500), format: mediaTypes.nTriples });
    await expect(store.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }', { timeoutMs: 300 })).rejects.toBeInstanceOf(
      QueryTimeoutError,
    );
    expect(await count(store)).toBe(1500);
  });

  it('refuses a write that would pass its capacity, writing nothing, and says how to go on', async () => {
    const { store } = await freshStore({ capacityQuads: 100 });
    await store.replaceGraph('urn:test:a', { data: sampleTriples(60), format: mediaTypes.nTriples });
    const error = await store.replaceGraph('urn:test:b', { data: sampleTriples(60, 'http://example.org/b/'), format: mediaTypes.nTriples }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CapacityExceededError);
    expect((error as Error).message).toMatch(/STORE_CAPACITY_QUADS/);
    expect(await count(store)).toBe(60);
    // Replacing a graph by one of the same size stays within capacity.
    await store.replaceGraph('urn:test:a', { data: sampleTriples(60, 'http://example.org/c/'), format: mediaTypes.nTriples });
    await expect(store.load({ data: sampleTriples(50, 'http://example.org/d/'), format: mediaTypes.nTriples })).rejects.toBeInstanceOf(CapacityExceededError);
  });

  it('refuses a second process on the same DATA_DIR with a clear message', async () => {
    const { dir } = await freshStore();
    // The lock names its holder; a second open from this process is refused the same way.
    const { lockDataDir } = await import('../../src/store/embedded/data-dir-lock.js');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'maillage.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(UnavailableError);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
  });

  it('splits a large blank-node-free load into journal chunks and reports progress', async () => {
    const { store } = await freshStore({ loadChunkQuads: 100 });
    const progress: number[] = [];
    await store.load({ data: sampleTriples(450), format: mediaTypes.nTriples }, { onProgress: (loaded) => progress.push(loaded) });
    expect(progress).toEqual([100, 200, 300, 400, 450]);
    expect(await count(store)).toBe(450);
  });

  it('keeps a failed update out of the journal and reports it', async () => {
    const { store, dir } = await freshStore();
    await store.replaceGraph('urn:test:a', { data: sampleTriples(3), format: mediaTypes.nTriples });
    await expect(store.update('LOAD <http://example.org/nowhere>')).rejects.toThrow(/update failed/);
    await store.close();
    const reopened = await openTestStore(dir);
    cleanups.push(() => reopened.close());
    expect(await count(reopened)).toBe(3);
  });
});
