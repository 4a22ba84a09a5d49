// The operation budget on a real Yoga server with a schema whose resolvers take a known time, so the
// time limit and the cap on concurrent expensive operations can be seen to act: the answer comes at
// the deadline (not when the slow work ends), and operations past the cap are refused, not queued.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingResolvedFields, useOperationBudget } from '../../../src/http/graphql/operation-budget.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let slowCalls = 0;

const schema = countingResolvedFields(
  createSchema({
    typeDefs: 'type Query { slow(ms: Int!): Int, cheap: Int, many(n: Int!): [Item] } type Item { n: Int }',
    resolvers: {
      Query: {
        slow: async (_root: unknown, { ms }: { ms: number }) => ((slowCalls += 1), await sleep(ms), ms),
        cheap: () => 1,
        many: (_root: unknown, { n }: { n: number }) => Array.from({ length: n }, (_v, i) => ({ n: i })),
      },
    },
  }),
);
const budget = useOperationBudget(schema, { maxCost: 1_000, expensiveCost: 50, maxExpensive: 2, timeoutMs: 300, maxFields: 100 });
let server: Server;
let url: string;

async function graphql(query: string): Promise<{ status: number; ms: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as never, ms: performance.now() - started };
}

beforeAll(async () => {
  server = createServer(createYoga({ schema, plugins: [budget.plugin], logging: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('operation budget', () => {
  it('answers OPERATION_TIMEOUT (503) at the deadline while a resolver is still at work, and no partial data', async () => {
    const answer = await graphql('{ cheap slow(ms: 3000) }');
    expect(answer.ms).toBeLessThan(1_500);
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TIMEOUT');
    expect(answer.body.data).toBeUndefined();
  });

  it('refuses an operation over the cost limit before any resolver runs, naming the cost and the excess', async () => {
    const before = slowCalls;
    const query = `{ ${Array.from({ length: 1_001 }, (_v, i) => `a${i}: slow(ms: 1)`).join(' ')} }`;
    const answer = await graphql(query);
    expect(answer.body.errors?.[0]?.message).toBe('The query costs 1001, over the limit of 1000 by 1: ask for fewer items (first) or fewer levels');
    expect(slowCalls).toBe(before);
  });

  it('stops a response past the field cap with one error', async () => {
    const answer = await graphql('{ a: many(n: 60) { n } b: many(n: 60) { n } }');
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    const fits = await graphql('{ a: many(n: 40) { n } b: many(n: 40) { n } }');
    expect(fits.body.errors).toBeUndefined();
  });

  it('lets two expensive operations run at once, refuses the third with 503, and takes them again once done', async () => {
    const expensive = `{ ${Array.from({ length: 60 }, (_v, i) => `a${i}: slow(ms: 150)`).join(' ')} }`;
    const answers = await Promise.all([graphql(expensive), graphql(expensive), graphql(expensive), graphql(expensive)]);
    const refused = answers.filter((a) => a.body.errors?.[0]?.extensions?.code === 'TOO_MANY_EXPENSIVE_OPERATIONS');
    expect(refused).toHaveLength(2);
    expect(refused[0]!.status).toBe(503);
    expect(answers.filter((a) => a.body.errors === undefined)).toHaveLength(2);
    // Cheap operations are never counted against the cap.
    expect((await graphql('{ cheap }')).body.data).toEqual({ cheap: 1 });
    expect(budget.expensiveRunning()).toBe(0);
    expect((await graphql(expensive)).body.errors).toBeUndefined();
  });
});
