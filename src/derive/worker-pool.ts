// Owns handing batches to worker threads. A batch goes to the thread with the fewest in flight,
// and no thread holds more than two (one working, one waiting, so none idles between batches);
// the rest wait their turn here. Dealt round-robin, a thread that drew slower batches would keep
// its queue while the other sat idle. A thread that fails fails every batch, held or waiting.
import type { Worker } from 'node:worker_threads';

/** A worker's answer: the batch's id, and an error text when the batch failed. */
interface Answer {
  id: number;
  error?: string;
}

interface Batch<A> {
  id: number;
  message: object;
  resolve: (answer: A) => void;
  reject: (error: Error) => void;
}

const heldPerThread = 2;

export class WorkerPool<A extends object> {
  private readonly held: Array<Map<number, Batch<A>>>;
  private readonly waiting: Array<Batch<A>> = [];
  private failure: Error | null = null;
  private nextId = 0;

  private constructor(private readonly threads: Worker[]) {
    this.held = threads.map(() => new Map());
    threads.forEach((thread, n) => {
      thread.on('message', (message: Answer & A) => this.answered(n, message));
      thread.once('error', (error) => this.failed(error));
    });
  }

  /** Starts the threads and waits until each says `{ ready: true }`. */
  static async start<A extends object>(count: number, spawn: () => Worker): Promise<WorkerPool<A>> {
    const threads = Array.from({ length: count }, spawn);
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const ready = (message: { ready?: boolean }) => {
              if (!message.ready) return;
              thread.off('message', ready);
              thread.off('error', reject);
              resolve();
            };
            thread.on('message', ready);
            thread.once('error', reject);
          }),
      ),
    );
    return new WorkerPool<A>(threads);
  }

  /** Sends a batch to the least busy thread, now or when one has room. */
  send(message: object): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.push({ id: this.nextId++, message, resolve, reject });
      this.dispatch();
    });
  }

  /** Sends one message to every thread, ahead of the batches still waiting here. */
  broadcast(message: object): Promise<A[]> {
    return Promise.all(
      this.threads.map(
        (_, n) =>
          new Promise<A>((resolve, reject) => {
            if (this.failure) return reject(this.failure);
            this.post(n, { id: this.nextId++, message, resolve, reject });
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let least = 0;
      for (let n = 1; n < this.held.length; n++) if (this.held[n]!.size < this.held[least]!.size) least = n;
      if (this.held[least]!.size >= heldPerThread) return;
      this.post(least, this.waiting.shift()!);
    }
  }

  private post(n: number, batch: Batch<A>): void {
    this.held[n]!.set(batch.id, batch);
    this.threads[n]!.postMessage({ ...batch.message, id: batch.id });
  }

  private answered(n: number, message: Answer & A): void {
    const batch = this.held[n]!.get(message.id);
    if (!batch) return;
    this.held[n]!.delete(message.id);
    if (message.error) batch.reject(new Error(message.error));
    else batch.resolve(message);
    this.dispatch();
  }

  private failed(error: Error): void {
    this.failure = error;
    for (const batch of [...this.held.flatMap((held) => [...held.values()]), ...this.waiting.splice(0)]) batch.reject(error);
    for (const held of this.held) held.clear();
  }
}
