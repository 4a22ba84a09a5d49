// `npm run bench remote-writes [--graphs N]`: how fast derived record graphs go into the graph
// store, the step that made a reindex into Virtuoso crawl. The graphs are the real records of
// ../shared/data (DataCite, Dataverse, CKAN, DCAT, OAI-PMH), mapped and aligned as derive does,
// replayed until N records (each copy in its own graph), written in derive's batches of 250:
// into Virtuoso by Graph Store Protocol PUTs (one per graph, 4 or 8 in flight: the default), by
// SPARQL Update requests (under 4 MiB, 4 in flight), one update per batch at a time (the peer: how
// it was written before), by Virtuoso's own loader reading files (REMOTE_BULK_DIR), and into the
// embedded store. The PUT and loader cases run twice: new graphs, then replacing the same graphs
// (a reindex), where Virtuoso's deletes cost most.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writer } from 'n3';
import { silentLogger } from '../src/log/index.js';
import { RecordMapper } from '../src/mapping/index.js';
import { mediaTypes } from '../src/rdf/index.js';
import { openEmbeddedGraphStore, RemoteGraphStore, type GraphStore, type GraphWrite } from '../src/store/index.js';
import { KeywordAligner } from '../src/thesaurus/index.js';
import { embeddedOptions } from '../test/support/embedded-store.js';
import { readRealRecords } from '../test/support/real-records.js';
import { sharedDataMissing } from '../test/support/shared-data.js';
import { startVirtuoso, virtuosoUnavailableReason } from '../test/support/virtuoso-server.js';
import type { Figure } from './report.js';

const batchSize = 250;

/** Each case writes new graphs of its own (under `tag`), so no case pays for another's. */
async function timedWrites(store: GraphStore, graphs: Array<{ graph: string; ntriples: string }>, tag: string): Promise<{ seconds: number; refused: number }> {
  const started = performance.now();
  let refused = 0;
  for (let i = 0; i < graphs.length; i += batchSize) {
    const writes: GraphWrite[] = graphs.slice(i, i + batchSize).map((g) => ({ kind: 'replace', graph: `${g.graph}/${tag}`, payload: { data: g.ntriples, format: mediaTypes.nTriples } }));
    refused += (await store.applyBatch(writes)).refused?.length ?? 0;
  }
  return { seconds: (performance.now() - started) / 1000, refused };
}

export async function remoteWritesBenchmark(options: { records: number }): Promise<Figure[]> {
  if (sharedDataMissing) {
    process.stdout.write(`remote-writes: skipped, ${sharedDataMissing}\n`);
    return [];
  }
  const mapper = RecordMapper.load('https://w3id.org/maillage/');
  const aligner = KeywordAligner.bundled();
  const real = (await readRealRecords()).map(({ record }) => {
    const mapped = mapper.map({ source: 'bench', harvestedAt: '2026-11-29T00:00:00Z', ...record });
    return new Writer({ format: 'N-Triples' }).quadsToString([...mapped.quads, ...aligner.alignmentQuads(mapped.resource, 'urn:bench:g', mapped.quads)]);
  });
  const graphs = Array.from({ length: options.records }, (_, i) => ({ graph: `https://w3id.org/maillage/record/bench/${i}`, ntriples: real[i % real.length]! }));
  const quads = graphs.reduce((n, g) => n + g.ntriples.split('\n').length - 1, 0);
  process.stdout.write(`\nremote-writes: ${graphs.length} record graphs (${real.length} real records replayed), ${quads} quads, batches of ${batchSize}\n`);
  const figures: Figure[] = [];
  const report = (backend: string, { seconds, refused }: { seconds: number; refused: number }) => {
    process.stdout.write(`${backend.padEnd(52)} ${(graphs.length / seconds).toFixed(0).padStart(7)} records/s ${(quads / seconds).toFixed(0).padStart(9)} quads/s  ${seconds.toFixed(1)} s${refused ? `, ${refused} refused` : ''}\n`);
    figures.push({ benchmark: 'remote-writes', case: 'derived graphs', backend, metric: 'records/s', value: Math.round(graphs.length / seconds), unit: 'records/s' });
    figures.push({ benchmark: 'remote-writes', case: 'derived graphs', backend, metric: 'quads/s', value: Math.round(quads / seconds), unit: 'quads/s' });
  };

  const reason = virtuosoUnavailableReason();
  if (reason) process.stdout.write(`Virtuoso: skipped (${reason})\n`);
  else {
    const virtuoso = await startVirtuoso();
    try {
      const open = (maxRequestBytes: number, writeConcurrency: number, writeProtocol: 'graph-store' | 'sparql-update' | 'virtuoso-bulk') =>
        new RemoteGraphStore({ ...virtuoso, bulkFolder: { dir: virtuoso.bulkDir }, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 60_000, maxRequestBytes, writeConcurrency, writeProtocol, logger: silentLogger });
      // The peer writes as stop 16 did: one SPARQL Update of the whole batch (within Virtuoso's 10 MB), one at a time.
      report('virtuoso, one update per batch (peer)', await timedWrites(open(9 * 1024 * 1024, 1, 'sparql-update'), graphs, 'peer'));
      report('virtuoso, SPARQL Update (4 MiB, 4 in flight)', await timedWrites(open(4 * 1024 * 1024, 4, 'sparql-update'), graphs, 'batched'));
      // The default where a Graph Store Protocol URL is set: one PUT per graph.
      for (const inFlight of [4, 8]) report(`virtuoso, Graph Store PUT per graph (${inFlight} in flight)`, await timedWrites(open(4 * 1024 * 1024, inFlight, 'graph-store'), graphs, `gsp${inFlight}`));
      report('virtuoso, Graph Store PUT, replacing (4 in flight)', await timedWrites(open(4 * 1024 * 1024, 4, 'graph-store'), graphs, 'gsp4'));
      // The default where REMOTE_BULK_DIR is set: Virtuoso's loader, a derive batch a call.
      const bulk = open(4 * 1024 * 1024, 4, 'virtuoso-bulk');
      await bulk.start();
      report("virtuoso, Virtuoso's loader (REMOTE_BULK_DIR)", await timedWrites(bulk, graphs, 'bulk'));
      report("virtuoso, Virtuoso's loader, replacing", await timedWrites(bulk, graphs, 'bulk'));
    } finally {
      await virtuoso.stop();
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-writes-'));
  try {
    const embedded = await openEmbeddedGraphStore({ ...embeddedOptions(dir, { capacityQuads: 10_000_000, queryTimeoutMs: 60_000 }), logger: silentLogger });
    report('embedded', await timedWrites(embedded, graphs, 'embedded'));
    await embedded.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
