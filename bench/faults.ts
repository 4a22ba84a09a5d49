// Kill -9 at random moments: each kind of work (an OAI-PMH harvest, a DataCite JSON harvest, a
// reindex, a bulk load; and thesaurus edits and releases in the service, bench/thesaurus-faults.ts) runs as the real CLI in its own process and is killed with SIGKILL at a
// random instant of its reference run's length, again and again, then allowed to finish. After
// every kill the data directory is checked (every stored record whole, every published record's
// graph whole in the store, the search and link indexes agreeing with the derivations), and the
// finished result is compared with an uninterrupted run's. Used by `npm run bench -- faults` (100
// kills) and, bounded, by the test suite.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/index.js';
import { silentLogger } from '../src/log/index.js';
import { recordsFingerprint } from '../src/records/data-dir-backup.js';
import { openGraphStore } from '../src/store/index.js';
import { thesaurusFaultStage } from './thesaurus-faults.js';

export interface FaultStage {
  name: string;
  killed: number;
  /** Checks that failed after a kill or at the end (empty when every one held). */
  problems: string[];
  referenceMs: number;
}

interface State {
  fingerprint: string;
  rawRecords: number;
  published: number;
  searchDocuments: number;
  linkedGraphs: number;
  graphQuads: Map<string, number>;
  /** Each stored record's checksum, by source and id. */
  records: Map<string, string>;
}

const cli = path.resolve('bin/maillage.js');

/** Runs the CLI to its end (or kills it with SIGKILL after `killAfterMs`); its exit and duration. */
async function runCli(args: string[], dataDir: string, killAfterMs?: number): Promise<{ code: number | null; ms: number; killed: boolean }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: 'FULL', DERIVE_WORKERS: '2' }, stdio: 'ignore' });
  let killed = false;
  const timer = killAfterMs === undefined ? null : setTimeout(() => ((killed = child.exitCode === null), child.kill('SIGKILL')), killAfterMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (timer) clearTimeout(timer);
  return { code, ms: performance.now() - started, killed };
}

/** What a data directory holds, read the way the service reads it after a restart. */
async function stateOf(dataDir: string): Promise<State> {
  // Killed before it made its database: nothing stored, nothing to check.
  if (!existsSync(path.join(dataDir, 'maillage.sqlite'))) return { fingerprint: '', rawRecords: 0, published: 0, searchDocuments: 0, linkedGraphs: 0, graphQuads: new Map(), records: new Map() };
  const db = new Database(path.join(dataDir, 'maillage.sqlite'), { readonly: true });
  let state: Omit<State, 'graphQuads'>;
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const { rawRecords, recordsChecksum } = recordsFingerprint(db);
    const records = new Map((db.prepare('SELECT source, record_id, checksum FROM raw_records').raw().all() as Array<[string, string, string]>).map(([source, id, checksum]) => [`${source} ${id}`, checksum] as const));
    state = {
      records,
      fingerprint: recordsChecksum,
      rawRecords,
      published: count(`SELECT COUNT(*) AS n FROM record_derivations WHERE status = 'published'`),
      searchDocuments: count('SELECT COUNT(*) AS n FROM search_documents'),
      linkedGraphs: count('SELECT COUNT(*) AS n FROM (SELECT DISTINCT source, record_id FROM graph_summaries)'),
    };
  } finally {
    db.close();
  }
  const store = await openGraphStore(loadConfig({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'FULL' }), silentLogger);
  try {
    const result = await store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g');
    const graphQuads = new Map(result.form === 'SELECT' ? result.bindings.map((b) => [b.g!.value, Number(b.n!.value)] as const) : []);
    return { ...state, graphQuads };
  } finally {
    await store.close();
  }
}

/**
 * What must hold after any kill: every stored record whole (as the source sent it), published
 * records' graphs whole, the search index agreeing with the derivations. A bulk load is atomic per
 * chunk, not per graph: its graphs are only compared at the end.
 */
function consistencyProblems(state: State, reference: State, when: string, wholeGraphs: boolean): string[] {
  const problems: string[] = [];
  for (const [key, checksum] of state.records) if (reference.records.get(key) !== checksum) problems.push(`${when}: record ${key} is not as the source sent it`);
  if (state.searchDocuments !== state.published) problems.push(`${when}: ${state.searchDocuments} search documents for ${state.published} published records`);
  for (const [graph, quads] of wholeGraphs ? state.graphQuads : []) {
    const expected = reference.graphQuads.get(graph);
    if (expected !== undefined && expected !== quads) problems.push(`${when}: graph ${graph} has ${quads} quads, ${expected} when whole`);
  }
  return problems;
}

