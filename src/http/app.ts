// Owns the Hono application: middleware (request ids, logs, metrics), the routes of each area,
// and the one error handler that writes problem+json.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { NotFoundError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { PublishedItems, RawRecordStore, RecordDerivations } from '../records/index.js';
import type { GraphStore } from '../store/index.js';
import type { ThesaurusEditor, ThesaurusService } from '../thesaurus/index.js';
import { harvestReportRoutes } from './harvest-reports.js';
import type { ServiceHarvests } from '../harvest/index.js';
import { sparqlEndpointRoutes } from './sparql/sparql-endpoint.js';
import { linkedDataRoutes } from './linked-data/linked-data-routes.js';
import { catalogFeedRoutes } from './feeds/catalog-feed-routes.js';
import { oaiProviderRoutes } from './oai/oai-provider.js';
import { sitemapRoutes } from './feeds/sitemap-routes.js';
import type { SourcePriority } from '../linking/preferred-value.js';
import { graphqlRoutes } from './graphql/graphql-routes.js';
import { webRoutes, type MapSettings } from '../web/index.js';
import type { OrcidSignIn, PersonalSpace, Question, UnsubscribeLinks } from '../personal/index.js';
import { signInRoutes } from './personal/sign-in-routes.js';
import { collectionExportRoutes } from './personal/collection-export-routes.js';
import type { OperationLimits } from './graphql/operation-budget.js';
import type { SearchReader } from '../search/index.js';
import type { LinkIndex } from '../linking/index.js';
import { thesaurusRoutes } from './thesaurus/browse-routes.js';
import { thesaurusEditRoutes } from './thesaurus/edit-routes.js';
import { thesaurusMappingRoutes } from './thesaurus/mapping-routes.js';
import { thesaurusReleaseRoutes } from './thesaurus/release-routes.js';
import { ThesaurusRoles } from './thesaurus/thesaurus-roles.js';
import { validationReportRoutes } from './validation-reports.js';
import { graphStoreProtocolRoutes } from './graph-store-protocol.js';
import { createStatsCache, healthRoutes } from './health.js';
import { createMetrics } from './metrics.js';
import { isAdminToken } from './admin-auth.js';
import { requestBodyLimit } from './limits/request-body-limit.js';
import type { OutboundPolicy } from './limits/guarded-fetch.js';
import { publicOriginFrom } from './public-origin.js';
import { securityHeaders } from './limits/security-headers.js';
import { problemFromError, problemResponse } from './problem.js';

export interface AppDependencies {
  store: GraphStore;
  records: RawRecordStore;
  /** Harvests the service makes itself (POST /harvests); absent in tests that do not harvest. */
  harvests?: ServiceHarvests;
  derivations: RecordDerivations;
  thesaurus: ThesaurusService;
  thesaurusEditor: ThesaurusEditor;
  /** "name:role:token" entries (see config). */
  thesaurusTokens: string;
  logger: Logger;
  version: string;
  adminToken?: string;
  maxBodyBytes?: number;
  /** Namespace of catalogue IRIs. */
  iriBase: string;
  queryTimeoutMs: number;
  queryResultLimitBytes: number;
  items: PublishedItems;
  oaiAdminEmail: string;
  search: SearchReader;
  /** Links and node summaries of the record graphs (GraphQL's linked resources). */
  links: LinkIndex;
  /** Which source's value is shown when sources disagree; every source counts the same without it. */
  sourcePriority?: SourcePriority;
  graphqlLimits: OperationLimits;
  /** Largest body of a public request; authenticated writes take maxBodyBytes. */
  maxPublicBodyBytes: number;
  /** Where SERVICE clauses may go. */
  federation: OutboundPolicy;
  /** Public SPARQL queries that may run at once. */
  sparqlMaxConcurrent: number;
  /** Most rows one public SELECT may answer. */
  sparqlMaxRows: number;
  resumptionTokenSecret?: string;
  /** The service's public origin (and path), used for every absolute URL it writes; else the request's. */
  publicBaseUrl?: string;
  /** The web catalogue's map tiles (none: the bundled world outline). */
  map?: MapSettings;
  /** The personal space: accounts, collections, saved searches, questions. */
  personal: PersonalSpace;
  /** Sign-in with ORCID, when a client is configured. */
  signIn: OrcidSignIn | null;
  unsubscribeLinks: UnsubscribeLinks;
  /** Tells a repository's contact about a new question (when e-mail is configured). */
  notifyQuestion?: (question: Question, sources: string[]) => void;
  /** "Open with" services shown on collection pages. */
  openWith?: Array<{ name: string; template: string }>;
}

