// The harvest stage: one module per source protocol, each yielding pages of raw records.
export { runHarvest, type RunHarvestOptions } from './run-harvest.js';
export { createHarvester } from './create-harvester.js';
export { loadSources, sourcePriorities, SourcesConfigError, type SourceConfig } from './sources.js';
export { sourceSchema, protocols } from './source-schemas.js';
export { FileHarvester, filesOf } from './ingest/file-harvester.js';
export { PoliteHttpClient, defaultUserAgent } from './polite-http-client.js';
export type { Harvester, HarvestStart } from './harvester.js';
export { ServiceHarvests, type ServiceHarvestsOptions } from './service-harvests.js';
