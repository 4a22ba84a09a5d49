// Owns assembling the derive stage from the configuration: the engine (workers), the shapes
// (official DCAT-AP when found), and each source's quarantine policy from the sources file.
import { existsSync } from 'node:fs';
import { resolveDcatApShapes, type Config } from '../config/index.js';
import { loadSources } from '../harvest/index.js';
import type { Logger } from '../log/index.js';
import { RecordDerivations, type RawRecordStore, type RecordsDatabase } from '../records/index.js';
import { LinkIndex } from '../linking/index.js';
import { SearchIndex } from '../search/index.js';
import type { GraphStore } from '../store/index.js';
import type { QuarantinePolicy } from './derive-batch.js';
import { createDeriveEngine } from './derive-engine.js';
import { storedThesaurus } from './realign-records.js';
import type { DeriveDeps } from './derive-records.js';

export interface OpenedDerivation extends DeriveDeps {
  close(): Promise<void>;
}

export async function openDerivation(
  config: Readonly<Config>,
  logger: Logger,
  parts: { db: RecordsDatabase; records: RawRecordStore; store: GraphStore; sourcesFile?: string; workers?: number },
): Promise<OpenedDerivation> {
  const officialDir = resolveDcatApShapes(config);
  const policies = new Map<string, QuarantinePolicy>();
  if (parts.sourcesFile && existsSync(parts.sourcesFile)) {
    for (const source of loadSources(parts.sourcesFile)) policies.set(source.name, source.validation.quarantine);
  }
  // Keywords align to the thesaurus as the store holds it (terminology managers edit it there).
  const thesaurus = await storedThesaurus(parts.store);
  const engine = await createDeriveEngine({ base: config.iriBase, shapes: { officialDir }, workers: parts.workers ?? config.deriveWorkers, ...(thesaurus ? { thesaurus } : {}) });
  logger.info({ workers: engine.parallelism, officialShapes: officialDir }, 'derive stage ready');
  return {
    records: parts.records,
    derivations: new RecordDerivations(parts.db),
    store: parts.store,
    engine,
    search: new SearchIndex(parts.db),
    links: new LinkIndex(parts.db),
    policyOf: (source) => policies.get(source) ?? 'core',
    close: () => engine.close(),
  };
}
