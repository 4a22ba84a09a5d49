// What a SKOS file says a concept's children are, whichever way it states them (skos:broader on
// the child or skos:narrower on the parent): the expected answer of a children lookup.
import type { Quad } from '@rdfjs/types';

const skos = 'http://www.w3.org/2004/02/skos/core#';

export function statedChildren(quads: readonly Quad[], parent: string): Set<string> {
  return new Set([
    ...quads.filter((q) => q.predicate.value === `${skos}broader` && q.object.value === parent).map((q) => q.subject.value),
    ...quads.filter((q) => q.predicate.value === `${skos}narrower` && q.subject.value === parent).map((q) => q.object.value),
  ]);
}
