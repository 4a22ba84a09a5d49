// Opens an embedded store on a fresh temporary DATA_DIR for a test.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/log/index.js';
import { openEmbeddedGraphStore, type EmbeddedGraphStore, type EmbeddedGraphStoreOptions } from '../../src/store/index.js';

export function temporaryDataDir(label = 'store'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `maillage-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function embeddedOptions(dataDir: string, overrides: Partial<EmbeddedGraphStoreOptions> = {}): EmbeddedGraphStoreOptions {
  return {
    dataDir,
    replicas: 2,
    capacityQuads: 1_000_000,
    snapshotAfterOps: 1000,
    snapshotAfterBytes: 1 << 30,
    synchronous: 'NORMAL',
    queryTimeoutMs: 10_000,
    logger: silentLogger,
    ...overrides,
  };
}

export function openTestStore(dataDir: string, overrides: Partial<EmbeddedGraphStoreOptions> = {}): Promise<EmbeddedGraphStore> {
  return openEmbeddedGraphStore(embeddedOptions(dataDir, overrides));
}

/** N-Triples for `count` subjects, each with a few catalogue-like properties. */
export function sampleTriples(count: number, prefix = 'http://example.org/'): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    lines.push(`<${prefix}d${i}> <http://purl.org/dc/terms/title> "Jeu de données ${i}"@fr .`);
  }
  return lines.join('\n');
}
