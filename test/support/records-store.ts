// A system of record on a fresh temporary DATA_DIR, plus a replay server, for harvest tests.
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { temporaryDataDir } from './embedded-store.js';
import { startReplayServer, type Route } from './replay-server.js';

/** Starts a replay server and opens records; every resource is registered for cleanup. */
export async function harvestFixture(route: Route, cleanups: Array<() => unknown>) {
  const server = await startReplayServer(route);
  const data = temporaryDataDir('harvest');
  const db = openRecordsDatabase(data.dir, { synchronous: 'NORMAL' });
  cleanups.push(() => server.close(), () => db.close(), data.remove);
  return { server, records: new RawRecordStore(db) };
}
