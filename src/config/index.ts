export { loadConfig, ConfigError, resolveDcatApShapes, bundledDcatApShapes } from './load-config.js';
export type { Config, EmbeddedStoreConfig, RemoteStoreConfig } from './load-config.js';
