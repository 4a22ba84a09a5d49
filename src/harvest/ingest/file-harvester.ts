// Owns `maillage ingest`: files (or every file of a folder, in name order) taken in as pages of one
// run, through the same run and system-of-record path as a live harvest; the checkpoint is the
// index of the next file, so an interrupted ingest resumes where it stopped.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HarvestPage } from '../../records/index.js';
import type { Harvester, HarvestStart } from '../harvester.js';
import { readFileRecords } from './file-records.js';

export function filesOf(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export class FileHarvester implements Harvester {
  readonly protocol = 'file';

  constructor(
    private readonly files: string[],
    private readonly formatHint?: string,
  ) {}

  async *pages(start: HarvestStart): AsyncGenerator<HarvestPage> {
    for (let index = Number(start.cursor || 0); index < this.files.length; index += 1) {
      const file = this.files[index]!;
      const next = index + 1 < this.files.length ? String(index + 1) : null;
      try {
        const { records, failures } = await readFileRecords(file, this.formatHint);
        yield { records, failures, next };
      } catch (error) {
        yield { records: [], failures: [{ recordId: null, reason: (error as Error).message }], next };
      }
    }
  }
}
