// Owns one harvest run: take over an unfinished run or start one (incremental from the last
// completed run unless full), feed each page to the system of record as one transaction, and
// leave a report. A bad record is data in the report; only the source failing ends a run early.
import { diskFullErrorOf } from '../errors/index.js';
import type { HarvestRun, RawRecordStore, RunCounts } from '../records/index.js';
import type { Harvester } from './harvester.js';

export interface RunHarvestOptions {
  full?: boolean;
  onPage?: (run: HarvestRun, page: RunCounts & { records: number }) => void;
  onResume?: (run: HarvestRun) => void;
  /** Called as soon as the run is recorded (before any request to the source). */
  onBegin?: (run: HarvestRun) => void;
}

export async function runHarvest(records: RawRecordStore, source: string, harvester: Harvester, options: RunHarvestOptions = {}): Promise<HarvestRun> {
  const { run, resumed } = records.beginRun(source, harvester.protocol, { full: options.full ?? false });
  options.onBegin?.(run);
  if (resumed) options.onResume?.(run);
  // Killed after committing the last page but before closing the run: nothing is left to fetch.
  if (resumed && run.pages > 0 && run.cursor === null) return records.finishRun(run.id, 'completed');
  try {
    for await (const page of harvester.pages({ cursor: run.cursor, from: run.fromDatestamp })) {
      const counts = records.commitPage(run.id, source, page);
      options.onPage?.(records.run(run.id)!, { ...counts, records: page.records.length });
    }
    return records.finishRun(run.id, 'completed');
  } catch (error) {
    const diskFull = diskFullErrorOf(error);
    if (diskFull) {
      // The page's transaction was rolled back: the run stays open, and the next run of this
      // source (once there is space) goes on from the last committed page.
      try {
        records.interruptRun(run.id, diskFull.message);
      } catch {
        // Still no room even for that: the next run takes the run over, as its process is gone.
      }
      throw diskFull;
    }
    return records.finishRun(run.id, 'failed', (error as Error).message);
  }
}
