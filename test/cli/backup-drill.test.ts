// The backup drill: `maillage backup` copies a running service's DATA_DIR while writes go on (and
// the store writes snapshots), `maillage restore` puts it in an empty DATA_DIR as on a new machine,
// and the restored service holds every raw record (same count and checksum of every record), every
// graph acknowledged before the backup began, and the same catalogue counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recordsFingerprint } from '../../src/records/data-dir-backup.js';
import { adminToken, spawnService, type ServiceProcess } from '../support/service.js';

const root = mkdtempSync(path.join(tmpdir(), 'maillage-backup-drill-'));
const original = path.join(root, 'original');
const backup = path.join(root, 'backup');
const restored = path.join(root, 'restored');
const services: ServiceProcess[] = [];
const env = { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2', SNAPSHOT_AFTER_OPS: '40', SQLITE_SYNCHRONOUS: 'NORMAL' };
const admin = { authorization: `Bearer ${adminToken}` };

afterAll(() => {
  for (const service of services) service.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const cli = (args: string[], dataDir: string) => spawnSync(process.execPath, ['bin/maillage.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
const put = (url: string, n: number) => fetch(`${url}/rdf-graph-store?graph=urn:drill:${n}`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/n-triples' }, body: `<urn:drill:s${n}> <urn:drill:p> "write ${n}" .\n` });
const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { store: { quads: number } };
const catalogueCounts = async (url: string) => {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(first: 0) { totalCount facets { type { value count } } } }' }) });
  return ((await response.json()) as { data: unknown }).data;
};

async function stop(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  await service.exited;
}

describe('backup and restore', () => {
  it('restores on an empty DATA_DIR what a running, writing service held when the backup began', async () => {
    const service = await spawnService(original, env);
    services.push(service);
    // Writes acknowledged before the backup (enough to make the store write snapshots).
    for (let n = 0; n < 60; n += 1) expect((await put(service.url, n)).status).toBe(201);
    const counts = await catalogueCounts(service.url);
    // The backup runs while writes go on.
    let writing = true;
    let n = 60;
    const writes = (async () => {
      while (writing) expect([200, 201, 204]).toContain((await put(service.url, n++)).status);
    })();
    const made = cli(['backup', backup], original);
    writing = false;
    await writes;
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/raw records, \d+ journal entries, snapshot \d+/);
    await stop(service);

    // A new machine: an empty DATA_DIR.
    const back = cli(['restore', backup], restored);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stderr).toMatch(/checksum verified/);
    const before = new Database(path.join(original, 'maillage.sqlite'), { readonly: true });
    const after = new Database(path.join(restored, 'maillage.sqlite'), { readonly: true });
    try {
      expect(recordsFingerprint(after)).toEqual(recordsFingerprint(before));
    } finally {
      before.close();
      after.close();
    }
    // Restoring over existing data is refused.
    expect(cli(['restore', backup], restored).stderr).toMatch(/already holds data/);

    const again = await spawnService(restored, env);
    services.push(again);
    for (let k = 0; k < 60; k += 1) {
      const graph = await fetch(`${again.url}/rdf-graph-store?graph=urn:drill:${k}`, { headers: { accept: 'application/n-triples' } });
      expect(await graph.text(), `graph ${k}`).toContain(`"write ${k}"`);
    }
    expect(await catalogueCounts(again.url)).toEqual(counts);
    expect((await health(again.url)).store.quads).toBeGreaterThan(0);
    await stop(again);
  }, 300_000);
});
