// kill -9 at random moments loses no acknowledged write and leaves no half-replaced graph.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { graphCount, operationAt, triplesPerGraph } from '../support/crash-writer.js';
import { openTestStore, temporaryDataDir } from '../support/embedded-store.js';

const kills = Number(process.env.MAILLAGE_CRASH_KILLS ?? 12);

interface Acked {
  /** Per graph: the last acknowledged write, as the version it wrote or "dropped at". */
  last: Map<string, { op: string; version: number }>;
  highest: number;
  count: number;
}

/** Runs the writer until it has acknowledged something, kills it with SIGKILL after `delayMs`. */
function runAndKill(dataDir: string, start: number, delayMs: number): Promise<Acked> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-writer.ts', dataDir, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: Acked = { last: new Map(), highest: start, count: 0 };
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, op, graph, version] = line.split(' ');
        if (word === 'ACK') {
          acked.last.set(graph!, { op: op!, version: Number(version) });
          acked.highest = Math.max(acked.highest, Number(version));
          acked.count += 1;
          timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer ended on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('embedded store under kill -9', () => {
  it(`recovers every acknowledged write, whole, after ${kills} kills at random points`, { timeout: 600_000 }, async () => {
    const data = temporaryDataDir('crash');
    let start = 1;
    let totalAcked = 0;
    try {
      for (let round = 0; round < kills; round += 1) {
        const acked = await runAndKill(data.dir, start, 100 + Math.floor(Math.random() * 1200));
        totalAcked += acked.count;
        const store = await openTestStore(data.dir);
        try {
          const result = await store.query(
            'SELECT ?g ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <urn:p:version> ?v } } GROUP BY ?g ?v',
          );
          if (result.form !== 'SELECT') throw new Error('expected rows');
          const recovered = new Map<string, number>();
          for (const row of result.bindings) {
            const graph = row.g!.value;
            // One version per graph, with every triple of it: nothing half-replaced.
            expect(recovered.has(graph), `${graph} holds two versions`).toBe(false);
            expect(Number(row.n!.value), `${graph} is incomplete`).toBe(triplesPerGraph);
            recovered.set(graph, Number(row.v!.value));
          }
          // The writer waits for each acknowledgement, so at most one write was in flight when it
          // was killed: the one after the last acknowledged. It may or may not have been committed.
          const inFlight = acked.highest + 1;
          const inFlightOp = operationAt(inFlight);
          for (const [graph, version] of recovered) {
            expect(version, `${graph} holds version ${version}, newer than any write made`).toBeLessThanOrEqual(inFlight);
          }
          for (const [graph, last] of acked.last) {
            const version = recovered.get(graph);
            const droppedInFlight = inFlightOp.kind === 'drop' && inFlightOp.graphs.includes(graph);
            if (last.op === 'drop') {
              // Gone, unless a later write filled it again.
              if (version !== undefined) expect(version).toBeGreaterThan(last.version);
            } else if (droppedInFlight && version === undefined) {
              // The in-flight drop of this graph was committed before the kill: allowed.
            } else {
              expect(version, `${graph} lost its acknowledged version ${last.version}`).toBeGreaterThanOrEqual(last.version);
            }
          }
          expect(recovered.size).toBeLessThanOrEqual(graphCount);
        } finally {
          await store.close();
        }
        start = acked.highest + 1;
      }
      expect(totalAcked).toBeGreaterThan(kills * 5);
      console.info(`kill -9: ${kills} rounds, ${totalAcked} acknowledged writes, all recovered whole`);
    } finally {
      data.remove();
    }
  });
});
