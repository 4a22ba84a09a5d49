// Owns /sparql: the SPARQL 1.1 Protocol (queries by GET and POST, updates by POST for
// administrators), content negotiation over every result syntax, the service description on a plain
// GET, CORS, and the public limits (time, result size). The store runs queries off the event loop.
import type { Context } from 'hono';
import { Hono } from 'hono';
import sparqljs from 'sparqljs';
import { cors } from 'hono/cors';
import { BadRequestError, TooBusyError } from '../../errors/index.js';
import type { Logger } from '../../log/index.js';
import { mediaTypes, rdfFormatOf, rdfMediaTypes, resultsMediaTypes, serializeQuads, type RdfMediaType, type ResultsMediaType } from '../../rdf/index.js';
import { correctedQueryText, parseSparql, type GraphStore } from '../../store/index.js';
import { assertAdmin } from '../admin-auth.js';
import { negotiate } from '../negotiation.js';
import { createStatisticsCache } from './dataset-statistics.js';
import { assertServicesAllowed, callsService, runFederatedQuery } from './federated-query.js';
import { ConcurrencyGate } from '../limits/concurrency-gate.js';
import type { OutboundPolicy } from '../limits/guarded-fetch.js';
import { publicOrigin } from '../public-origin.js';
import { readSparqlOperation, type SparqlOperation } from './protocol-request.js';
import { descriptionPrefixes, serviceDescription, voidDescription, type DescriptionContext } from './service-description.js';
import { applyUpdateDataset } from './update-dataset.js';
import { queryFormPage } from './query-form-page.js';

export interface SparqlEndpointOptions {
  store: GraphStore;
  logger: Logger;
  iriBase: string;
  adminToken: string | undefined;
  queryTimeoutMs: number;
  maxResultBytes: number;
  /** Most rows one SELECT may answer (SPARQL_MAX_ROWS). */
  maxRows: number;
  /** Public queries that may run at once. */
  maxConcurrent: number;
  /** Where SERVICE clauses may go. */
  federation: OutboundPolicy;
  /** The public origin for absolute URLs (else the request's). */
  publicBaseUrl?: string;
}

/** Short names for result sets in the `format` parameter (graph syntaxes take their file extensions). */
const resultFormatNames: Record<string, string> = {
  json: mediaTypes.sparqlResultsJson,
  xml: mediaTypes.sparqlResultsXml,
  csv: mediaTypes.sparqlResultsCsv,
  tsv: mediaTypes.sparqlResultsTsv,
};

/** The media type a `format` value names: a result-set name, an RDF file extension or a media type. */
function formatNamed(name: string): string {
  if (resultFormatNames[name]) return resultFormatNames[name];
  if (name === 'rdfxml') return mediaTypes.rdfXml;
  try {
    return rdfFormatOf(name);
  } catch {
    return name;
  }
}
/** Generic types clients send for result sets. */
const resultAliases: Record<string, ResultsMediaType> = {
  'application/json': mediaTypes.sparqlResultsJson,
  'application/xml': mediaTypes.sparqlResultsXml,
  'text/xml': mediaTypes.sparqlResultsXml,
};
const graphResultTypes = rdfMediaTypes.filter((t) => t !== mediaTypes.n3);

/** The query with its relative IRIs resolved, for engines that do not know our base. */
function parsedText(parsed: sparqljs.SparqlQuery): string {
  return new sparqljs.Generator().stringify(parsed);
}

function chooseFormat<T extends string>(c: Context, params: URLSearchParams, supported: readonly T[], aliases: Record<string, T>, fallback: T): T {
  const asked = params.get('format') ?? params.get('output');
  if (asked) {
    const mediaType = aliases[asked.toLowerCase()] ?? formatNamed(asked.toLowerCase());
    if (!(supported as readonly string[]).includes(mediaType)) {
      throw new BadRequestError(`format=${asked} does not fit this query; use one of ${supported.join(', ')}`);
    }
    return mediaType as T;
  }
  const chosen = negotiate(c, [...supported, ...(Object.keys(aliases) as T[])], fallback);
  return aliases[chosen] ?? chosen;
}

/**
 * The query's text asking for parsed.limit rows. The text is kept as sent where a LIMIT can simply
 * be added at its end (no LIMIT yet, no trailing VALUES); otherwise it is written from the parse.
 */
function withLimit(text: string, parsed: sparqljs.SelectQuery, originalLimit: number | undefined): string {
  if (originalLimit === undefined && !parsed.values) return `${text}\nLIMIT ${parsed.limit}`;
  return parsedText(parsed);
}

