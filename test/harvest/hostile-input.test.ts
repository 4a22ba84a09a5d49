// Hostile and broken files taken in by the same path as a harvest (FileHarvester, runHarvest, the
// system of record), each beside a good record: XML external entities and entity expansion, deep
// nesting, invalid UTF-8 and wrong or unknown declared encodings, deep JSON, huge numbers, an
// oversized record, RDF with an invalid IRI, a huge literal and many blank nodes. Each is refused
// or kept aside with a reason that says what was wrong, nothing of it is stored, and the good
// record is stored every time. (`npm run bench -- hostile` runs the full-size versions and
// measures each one's time and peak memory.)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileHarvester, filesOf, runHarvest } from '../../src/harvest/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { hostileInputs, goodRecord } from '../../bench/hostile-inputs.js';
import { temporaryDataDir } from '../support/embedded-store.js';

const data = temporaryDataDir('hostile');
afterAll(() => data.remove());

async function ingest(name: string, content: string | Buffer) {
  const folder = path.join(data.dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `0-${name}`), content);
  writeFileSync(path.join(folder, '1-good.xml'), goodRecord);
  const db = openRecordsDatabase(path.join(data.dir, `db-${name.replace(/\W/g, '-')}`), { synchronous: 'NORMAL' });
  try {
    const records = new RawRecordStore(db);
    const started = performance.now();
    const run = await runHarvest(records, 'hostile', new FileHarvester(filesOf(folder)), { full: true });
    const ms = performance.now() - started;
    const stored = db.prepare('SELECT record_id FROM raw_records').pluck().all() as string[];
    return { run, failures: records.failures(run.id).map((f) => f.reason), stored, ms };
  } finally {
    db.close();
  }
}

describe('hostile input', () => {
  for (const input of hostileInputs('ci')) {
    it(`${input.name}: ${input.expect === 'refused' ? 'refused' : 'read safely'}, the good record stored`, async () => {
      const { run, failures, stored, ms } = await ingest(input.file, input.content());
      expect(run.status).toBe('completed');
      expect(stored).toContain('10.5072/good-record');
      if (input.expect === 'refused') {
        expect(failures.join('\n')).toMatch(input.reason!);
        expect(stored).toEqual(['10.5072/good-record']);
      } else {
        expect(failures).toEqual([]);
      }
      // Bounded time: none of them takes long (deep XML took minutes before the depth limit).
      expect(ms).toBeLessThan(30_000);
    }, 60_000);
  }
});
