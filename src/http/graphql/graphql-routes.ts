// Owns /graphql: graphql-yoga serving the Pothos schema (GraphiQL in the browser), one set of
// DataLoaders per request, and the bounds on one operation: tokens, aliases and depth checked while
// the document is validated, its cost before it runs, its time and size while it runs
// (operation-budget.ts). Yoga's error masking stays on: unexpected errors answer without detail.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { graphql } from 'graphql';
import { Hono } from 'hono';
import { createYoga } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { LinkIndex } from '../../linking/index.js';
import type { SearchReader } from '../../search/index.js';
import type { GraphStore } from '../../store/index.js';
import type { ThesaurusService } from '../../thesaurus/index.js';
import { Gazetteer, QueryInterpreter } from '../../search/interpret/index.js';
import { createGraphLoaders } from './graph-loaders.js';
import { countingResolvedFields, useOperationBudget, type OperationLimits } from './operation-budget.js';
import { builder, type GraphqlContext } from './schema-builder.js';
import './resource-types.js';
import './resource-kind-types.js';
import './query-type.js';
import './personal-types.js';
import type { SourcePriority } from '../../linking/preferred-value.js';
import { sameSecret, type PersonalSpace, type Question, type Session } from '../../personal/index.js';
import { parse as parseCookies } from 'hono/utils/cookie';

export interface GraphqlOptions {
  store: GraphStore;
  search: SearchReader;
  links: LinkIndex;
  thesaurus: ThesaurusService;
  iriBase: string;
  /** Which source's value is shown when sources disagree (config/sources.json `priority`). */
  sourcePriority: SourcePriority;
  limits: OperationLimits;
  personal: PersonalSpace;
  notifyQuestion?: (question: Question, sources: string[]) => void;
}

/** Who runs an operation: the session of the request (or none) and whether it sent the CSRF token. */
export interface Caller {
  session: Session | null;
  csrfOk: boolean;
}

export const sessionCookie = 'maillage_session';

/** The caller of an HTTP request: its session cookie, and its x-csrf-token header checked against it. */
export function callerOf(personal: PersonalSpace, cookieHeader: string | null | undefined, csrfHeader: string | null | undefined): Caller {
  const token = parseCookies(cookieHeader ?? '', sessionCookie)[sessionCookie];
  const session = personal.accounts.session(token);
  return { session, csrfOk: session !== null && typeof csrfHeader === 'string' && sameSecret(session.csrf, csrfHeader) };
}

export const graphqlSchema = countingResolvedFields(builder.toSchema());

/** Runs one of our own operations in process (the web pages' queries): the data, or the first error thrown. */
export type GraphqlRunner = <T>(document: string, variables?: Record<string, unknown>, caller?: Caller) => Promise<T>;

export function graphqlRoutes(options: GraphqlOptions): { routes: Hono; run: GraphqlRunner } {
  const budget = useOperationBudget(graphqlSchema, options.limits);
  // Loaded once at start (dist/gazetteer.json, about 0.1 s), not on a request.
  const interpreter = new QueryInterpreter(Gazetteer.load(), options.thesaurus.list());
  const contextOf = (caller: Caller = { session: null, csrfOk: false }): GraphqlContext => ({
    personal: options.personal,
    ...caller,
    ...(options.notifyQuestion ? { notifyQuestion: options.notifyQuestion } : {}),
    loaders: createGraphLoaders(options.store, options.links, options.iriBase),
    search: options.search,
    thesaurus: options.thesaurus,
    iriBase: options.iriBase,
    sourcePriority: options.sourcePriority,
    interpreter,
  });
  const yoga = createYoga<Record<string, never>, GraphqlContext>({
    schema: graphqlSchema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Maillage GraphQL' },
    // GraphiQL's code and styles come inline from the package: the page works without internet.
    renderGraphiQL,
    // One operation per request: a batch of them would share one request's limits.
    batching: false,
    plugins: [
      maxTokensPlugin({ n: 5_000, exposeLimits: true }),
      maxAliasesPlugin({ n: 30, exposeLimits: true }),
      maxDepthPlugin({ n: 12, exposeLimits: true }),
      budget.plugin,
    ],
    context: ({ request }) => contextOf(callerOf(options.personal, request.headers.get('cookie'), request.headers.get('x-csrf-token'))),
    logging: false,
  });
  const run: GraphqlRunner = async <T>(document: string, variables: Record<string, unknown> = {}, caller?: Caller) => {
    const result = await graphql({ schema: graphqlSchema, source: document, variableValues: variables, contextValue: contextOf(caller) });
    if (result.errors?.length) throw result.errors[0]!.originalError ?? result.errors[0]!;
    return result.data as T;
  };
  return { routes: new Hono().on(['GET', 'POST', 'OPTIONS'], '/graphql', (c) => yoga.fetch(c.req.raw)), run };
}
