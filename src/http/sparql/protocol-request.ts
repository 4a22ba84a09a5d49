// Owns reading a SPARQL 1.1 Protocol request (https://www.w3.org/TR/sparql11-protocol/): which
// operation it carries (query, update, or none: the service description) and its dataset, with the
// protocol's refusals (two queries, an update by GET, a body that is not UTF-8, an unknown type...).
import type { Context } from 'hono';
import { BadRequestError, MethodNotAllowedError, UnsupportedMediaTypeError, PayloadTooLargeError } from '../../errors/index.js';
import { assertGraphIri, mediaTypes } from '../../rdf/index.js';

const formType = 'application/x-www-form-urlencoded';

export type SparqlOperation =
  | { kind: 'query'; text: string; defaultGraphs: string[]; namedGraphs: string[]; params: URLSearchParams }
  | { kind: 'update'; text: string; usingGraphs: string[]; usingNamedGraphs: string[]; params: URLSearchParams }
  | { kind: 'description'; params: URLSearchParams };

function graphList(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).map((iri) => {
    try {
      return assertGraphIri(iri);
    } catch {
      throw new BadRequestError(`${name} must be an absolute IRI; got "${iri}"`);
    }
  });
}

function single(params: URLSearchParams, name: 'query' | 'update'): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new BadRequestError(`The request carries ${values.length} "${name}" parameters; send exactly one`);
  return values[0];
}

function decodeUtf8(body: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new UnsupportedMediaTypeError('The request body is not valid UTF-8, the only encoding SPARQL requests may use');
  }
}

function contentTypeOf(c: Context): { type: string; charset: string | undefined } {
  const header = c.req.header('content-type');
  if (!header) throw new BadRequestError(`A POST needs a Content-Type: ${formType}, ${mediaTypes.sparqlQuery} or ${mediaTypes.sparqlUpdate}`);
  const [type, ...parameters] = header.split(';').map((part) => part.trim());
  const charset = parameters.find((p) => p.toLowerCase().startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset.toLowerCase() !== 'utf-8') {
    throw new UnsupportedMediaTypeError(`SPARQL requests are UTF-8; this one declares charset=${charset}`);
  }
  return { type: type!.toLowerCase(), charset };
}

/**
 * The longest query text read: parsing a query takes the event loop, and a megabyte of it held it
 * for about a second (npm run bench -- abuse). Catalogue queries are a few kilobytes.
 */
export const maxQueryChars = 100_000;

function queryOperation(text: string, params: URLSearchParams): SparqlOperation {
  if (params.has('update')) throw new BadRequestError('A request carries either a query or an update, not both');
  if (text.length > maxQueryChars) throw new PayloadTooLargeError(`A query is limited to ${maxQueryChars.toLocaleString('en')} characters; this one has ${text.length.toLocaleString('en')}`, { maxQueryChars });
  return { kind: 'query', text, defaultGraphs: graphList(params, 'default-graph-uri'), namedGraphs: graphList(params, 'named-graph-uri'), params };
}

function updateOperation(text: string, params: URLSearchParams): SparqlOperation {
  if (params.has('query')) throw new BadRequestError('A request carries either a query or an update, not both');
  return {
    kind: 'update',
    text,
    usingGraphs: graphList(params, 'using-graph-uri'),
    usingNamedGraphs: graphList(params, 'using-named-graph-uri'),
    params,
  };
}

/** The operation a protocol request carries. */
export async function readSparqlOperation(c: Context): Promise<SparqlOperation> {
  const urlParams = new URL(c.req.url).searchParams;
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    if (urlParams.has('update')) throw new MethodNotAllowedError('Updates are sent with POST, never with GET', { allow: 'POST' });
    const query = single(urlParams, 'query');
    return query === undefined ? { kind: 'description', params: urlParams } : queryOperation(query, urlParams);
  }
  if (c.req.method !== 'POST') throw new MethodNotAllowedError(`${c.req.method} is not part of the SPARQL protocol; use GET or POST`, { allow: 'GET, POST' });

  const { type } = contentTypeOf(c);
  const body = decodeUtf8(await c.req.arrayBuffer());
  if (type === formType) {
    const params = new URLSearchParams(body);
    // Dataset parameters may also come on the URL (the W3C protocol tests send them there).
    for (const [name, value] of urlParams) params.append(name, value);
    const query = single(params, 'query');
    const update = single(params, 'update');
    if (query !== undefined) return queryOperation(query, params);
    if (update !== undefined) return updateOperation(update, params);
    throw new BadRequestError('The form carries neither a "query" nor an "update" parameter');
  }
  if (type === mediaTypes.sparqlQuery) {
    if (urlParams.has('query')) throw new BadRequestError('A direct POST carries the query in its body; do not repeat it on the URL');
    return queryOperation(body, urlParams);
  }
  if (type === mediaTypes.sparqlUpdate) {
    if (urlParams.has('update')) throw new BadRequestError('A direct POST carries the update in its body; do not repeat it on the URL');
    return updateOperation(body, urlParams);
  }
  throw new UnsupportedMediaTypeError(`Cannot read a ${type} body; send ${formType}, ${mediaTypes.sparqlQuery} or ${mediaTypes.sparqlUpdate}`);
}
