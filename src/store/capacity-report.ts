// Owns saying how full the embedded store is, in quads and in records (a record is one graph; its
// capacity in records is estimated from the store's own average of quads per graph), with a warning
// from 80% on, so an operator moves to the remote store before writes are refused.
import type { StoreStats } from './graph-store.js';

export interface CapacityReport {
  capacityQuads: number | null;
  capacityUsed: number | null;
  /** About how many record graphs the store can hold, at its current average size. */
  capacityRecords: number | null;
  warning: string | null;
}

export const capacityWarningShare = 0.8;

export function capacityReport(stats: Pick<StoreStats, 'quads' | 'graphs' | 'capacityQuads'>): CapacityReport {
  const { quads, graphs, capacityQuads } = stats;
  if (!capacityQuads) return { capacityQuads: null, capacityUsed: null, capacityRecords: null, warning: null };
  const used = quads / capacityQuads;
  const capacityRecords = graphs > 0 && quads > 0 ? Math.floor(capacityQuads / (quads / graphs)) : null;
  const warning =
    used >= capacityWarningShare
      ? `The embedded store is ${Math.round(used * 100)}% full (${quads} of ${capacityQuads} quads${capacityRecords ? `, about ${graphs} of ${capacityRecords} records` : ''}): move to the remote store (Virtuoso: "maillage migrate --to remote") before it refuses writes`
      : null;
  return { capacityQuads, capacityUsed: Number(used.toFixed(4)), capacityRecords, warning };
}
