// Owns the snapshot files: N-Quads dumps of the whole store named by the journal seq they cover,
// written to a temporary name and renamed, so a crash never leaves a half-written snapshot in use.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as ox from 'oxigraph';

const snapshotName = /^snapshot-(\d{16})\.nq$/;

export function snapshotDirectory(dataDir: string): string {
  return path.join(dataDir, 'snapshots');
}

export function snapshotPath(dir: string, seq: number): string {
  return path.join(dir, `snapshot-${String(seq).padStart(16, '0')}.nq`);
}

/** The newest complete snapshot whose seq is at most `upTo`, or null when there is none. */
export function latestSnapshot(dir: string, upTo = Number.MAX_SAFE_INTEGER): { seq: number; file: string } | null {
  mkdirSync(dir, { recursive: true });
  let best: { seq: number; file: string } | null = null;
  for (const name of readdirSync(dir)) {
    const match = snapshotName.exec(name);
    if (!match) continue;
    const seq = Number(match[1]);
    if (seq <= upTo && (!best || seq > best.seq)) best = { seq, file: path.join(dir, name) };
  }
  return best;
}

/** Removes temporary files and snapshots older than `keepSeq`. */
export function pruneSnapshots(dir: string, keepSeq: number): void {
  for (const name of readdirSync(dir)) {
    const match = snapshotName.exec(name);
    if (name.endsWith('.tmp') || (match && Number(match[1]) < keepSeq)) rmSync(path.join(dir, name), { force: true });
  }
}

/** Makes a finished temporary file the snapshot for `seq` (atomic rename, then directory fsync). */
export function publishSnapshot(tmpFile: string, dir: string, seq: number): string {
  const final = snapshotPath(dir, seq);
  renameSync(tmpFile, final);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
  return final;
}

/** Reads a file lazily in chunks, for Oxigraph's streaming loader. */
export function* fileChunks(file: string, chunkBytes = 8 * 1024 * 1024): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const read = readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** Graphs of a store: the default graph first, then every named graph. */
function graphsOf(store: ox.Store): Array<ox.NamedNode | ox.BlankNode | ox.DefaultGraph> {
  const named = (store.query('SELECT ?g WHERE { GRAPH ?g { } }') as Array<Map<string, ox.Term>>).map(
    (row) => row.get('g') as ox.NamedNode | ox.BlankNode,
  );
  return [ox.defaultGraph(), ...named];
}

/**
 * Writes the store as N-Quads to `file`, graph by graph (one whole-store string would pass V8's
 * string limit on large stores), then fsyncs it. Oxigraph's N-Triples output is one triple a line,
 * ending " .", with newlines escaped inside literals, so the graph term is appended per line.
 */
export function writeStoreAsNQuads(store: ox.Store, file: string): { quads: number; graphs: number } {
  const fd = openSync(file, 'w');
  let quads = 0;
  const graphs = graphsOf(store);
  try {
    for (const graph of graphs) {
      const triples = store.dump({ format: 'application/n-triples', from_graph_name: graph });
      if (triples.length === 0) continue;
      const suffix = graph.termType === 'DefaultGraph' ? ' .' : ` ${graph.toString()} .`;
      const lines = triples.split('\n');
      let out = '';
      for (const line of lines) {
        if (line.length === 0) continue;
        out += line.slice(0, -2) + suffix + '\n';
        quads += 1;
        if (out.length > 4_000_000) {
          writeSync(fd, out);
          out = '';
        }
      }
      if (out) writeSync(fd, out);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { quads, graphs: graphs.length - 1 };
}
