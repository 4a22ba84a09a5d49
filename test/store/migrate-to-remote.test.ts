// `maillage migrate --to remote` from a real embedded store into a real Virtuoso: killed in the
// middle, run again, it goes on where it stopped; at the end the remote store holds every graph and
// the default graph's triples as the embedded one did, and the configuration file names it.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inject, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { RemoteGraphStore } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';

const virtuoso = inject('virtuoso');

describe.skipIf(virtuoso.skipReason !== null)(`migrate to the remote store${virtuoso.skipReason ? ` (skipped: ${virtuoso.skipReason})` : ''}`, () => {
  it('copies every graph and the default graph, resumes after a kill, then switches the configuration', async () => {
    const data = temporaryDataDir('migrate');
    const ex = `https://example.org/migrate/${Date.now()}/`;
    try {
      const graphs = 400;
      const nquads = Array.from({ length: graphs }, (_, g) => Array.from({ length: 5 }, (_, k) => `<${ex}s${g}> <${ex}p${k}> "value ${k} of ${g}" <${ex}g${g}> .`).join('\n')).join('\n');
      writeFileSync(path.join(data.dir, 'graphs.nq'), `${nquads}\n_:b <${ex}p> "a blank node" <${ex}g0> .\n`);
      writeFileSync(path.join(data.dir, 'default.nt'), `<${ex}outside> <${ex}p> "in the default graph" .\n`);
      const configFile = path.join(data.dir, 'maillage.config.json');
      const env = {
        ...process.env,
        DATA_DIR: data.dir,
        LOG_LEVEL: 'warn',
        MAILLAGE_CONFIG: configFile,
        REMOTE_QUERY_URL: virtuoso.endpoints!.queryUrl,
        REMOTE_UPDATE_URL: virtuoso.endpoints!.updateUrl,
        REMOTE_USER: virtuoso.endpoints!.user,
        REMOTE_PASSWORD: virtuoso.endpoints!.password,
      };
      writeFileSync(configFile, JSON.stringify({ logLevel: 'warn' }));
      for (const file of ['graphs.nq', 'default.nt']) {
        const loaded = spawnSync(process.execPath, ['bin/maillage.js', 'load', path.join(data.dir, file)], { env, encoding: 'utf8' });
        expect(loaded.status, loaded.stderr).toBe(0);
      }

      // Killed once part of the graphs is copied.
      const first = spawn(process.execPath, ['bin/maillage.js', 'migrate', '--to', 'remote', '--batch-graphs', '10'], { env, stdio: 'ignore' });
      const dbFile = path.join(data.dir, 'maillage.sqlite');
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (first.exitCode !== null) break;
        const db = new Database(dbFile, { readonly: true });
        const copied = db.prepare('SELECT COUNT(*) FROM store_migration').pluck().get() as number;
        db.close();
        if (copied >= 50) {
          first.kill('SIGKILL');
          break;
        }
      }
      await (first.exitCode === null ? once(first, 'exit') : Promise.resolve());
      expect(first.signalCode).toBe('SIGKILL');
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ logLevel: 'warn' });

      const second = spawnSync(process.execPath, ['bin/maillage.js', 'migrate', '--to', 'remote', '--batch-graphs', '10'], { env, encoding: 'utf8' });
      expect(second.status, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/(\d+) graphs \(\d+ quads\) copied, (\d+) copied by an earlier run/);
      const [, now, before] = /(\d+) graphs \(\d+ quads\) copied, (\d+) copied by an earlier run/.exec(second.stderr)!;
      expect(Number(before)).toBeGreaterThanOrEqual(50);
      expect(Number(now) + Number(before)).toBe(graphs);
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ logLevel: 'warn', store: 'remote', remote: { queryUrl: virtuoso.endpoints!.queryUrl } });
      expect((JSON.parse(readFileSync(configFile, 'utf8')) as { remote: Record<string, unknown> }).remote).not.toHaveProperty('password');
      expect(existsSync(`${configFile}.tmp`)).toBe(false);

      const remote = new RemoteGraphStore({ ...virtuoso.endpoints!, defaultGraph: 'urn:maillage:default-graph', queryTimeoutMs: 20_000, logger: silentLogger });
      await remote.start();
      try {
        const answer = await remote.query(`SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${ex}")) }`);
        const row = (answer as { bindings: Array<Record<string, { value: string }>> }).bindings[0]!;
        expect({ graphs: Number(row.graphs!.value), quads: Number(row.quads!.value) }).toEqual({ graphs, quads: graphs * 5 + 1 });
        const outside = await remote.query(`ASK { GRAPH <urn:maillage:default-graph> { <${ex}outside> <${ex}p> "in the default graph" } }`);
        expect(outside).toMatchObject({ form: 'ASK', boolean: true });
      } finally {
        await remote.close();
      }
      // The service's commands now use the remote store.
      const stats = spawnSync(process.execPath, ['bin/maillage.js', 'stats'], { env, encoding: 'utf8' });
      expect(stats.status, stats.stderr).toBe(0);
      expect(JSON.parse(stats.stdout)).toMatchObject({ backend: 'remote' });
    } finally {
      data.remove();
    }
  }, 240_000);
});
