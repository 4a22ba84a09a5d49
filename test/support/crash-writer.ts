// A child process for the kill -9 test: writes to an embedded store as fast as it can and prints
// "ACK <op> <graph> <version>" after each write the store acknowledged. Run: crash-writer.ts DATA_DIR START
import { writeSync } from 'node:fs';
import { mediaTypes } from '../../src/rdf/index.js';
import { openTestStore } from './embedded-store.js';

export const triplesPerGraph = 25;
export const graphCount = 12;

/** Every triple of a graph carries the version that wrote it, so a half-replaced graph shows. */
export function versionedGraph(version: number): string {
  return Array.from({ length: triplesPerGraph }, (_, j) => `<urn:s:${j}> <urn:p:version> "${version}" .`).join('\n');
}

/** What the writer does at a version: its schedule is fixed, so a test can tell what was in flight. */
export function operationAt(version: number): { kind: 'drop' | 'batch' | 'update' | 'replace'; graphs: string[] } {
  const graph = `urn:crash:g${version % graphCount}`;
  if (version % 9 === 0) return { kind: 'drop', graphs: [graph] };
  if (version % 5 === 0) return { kind: 'batch', graphs: [graph, `urn:crash:g${(version + 1) % graphCount}`] };
  if (version % 7 === 0) return { kind: 'update', graphs: [graph] };
  return { kind: 'replace', graphs: [graph] };
}

async function main(): Promise<void> {
  const [dataDir, start] = process.argv.slice(2);
  const store = await openTestStore(dataDir!, { snapshotAfterOps: 6, synchronous: 'FULL', replicas: 2 });
  writeSync(1, 'READY\n');
  for (let version = Number(start); ; version += 1) {
    const graph = `urn:crash:g${version % graphCount}`;
    if (version % 9 === 0) {
      await store.dropGraph(graph);
      writeSync(1, `ACK drop ${graph} ${version}\n`);
    } else if (version % 5 === 0) {
      const other = `urn:crash:g${(version + 1) % graphCount}`;
      await store.applyBatch([
        { kind: 'replace', graph, payload: { data: versionedGraph(version), format: mediaTypes.nTriples } },
        { kind: 'replace', graph: other, payload: { data: versionedGraph(version), format: mediaTypes.nTriples } },
      ]);
      writeSync(1, `ACK replace ${graph} ${version}\nACK replace ${other} ${version}\n`);
    } else if (version % 7 === 0) {
      // Two operations in one request: a crash must leave both or neither.
      await store.update(`DROP SILENT GRAPH <${graph}> ; INSERT DATA { GRAPH <${graph}> { ${versionedGraph(version)} } }`);
      writeSync(1, `ACK update ${graph} ${version}\n`);
    } else {
      await store.replaceGraph(graph, { data: versionedGraph(version), format: mediaTypes.nTriples });
      writeSync(1, `ACK replace ${graph} ${version}\n`);
    }
  }
}

if (process.argv[1]?.endsWith('crash-writer.ts')) void main();
