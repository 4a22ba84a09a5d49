export * from './media-types.js';
export { isAbsoluteIri, assertGraphIri } from './iri.js';
export { serializeQuads } from './serialize-quads.js';
export { wktBounds } from './wkt-bounds.js';
export { termId } from './term-id.js';
