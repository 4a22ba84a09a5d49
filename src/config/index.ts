export { loadConfig, ConfigError, resolveDcatApShapes } from './load-config.js';
export type { Config, EmbeddedStoreConfig, RemoteStoreConfig } from './load-config.js';
