// `maillage reindex` derives every record of every source: a page of records that crosses from one
// source to the next (the derive batch is one source's) must not leave the next source's first
// records underived. Found by bench scale, where 200 of 360 replayed real records stayed unpublished.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoCatalogue } from '../../src/demo/index.js';
import { FileHarvester, runHarvest } from '../../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';

const data = temporaryDataDir();
afterAll(() => data.remove());

describe('reindex across sources', () => {
  it('derives every raw record of every source once', async () => {
    const db = openRecordsDatabase(data.dir, { synchronous: 'NORMAL' });
    const raw = new RawRecordStore(db);
    for (const [source, datasets] of [['demo', 60], ['demo-two', 20]] as const) {
      const shape = { datasets, publications: datasets / 2, software: datasets / 4, portalDatasets: datasets / 4, organisations: 40 };
      const { files } = writeDemoCatalogue(path.join(data.dir, `generated-${source}`), shape);
      await runHarvest(raw, source, new FileHarvester(files), { full: true });
    }
    db.close();

    const reindex = spawnSync(process.execPath, ['bin/maillage.js', 'reindex'], {
      env: { ...process.env, DATA_DIR: data.dir, DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', DERIVE_WORKERS: '1', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(reindex.status, reindex.stderr).toBe(0);

    const check = new Database(path.join(data.dir, 'maillage.sqlite'), { readonly: true });
    const counts = (sql: string) => Object.fromEntries((check.prepare(sql).all() as Array<{ source: string; n: number }>).map((r) => [r.source, r.n]));
    const rawCounts = counts('SELECT source, count(*) AS n FROM raw_records GROUP BY source');
    const derived = counts('SELECT source, count(*) AS n FROM record_derivations GROUP BY source');
    check.close();
    // The first source's records do not fill whole batches of 250: the boundary falls inside one.
    expect(rawCounts.demo! % 250).not.toBe(0);
    expect(rawCounts['demo-two']).toBeGreaterThan(0);
    expect(derived).toEqual(rawCounts);
  }, 300_000);
});
