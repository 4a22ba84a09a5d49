// Owns taking in a record from a DCAT feed: it is RDF already, so mapping it is giving it the
// record's graph, naming its blank nodes inside that graph, and rewriting DCAT-AP 1.x/2.x terms
// to their DCAT-AP 3.0 successors, and stating the class DCAT-AP gives the objects of its properties
// where the source left them untyped (mappings/dcat-ap-upgrade.json): a publisher is a foaf:Agent
// whatever else the source says it is.
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { z } from 'zod';
import { parsePid } from '../linking/identifiers.js';
import type { CatalogueIris } from './catalogue-iris.js';
import { MappingInputError } from './compile-mapping.js';
import { expandCurie } from './namespaces.js';

const { namedNode, quad, defaultGraph } = DataFactory;
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const dcatDataset = 'http://www.w3.org/ns/dcat#Dataset';
const dctIdentifier = 'http://purl.org/dc/terms/identifier';

export const dcatUpgradeSpec = z.object({
  description: z.string(),
  properties: z.record(z.string()),
  values: z.record(z.string()),
  ranges: z.record(z.string()).default({}),
});

export interface DcatUpgrade {
  map(nquads: string, graph: string, iris: CatalogueIris, recordKey: { source: string; id: string }): { resource: NamedNode; quads: Quad[] };
}

export function dcatUpgrade(spec: z.infer<typeof dcatUpgradeSpec>): DcatUpgrade {
  const properties = new Map(Object.entries(spec.properties).map(([from, to]) => [expandCurie(from), namedNode(expandCurie(to))]));
  const values = new Map(Object.entries(spec.values).map(([from, to]) => [from, namedNode(to)]));
  const ranges = new Map(Object.entries(spec.ranges).map(([property, range]) => [expandCurie(property), namedNode(expandCurie(range))]));
  return {
    map(nquads, graph, iris, recordKey) {
      let parsed: Quad[];
      try {
        parsed = new Parser({ format: 'application/n-quads' }).parse(nquads);
      } catch (error) {
        throw new MappingInputError(`the stored DCAT description is not N-Quads: ${(error as Error).message}`);
      }
      const dataset = parsed.find((q) => q.predicate.value === rdfType && q.object.value === dcatDataset)?.subject;
      if (!dataset) throw new MappingInputError('the DCAT description holds no dcat:Dataset');
      // A dataset with no IRI of its own is named from its identifier, like any mapped record.
      let resource: NamedNode;
      if (dataset.termType === 'NamedNode') resource = dataset;
      else {
        const identifier = parsed.find((q) => q.subject.equals(dataset) && q.predicate.value === dctIdentifier)?.object.value;
        const pid = identifier ? parsePid(identifier) : null;
        resource = namedNode(pid ? iris.resource(pid) : iris.localResource(recordKey.source, recordKey.id));
      }
      const rename = (term: Term): Term => {
        if (term.equals(dataset)) return resource;
        if (term.termType === 'BlankNode') return namedNode(`${graph}#b-${term.value}`);
        if (term.termType === 'NamedNode') return values.get(term.value) ?? term;
        return term;
      };
      const quads = parsed.map((q) =>
        quad(rename(q.subject) as NamedNode, properties.get(q.predicate.value) ?? (q.predicate as NamedNode), rename(q.object) as NamedNode, defaultGraph()),
      );
      const typed = new Set(quads.filter((q) => q.predicate.value === rdfType).map((q) => `${q.subject.value} ${q.object.value}`));
      for (const q of [...quads]) {
        const range = ranges.get(q.predicate.value);
        if (!range || q.object.termType !== 'NamedNode' || typed.has(`${q.object.value} ${range.value}`)) continue;
        typed.add(`${q.object.value} ${range.value}`);
        quads.push(quad(q.object as NamedNode, namedNode(rdfType), range, defaultGraph()));
      }
      return { resource, quads };
    },
  };
}
