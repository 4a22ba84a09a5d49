import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/derive/worker-pool.js';

// A real worker thread, busy for `ms` on a batch (one batch at a time, as CPU work is), then
// answering with its thread id; it fails a batch on `fail` and dies on `crash`.
const threadCode = `
const { parentPort, threadId } = require('node:worker_threads');
const busy = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', ({ id, ms = 0, fail, crash }) => {
  if (crash) throw new Error('thread crashed');
  Atomics.wait(busy, 0, 0, ms);
  parentPort.postMessage(fail ? { id, error: 'bad batch ' + id } : { id, thread: threadId });
});
parentPort.postMessage({ ready: true });
`;

type Answer = { thread: number };
let pool: WorkerPool<Answer> | null = null;
const start = async (count: number) => (pool = await WorkerPool.start<Answer>(count, () => new Worker(threadCode, { eval: true })));

afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool', () => {
  it('hands waiting batches to the thread that has room, not in turn', async () => {
    const threads = await start(2);
    const slow = threads.send({ ms: 600 });
    const quick = Array.from({ length: 5 }, () => threads.send({ ms: 20 }));
    const slowThread = (await slow).thread;
    const answers = await Promise.all(quick);
    // One quick batch may wait behind the slow one (two are held per thread); the rest go to the free thread.
    expect(answers.filter((a) => a.thread === slowThread)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.thread)).size).toBe(2);
  });

  it('fails only the batch its thread reports as failed', async () => {
    const threads = await start(2);
    const results = await Promise.allSettled([threads.send({}), threads.send({ fail: true }), threads.send({})]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/^bad batch \d+$/);
  });

  it('fails every held and waiting batch when a thread dies, and refuses new ones', async () => {
    const threads = await start(1);
    const crash = threads.send({ crash: true });
    const held = threads.send({});
    const waiting = threads.send({});
    for (const batch of [crash, held, waiting]) await expect(batch).rejects.toThrow('thread crashed');
    await expect(threads.send({})).rejects.toThrow('thread crashed');
  });

  it('sends a broadcast to every thread', async () => {
    const threads = await start(3);
    const answers = await threads.broadcast({});
    expect(new Set(answers.map((a) => a.thread)).size).toBe(3);
  });
});
