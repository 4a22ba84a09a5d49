// Owns the SPARQL 1.1 Graph Store HTTP Protocol (indirect identification, ?graph=IRI): reads are
// public, writes need the admin token. Named graphs only: the default graph is the union of all.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BadRequestError, NotFoundError, UnavailableError, UnsupportedMediaTypeError } from '../errors/index.js';
import { assertGraphIri, mediaTypes, rdfFormatOf, type RdfMediaType, sparqlIri } from '../rdf/index.js';
import type { GraphStore, RdfPayload } from '../store/index.js';
import { isAdminToken, requireAdmin } from './admin-auth.js';
import { negotiate } from './negotiation.js';

const graphFormats: RdfMediaType[] = [mediaTypes.turtle, mediaTypes.nTriples, mediaTypes.rdfXml, mediaTypes.jsonLd, mediaTypes.nQuads, mediaTypes.trig];

function graphParameter(c: Context): string {
  const graph = c.req.query('graph');
  if (c.req.query('default') !== undefined) {
    throw new BadRequestError('The default graph is the union of all named graphs here and cannot be written directly; name a graph with ?graph=IRI');
  }
  if (!graph) throw new BadRequestError('Name the graph with ?graph=IRI');
  return assertGraphIri(graph);
}

async function payloadOf(c: Context): Promise<RdfPayload> {
  const contentType = c.req.header('content-type');
  if (!contentType) throw new UnsupportedMediaTypeError(`Send a Content-Type: one of ${graphFormats.join(', ')}`);
  let format: RdfMediaType;
  try {
    format = rdfFormatOf(contentType);
  } catch {
    throw new UnsupportedMediaTypeError(`Cannot read ${contentType}; send one of ${graphFormats.join(', ')}`);
  }
  return { data: new Uint8Array(await c.req.arrayBuffer()), format, baseIri: graphParameter(c) };
}

async function graphExists(store: GraphStore, graph: string): Promise<boolean> {
  const result = await store.query(`ASK { GRAPH ${sparqlIri(graph)} { ?s ?p ?o } }`);
  return result.form === 'ASK' && result.boolean;
}

/** `maxPublicResultBytes`: the largest graph an anonymous GET may read (the SPARQL result limit); administrators read any. */
/** How long a write's own reads wait for a store that cannot be reached (the remote store's write wait). */
const writeWaitMs = 60_000;

async function whileUnavailable<T>(read: () => Promise<T>): Promise<T> {
  const until = Date.now() + writeWaitMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof UnavailableError) || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
    }
  }
}

export function graphStoreProtocolRoutes(store: GraphStore, adminToken: string | undefined, maxBodyBytes: number, maxPublicResultBytes: number): Hono {
  const admin = requireAdmin(adminToken);
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new BadRequestError(`The body is larger than the ${maxBodyBytes} bytes allowed; use the maillage load command for bulk loads`);
    },
  });
  return new Hono()
    .get('/', async (c) => {
      const graph = graphParameter(c);
      const format = negotiate(c, graphFormats, mediaTypes.turtle);
      if (!(await whileUnavailable(() => graphExists(store, graph)))) throw new NotFoundError(`No graph named ${graph}`);
      const result = await store.querySerialized(
        `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(graph)} { ?s ?p ?o } }`,
        { results: mediaTypes.sparqlResultsJson, graph: format },
        isAdminToken(c.req.header('authorization'), adminToken) ? {} : { maxResultBytes: maxPublicResultBytes },
      );
      return c.body(result.body, 200, { 'content-type': `${format}; charset=utf-8`, vary: 'Accept' });
    })
    .put('/', admin, limit, async (c) => {
      const graph = graphParameter(c);
      const payload = await payloadOf(c);
      // A write waits for a remote store that is restarting (as the write itself does).
      const existed = await whileUnavailable(() => graphExists(store, graph));
      await store.replaceGraph(graph, payload);
      return c.body(null, existed ? 204 : 201);
    })
    .post('/', admin, limit, async (c) => {
      const graph = graphParameter(c);
      await store.load(await payloadOf(c), { graph });
      return c.body(null, 204);
    })
    .delete('/', admin, async (c) => {
      const graph = graphParameter(c);
      if (!(await whileUnavailable(() => graphExists(store, graph)))) throw new NotFoundError(`No graph named ${graph}`);
      await store.dropGraph(graph);
      return c.body(null, 204);
    });
}
