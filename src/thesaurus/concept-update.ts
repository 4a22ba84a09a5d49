// Owns turning applied concept edits into one SPARQL Update on the scheme's graph: for each changed
// concept, only the properties whose values changed are deleted and written again, so whatever the
// model does not know of a concept (provenance, other vocabularies' properties) is kept.
import { safeNTriples, sparqlIri } from '../rdf/index.js';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { prefixes } from '../mapping/namespaces.js';
import { mappingRelations, noteKinds, type Concept, type ConceptScheme, type LangMap } from './concept-scheme.js';
import type { AppliedEdits } from './concept-change.js';

const { namedNode, literal, quad } = DataFactory;
const { skos, rdf, owl, dct, xsd } = prefixes;

type Values = (c: Concept) => Quad['object'][];
const langValues = (pick: (c: Concept) => LangMap | undefined): Values => (c) =>
  Object.entries(pick(c) ?? {}).flatMap(([lang, values]) => values.map((v) => literal(v, lang === 'none' ? undefined : lang)));
const iriValues = (pick: (c: Concept) => string[]): Values => (c) => pick(c).map((v) => namedNode(v));

/** Each property the model holds, and how to read its values from a concept. */
const properties: Array<[string, Values]> = [
  [`${skos}prefLabel`, langValues((c) => c.prefLabel)],
  [`${skos}altLabel`, langValues((c) => c.altLabel)],
  [`${skos}definition`, langValues((c) => c.definition)],
  ...noteKinds.map((kind): [string, Values] => [`${skos}${kind}`, langValues((c) => c.notes[kind])]),
  [`${skos}notation`, (c) => c.notation.map((v) => literal(v))],
  [`${skos}broader`, iriValues((c) => c.broader)],
  [`${skos}narrower`, iriValues((c) => c.narrower)],
  [`${skos}related`, iriValues((c) => c.related)],
  ...mappingRelations.map((relation): [string, Values] => [`${skos}${relation}`, iriValues((c) => c.mappings.filter((m) => m.relation === relation).map((m) => m.target))]),
  [`${owl}deprecated`, (c) => (c.deprecated ? [literal('true', namedNode(`${xsd}boolean`))] : [])],
  [`${dct}isReplacedBy`, iriValues((c) => c.replacedBy)],
];

const same = (a: Quad['object'][], b: Quad['object'][]) => a.length === b.length && a.every((x) => b.some((y) => y.equals(x)));

export interface SchemeUpdate {
  sparql: string;
  /** The triples written (for a new scheme: all of them). */
  added: Quad[];
}

/** The SPARQL Update that takes the scheme's graph from `before` to `applied.after`. */
export function schemeUpdate(before: ConceptScheme, applied: AppliedEdits): SchemeUpdate {
  const graph = before.info.graph;
  const schemeIri = namedNode(before.info.iri);
  const cleared: string[] = [];
  const removed: Quad[] = [];
  const added: Quad[] = [];
  for (const [iri, { before: old, after: now }] of applied.touched) {
    const subject = namedNode(iri);
    if (!old) added.push(quad(subject, namedNode(`${rdf}type`), namedNode(`${skos}Concept`)), quad(subject, namedNode(`${skos}inScheme`), schemeIri));
    for (const [predicate, values] of properties) {
      const next = values(now);
      if (old && same(values(old), next)) continue;
      if (old) cleared.push(`(${sparqlIri(iri)} ${sparqlIri(predicate)})`);
      for (const value of next) added.push(quad(subject, namedNode(predicate), value));
    }
  }
  const wasTop = new Set(before.topConcepts);
  const isTop = new Set(applied.after.topConcepts);
  for (const iri of applied.touched.keys()) {
    const pair = [quad(namedNode(iri), namedNode(`${skos}topConceptOf`), schemeIri), quad(schemeIri, namedNode(`${skos}hasTopConcept`), namedNode(iri))];
    if (wasTop.has(iri) && !isTop.has(iri)) removed.push(...pair);
    if (!wasTop.has(iri) && isTop.has(iri)) added.push(...pair);
  }
  // Every IRI is checked as it is written: a concept IRI from a CSV cell cannot end the update's text.
  const ntriples = (quads: Quad[]) => safeNTriples(quads);
  const g = sparqlIri(graph);
  const parts: string[] = [];
  if (cleared.length > 0) parts.push(`DELETE { GRAPH ${g} { ?s ?p ?o } } WHERE { VALUES (?s ?p) { ${cleared.join(' ')} } GRAPH ${g} { ?s ?p ?o } }`);
  if (removed.length > 0) parts.push(`DELETE DATA { GRAPH ${g} {\n${ntriples(removed)}} }`);
  if (added.length > 0) parts.push(`INSERT DATA { GRAPH ${g} {\n${ntriples(added)}} }`);
  return { sparql: parts.join(' ;\n'), added };
}