export function createApp(dependencies: AppDependencies): Hono {
  const { store, records, derivations, thesaurus, logger, version, adminToken, maxBodyBytes = 256 * 1024 * 1024 } = dependencies;
  const startedAt = Date.now();
  const stats = createStatsCache(store);
  const metrics = createMetrics(store, () => stats.current());
  const app = new Hono();

  app.use(requestId());
  app.use(publicOriginFrom(dependencies.publicBaseUrl));
  app.use(securityHeaders({ imageOrigins: dependencies.map?.tileUrl ? [new URL(dependencies.map.tileUrl.replace(/\{[a-z]\}/g, '0')).origin] : [] }));
  app.use(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    // Server-Timing (W3C) tells clients and benchmarks the time spent in the service itself.
    try {
      c.res.headers.set('server-timing', `app;dur=${ms}`);
    } catch {
      // Some responses (a fetched body passed through) have immutable headers.
    }
    logger.info(
      { reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms },
      'request',
    );
  });
  app.use(metrics.middleware);
  const thesaurusAccess = new ThesaurusRoles(dependencies.thesaurusTokens, adminToken);
  app.use(
    requestBodyLimit({
      publicBytes: dependencies.maxPublicBodyBytes,
      writeBytes: maxBodyBytes,
      // Admins write graphs and schemes; editors send CSV layouts. Anyone else sends queries.
      isAuthenticated: (c) => isAdminToken(c.req.header('authorization'), adminToken) || thesaurusAccess.actorOf(c) !== null,
    }),
  );

  app.route('/health', healthRoutes(stats, version, startedAt, () => ({ searchReaderEndings: dependencies.search.endings })));
  app.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  app.route(
    '/',
    sparqlEndpointRoutes({
      store,
      logger,
      iriBase: dependencies.iriBase,
      adminToken,
      queryTimeoutMs: dependencies.queryTimeoutMs,
      maxResultBytes: dependencies.queryResultLimitBytes,
      maxConcurrent: dependencies.sparqlMaxConcurrent,
      maxRows: dependencies.sparqlMaxRows,
      federation: dependencies.federation,
    }),
  );
  app.route('/', catalogFeedRoutes({ store, items: dependencies.items, iriBase: dependencies.iriBase }));
  app.route('/', oaiProviderRoutes({ store, items: dependencies.items, records, iriBase: dependencies.iriBase, adminEmail: dependencies.oaiAdminEmail, ...(dependencies.resumptionTokenSecret ? { resumptionTokenSecret: dependencies.resumptionTokenSecret } : {}) }));
  const graphql = graphqlRoutes({
    store,
    search: dependencies.search,
    links: dependencies.links,
    thesaurus,
    iriBase: dependencies.iriBase,
    sourcePriority: dependencies.sourcePriority ?? (() => 0),
    limits: dependencies.graphqlLimits,
    personal: dependencies.personal,
    ...(dependencies.notifyQuestion ? { notifyQuestion: dependencies.notifyQuestion } : {}),
  });
  app.route('/', signInRoutes({ personal: dependencies.personal, signIn: dependencies.signIn, unsubscribeLinks: dependencies.unsubscribeLinks, logger, ...(dependencies.publicBaseUrl ? { publicBaseUrl: dependencies.publicBaseUrl } : {}) }));
  app.route('/', collectionExportRoutes({ personal: dependencies.personal, run: graphql.run, iriBase: dependencies.iriBase }));
  app.route('/', graphql.routes);
  // The catalogue's pages for people: a client of the same GraphQL schema, in process.
  app.route('/', webRoutes({ query: graphql.run, iriBase: dependencies.iriBase, personal: dependencies.personal, signInAvailable: dependencies.signIn !== null, openWith: dependencies.openWith ?? [], ...(dependencies.map ? { map: dependencies.map } : {}) }));
  app.route('/', sitemapRoutes(dependencies.items, dependencies.iriBase));
  app.route('/', linkedDataRoutes({ store, records, derivations, iriBase: dependencies.iriBase }));
  app.route('/rdf-graph-store', graphStoreProtocolRoutes(store, adminToken, maxBodyBytes, dependencies.queryResultLimitBytes));
  app.route('/harvests', harvestReportRoutes(records, dependencies.harvests ?? null, adminToken));
  app.route('/validation', validationReportRoutes(derivations));
  app.route('/', thesaurusEditRoutes(thesaurus, dependencies.thesaurusEditor, thesaurusAccess));
  app.route('/', thesaurusReleaseRoutes(thesaurus, dependencies.thesaurusEditor, thesaurusAccess));
  app.route('/', thesaurusMappingRoutes(thesaurus));
  app.route('/', thesaurusRoutes(thesaurus, store));

  app.notFound((c) => problemResponse(c, problemFromError(new NotFoundError(`Nothing at ${c.req.path}`), c.req.path, logger)));
  app.onError((error, c) => {
    const problem = problemFromError(error, c.req.path, logger);
    const headers: Record<string, string> = problem.status === 401 ? { 'www-authenticate': 'Bearer realm="maillage"' } : {};
    if (problem.status === 405 && typeof problem.allow === 'string') headers.allow = problem.allow;
    if (problem.status === 503) headers['retry-after'] = '2';
    return problemResponse(c, problem, headers);
  });
  return app;
}
