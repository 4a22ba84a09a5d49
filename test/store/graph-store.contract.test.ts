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
/** The remote suites share one server: each leaves it as it found it, so the next sees only its own graphs. */
const clearedAndClosed = (store: RemoteGraphStore) => async () => {
  await store.update('DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "http://example.org/") || ?g = <urn:maillage:default-graph>) }');
  await store.close();
};
describeGraphStoreContract(
  'remote (Virtuoso 7, SPARQL 1.1 Protocol + Graph Store Protocol)',
  async () => {
    const store = new RemoteGraphStore({ ...virtuoso.endpoints!, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
    await store.start();
    return { store, cleanup: clearedAndClosed(store) };
  },
  virtuoso.skipReason,
);

describeGraphStoreContract(
  "remote (Virtuoso 7, writes through Virtuoso's own loader: REMOTE_BULK_DIR)",
  async () => {
    const { bulkDir, ...endpoints } = virtuoso.endpoints!;
    const store = new RemoteGraphStore({ ...endpoints, bulkFolder: { dir: bulkDir }, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
    await store.start();
    return { store, cleanup: clearedAndClosed(store) };
  },
  virtuoso.skipReason,
);
