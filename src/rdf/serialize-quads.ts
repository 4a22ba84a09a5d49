// Owns writing a small in-memory graph (a service description, a feed page, a landing page's
// resource) in any RDF syntax we offer: n3 for the Turtle family (with prefixes, for people),
// Oxigraph for RDF/XML and JSON-LD.
import type { Quad } from '@rdfjs/types';
import { Writer as N3Writer } from 'n3';
import * as ox from 'oxigraph';
import { mediaTypes, type RdfMediaType } from './media-types.js';

const n3Formats: Partial<Record<RdfMediaType, string>> = {
  [mediaTypes.turtle]: 'Turtle',
  [mediaTypes.trig]: 'TriG',
  [mediaTypes.nTriples]: 'N-Triples',
  [mediaTypes.nQuads]: 'N-Quads',
  [mediaTypes.n3]: 'Turtle',
};

function usesNamespace(q: Quad, namespace: string): boolean {
  return [q.subject, q.predicate, q.object, q.graph].some((t) => t.termType === 'NamedNode' && t.value.startsWith(namespace)) ||
    (q.object.termType === 'Literal' && q.object.datatype.value.startsWith(namespace));
}

export function serializeQuads(quads: readonly Quad[], mediaType: RdfMediaType, prefixes: Record<string, string> = {}): Promise<string> {
  const n3Format = n3Formats[mediaType];
  if (n3Format) {
    const lineBased = n3Format.startsWith('N-');
    const used = Object.fromEntries(Object.entries(prefixes).filter(([, namespace]) => quads.some((q) => usesNamespace(q, namespace))));
    const writer = new N3Writer({ format: n3Format, ...(lineBased ? {} : { prefixes: used }) });
    // The writer groups consecutive statements about one subject: keep each subject's together.
    const order = new Map<string, number>();
    for (const q of quads) if (!order.has(q.subject.value)) order.set(q.subject.value, order.size);
    writer.addQuads([...quads].sort((x, y) => order.get(x.subject.value)! - order.get(y.subject.value)!));
    return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
  }
  // RDF/XML and JSON-LD here describe one graph: the quads' graph names are dropped.
  const triples = new ox.Store(quads.map((q) => ox.quad(ox.fromTerm(q.subject), ox.fromTerm(q.predicate), ox.fromTerm(q.object))));
  return Promise.resolve(triples.dump({ format: mediaType, from_graph_name: ox.defaultGraph() }));
}
