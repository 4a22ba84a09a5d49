// Owns exclusive use of a DATA_DIR by one process: two processes writing one journal would each
// hold a store the other cannot see. A lock left by a killed process is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UnavailableError } from '../../errors/index.js';
import { isProcessAlive } from '../../records/index.js';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'maillage.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new UnavailableError(
          `The data directory ${dataDir} is in use by process ${holder} (a running server?). Stop it, or send the change through its HTTP API.`,
          { dataDir, pid: holder },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new UnavailableError(`Could not lock the data directory ${dataDir}`);
}
