// Owns the media types the product reads and writes, and how file names map to them.
import { UnsupportedMediaTypeError } from '../errors/index.js';

export const mediaTypes = {
  turtle: 'text/turtle',
  nTriples: 'application/n-triples',
  nQuads: 'application/n-quads',
  trig: 'application/trig',
  jsonLd: 'application/ld+json',
  rdfXml: 'application/rdf+xml',
  n3: 'text/n3',
  sparqlResultsJson: 'application/sparql-results+json',
  sparqlResultsXml: 'application/sparql-results+xml',
  sparqlResultsCsv: 'text/csv',
  sparqlResultsTsv: 'text/tab-separated-values',
  sparqlQuery: 'application/sparql-query',
  sparqlUpdate: 'application/sparql-update',
  problemJson: 'application/problem+json',
  json: 'application/json',
} as const;

export type RdfMediaType =
  | typeof mediaTypes.turtle
  | typeof mediaTypes.nTriples
  | typeof mediaTypes.nQuads
  | typeof mediaTypes.trig
  | typeof mediaTypes.jsonLd
  | typeof mediaTypes.rdfXml
  | typeof mediaTypes.n3;

export type ResultsMediaType =
  | typeof mediaTypes.sparqlResultsJson
  | typeof mediaTypes.sparqlResultsXml
  | typeof mediaTypes.sparqlResultsCsv
  | typeof mediaTypes.sparqlResultsTsv;

export const rdfMediaTypes: readonly RdfMediaType[] = [
  mediaTypes.turtle,
  mediaTypes.nTriples,
  mediaTypes.nQuads,
  mediaTypes.trig,
  mediaTypes.jsonLd,
  mediaTypes.rdfXml,
  mediaTypes.n3,
];

export const resultsMediaTypes: readonly ResultsMediaType[] = [
  mediaTypes.sparqlResultsJson,
  mediaTypes.sparqlResultsXml,
  mediaTypes.sparqlResultsCsv,
  mediaTypes.sparqlResultsTsv,
];

/** Formats whose documents can name graphs. */
export function isQuadFormat(format: RdfMediaType): boolean {
  return format === mediaTypes.nQuads || format === mediaTypes.trig || format === mediaTypes.jsonLd;
}

const byExtension: Record<string, RdfMediaType> = {
  ttl: mediaTypes.turtle,
  turtle: mediaTypes.turtle,
  nt: mediaTypes.nTriples,
  ntriples: mediaTypes.nTriples,
  nq: mediaTypes.nQuads,
  nquads: mediaTypes.nQuads,
  trig: mediaTypes.trig,
  jsonld: mediaTypes.jsonLd,
  'json-ld': mediaTypes.jsonLd,
  rdf: mediaTypes.rdfXml,
  owl: mediaTypes.rdfXml,
  xml: mediaTypes.rdfXml,
  n3: mediaTypes.n3,
};

/** The RDF format of a file, from its name (a trailing .gz is ignored) or an explicit format name. */
export function rdfFormatOf(fileOrFormat: string): RdfMediaType {
  const asMediaType = fileOrFormat.split(';')[0]!.trim().toLowerCase();
  if ((rdfMediaTypes as readonly string[]).includes(asMediaType)) return asMediaType as RdfMediaType;
  const name = fileOrFormat.toLowerCase().replace(/\.gz$/, '');
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const format = byExtension[extension];
  if (!format) {
    throw new UnsupportedMediaTypeError(
      `Unknown RDF format for "${fileOrFormat}". Known: ${Object.keys(byExtension).join(', ')} or a media type (${rdfMediaTypes.join(', ')}).`,
    );
  }
  return format;
}
