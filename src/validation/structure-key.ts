// Owns the structural fingerprint that lets a validation report be reused: two records whose
// graphs are the same up to the names of their nodes and the values of their literals (datatype,
// language and lexical validity kept) get the same SHACL results from shapes that only count,
// type and kind-check values. Which shapes those are is decided in `shapesAllowReuse`.
import type { Literal, Quad, Term } from '@rdfjs/types';
import { termId } from '../rdf/index.js';
import { XsdValidation } from 'rdf-validation';

const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const xsdString = 'http://www.w3.org/2001/XMLSchema#string';
const rdfLangString = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const xsd = new XsdValidation();

/** Whether a literal's lexical form is valid for its datatype (rdf-validation's XSD checks). */
export const xsdValid = (term: Literal): boolean => xsd.validateSimple(term);

/** What shapes can see of a literal: language or not, datatype, and whether its lexical form is valid for it. */
export function literalShapeOf(term: Literal): string {
  const datatype = term.datatype.value;
  const plain = datatype === xsdString || datatype === rdfLangString;
  return `${term.language ? '@' : ''}^${datatype}${plain || xsdValid(term) ? '' : '!'}`;
}

export interface StructureKey {
  key: string;
  /** The record's terms in first-appearance order: a cached report's term n is this list's n. */
  terms: Term[];
}

export function structureKeyOf(quads: readonly Quad[]): StructureKey {
  const classes = new Set<string>();
  for (const quad of quads) if (quad.predicate.value === rdfType) classes.add(quad.object.value);
  const index = new Map<string, number>();
  const terms: Term[] = [];
  const name = (term: Term): string => {
    if (term.termType === 'NamedNode' && classes.has(term.value)) return `<${term.value}>`;
    const id = termId(term);
    let n = index.get(id);
    if (n === undefined) {
      n = terms.length;
      index.set(id, n);
      terms.push(term);
    }
    return term.termType === 'Literal' ? `L${n}${literalShapeOf(term)}` : `${term.termType[0]}${n}`;
  };
  const parts: string[] = [];
  for (const quad of quads) parts.push(`${name(quad.subject)} <${quad.predicate.value}> ${name(quad.object)}`);
  return { key: parts.join('\n'), terms };
}

/**
 * Shapes may share reports between same-structure records only when every constraint they use
 * looks at structure, classes, node kinds and datatypes, never at a particular value or name.
 */
const valueBlindTerms = new Set(
  [
    'targetClass', 'targetSubjectsOf', 'targetObjectsOf', 'property', 'path', 'inversePath', 'alternativePath', 'zeroOrMorePath',
    'oneOrMorePath', 'zeroOrOnePath', 'minCount', 'maxCount', 'nodeKind', 'class', 'datatype', 'node', 'or', 'and', 'not', 'xone',
    'severity', 'message', 'name', 'description', 'order', 'group', 'deactivated', 'qualifiedValueShape', 'qualifiedMinCount',
    'qualifiedMaxCount', 'closed', 'ignoredProperties', 'shape', 'NodeShape', 'PropertyShape', 'Violation', 'Warning', 'Info',
    'IRI', 'Literal', 'BlankNode', 'BlankNodeOrIRI', 'BlankNodeOrLiteral', 'IRIOrLiteral', 'prefixes', 'declare', 'prefix', 'namespace',
  ].map((local) => `http://www.w3.org/ns/shacl#${local}`),
);

export function shapesAllowReuse(shapes: Iterable<Quad>): { reuse: boolean; blocking: string[] } {
  const blocking = new Set<string>();
  for (const quad of shapes) {
    for (const term of [quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode' && term.value.startsWith('http://www.w3.org/ns/shacl#') && !valueBlindTerms.has(term.value)) blocking.add(term.value);
    }
  }
  return { reuse: blocking.size === 0, blocking: [...blocking] };
}
