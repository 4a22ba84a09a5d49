// Owns the set of store replicas: starting each one from the durable state, sending reads to the
// least busy ready one, sending every committed write to all of them in journal order, and
// replacing a replica that ended (query timeout, crash) while the others keep serving.
import type { Logger } from '../../log/index.js';
import { TooBusyError, UnavailableError } from '../../errors/index.js';
import type { JournalEntry } from '../../records/index.js';
import { Replica, ReplicaEndedError } from '../worker/replica.js';
import type { WorkerReplies, WorkerRequest } from '../worker/worker-protocol.js';

export interface ReplicaPoolOptions {
  dataDir: string;
  replicas: number;
  logger: Logger;
  /** The last committed journal seq: a new replica rebuilds up to it. */
  lastSeq: () => number;
  /** How long a read waits for a ready replica before giving up. */
  readyWaitMs?: number;
  /** How long a public query waits for a replica it may use before it is refused. */
  publicWaitMs?: number;
}

export class ReplicaPool {
  private readonly slots: Replica[] = [];
  private readonly restarts: number[];
  private readyWaiters: Array<() => void> = [];
  private publicWaiters: Array<() => void> = [];
  private generation = 0;
  private closing = false;
  /** Replicas that ended (query timeout, out of memory, crash) since start, and the latest one: /health shows them. */
  readonly endings = { count: 0, last: null as { replica: string; reason: string; at: string } | null };
  /** Quads in the store, as the last replica to answer counted them. */
  lastKnownSize = 0;

  constructor(private readonly options: ReplicaPoolOptions) {
    this.restarts = new Array<number>(options.replicas).fill(0);
  }

  /** Starts every replica and resolves when at least one can serve. */
  async start(): Promise<void> {
    const rebuilt = Array.from({ length: this.options.replicas }, (_, slot) => this.spawn(slot));
    await Promise.any(rebuilt).catch((error: AggregateError) => {
      throw new UnavailableError(`No store replica could start: ${error.errors.map((e: Error) => e.message).join('; ')}`);
    });
  }

  get replicas(): ReadonlyArray<Replica> {
    return this.slots;
  }

  private spawn(slot: number): Promise<void> {
    const replica = new Replica(`replica-${slot}.${this.generation++}`, { role: 'replica', dataDir: this.options.dataDir });
    this.slots[slot] = replica;
    replica.onEnd = (ended, reason) => this.replaceEnded(slot, ended, reason);
    const upTo = this.options.lastSeq();
    return replica.request({ type: 'rebuild', upTo }).then((result) => {
      replica.ready = replica.alive;
      this.lastKnownSize = result.size;
      this.restarts[slot] = 0;
      this.options.logger.info({ replica: replica.name, ...result }, 'store replica ready');
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const wake of waiters) wake();
      this.wakePublicWaiters();
    });
  }

  private replaceEnded(slot: number, ended: Replica, reason: string): void {
    if (this.closing || this.slots[slot] !== ended) return;
    this.options.logger.warn({ replica: ended.name, reason }, 'store replica ended; rebuilding it');
    this.endings.count += 1;
    this.endings.last = { replica: ended.name, reason, at: new Date().toISOString() };
    // Back off when a replica keeps ending while it rebuilds (e.g. a damaged snapshot).
    const delay = Math.min(100 * 2 ** this.restarts[slot]!, 10_000);
    this.restarts[slot]! += 1;
    setTimeout(() => {
      if (this.closing) return;
      this.spawn(slot).catch((error: Error) => this.options.logger.error({ err: error, slot }, 'store replica failed to rebuild'));
    }, delay).unref();
  }

  /**
   * The ready replica with the least work queued, preferring one that runs no public query (a
   * public query may run until its time limit), waiting for one when none is ready.
   */
  async pick(): Promise<Replica> {
    const deadline = Date.now() + (this.options.readyWaitMs ?? 120_000);
    const load = (replica: Replica) => (replica.publicInFlight > 0 ? 1_000_000 : 0) + replica.inFlight;
    for (;;) {
      if (this.closing) throw new UnavailableError('The graph store is closing');
      let best: Replica | undefined;
      for (const replica of this.slots) {
        if (replica?.ready && replica.alive && (!best || load(replica) < load(best))) best = replica;
      }
      if (best) return best;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new UnavailableError('No store replica is ready (the store is rebuilding); try again shortly');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 1000));
        this.readyWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Runs a request on one ready replica; if that replica ends first, on another one. */
  async run<T extends WorkerRequest>(message: T, timeoutMs?: number): Promise<WorkerReplies[T['type']]> {
    for (let attempt = 0; ; attempt += 1) {
      const replica = await this.pick();
      try {
        return await replica.request(message, timeoutMs);
      } catch (error) {
        if (!(error instanceof ReplicaEndedError) || attempt >= 2) throw error;
      }
    }
  }

  /**
   * Runs a query anyone could send. It goes to a ready replica that runs no other public query, and
   * only while another ready replica stays free of public queries (with one replica, that one), so
   * runaway queries cannot take every replica from the catalogue's own reads. A query that finds no
   * such replica within publicWaitMs is refused; one whose replica ends is not tried elsewhere (it
   * may be the reason the replica ended).
   */
  async runPublic(message: Extract<WorkerRequest, { type: 'query' }>, timeoutMs: number): Promise<WorkerReplies['query']> {
    const deadline = Date.now() + (this.options.publicWaitMs ?? 2000);
    for (;;) {
      if (this.closing) throw new UnavailableError('The graph store is closing');
      const replica = this.replicaForPublic();
      if (replica) {
        replica.publicInFlight += 1;
        try {
          return await replica.request(message, timeoutMs);
        } finally {
          replica.publicInFlight -= 1;
          this.wakePublicWaiters();
        }
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new TooBusyError('Other SPARQL queries hold the store replicas that public queries may use; retry in a few seconds', { waitedMs: this.options.publicWaitMs ?? 2000 });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.publicWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private replicaForPublic(): Replica | undefined {
    const ready = this.slots.filter((replica) => replica?.ready && replica.alive);
    const free = ready.filter((replica) => replica.publicInFlight === 0);
    // Keep one replica free of public queries whenever the pool has more than one.
    if (this.options.replicas > 1 && free.length < 2) return undefined;
    return free.sort((a, b) => a.inFlight - b.inFlight)[0];
  }

  private wakePublicWaiters(): void {
    const waiters = this.publicWaiters;
    this.publicWaiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Sends committed entries to every live replica. Called synchronously right after the journal
   * commit, so every replica sees writes in journal order and any later read sees this write.
   */
  broadcast(entries: JournalEntry[]): Array<{ replica: Replica; applied: Promise<WorkerReplies['apply']> }> {
    return this.slots
      .filter((replica) => replica.alive)
      .map((replica) => ({ replica, applied: replica.request({ type: 'apply', entries }) }));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const wake of this.readyWaiters) wake();
    this.wakePublicWaiters();
    await Promise.all(this.slots.map((replica) => replica.terminate('store closed')));
  }
}
