export { loadConfig, ConfigError, resolveDcatApShapes, bundledDcatApShapes, bulkFolderProblem } from './load-config.js';
export type { Config, EmbeddedStoreConfig, RemoteStoreConfig } from './load-config.js';
