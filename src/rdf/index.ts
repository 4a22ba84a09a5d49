export * from './media-types.js';
export { isAbsoluteIri, assertGraphIri } from './iri.js';
