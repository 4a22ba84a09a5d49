// `maillage load` of a line-based file larger than one piece, gzipped, read as a stream: one atomic
// write whose blank nodes stay joined across the pieces, kept over a restart, its file pruned once
// a snapshot covers it; a bad line far into the file is reported with its line and nothing is stored.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { RemoteGraphStore } from '../../src/store/index.js';
import { remoteStoreEnvironment } from '../support/virtuoso-server.js';
import { openTestStore, temporaryDataDir } from '../support/embedded-store.js';

const ex = 'https://example.org/stream/';
const lines = 100_000;

async function writeFile(file: string, badLine?: number, blank = '_:shared', count = lines): Promise<void> {
  function* text(): Generator<string> {
    yield `${blank} <${ex}first> "the first line" .\n`;
    for (let i = 2; i < count; i += 1) yield i === badLine ? `<${ex}s${i}> <${ex}p> "no end\n` : `<${ex}s${i}> <${ex}p> "value number ${i} of the streamed file, some text to weigh" .\n`;
    yield `${blank} <${ex}last> "the last line" .\n`;
  }
  const out = createWriteStream(file);
  if (file.endsWith('.gz')) await pipeline(Readable.from(text()), createGzip(), out);
  else {
    for (const line of text()) if (!out.write(line)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
}

describe('streaming bulk load', () => {
  it('loads a gzipped file of several pieces as one write with its blank nodes joined, keeps it, and prunes its file after a snapshot', async () => {
    const data = temporaryDataDir('streaming-load');
    try {
      const file = path.join(data.dir, 'big.nt.gz');
      await writeFile(file);
      const env = { ...process.env, DATA_DIR: data.dir, LOG_LEVEL: 'warn' };
      const loaded = spawnSync(process.execPath, ['bin/maillage.js', 'load', file, '--graph', `${ex}graph`], { env, encoding: 'utf8' });
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(loaded.stderr).toMatch(new RegExp(`loaded ${lines.toLocaleString('en-US')} quads into ${ex}graph as one write`));

      const bad = path.join(data.dir, 'bad.nt');
      await writeFile(bad, 90_001);
      const refused = spawnSync(process.execPath, ['bin/maillage.js', 'load', bad], { env, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/line 90001/);
      expect(readdirSync(path.join(data.dir, 'loads'))).toHaveLength(1);

      const store = await openTestStore(data.dir, { capacityQuads: 10_000_000 });
      try {
        expect((await store.stats()).quads).toBe(lines);
        const joined = await store.query(`SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH <${ex}graph> { ?b <${ex}first> ?f ; <${ex}last> ?l } }`);
        expect(joined).toMatchObject({ form: 'SELECT', bindings: [{ n: expect.objectContaining({ value: '1' }) }] });
        await store.snapshot();
        expect(readdirSync(path.join(data.dir, 'loads'))).toHaveLength(0);
      } finally {
        await store.close();
      }
      const again = await openTestStore(data.dir, { capacityQuads: 10_000_000 });
      try {
        expect((await again.stats()).quads).toBe(lines);
      } finally {
        await again.close();
      }
      expect(existsSync(path.join(data.dir, 'loads'))).toBe(true);
    } finally {
      data.remove();
    }
  }, 180_000);
});

const virtuoso = inject('virtuoso');
describe.skipIf(virtuoso.skipReason !== null)(`streaming bulk load into Virtuoso${virtuoso.skipReason ? ` (skipped: ${virtuoso.skipReason})` : ''}`, () => {
  it("loads gzipped files of several pieces through Virtuoso's loader, its blank nodes joined; a bad line far in is refused with its line and nothing is added", async () => {
    const data = temporaryDataDir('streaming-load-remote');
    const { bulkDir, ...endpoints } = virtuoso.endpoints!;
    const store = new RemoteGraphStore({ ...endpoints, bulkFolder: { dir: bulkDir }, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
    const count = async (graph: string, where = '?s ?p ?o') => {
      const result = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ${where} } }`);
      return result.form === 'SELECT' ? Number(result.bindings[0]!.n!.value) : NaN;
    };
    try {
      const env = { ...process.env, ...remoteStoreEnvironment(virtuoso.endpoints!, { bulk: true }), DATA_DIR: data.dir, LOG_LEVEL: 'warn' };
      // Without blank nodes the file goes in pieces of 8 MB; with them, in one (they stay joined),
      // up to that size: a larger one is refused, nothing written, rather than its nodes split.
      for (const [name, blank, size] of [['iris', `<${ex}named>`, lines], ['blank', '_:shared', 20_000], ['blank-large', '_:shared', lines]] as const) {
        const file = path.join(data.dir, `${name}.nt.gz`);
        await writeFile(file, undefined, blank, size);
        const loaded = spawnSync(process.execPath, ['bin/maillage.js', 'load', file, '--graph', `${ex}remote/${name}`], { env, encoding: 'utf8' });
        if (name === 'blank-large') {
          expect(loaded.status).toBe(1);
          expect(loaded.stderr).toMatch(/holds blank nodes .* Give them IRIs/);
          expect(await count(`${ex}remote/${name}`)).toBe(0);
          continue;
        }
        expect(loaded.status, loaded.stderr).toBe(0);
        expect(await count(`${ex}remote/${name}`)).toBe(size);
      }
      expect(await count(`${ex}remote/blank`, `?b <${ex}first> ?f ; <${ex}last> ?l FILTER isBlank(?b)`)).toBe(1);

      const bad = path.join(data.dir, 'bad.nt');
      await writeFile(bad, 90_001, `<${ex}named>`);
      const refused = spawnSync(process.execPath, ['bin/maillage.js', 'load', bad, '--graph', `${ex}remote/bad`], { env, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/line 90001/);
      expect(await count(`${ex}remote/bad`)).toBe(0);
    } finally {
      // The server is shared with other suites (the contract's dump and restore): leave it as found.
      await store.update(`DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "${ex}remote/")) }`);
      await store.close();
      data.remove();
    }
  }, 240_000);
});
