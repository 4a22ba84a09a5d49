// Owns /graphql: graphql-yoga serving the Pothos schema (GraphiQL in the browser), one set of
// DataLoaders per request, and limits on query depth and cost so one request cannot ask for the
// whole graph.
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { Hono } from 'hono';
import { createYoga } from 'graphql-yoga';
import type { LinkIndex } from '../../linking/index.js';
import type { SearchReader } from '../../search/index.js';
import type { GraphStore } from '../../store/index.js';
import type { ThesaurusService } from '../../thesaurus/index.js';
import { createGraphLoaders } from './graph-loaders.js';
import { builder, type GraphqlContext } from './schema-builder.js';
import './resource-types.js';
import './query-type.js';
import type { SourcePriority } from '../../linking/preferred-value.js';

export interface GraphqlOptions {
  store: GraphStore;
  search: SearchReader;
  links: LinkIndex;
  thesaurus: ThesaurusService;
  iriBase: string;
  /** Which source's value is shown when sources disagree (config/sources.json `priority`). */
  sourcePriority: SourcePriority;
}

export const graphqlSchema = builder.toSchema();

export function graphqlRoutes(options: GraphqlOptions): Hono {
  const yoga = createYoga<Record<string, never>, GraphqlContext>({
    schema: graphqlSchema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Maillage GraphQL' },
    plugins: [maxDepthPlugin({ n: 12, exposeLimits: true }), costLimitPlugin({ maxCost: 20_000, exposeLimits: true })],
    context: () => ({
      loaders: createGraphLoaders(options.store, options.links, options.iriBase),
      search: options.search,
      thesaurus: options.thesaurus,
      iriBase: options.iriBase,
      sourcePriority: options.sourcePriority,
    }),
    logging: false,
  });
  return new Hono().on(['GET', 'POST', 'OPTIONS'], '/graphql', (c) => yoga.fetch(c.req.raw));
}