function finalProblems(state: State, reference: State, name: string): string[] {
  const problems: string[] = [];
  for (const key of ['fingerprint', 'rawRecords', 'published', 'searchDocuments', 'linkedGraphs'] as const) if (state[key] !== reference[key]) problems.push(`${name} at the end: ${key} ${state[key]}, uninterrupted ${reference[key]}`);
  const quads = (s: State) => [...s.graphQuads.values()].reduce((a, b) => a + b, 0);
  if (quads(state) !== quads(reference) || state.graphQuads.size !== reference.graphQuads.size) problems.push(`${name} at the end: ${state.graphQuads.size} graphs / ${quads(state)} quads, uninterrupted ${reference.graphQuads.size} / ${quads(reference)}`);
  return problems;
}

export interface FaultOptions {
  /** Kills per stage. */
  kills: number;
  sourceUrl: string;
  /** Where each kill falls (0..1 of the uninterrupted run's length); Math.random by default. */
  random?: () => number;
  log?: (line: string) => void;
}

/**
 * Kills one command `kills` times at random instants, runs it to its end, and checks. `prepare`
 * fills a fresh data directory for the stage (e.g. a harvested one for reindex).
 */
async function stage(name: string, args: string[], prepare: (dir: string) => Promise<void>, options: FaultOptions, wholeGraphs = true): Promise<FaultStage> {
  const random = options.random ?? Math.random;
  const root = mkdtempSync(path.join(tmpdir(), `maillage-faults-${name.replace(/\W+/g, '-')}-`));
  try {
    const referenceDir = path.join(root, 'reference');
    const faultDir = path.join(root, 'faults');
    mkdirSync(referenceDir, { recursive: true });
    await prepare(referenceDir);
    cpSync(referenceDir, faultDir, { recursive: true });
    const referenceRun = await runCli(args, referenceDir);
    if (referenceRun.code !== 0) throw new Error(`${name}: the uninterrupted run failed (exit ${referenceRun.code})`);
    const reference = await stateOf(referenceDir);
    const problems: string[] = [];
    let killed = 0;
    for (let k = 0; k < options.kills; k += 1) {
      // Past the process's start (about a second of loading), anywhere in its work.
      const at = 300 + random() * referenceRun.ms;
      const run = await runCli(args, faultDir, at);
      if (run.killed) killed += 1;
      problems.push(...consistencyProblems(await stateOf(faultDir), reference, `${name} after kill ${k + 1} at ${Math.round(at)} ms`, wholeGraphs));
      options.log?.(`${name}: kill ${k + 1}/${options.kills} at ${Math.round(at)} ms${run.killed ? '' : ' (it had already finished)'}`);
    }
    const last = await runCli(args, faultDir);
    if (last.code !== 0) problems.push(`${name}: the run after the kills failed (exit ${last.code})`);
    problems.push(...finalProblems(await stateOf(faultDir), reference, name));
    return { name, killed, problems, referenceMs: referenceRun.ms };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function faultRun(options: FaultOptions): Promise<FaultStage[]> {
  const harvested = async (dir: string) => {
    const run = spawnSync(process.execPath, [cli, 'harvest', 'oai-pmh', `${options.sourceUrl}/oai`, '--name', 'bench'], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' } });
    if (run.status !== 0) throw new Error(`harvest for the reindex stage failed: ${run.stderr}`);
  };
  const dumped = path.join(mkdtempSync(path.join(tmpdir(), 'maillage-faults-dump-')), 'store.nq');
  try {
    const stages: FaultStage[] = [];
    stages.push(await stage('OAI-PMH harvest', ['harvest', 'oai-pmh', `${options.sourceUrl}/oai`, '--name', 'bench'], async () => {}, options));
    stages.push(await stage('DataCite JSON harvest', ['harvest', 'datacite', options.sourceUrl, '--name', 'bench'], async () => {}, options));
    stages.push(await stage('reindex', ['reindex'], harvested, options));
    // A bulk load of the harvested catalogue's dump into an empty store.
    const source = mkdtempSync(path.join(tmpdir(), 'maillage-faults-source-'));
    await harvested(source);
    spawnSync(process.execPath, [cli, 'reindex'], { env: { ...process.env, DATA_DIR: source, LOG_LEVEL: 'warn' } });
    spawnSync(process.execPath, [cli, 'dump', dumped], { env: { ...process.env, DATA_DIR: source, LOG_LEVEL: 'warn' } });
    rmSync(source, { recursive: true, force: true });
    stages.push(await stage('bulk load', ['load', dumped], async () => {}, options, false));
    stages.push(await thesaurusFaultStage(options));
    return stages;
  } finally {
    rmSync(path.dirname(dumped), { recursive: true, force: true });
  }
}
