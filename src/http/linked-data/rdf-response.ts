// Owns answering with a graph in the syntax a client negotiated: Turtle, N-Triples, RDF/XML, or
// JSON-LD compacted with the catalogue's published context (/ns/context.jsonld), so JSON clients
// read "dct:title" instead of full IRIs.
import { publicOrigin } from '../public-origin.js';
import type { Quad } from '@rdfjs/types';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import jsonld from 'jsonld';
import { prefixes } from '../../mapping/namespaces.js';
import { mediaTypes, serializeQuads, type RdfMediaType } from '../../rdf/index.js';

export const linkedDataFormats: readonly RdfMediaType[] = [mediaTypes.turtle, mediaTypes.jsonLd, mediaTypes.rdfXml, mediaTypes.nTriples, mediaTypes.nQuads, mediaTypes.trig];

const { dcterms: _duplicate, ...contextPrefixes } = prefixes;
/** The JSON-LD context the catalogue publishes: its prefixes. */
export const jsonLdContext = { '@context': contextPrefixes };
export const contextPath = '/ns/context.jsonld';

async function compactJsonLd(quads: readonly Quad[], contextUrl: string): Promise<string> {
  const expanded = JSON.parse(await serializeQuads(quads, mediaTypes.jsonLd)) as object;
  const compacted = await jsonld.compact(expanded, jsonLdContext as jsonld.ContextDefinition);
  return JSON.stringify({ ...compacted, '@context': contextUrl }, null, 2);
}

export async function rdfResponse(c: Context, quads: readonly Quad[], mediaType: RdfMediaType, status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Promise<Response> {
  const body =
    mediaType === mediaTypes.jsonLd ? await compactJsonLd(quads, new URL(contextPath, `${publicOrigin(c)}/`).href) : await serializeQuads(quads, mediaType, contextPrefixes);
  return c.body(body, status, { 'content-type': `${mediaType}; charset=utf-8`, vary: 'Accept', ...headers });
}
