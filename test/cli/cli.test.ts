// The `maillage` command as a user runs it (the built bin/maillage.js in a child process).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleTriples, temporaryDataDir } from '../support/embedded-store.js';
import { adminToken, spawnService } from '../support/service.js';

const data = temporaryDataDir('cli');
afterAll(() => data.remove());

function maillage(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/maillage.js', ...args], {
    env: { ...process.env, DATA_DIR: path.join(data.dir, 'store'), ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(data.dir, name);
  writeFileSync(target, content);
  return target;
}

describe('maillage CLI', () => {
  it('loads Turtle into a graph and gzipped N-Triples, showing progress, then reports stats', () => {
    const turtle = file('one.ttl', '@prefix ex: <http://example.org/> . ex:a ex:b "c"@fr .');
    const loaded = maillage(['load', turtle, '--graph', 'urn:test:one']);
    expect(loaded.code).toBe(0);
    expect(loaded.stderr).toMatch(/loaded 1 quads into urn:test:one/);
    const gz = file('many.nt.gz', gzipSync(sampleTriples(300)));
    const bulk = maillage(['load', gz, '--graph', 'urn:test:many']);
    expect(bulk.stderr).toMatch(/loaded 300 quads into urn:test:many as one write/);
    const stats = JSON.parse(maillage(['stats']).stdout) as { quads: number; graphs: number };
    expect(stats).toMatchObject({ quads: 301, graphs: 2 });
  });

  it('dumps N-Quads and restores them, replacing what the store held', () => {
    const dumpFile = path.join(data.dir, 'dump.nq');
    expect(maillage(['dump', dumpFile]).code).toBe(0);
    expect(readFileSync(dumpFile, 'utf8').trim().split('\n')).toHaveLength(301);
    maillage(['load', file('extra.nt', sampleTriples(5, 'http://example.org/extra/')), '--graph', 'urn:test:extra']);
    expect(maillage(['restore', dumpFile]).code).toBe(0);
    expect(JSON.parse(maillage(['stats']).stdout)).toMatchObject({ quads: 301, graphs: 2 });
    expect(maillage(['dump']).stdout.trim().split('\n')).toHaveLength(301);
  });

  it.each([
    ['an unparsable file, with line and column', ['load', 'bad.ttl'], 1, /Invalid text\/turtle: .*line 2/],
    ['a missing file', ['load', 'missing.ttl'], 1, /no such file: .*missing\.ttl/],
    ['an unknown format', ['load', 'data.csv'], 1, /Unknown RDF format for ".*data\.csv"/],
    ['an unknown command', ['frobnicate'], 2, /unknown command "frobnicate"/],
    ['an unknown option', ['load', 'x.ttl', '--grpah', 'x'], 2, /Unknown option '--grpah'/],
    ['a harvest endpoint that is not a URL', ['harvest', 'dataverse', 'entrepot'], 2, /not an http\(s\) URL: entrepot/],
    ['an unknown harvest protocol', ['harvest', 'gopher', 'http://example.org/'], 2, /unknown protocol "gopher"; one of oai-pmh, datacite/],
  ])('explains %s', (_, args, code, message) => {
    file('bad.ttl', '@prefix ex: <http://example.org/> .\nex:a ex:b "never closed .\n');
    file('data.csv', 'a,b\n');
    const result = maillage(args.map((arg) => (arg.includes('.') ? path.join(data.dir, arg) : arg)));
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 1 when a harvest run fails, after saying why', () => {
    const result = maillage(['harvest', 'oai-pmh', 'http://127.0.0.1:9/oai', '--name', 'down']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run \d+ failed: .*127\.0\.0\.1:9/);
  });

  it('explains an unreachable remote store and a bad configuration', () => {
    const remote = maillage(['stats'], { STORE: 'remote', REMOTE_QUERY_URL: 'http://127.0.0.1:9/sparql' });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/remote store at http:\/\/127\.0\.0\.1:9 cannot be reached/);
    const config = maillage(['stats'], { PORT: 'eighty', STORE: 'remote' });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/port: Expected number/);
    expect(config.stderr).toMatch(/REMOTE_QUERY_URL/);
  });

  it('refuses to write a DATA_DIR that a running server holds', async () => {
    const service = await spawnService(path.join(data.dir, 'held'));
    try {
      const result = maillage(['load', file('held.nt', sampleTriples(1))], { DATA_DIR: path.join(data.dir, 'held') });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by process \d+/);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });

  it('finishes writes in flight on SIGTERM, exits 0, and has every acknowledged write after restart', async () => {
    const dir = path.join(data.dir, 'graceful');
    const service = await spawnService(dir);
    const put = (i: number) =>
      fetch(`${service.url}/rdf-graph-store?graph=urn:graceful:${i}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/n-triples' },
        body: sampleTriples(200, `http://example.org/${i}/`),
      }).then(
        (response) => response.status,
        () => 0,
      );
    const writes = Array.from({ length: 40 }, (_, i) => put(i));
    await new Promise((resolve) => setTimeout(resolve, 30));
    service.child.kill('SIGTERM');
    const statuses = await Promise.all(writes);
    expect(await service.exited).toBe(0);
    expect(service.logs()).toMatch(/shutting down/);
    const acknowledged = statuses.flatMap((status, i) => (status === 201 ? [i] : []));
    expect(acknowledged.length).toBeGreaterThan(0);

    const restarted = await spawnService(dir);
    try {
      for (const i of acknowledged) {
        const response = await fetch(`${restarted.url}/rdf-graph-store?graph=urn:graceful:${i}`, { headers: { accept: 'application/n-triples' } });
        expect(response.status, `acknowledged write ${i} is missing`).toBe(200);
        expect((await response.text()).trim().split('\n')).toHaveLength(200);
      }
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
