// Owns what the thesaurus API reads from a request body and writes as a file: a JSON body (415
// for another media type, 400 when it does not parse), and a scheme's download in the format asked
// for (?format=ttl|rdf|jsonld|nt|csv) as an attachment.
import type { Context } from 'hono';
import { BadRequestError, UnsupportedMediaTypeError } from '../../errors/index.js';
import { mediaTypes, type RdfMediaType } from '../../rdf/index.js';
import { schemeAsCsv, type ConceptScheme } from '../../thesaurus/index.js';

export const mediaTypeOf = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** The JSON body; `what` names it in the error a client gets for another media type. */
export async function jsonBody(c: Context, what: string): Promise<unknown> {
  if (mediaTypeOf(c) !== 'application/json') throw new UnsupportedMediaTypeError(`Send ${what} as application/json`);
  try {
    return await c.req.json();
  } catch (error) {
    throw new BadRequestError(`The body is not JSON: ${(error as Error).message}`);
  }
}

const downloadFormats: Record<string, RdfMediaType> = { ttl: mediaTypes.turtle, rdf: mediaTypes.rdfXml, jsonld: mediaTypes.jsonLd, nt: mediaTypes.nTriples };

/** The scheme as a file named `name.<format>`: its RDF written by `rdf` in the media type, or the CSV layout. */
export async function schemeDownload(c: Context, scheme: ConceptScheme, name: string, rdf: (mediaType: RdfMediaType) => Promise<string>): Promise<Response> {
  const format = c.req.query('format') ?? 'ttl';
  const disposition = { 'content-disposition': `attachment; filename="${name}.${format}"` };
  if (format === 'csv') return c.body(schemeAsCsv(scheme), 200, { 'content-type': 'text/csv; charset=utf-8', ...disposition });
  const mediaType = downloadFormats[format];
  if (!mediaType) throw new BadRequestError(`format must be one of ${[...Object.keys(downloadFormats), 'csv'].join(', ')}`);
  return c.body(await rdf(mediaType), 200, { 'content-type': `${mediaType}; charset=utf-8`, ...disposition });
}
