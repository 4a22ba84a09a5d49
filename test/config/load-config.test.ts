// Configuration: defaults, environment over file, every problem listed at once, secrets only from env.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

function configFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'maillage-config-')), 'maillage.config.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('loadConfig', () => {
  it('has documented defaults: embedded store, port 3030, 30 s query timeout', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ store: 'embedded', port: 3030, host: '127.0.0.1', dataDir: 'data', queryTimeoutMs: 30_000 });
    expect(config.embedded).toMatchObject({ replicas: 2, capacityQuads: 10_000_000, synchronous: 'FULL' });
    expect(Object.isFrozen(config) && Object.isFrozen(config.embedded)).toBe(true);
  });

  it('reads the file named by MAILLAGE_CONFIG, and the environment wins over it', () => {
    const file = configFile({ port: 4000, queryTimeoutMs: 5000, embedded: { replicas: 3 } });
    const config = loadConfig({ MAILLAGE_CONFIG: file, PORT: '5000' });
    expect(config).toMatchObject({ port: 5000, queryTimeoutMs: 5000, embedded: { replicas: 3 } });
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', STORE: 'remote', QUERY_TIMEOUT_MS: '-1' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^port:/), expect.stringMatching(/^queryTimeoutMs:/), expect.stringMatching(/REMOTE_QUERY_URL/)]),
    );
  });

  it("refuses a bulk folder that could not stand in Virtuoso's SQL as it is, and the bulk path without one", () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ STORE: 'remote', REMOTE_QUERY_URL: 'http://127.0.0.1:8890/sparql', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ REMOTE_BULK_DIR: "/var/lib/it's" })).toEqual([expect.stringMatching(/^remote.bulkDir \(REMOTE_BULK_DIR\): may hold only/)]);
    expect(problems({ REMOTE_BULK_DIR: 'relative/bulk' })).toEqual([expect.stringMatching(/REMOTE_BULK_DIR.*absolute/)]);
    expect(problems({ REMOTE_BULK_DIR: '/var/lib/maillage/bulk', REMOTE_BULK_DIR_AT_SERVER: '/data\\bulk' })).toEqual([expect.stringMatching(/REMOTE_BULK_DIR_AT_SERVER/)]);
    expect(problems({ REMOTE_WRITE_PROTOCOL: 'virtuoso-bulk' })).toEqual([expect.stringMatching(/REMOTE_BULK_DIR.*required/)]);
    expect(loadConfig({ STORE: 'remote', REMOTE_QUERY_URL: 'http://127.0.0.1:8890/sparql', REMOTE_BULK_DIR: '/var/lib/maillage/bulk' }).remote.bulkDir).toBe('/var/lib/maillage/bulk');
  });

  it('refuses secrets written in the config file', () => {
    const file = configFile({ adminToken: 'a-secret-token-in-a-file' });
    expect(() => loadConfig({ MAILLAGE_CONFIG: file })).toThrow(/secrets are read only from the environment/);
  });

  it('reports an unreadable config file by name', () => {
    expect(() => loadConfig({ MAILLAGE_CONFIG: '/nonexistent/maillage.json' })).toThrow(/\/nonexistent\/maillage\.json/);
  });
});
