// Kill -9 of the service in the middle of thesaurus work: editors change concepts (PATCH with
// If-Match) and an administrator publishes releases, without pause, until the service is killed at
// a random instant; then it is started again and checked. Every acknowledged edit is in the store
// (or a later one of the same concept), the history and the store agree on every edited concept,
// no change is left pending, every acknowledged release is listed, and the store's versionInfo is
// the latest release's. Part of bench/faults.ts (`npm run bench -- faults` and the test suite).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { conceptEtag, type Concept } from '../src/thesaurus/index.js';
import type { FaultOptions, FaultStage } from './faults.js';
import { startService } from './service-process.js';

const adminToken = 'faults-admin-token-0123456789';
const editorToken = 'faults-editor-token-0123456789';
const env = { BUNDLED_THESAURUS: 'true', DEMO_CATALOGUE: 'false', ADMIN_TOKEN: adminToken, THESAURUS_TOKENS: `editor:editor:${editorToken}`, SQLITE_SYNCHRONOUS: 'FULL' };
const ontology = '/ontologies/MAILLAGE';

interface Acknowledged {
  /** The number of the last acknowledged edit of each concept. */
  edits: Map<string, number>;
  releases: string[];
}

/** Edits and releases, one after another, until the service stops answering. */
async function workUntilKilled(url: string, concepts: string[], first: number, acknowledged: Acknowledged, stopAfterMs?: number): Promise<number> {
  const started = Date.now();
  let n = first;
  const call = (method: string, pathName: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${pathName}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  try {
    for (; stopAfterMs === undefined || Date.now() - started < stopAfterMs; n += 1) {
      if (n % 8 === 7) {
        const version = `r${n}`;
        const released = await call('POST', `${ontology}/submissions`, adminToken, { version });
        if (released.status === 201) acknowledged.releases.push(version);
        continue;
      }
      const concept = concepts[n % concepts.length]!;
      const classPath = `${ontology}/classes/${encodeURIComponent(concept)}`;
      const read = await call('GET', classPath, editorToken);
      const etag = read.headers.get('etag');
      await read.arrayBuffer();
      if (!etag) continue;
      const changed = await call('PATCH', classPath, editorToken, { definition: { fr: `edit ${n}` } }, { 'if-match': etag });
      await changed.arrayBuffer();
      if (changed.status === 200) acknowledged.edits.set(concept, n);
    }
  } catch {
    // The service was killed: the request in flight has no answer, so it was not acknowledged.
  }
  return n;
}

async function problemsAfterRestart(url: string, dataDir: string, acknowledged: Acknowledged, when: string): Promise<string[]> {
  const problems: string[] = [];
  const db = new Database(path.join(dataDir, 'maillage.sqlite'), { readonly: true });
  try {
    const pending = (db.prepare('SELECT COUNT(*) AS n FROM thesaurus_changes WHERE pending = 1').get() as { n: number }).n;
    if (pending > 0) problems.push(`${when}: ${pending} thesaurus changes left pending`);
    for (const [concept, n] of acknowledged.edits) {
      const response = await fetch(`${url}${ontology}/classes/${encodeURIComponent(concept)}`);
      const json = JSON.stringify(await response.json());
      const stored = Number(/edit (\d+)/.exec(json)?.[1] ?? -1);
      if (stored < n) problems.push(`${when}: ${concept} holds edit ${stored}, but edit ${n} was acknowledged`);
      const last = db.prepare('SELECT after FROM thesaurus_changes WHERE concept = ? AND pending = 0 ORDER BY seq DESC LIMIT 1').get(concept) as { after: string } | undefined;
      if (!last || conceptEtag(JSON.parse(last.after) as Concept) !== response.headers.get('etag')) problems.push(`${when}: the history's last change of ${concept} is not what the store holds`);
    }
    const listed = new Set(((await (await fetch(`${url}${ontology}/submissions`)).json()) as Array<{ version: string }>).map((s) => s.version));
    for (const version of acknowledged.releases) if (!listed.has(version)) problems.push(`${when}: release ${version} was acknowledged but is not listed`);
    if (listed.size > 0) {
      const latest = ((await (await fetch(`${url}${ontology}/latest_submission`)).json()) as { version: string }).version;
      const query = `SELECT ?v WHERE { GRAPH ?g { <https://w3id.org/maillage/thesaurus/> <http://www.w3.org/2002/07/owl#versionInfo> ?v } }`;
      const answer = (await (await fetch(`${url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as { results: { bindings: Array<{ v: { value: string } }> } };
      const versions = answer.results.bindings.map((b) => b.v.value);
      if (versions.length !== 1 || versions[0] !== latest) problems.push(`${when}: the store's versionInfo is ${JSON.stringify(versions)}, the latest release ${latest}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

export async function thesaurusFaultStage(options: FaultOptions): Promise<FaultStage> {
  const random = options.random ?? Math.random;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-faults-thesaurus-'));
  const acknowledged: Acknowledged = { edits: new Map(), releases: [] };
  const problems: string[] = [];
  let killed = 0;
  let service = await startService(dataDir, env, 120_000);
  try {
    const listed = (await (await fetch(`${service.url}${ontology}/classes?pagesize=12`)).json()) as { collection: Array<{ '@id': string }> };
    const concepts = listed.collection.map((c) => c['@id']);
    // An uninterrupted stretch first: its length is the scale of the random kill instants.
    const referenceStarted = performance.now();
    let n = await workUntilKilled(service.url, concepts, 0, acknowledged, 3000);
    const referenceMs = performance.now() - referenceStarted;
    for (let k = 0; k < options.kills; k += 1) {
      const at = 200 + random() * referenceMs;
      const work = workUntilKilled(service.url, concepts, n, acknowledged);
      await new Promise((resolve) => setTimeout(resolve, at));
      process.kill(service.pid, 'SIGKILL');
      killed += 1;
      n = (await work) + 1;
      service = await startService(dataDir, env, 120_000);
      problems.push(...(await problemsAfterRestart(service.url, dataDir, acknowledged, `thesaurus after kill ${k + 1} at ${Math.round(at)} ms`)));
      options.log?.(`thesaurus edits and releases: kill ${k + 1}/${options.kills} at ${Math.round(at)} ms`);
    }
    // Work goes on after the last restart.
    n = await workUntilKilled(service.url, concepts, n, acknowledged, 1000);
    problems.push(...(await problemsAfterRestart(service.url, dataDir, acknowledged, 'thesaurus at the end')));
    options.log?.(`thesaurus edits and releases: ${n} operations, ${acknowledged.edits.size} concepts edited, ${acknowledged.releases.length} releases acknowledged`);
    if (acknowledged.edits.size === 0 || acknowledged.releases.length === 0) problems.push('thesaurus: no edit or no release was acknowledged; the stage tested nothing');
    return { name: 'thesaurus edits and releases', killed, problems, referenceMs };
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
