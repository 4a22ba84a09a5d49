// The bounded faults run of the test suite: the real CLI killed with SIGKILL at random moments of an
// OAI-PMH harvest, a DataCite JSON harvest, a reindex and a bulk load (one kill each, from a
// replayed source), with the checks of bench/faults.ts after each kill and at the end: every stored
// record whole, published graphs whole, the indexes agreeing, and the finished result the same as
// an uninterrupted run's. (`npm run bench -- faults` kills 25 times per kind.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultRun } from '../../bench/faults.js';
import { startReplaySource } from '../../bench/faults-benchmark.js';

let source: { url: string; stop: () => void };
beforeAll(async () => {
  source = await startReplaySource(6, 40);
});
afterAll(() => source?.stop());

describe('kill -9 at random moments', () => {
  it('loses nothing acknowledged, leaves nothing half written, and finishes as an uninterrupted run', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const stages = await faultRun({ kills: 1, sourceUrl: source.url, random });
    expect(stages.map((s) => s.name)).toEqual(['OAI-PMH harvest', 'DataCite JSON harvest', 'reindex', 'bulk load', 'thesaurus edits and releases']);
    process.stdout.write(`${stages.map((s) => `${s.name}: uninterrupted ${s.referenceMs.toFixed(0)} ms, kills landed ${s.killed}`).join('\n')}\n`);
    expect(stages.flatMap((s) => s.problems)).toEqual([]);
    // The kills fell inside the work, not after it (each is at a random point of the uninterrupted run).
    expect(stages.reduce((n, s) => n + s.killed, 0)).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
