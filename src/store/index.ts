// The graph store stage: one GraphStore interface, an embedded and a remote backend.
import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { openEmbeddedGraphStore } from './embedded/embedded-graph-store.js';
import type { GraphStore } from './graph-store.js';
import { RemoteGraphStore } from './remote/remote-graph-store.js';

export type * from './graph-store.js';
export { EmbeddedGraphStore, openEmbeddedGraphStore, type EmbeddedGraphStoreOptions } from './embedded/embedded-graph-store.js';
export { RemoteGraphStore, type RemoteGraphStoreOptions } from './remote/remote-graph-store.js';
export { parseSparql, queryFormOf } from './sparql-request.js';
export { correctedQueryText } from './embedded/query-corrections.js';

/** Opens the backend the configuration names; the embedded one takes DATA_DIR for itself. */
export async function openGraphStore(config: Readonly<Config>, logger: Logger): Promise<GraphStore> {
  if (config.store === 'remote') {
    const store = new RemoteGraphStore({
      queryUrl: config.remote.queryUrl!,
      ...(config.remote.updateUrl ? { updateUrl: config.remote.updateUrl } : {}),
      ...(config.remote.graphStoreUrl ? { graphStoreUrl: config.remote.graphStoreUrl } : {}),
      ...(config.remote.user ? { user: config.remote.user } : {}),
      ...(config.remote.password ? { password: config.remote.password } : {}),
      defaultGraph: config.remote.defaultGraph,
      maxRequestBytes: config.remote.maxRequestBytes,
      writeConcurrency: config.remote.writeConcurrency,
      ...(config.remote.writeProtocol ? { writeProtocol: config.remote.writeProtocol } : {}),
      ...(config.remote.bulkDir ? { bulkFolder: { dir: config.remote.bulkDir, ...(config.remote.bulkDirAtServer ? { dirAtServer: config.remote.bulkDirAtServer } : {}) } } : {}),
      maxSortedRows: config.remote.maxSortedRows,
      writeWaitMs: config.remote.writeWaitMs,
      queryTimeoutMs: config.queryTimeoutMs,
      logger,
    });
    await store.start();
    return store;
  }
  return openEmbeddedGraphStore({ dataDir: config.dataDir, queryTimeoutMs: config.queryTimeoutMs, publicWaitMs: config.sparqlQueueWaitMs, logger, ...config.embedded });
}

/** Parses RDF in any syntax we read into canonical N-Quads, in this thread (for CLI work on files). */
export { prepareRdf as parseRdfToNQuads } from './worker/rdf-preparation.js';
export { spawnWorker, siblingModule } from './worker/spawn-worker.js';
