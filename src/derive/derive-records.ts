// Owns bringing the graph up to date with the system of record: after a harvest, the records that
// are new, changed or deleted; on reindex, every record (no network). Each batch is written to the
// graph store (one atomic batch of graph replacements and drops) and then its derivations to the
// records database; a run killed between the two redoes that batch, which is harmless (replace).
import type { DeriveRun, Derivation, RawRecordStore, RecordDerivations } from '../records/index.js';
import type { LinkIndex } from '../linking/index.js';
import type { SearchIndex } from '../search/index.js';
import type { GraphStore, GraphWrite } from '../store/index.js';
import type { DerivedRecord, QuarantinePolicy, RecordToDerive } from './derive-batch.js';
import type { DeriveEngine } from './derive-engine.js';

export interface DeriveDeps {
  records: RawRecordStore;
  derivations: RecordDerivations;
  store: GraphStore;
  engine: DeriveEngine;
  search: SearchIndex;
  links: LinkIndex;
  /** The quarantine policy of each source (config/sources.json); "core" when not declared. */
  policyOf: (source: string) => QuarantinePolicy;
}

export interface DeriveProgress {
  done: number;
  published: number;
  quarantined: number;
  unmappable: number;
  deleted: number;
}

const batchSize = 250;

/** One batch's raw records, read in one query. */
function toRecords(records: RawRecordStore, source: string, ids: string[]): RecordToDerive[] {
  return records.recordsOf(source, ids).map((raw) => ({
    source,
    id: raw.id,
    format: raw.format,
    content: raw.content,
    datestamp: raw.datestamp,
    harvestedAt: raw.updatedAt,
    checksum: raw.checksum,
    deleted: raw.deleted,
  }));
}

/**
 * A record whose graph the store would not take (a remote server refusing a value) is kept aside
 * like one that cannot be mapped, with the server's reason: it is not published (a reindex, or a
 * change of the record, tries it again). Its earlier version, if any, stays in the store until then.
 */
function keepAsideRefused(derived: DerivedRecord[], refused: ReadonlyArray<{ graph: string; reason: string }>): void {
  const reasons = new Map(refused.map((r) => [r.graph, r.reason]));
  for (const [i, d] of derived.entries()) {
    const reason = reasons.get(d.graph);
    if (reason === undefined || d.status !== 'published') continue;
    derived[i] = { ...d, status: 'unmappable', error: `The graph store refused this record: ${reason}` };
  }
}

async function writeBatch(deps: DeriveDeps, source: string, derived: DerivedRecord[], progress: DeriveProgress): Promise<void> {
  const writes: GraphWrite[] = derived.map((d) =>
    d.status === 'published' ? { kind: 'replace', graph: d.graph, payload: { data: d.ntriples, format: 'application/n-triples' } } : { kind: 'drop', graph: d.graph },
  );
  if (writes.length > 0) {
    const { refused = [] } = await deps.store.applyBatch(writes);
    if (refused.length > 0) keepAsideRefused(derived, refused);
  }
  const now = new Date().toISOString();
  // The derivations and the search documents change together (a killed run redoes the batch).
  deps.search.transaction(() => {
    deps.derivations.saveAll(
    derived.map(
      (d): Derivation => ({
        source,
        recordId: d.recordId,
        checksum: d.checksum,
        status: d.status,
        graph: d.status === 'published' ? d.graph : null,
        resource: d.resource,
        resourceTypes: d.resourceTypes,
        conforms: d.report ? d.report.conforms : null,
        coreViolations: d.report?.coreViolations ?? 0,
        violations: d.report?.violations ?? 0,
        warnings: d.report?.warnings ?? 0,
        infos: d.report?.infos ?? 0,
        report: d.report?.findings ?? [],
        fair: d.fair,
        error: d.error,
        derivedAt: now,
      }),
    ),
  );
  for (const d of derived) {
    deps.search.save(source, d.recordId, d.status === 'published' ? d.document : null);
    deps.links.save(source, d.recordId, d.graph, d.status === 'published' ? d.digest : null);
  }
  });
  for (const d of derived) {
    progress.done += 1;
    progress[d.status] += 1;
  }
}

/**
 * Derives batches and writes them in order. Twice as many batches as workers are in flight, and
 * the next one is sent before a finished one is written: the workers derive while the graph store
 * and the records database take the previous batch, instead of each waiting for the other.
 */
async function deriveAll(deps: DeriveDeps, next: () => Array<{ source: string; recordId: string }>, onBatch: (source: string, derived: DerivedRecord[]) => Promise<void>): Promise<void> {
  const depth = deps.engine.parallelism * 2;
  const inFlight: Array<{ source: string; work: Promise<DerivedRecord[]> }> = [];
  const send = () => {
    while (inFlight.length < depth) {
      const keys = next();
      if (keys.length === 0) return;
      // A batch holds one source's records (its policy applies to the whole batch); dropping the
      // others here would leave them underived without a word, so a mixed batch is a fault.
      const source = keys[0]!.source;
      if (keys.some((k) => k.source !== source)) throw new Error(`a derive batch mixes the sources ${source} and ${keys.find((k) => k.source !== source)!.source}`);
      const records = toRecords(deps.records, source, keys.map((k) => k.recordId));
      const work = deps.engine.derive(records, deps.policyOf(source));
      work.catch(() => {}); // awaited in order below; a failure there ends the run
      inFlight.push({ source, work });
    }
  };
  send();
  while (inFlight.length > 0) {
    const { source, work } = inFlight.shift()!;
    const derived = await work;
    send();
    await onBatch(source, derived);
  }
}

