// How full the embedded store is, in quads and records, and the warning from 80% on.
import { describe, expect, it } from 'vitest';
import { capacityReport } from '../../src/store/capacity-report.js';

describe('capacity report', () => {
  it('estimates the records the store can hold from its average graph, and warns from 80%', () => {
    const half = capacityReport({ quads: 5_000_000, graphs: 50_000, capacityQuads: 10_000_000 });
    expect(half).toEqual({ capacityQuads: 10_000_000, capacityUsed: 0.5, capacityRecords: 100_000, warning: null });
    const full = capacityReport({ quads: 8_500_000, graphs: 85_000, capacityQuads: 10_000_000 });
    expect(full.warning).toMatch(/85% full \(8500000 of 10000000 quads, about 85000 of 100000 records\): move to the remote store/);
  });

  it('says nothing of capacity for a store without one (remote) or an empty one', () => {
    expect(capacityReport({ quads: 10, graphs: 1, capacityQuads: null })).toEqual({ capacityQuads: null, capacityUsed: null, capacityRecords: null, warning: null });
    expect(capacityReport({ quads: 0, graphs: 0, capacityQuads: 1000 }).capacityRecords).toBeNull();
  });
});
