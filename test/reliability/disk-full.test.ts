// A full disk under the data directory (a small tmpfs mounted for the test): a harvest that fills it
// stops with a clear message and leaves the system of record whole, then resumes where it stopped
// once there is room; the service refuses writes with 507 `disk-full` while reads, /health and the
// journal stay as they were, and every acknowledged write is there after a restart.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { adminToken, startTestServer } from '../support/service.js';

const work = mkdtempSync(path.join(tmpdir(), 'maillage-disk-full-'));
const mountPoint = path.join(work, 'small-disk');
mkdirSync(mountPoint);

/** Mounts (or resizes) a tmpfs of `megabytes` at the mount point; null when it worked, else why not. */
function sizeDisk(megabytes: number, remount: boolean): string | null {
  const args = ['-t', 'tmpfs', '-o', `${remount ? 'remount,' : ''}size=${megabytes}m`, 'tmpfs', mountPoint];
  const result = spawnSync('mount', args, { encoding: 'utf8' });
  return result.status === 0 ? null : `cannot mount a tmpfs here (${(result.stderr || result.error?.message || '').trim()}); the test needs root and mount`;
}

const mountMissing = process.platform === 'linux' ? sizeDisk(12, false) : 'a tmpfs needs Linux';

afterAll(() => {
  if (!mountMissing) spawnSync('umount', ['-l', mountPoint]);
  rmSync(work, { recursive: true, force: true });
});

const datacite = (i: number) => `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.57745/full-${i}</identifier>
<creators><creator><creatorName>Dupont, Jeanne</creatorName></creator></creators><titles><title xml:lang="fr">Mesures ${i}</title></titles>
<publisher>Recherche Data Gouv</publisher><publicationYear>2026</publicationYear><resourceType resourceTypeGeneral="Dataset">Dataset</resourceType>
<descriptions><description descriptionType="Abstract">${`Campagne ${i} de mesures. `.repeat(1500)}</description></descriptions></resource>`;

describe.skipIf(mountMissing !== null)(`a full disk${mountMissing ? ` (skipped: ${mountMissing})` : ''}`, () => {
  const dataDir = path.join(mountPoint, 'data');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false' };
  const ingest = (folder: string) => spawnSync(process.execPath, ['bin/maillage.js', 'ingest', folder, '--name', 'big'], { env, encoding: 'utf8' });
  const records = () => {
    const db = new Database(path.join(dataDir, 'maillage.sqlite'), { readonly: true });
    try {
      return {
        integrity: (db.prepare('PRAGMA integrity_check').pluck().get() as string),
        count: (db.prepare('SELECT COUNT(*) FROM raw_records').pluck().get() as number),
        run: db.prepare('SELECT status, cursor, error FROM harvest_runs ORDER BY id DESC LIMIT 1').get() as { status: string; cursor: string | null; error: string | null },
      };
    } finally {
      db.close();
    }
  };

  const folder = path.join(work, 'records');
  beforeAll(() => {
    mkdirSync(folder);
    // 400 records of about 38 kB: more than the 12 MB disk holds.
    for (let i = 0; i < 400; i += 1) writeFileSync(path.join(folder, `record-${String(i).padStart(4, '0')}.xml`), datacite(i));
  });

  it('stops a harvest that fills the disk with a clear message, keeps what it committed, and resumes from there once there is room', () => {
    const full = ingest(folder);
    expect(full.status, full.stderr).toBe(1);
    expect(full.stderr).toMatch(/maillage: The disk holding the data directory is full \(.*\); nothing already stored was lost/);
    expect(full.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
    const stopped = records();
    expect(stopped.integrity).toBe('ok');
    expect(stopped.count).toBeGreaterThan(0);
    expect(stopped.count).toBeLessThan(400);
    // The run stays open at its last committed page (one file per page).
    expect(stopped.run.status).toMatch(/^(interrupted|running)$/);
    expect(Number(stopped.run.cursor)).toBe(stopped.count);

    expect(sizeDisk(64, true)).toBeNull();
    const resumed = ingest(folder);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming run \\d+ after page ${stopped.count}`));
    const done = records();
    expect(done).toMatchObject({ integrity: 'ok', count: 400, run: { status: 'completed' } });
  }, 180_000);

  describe('under the running service', () => {
    let server: RunningServer | null = null;
    afterAll(async () => server?.close());

    it('refuses writes with 507 while the disk is full, keeps answering reads, and has every acknowledged write after a restart', async () => {
      const serviceDir = path.join(mountPoint, 'service');
      rmSync(dataDir, { recursive: true, force: true });
      expect(sizeDisk(6, true)).toBeNull();
      const serviceEnv = { DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', SNAPSHOT_AFTER_OPS: '20' };
      server = await startTestServer(serviceDir, serviceEnv);
      const put = (i: number) =>
        fetch(`${server!.url}/rdf-graph-store?graph=${encodeURIComponent(`https://example.org/graph/${i}`)}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/turtle' },
          body: `<https://example.org/s/${i}> <https://example.org/p> "${'x'.repeat(60_000)}" .`,
        });
      const acknowledged: number[] = [];
      let refusal: { status: number; type: string; detail: string } | null = null;
      for (let i = 0; i < 400 && !refusal; i += 1) {
        const response = await put(i);
        if (response.ok) acknowledged.push(i);
        else refusal = { status: response.status, ...((await response.json()) as { type: string; detail: string }) };
      }
      expect(refusal).toMatchObject({ status: 507, type: expect.stringMatching(/\/disk-full$/), detail: expect.stringMatching(/nothing already stored was lost/) });
      expect(acknowledged.length).toBeGreaterThan(10);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const count = async () => {
        const response = await fetch(`${server!.url}/sparql?query=${encodeURIComponent('SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')}`, { headers: { accept: 'application/sparql-results+json' } });
        return Number(((await response.json()) as { results: { bindings: Array<{ n: { value: string } }> } }).results.bindings[0]!.n.value);
      };
      expect(await count()).toBe(acknowledged.length);

      expect(sizeDisk(64, true)).toBeNull();
      const next = acknowledged.length + 1;
      expect((await put(next)).ok).toBe(true);
      acknowledged.push(next);
      await server.close();
      server = await startTestServer(serviceDir, serviceEnv);
      expect(await count()).toBe(acknowledged.length);
    }, 180_000);
  });
});
