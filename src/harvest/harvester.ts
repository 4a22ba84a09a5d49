// Owns the contract between the harvest runner and one source protocol: a harvester yields pages
// of raw records, starting from a checkpoint (where the last committed page ended).
import type { HarvestPage } from '../records/index.js';

/** A checkpoint that means "start the list again" (null after a page means the list is done). */
export const startOfList = '';

export interface HarvestStart {
  /** Where to go on (resumption token, cursor, next URL), or null to start the list. */
  cursor: string | null;
  /** Only records changed since this datestamp (incremental), or null for all. */
  from: string | null;
}

export interface Harvester {
  readonly protocol: string;
  pages(start: HarvestStart): AsyncGenerator<HarvestPage>;
}

/** The source broke the protocol in a way that ends the run (not a single bad record). */
export class HarvestProtocolError extends Error {
  override name = 'HarvestProtocolError';
}
