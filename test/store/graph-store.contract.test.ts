// Runs the GraphStore contract against the embedded backend and against a real Virtuoso.
import { inject } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { RemoteGraphStore } from '../../src/store/index.js';
import { openTestStore, temporaryDataDir } from '../support/embedded-store.js';
import { describeGraphStoreContract } from './graph-store-contract.js';

describeGraphStoreContract('embedded (Oxigraph)', async () => {
  const data = temporaryDataDir('contract');
  // Snapshots every 5 writes, so the contract also runs across journal truncations.
  const store = await openTestStore(data.dir, { snapshotAfterOps: 5 });
  return { store, cleanup: async () => (await store.close(), data.remove()) };
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
