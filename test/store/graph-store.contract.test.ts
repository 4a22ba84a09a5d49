// Runs the GraphStore contract against the embedded backend and against a real Virtuoso.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { openEmbeddedGraphStore, RemoteGraphStore } from '../../src/store/index.js';
import { describeGraphStoreContract } from './graph-store-contract.js';

describeGraphStoreContract('embedded (Oxigraph)', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-contract-'));
  const store = await openEmbeddedGraphStore({
    dataDir,
    replicas: 2,
    capacityQuads: 1_000_000,
    snapshotAfterOps: 5,
    snapshotAfterBytes: 1 << 30,
    synchronous: 'NORMAL',
    queryTimeoutMs: 10_000,
    logger: silentLogger,
  });
  return { store, cleanup: async () => (await store.close(), rmSync(dataDir, { recursive: true, force: true })) };
});

const virtuoso = inject('virtuoso');
describeGraphStoreContract(
  'remote (Virtuoso 7, SPARQL 1.1 Protocol + Graph Store Protocol)',
  async () => {
    const store = new RemoteGraphStore({ ...virtuoso.endpoints!, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
    await store.start();
    return { store, cleanup: () => store.close() };
  },
  virtuoso.skipReason,
);