export function sparqlEndpointRoutes(options: SparqlEndpointOptions): Hono {
  const { store, logger, adminToken } = options;
  const statistics = createStatisticsCache(store);
  const gate = new ConcurrencyGate(options.maxConcurrent);
  const describe = (c: Context): DescriptionContext => {
    const origin = publicOrigin(c, options.publicBaseUrl);
    return { endpointUrl: `${origin}/sparql`, voidUrl: `${origin}/.well-known/void`, iriBase: options.iriBase, title: 'Maillage research-data catalogue graph' };
  };

  async function answerQuery(c: Context, operation: Extract<SparqlOperation, { kind: 'query' }>): Promise<Response> {
    // Relative IRIs resolve against the endpoint, the document the query was sent to.
    const baseIri = describe(c).endpointUrl;
    const parsed = parseSparql(operation.text, baseIri, 'query');
    if (parsed.type !== 'query') throw new BadRequestError('This is a SPARQL update; POST it as an update');
    const form = parsed.queryType;
    const mediaType =
      form === 'SELECT' || form === 'ASK'
        ? chooseFormat<ResultsMediaType>(c, operation.params, resultsMediaTypes, resultAliases, mediaTypes.sparqlResultsJson)
        : chooseFormat<RdfMediaType>(c, operation.params, graphResultTypes, {}, mediaTypes.turtle);
    const askedTimeout = Number(operation.params.get('timeout'));
    const timeoutMs = askedTimeout > 0 ? Math.min(askedTimeout, options.queryTimeoutMs) : options.queryTimeoutMs;
    const started = performance.now();

    const dataset = {
      ...(operation.defaultGraphs.length > 0 ? { defaultGraphs: operation.defaultGraphs } : {}),
      ...(operation.namedGraphs.length > 0 ? { namedGraphs: operation.namedGraphs } : {}),
    };
    const federated = callsService(parsed);
    if (federated) assertServicesAllowed(parsed, options.federation);
    // A SELECT without a LIMIT, or with one above the row cap, asks for one row more than the cap:
    // the store then stops early (a runaway stays small) and tells a result over the cap (refused).
    // A store that sorts at most so many rows under ORDER BY and LIMIT (Virtuoso) gets a cap it takes.
    const select = parsed.queryType === 'SELECT' ? parsed : null;
    const sortedCap = select?.order && store.maxSortedRows !== undefined ? store.maxSortedRows - 1 - (select.offset ?? 0) : Infinity;
    const maxRows = Math.max(0, Math.min(options.maxRows, sortedCap));
    const originalLimit = select?.limit;
    const rowCapped = select !== null && (originalLimit === undefined || originalLimit > maxRows);
    if (select && rowCapped) select.limit = maxRows + 1;
    // The embedded engine gets a few shapes wrong; those are rewritten into equivalent ones.
    const corrected = !federated && store.backend === 'embedded' ? await correctedQueryText(store, parsed, dataset) : null;
    const queryText = corrected ?? (select && rowCapped ? withLimit(operation.text, select, originalLimit) : operation.text);
    const body = federated
      ? await runFederatedQuery(parsedText(parsed), {
          store,
          mediaType,
          timeoutMs,
          maxResultBytes: options.maxResultBytes,
          policy: options.federation,
          logFailure: (error) => logger.warn({ reqId: c.get('requestId'), err: error }, 'federated service failed'),
        })
      : (
          await store.querySerialized(
            queryText,
            { results: mediaType as ResultsMediaType, graph: mediaType as RdfMediaType },
            { timeoutMs, baseIri, form, maxResultBytes: options.maxResultBytes, lane: 'public', ...(rowCapped ? { maxRows } : {}), ...dataset },
          )
        ).body;
    logger.info({ reqId: c.get('requestId'), form, mediaType, ...(corrected ? { corrected: true } : {}), bytes: body.length, ms: Math.round(performance.now() - started) }, 'sparql query');
    return c.body(body, 200, { 'content-type': `${mediaType}; charset=utf-8`, vary: 'Accept' });
  }

  async function answerUpdate(c: Context, operation: Extract<SparqlOperation, { kind: 'update' }>): Promise<Response> {
    assertAdmin(c.req.header('authorization'), adminToken);
    const baseIri = describe(c).endpointUrl;
    const text = applyUpdateDataset(operation.text, operation, baseIri);
    const result = await store.update(text, { baseIri });
    logger.info({ reqId: c.get('requestId'), storeQuads: result.storeQuads }, 'sparql update');
    return c.body(null, 204);
  }

  async function answerDescription(c: Context, params: URLSearchParams): Promise<Response> {
    const formats = ['text/html', ...graphResultTypes] as const;
    const mediaType = chooseFormat<(typeof formats)[number]>(c, params, formats, {}, mediaTypes.turtle);
    if (mediaType === 'text/html') return c.html(queryFormPage(describe(c).endpointUrl));
    const quads = serviceDescription(describe(c), await statistics());
    return c.body(await serializeQuads(quads, mediaType, descriptionPrefixes), 200, { 'content-type': `${mediaType}; charset=utf-8`, vary: 'Accept' });
  }

  async function sparql(c: Context): Promise<Response> {
    const operation = await readSparqlOperation(c);
    if (operation.kind === 'query') {
      // Each query may hold a store replica up to its time limit: past the cap, refuse at once.
      const release = gate.tryEnter();
      if (!release) throw new TooBusyError(`${gate.limit} queries are already running; retry in a few seconds`, { maxConcurrent: gate.limit });
      try {
        return await answerQuery(c, operation);
      } finally {
        release();
      }
    }
    if (operation.kind === 'update') return answerUpdate(c, operation);
    return answerDescription(c, operation.params);
  }

  async function voidDocument(c: Context): Promise<Response> {
    const mediaType = chooseFormat<RdfMediaType>(c, new URL(c.req.url).searchParams, graphResultTypes, {}, mediaTypes.turtle);
    const quads = voidDescription(describe(c), await statistics());
    return c.body(await serializeQuads(quads, mediaType, descriptionPrefixes), 200, { 'content-type': `${mediaType}; charset=utf-8`, vary: 'Accept' });
  }

  return new Hono()
    .use('/sparql', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'Accept', 'Authorization'], maxAge: 86_400 }))
    .all('/sparql', sparql)
    .get('/.well-known/void', voidDocument)
    .get('/void', voidDocument);
}