/** Derives the source's records that are new, changed or deleted since they were last derived. */
export async function deriveChanged(deps: DeriveDeps, source: string, onProgress?: (p: DeriveProgress) => void): Promise<DeriveProgress> {
  const progress: DeriveProgress = { done: 0, published: 0, quarantined: 0, unmappable: 0, deleted: 0 };
  const { run } = deps.derivations.beginRun(source, 'harvest');
  const claimed = new Set<string>();
  let after = '';
  try {
    await deriveAll(
      deps,
      () => {
        // Records claimed for an in-flight batch are not derived yet; skip them when asking again.
        const unclaimed = (from: string) => deps.derivations.stale(source, batchSize + claimed.size, from).filter((k) => !claimed.has(k.recordId)).slice(0, batchSize);
        let keys = unclaimed(after);
        // At the end of the pass, once more from the start: a record changed behind the cursor meanwhile.
        if (keys.length === 0 && after !== '') keys = unclaimed((after = ''));
        for (const k of keys) claimed.add(k.recordId);
        if (keys.length > 0) after = keys[keys.length - 1]!.recordId;
        return keys.map((k) => ({ source, recordId: k.recordId }));
      },
      async (batchSource, derived) => {
        const before = { ...progress };
        await writeBatch(deps, batchSource, derived, progress);
        for (const d of derived) claimed.delete(d.recordId);
        deps.derivations.addToRun(run.id, diff(progress, before));
        onProgress?.(progress);
      },
    );
    deps.derivations.finishRun(run.id, 'completed');
  } catch (error) {
    deps.derivations.finishRun(run.id, 'failed');
    throw error;
  }
  return progress;
}

/**
 * Re-derives every record (of one source or all) from the stored raw records. Crash-safe: a run
 * left unfinished is taken over and goes on with the records not derived since it started.
 */
export async function reindex(deps: DeriveDeps, source: string | null, onProgress?: (p: DeriveProgress, run: DeriveRun) => void): Promise<{ run: DeriveRun; resumed: boolean; progress: DeriveProgress }> {
  const { run, resumed } = deps.derivations.beginRun(source, 'reindex');
  const progress: DeriveProgress = { done: 0, published: 0, quarantined: 0, unmappable: 0, deleted: 0 };
  let after = '';
  try {
    await deriveAll(
      deps,
      () => {
        // A batch is one source's (deriveAll): the page stops where the next source starts, and the
        // cursor with it, so the next source's first records come in the next batch, not skipped.
        const page = deps.derivations.notDerivedSince(source, run.startedAt, after, batchSize);
        const keys = page.filter((k) => k.source === page[0]?.source);
        const last = keys[keys.length - 1];
        if (last) after = `${last.source}\u0000${last.recordId}`;
        return keys;
      },
      async (batchSource, derived) => {
        const before = { ...progress };
        await writeBatch(deps, batchSource, derived, progress);
        deps.derivations.addToRun(run.id, diff(progress, before));
        onProgress?.(progress, run);
      },
    );
    return { run: deps.derivations.finishRun(run.id, 'completed'), resumed, progress };
  } catch (error) {
    deps.derivations.finishRun(run.id, 'failed');
    throw error;
  }
}

/** Re-derives the records named (after a thesaurus change, for instance), one source's batch at a time. */
export async function rederive(deps: DeriveDeps, keys: ReadonlyArray<{ source: string; recordId: string }>): Promise<DeriveProgress> {
  const progress: DeriveProgress = { done: 0, published: 0, quarantined: 0, unmappable: 0, deleted: 0 };
  const bySource = new Map<string, string[]>();
  for (const k of keys) (bySource.get(k.source) ?? bySource.set(k.source, []).get(k.source)!).push(k.recordId);
  const batches = [...bySource].flatMap(([source, ids]) => Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, i) => ids.slice(i * batchSize, (i + 1) * batchSize).map((recordId) => ({ source, recordId }))));
  await deriveAll(
    deps,
    () => batches.shift() ?? [],
    (source, derived) => writeBatch(deps, source, derived, progress),
  );
  return progress;
}

function diff(now: DeriveProgress, before: DeriveProgress) {
  return {
    records: now.done - before.done,
    published: now.published - before.published,
    quarantined: now.quarantined - before.quarantined,
    unmappable: now.unmappable - before.unmappable,
    deleted: now.deleted - before.deleted,
  };
}
