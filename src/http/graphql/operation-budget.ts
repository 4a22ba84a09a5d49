// Owns the bounds on one GraphQL operation: its cost is counted from the document before it runs
// (every list multiplied by the size asked for) and refused over the limit; an expensive operation
// waits for nothing, it is refused when too many already run; and while it runs, a time limit and a
// cap on resolved fields stop it. Together they bound the time and memory one request can take.
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { defaultFieldResolver, GraphQLError, isObjectType, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ConcurrencyGate } from '../limits/concurrency-gate.js';

export interface OperationLimits {
  /** Largest cost an operation may have (complexity plugin: fields, lists multiplied by their size). */
  maxCost: number;
  /** Operations at or above this cost are "expensive": at most `maxExpensive` run at once. */
  expensiveCost: number;
  maxExpensive: number;
  /** Time limit of one operation. */
  timeoutMs: number;
  /** Most fields one response may resolve (each value of each object counts one). */
  maxFields: number;
}

/**
 * Per-operation state the resolvers see through the context. Once `stopped` is set (too many
 * fields, time is up, the client left), every field still to resolve fails at once without doing
 * its work, so the operation winds down; the answer is that one error, never a partial result.
 */
export interface OperationBudget {
  fields: number;
  readonly maxFields: number;
  stopped: GraphQLError | null;
}

const limitError = (code: string, message: string, extensions: Record<string, unknown> = {}, status = 400) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status, ...(status === 503 ? { headers: { 'retry-after': '2' } } : {}) } } });

/** The operation that runs, with the fragments, as a document of its own (the cost counts that one). */
function operationDocument(document: DocumentNode, operationName: string | null | undefined): DocumentNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  return { ...document, definitions: [...(operation ? [operation] : []), ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
}

/**
 * Wraps every resolver of the schema once so each resolved field counts against the operation's
 * budget; past the cap the operation is aborted as a whole (one error, no half answer).
 */
export function countingResolvedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { budget?: OperationBudget }, info) => {
        const budget = context.budget;
        if (budget) {
          if (!budget.stopped && ++budget.fields > budget.maxFields) {
            budget.stopped = limitError('RESPONSE_TOO_LARGE', `The response would hold more than ${budget.maxFields} fields; ask for fewer items (first) or fewer levels`, { maxFields: budget.maxFields });
          }
          if (budget.stopped) throw budget.stopped;
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

export interface OperationBudgetPlugin {
  plugin: Plugin<{ budget?: OperationBudget }>;
  /** Expensive operations running now (for /health and tests). */
  expensiveRunning: () => number;
}

export function useOperationBudget(schema: GraphQLSchema, limits: OperationLimits): OperationBudgetPlugin {
  const expensiveGate = new ConcurrencyGate(limits.maxExpensive);
  const plugin: Plugin<{ budget?: OperationBudget; request?: Request }> = {
    onExecute({ args, setResultAndStopExecution, extendContext, executeFn, setExecuteFn }) {
      let cost: number;
      try {
        cost = complexityFromQuery(operationDocument(args.document, args.operationName), { schema, ctx: args.contextValue, variables: (args.variableValues ?? {}) as Record<string, unknown> }).complexity;
      } catch (error) {
        setResultAndStopExecution({ errors: [error instanceof GraphQLError ? error : limitError('BAD_USER_INPUT', (error as Error).message)] });
        return;
      }
      if (cost > limits.maxCost) {
        setResultAndStopExecution({
          errors: [
            limitError('QUERY_TOO_COMPLEX', `The query costs ${cost}, over the limit of ${limits.maxCost} by ${cost - limits.maxCost}: ask for fewer items (first) or fewer levels`, { cost, maxCost: limits.maxCost }),
          ],
        });
        return;
      }
      const release = cost >= limits.expensiveCost ? expensiveGate.tryEnter() : () => undefined;
      if (!release) {
        setResultAndStopExecution({ errors: [limitError('TOO_MANY_EXPENSIVE_OPERATIONS', `${limits.maxExpensive} expensive operations (cost ${limits.expensiveCost} or more) are already running; retry shortly or ask for less`, { cost }, 503)] });
        return;
      }

      const budget: OperationBudget = { fields: 0, maxFields: limits.maxFields, stopped: null };
      extendContext({ budget });
      const clientGone = args.contextValue.request?.signal;
      setExecuteFn(async (executeArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const stop = (reason: GraphQLError) => (budget.stopped ??= reason);
        const onClientGone = () => stop(limitError('CLIENT_CLOSED', 'The client closed the request'));
        clientGone?.addEventListener('abort', onClientGone, { once: true });
        // The answer comes at the deadline even while a store call is still out; the operation then
        // fails each field it reaches and its late result is dropped.
        const deadline = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => {
            stop(limitError('OPERATION_TIMEOUT', `The operation ran past ${limits.timeoutMs} ms and was stopped; ask for less`, { timeoutMs: limits.timeoutMs }, 503));
            resolve('timeout');
          }, limits.timeoutMs);
        });
        const execution = Promise.resolve(executeFn(executeArgs));
        execution.catch(() => undefined);
        try {
          const result = await Promise.race([execution, deadline]);
          return budget.stopped ? { errors: [budget.stopped] } : (result as Awaited<ReturnType<typeof executeFn>>);
        } finally {
          clearTimeout(timer);
          clientGone?.removeEventListener('abort', onClientGone);
          // The slot is held until the work really ends, even when the answer went at the deadline.
          execution.finally(release).catch(() => undefined);
        }
      });
    },
  };
  return { plugin, expensiveRunning: () => expensiveGate.inUse };
}
