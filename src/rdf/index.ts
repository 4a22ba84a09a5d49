export * from './media-types.js';
export { isAbsoluteIri, assertIri, assertGraphIri, sparqlIri, sparqlLiteral, safeNTriples } from './iri.js';
export { serializeQuads } from './serialize-quads.js';
export { wktBounds } from './wkt-bounds.js';
export { termId } from './term-id.js';
