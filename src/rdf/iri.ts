// Owns the check that a string may stand as an IRI term (the N-Triples IRIREF production), and the
// one way IRIs and literals are written into SPARQL or N-Triples text: every IRI is checked here, so
// no caller can close the <...> early, whatever reached it (a CSV cell, a harvested record, a URL).
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { BadRequestError } from '../errors/index.js';

// An absolute IRI: a scheme, then none of the characters IRIREF forbids (RDF 1.1 N-Triples, §6).
const absoluteIri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/u;
const maxIriLength = 4_000;

export function isAbsoluteIri(value: string): boolean {
  return value.length <= maxIriLength && absoluteIri.test(value);
}

/** The value when it is an absolute IRI; a 400 naming what it was meant to be otherwise. */
export function assertIri(value: string, what = 'an IRI'): string {
  if (!isAbsoluteIri(value)) throw new BadRequestError(`Not an absolute IRI usable as ${what}: ${JSON.stringify(value.slice(0, 200))}`);
  return value;
}

export function assertGraphIri(value: string): string {
  return assertIri(value, 'a graph name');
}

/** `<iri>` for SPARQL or N-Triples text; refuses what an IRIREF cannot hold. */
export function sparqlIri(value: string): string {
  return `<${assertIri(value)}>`;
}

/** A literal for SPARQL text, escaped by N3's writer. */
export function sparqlLiteral(value: string, languageOrDatatype?: string): string {
  const literal = DataFactory.literal(value, languageOrDatatype && isAbsoluteIri(languageOrDatatype) ? DataFactory.namedNode(languageOrDatatype) : languageOrDatatype);
  return new Writer({ format: 'N-Triples' }).quadToString(DataFactory.namedNode('urn:x'), DataFactory.namedNode('urn:x'), literal).slice('<urn:x> <urn:x> '.length, -' .\n'.length);
}

function assertTerm(term: Term): void {
  if (term.termType === 'NamedNode') assertIri(term.value);
  else if (term.termType === 'Literal') assertIri(term.datatype.value, 'a datatype');
  else if (term.termType === 'Quad') for (const part of [term.subject, term.predicate, term.object, term.graph]) assertTerm(part);
}

/** N-Triples (or N-Quads) text for quads, every IRI in them checked first (N3's writer does not escape `>`). */
export function safeNTriples(quads: Quad[], format: 'N-Triples' | 'N-Quads' = 'N-Triples'): string {
  for (const quad of quads) for (const term of [quad.subject, quad.predicate, quad.object, quad.graph]) assertTerm(term);
  return new Writer({ format }).quadsToString(quads);
}
