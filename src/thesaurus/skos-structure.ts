// Owns reading the structure of SKOS as real exports state it, not only as the primer does: a
// scheme named only by skos:inScheme, skos:topConceptOf or skos:hasTopConcept (no rdf:type), several
// schemes in one file, concepts typed or only placed in a scheme, and SKOS-XL labels (a label
// resource with its skosxl:literalForm), which stand for the plain SKOS labels (SKOS-XL S55-S57).
import type { Literal, Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';

const skos = 'http://www.w3.org/2004/02/skos/core#';
const skosxl = 'http://www.w3.org/2008/05/skos-xl#';
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Every concept scheme the triples name, typed or not. */
export function schemeIrisIn(quads: readonly Quad[]): string[] {
  const found = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === rdfType && q.object.value === `${skos}ConceptScheme`) found.add(q.subject.value);
    else if (q.predicate.value === `${skos}inScheme` || q.predicate.value === `${skos}topConceptOf`) found.add(q.object.value);
    else if (q.predicate.value === `${skos}hasTopConcept`) found.add(q.subject.value);
  }
  return [...found];
}

/**
 * The concepts of one scheme: those placed in it (inScheme, topConceptOf, or named by its
 * hasTopConcept), and typed concepts placed in no scheme at all (a file's single scheme owns them).
 */
export function conceptsOf(scheme: string, quads: readonly Quad[]): Set<string> {
  const members = new Set<string>();
  const placed = new Set<string>();
  const typed = new Set<string>();
  for (const q of quads) {
    const p = q.predicate.value;
    if (p === `${skos}inScheme` || p === `${skos}topConceptOf`) {
      placed.add(q.subject.value);
      if (q.object.value === scheme) members.add(q.subject.value);
    } else if (p === `${skos}hasTopConcept` && q.subject.value === scheme) members.add(q.object.value);
    else if (p === rdfType && q.object.value === `${skos}Concept`) typed.add(q.subject.value);
  }
  for (const iri of typed) if (!placed.has(iri)) members.add(iri);
  // hasTopConcept may name a concept the file never describes: only described ones are concepts.
  const described = new Set(quads.map((q) => q.subject.value));
  return new Set([...members].filter((iri) => described.has(iri)));
}

/**
 * The plain SKOS labels SKOS-XL labels stand for (skosxl:prefLabel [skosxl:literalForm "x"] →
 * skos:prefLabel "x") that the file does not state already. An import adds them to the scheme's
 * triples, so the model and SPARQL users read them like any label.
 */
export function plainLabelsOfXl(quads: readonly Quad[]): Quad[] {
  const literalForm = new Map<string, Literal>();
  for (const q of quads) if (q.predicate.value === `${skosxl}literalForm` && q.object.termType === 'Literal') literalForm.set(q.subject.value, q.object);
  if (literalForm.size === 0) return [];
  const out: Quad[] = [];
  for (const q of quads) {
    const kind = q.predicate.value.startsWith(skosxl) ? q.predicate.value.slice(skosxl.length) : null;
    if (kind !== 'prefLabel' && kind !== 'altLabel' && kind !== 'hiddenLabel') continue;
    const form = literalForm.get(q.object.value);
    if (form) out.push(DataFactory.quad(q.subject, DataFactory.namedNode(`${skos}${kind}`), form, q.graph));
  }
  const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.value} ${(q.object as Literal).language ?? ''}`;
  const stated = new Set(quads.filter((q) => q.predicate.value.startsWith(skos) && q.object.termType === 'Literal').map(key));
  return out.filter((q) => !stated.has(key(q)));
}

/**
 * The triples that belong to one scheme's graph: about the scheme, about its concepts, and about
 * the resources only they point to (SKOS-XL labels, definitions as resources, blank nodes).
 */
export function triplesOfScheme(scheme: string, members: ReadonlySet<string>, quads: readonly Quad[], otherConcepts: ReadonlySet<string>): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) (bySubject.get(q.subject.value) ?? bySubject.set(q.subject.value, []).get(q.subject.value)!).push(q);
  const out: Quad[] = [];
  const visited = new Set<string>();
  const visit = (subject: string) => {
    if (visited.has(subject)) return;
    visited.add(subject);
    for (const q of bySubject.get(subject) ?? []) {
      out.push(q);
      const o = q.object;
      if ((o.termType === 'BlankNode' || o.termType === 'NamedNode') && bySubject.has(o.value) && !members.has(o.value) && !otherConcepts.has(o.value) && o.value !== scheme && q.predicate.value !== rdfType) {
        // Another scheme's concept is a link, not part of this graph; a label or a note resource is.
        if (!schemeLike(o.value, bySubject)) visit(o.value);
      }
    }
  };
  visit(scheme);
  for (const member of members) visit(member);
  return out;
}

function schemeLike(iri: string, bySubject: Map<string, Quad[]>): boolean {
  return (bySubject.get(iri) ?? []).some((q) => q.predicate.value === rdfType && (q.object.value === `${skos}ConceptScheme` || q.object.value === `${skos}Concept`));
}
