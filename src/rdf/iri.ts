// Owns the check that a string may stand as an IRI term (the N-Triples IRIREF production).
import { BadRequestError } from '../errors/index.js';

// An absolute IRI: a scheme, then none of the characters IRIREF forbids (RDF 1.1 N-Triples, §6).
const absoluteIri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/u;

export function isAbsoluteIri(value: string): boolean {
  return absoluteIri.test(value);
}

export function assertGraphIri(value: string): string {
  if (!isAbsoluteIri(value)) throw new BadRequestError(`Not an absolute IRI usable as a graph name: ${JSON.stringify(value)}`);
  return value;
}
