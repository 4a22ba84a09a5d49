// Owns the main-thread side of one worker: request/response by id, a per-request time limit that
// starts when the worker picks the request up, and the end of the worker (timeout, crash, close).
import type { Worker } from 'node:worker_threads';
import { QueryTimeoutError, reviveError, UnavailableError } from '../../errors/index.js';
import { siblingModule, spawnWorker } from './spawn-worker.js';
import type { WorkerMessage, WorkerReplies, WorkerRequest, WorkerSettings } from './worker-protocol.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timeoutMs?: number;
  timer?: NodeJS.Timeout;
}

/** Thrown for requests that were queued on a replica that ended before running them. */
export class ReplicaEndedError extends UnavailableError {}

const workerModule = siblingModule(import.meta.url, 'oxigraph-worker');

/** The JavaScript heap of one replica thread (Oxigraph's own memory is WebAssembly, outside it). */
const replicaHeapLimits = { maxOldGenerationSizeMb: 1536 };

export class Replica {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ended = false;
  /** Set when the replica can serve queries (its rebuild finished). */
  ready = false;
  /** Public (SPARQL endpoint) queries sent to this replica and not answered yet: at most one. */
  publicInFlight = 0;
  onEnd: (replica: Replica, reason: string) => void = () => {};

  constructor(
    readonly name: string,
    settings: WorkerSettings,
  ) {
    // A bounded heap: a query that would exhaust memory ends this worker (rebuilt from snapshot and
    // journal by the pool), never the process that serves HTTP.
    this.worker = spawnWorker(workerModule, settings, replicaHeapLimits);
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    this.worker.on('error', (error) => this.end(`worker error: ${error.message}`));
    this.worker.on('exit', (code) => this.end(`worker exited with code ${code}`));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get alive(): boolean {
    return !this.ended;
  }

  request<T extends WorkerRequest>(message: T, timeoutMs?: number): Promise<WorkerReplies[T['type']]> {
    if (this.ended) return Promise.reject(new ReplicaEndedError(`Store replica ${this.name} has ended`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timeoutMs });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Ends the worker now; whatever it was running or had queued is rejected. */
  async terminate(reason = 'terminated'): Promise<void> {
    this.end(reason);
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'ending') {
      void this.terminate(message.reason);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'started') {
      if (pending.timeoutMs !== undefined) {
        pending.timer = setTimeout(() => this.timeOut(message.id, pending.timeoutMs!), pending.timeoutMs);
      }
      return;
    }
    clearTimeout(pending.timer);
    this.pending.delete(message.id);
    if (message.kind === 'ok') pending.resolve(message.result);
    else pending.reject(reviveError(message.error));
  }

  private timeOut(id: number, timeoutMs: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.reject(new QueryTimeoutError(`The query ran past its time limit of ${timeoutMs} ms and was stopped`, { timeoutMs }));
    // Oxigraph cannot interrupt a query, so the thread running it is ended and rebuilt.
    void this.terminate(`query timed out after ${timeoutMs} ms`);
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.ready = false;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new ReplicaEndedError(`Store replica ${this.name} ended (${reason}) before answering`));
      this.pending.delete(id);
    }
    this.onEnd(this, reason);
  }
}
