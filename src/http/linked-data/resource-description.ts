// Owns what a catalogue IRI dereferences to: its Concise Bounded Description (every statement about
// it, with its blank nodes, from every record graph) plus the statements that point at it (so a
// publication shows the datasets that cite it), and the labels of the resources it links to.
import { sparqlIri } from '../../rdf/index.js';
import type { Quad, Term } from '@rdfjs/types';
import ntriples from '@rdfjs/to-ntriples';
import { DataFactory } from 'n3';
import { labelProperties, prefixes } from '../../mapping/namespaces.js';
import type { GraphStore } from '../../store/index.js';

/** Inbound links shown with a resource; a catalogue node has thousands, which belong to the feed. */
const inboundLimit = 500;

async function constructed(store: GraphStore, sparql: string, form: 'CONSTRUCT' | 'DESCRIBE' = 'CONSTRUCT'): Promise<Quad[]> {
  const result = await store.query(sparql, { form });
  return result.form === 'CONSTRUCT' || result.form === 'DESCRIBE' ? result.quads : [];
}

/** Linked nodes that are part of the resource's own description (its agents, period, place, files). */
const partTypes = [`${prefixes.foaf}Person`, `${prefixes.foaf}Organization`, `${prefixes.foaf}Agent`, `${prefixes.dct}PeriodOfTime`, `${prefixes.dct}Location`, `${prefixes.dcat}Distribution`, `${prefixes.dcat}Relationship`, `${prefixes.vcard}Kind`];

export async function describeResource(store: GraphStore, iri: string): Promise<Quad[]> {
  const node = ntriples(DataFactory.namedNode(iri));
  const [about, inbound] = await Promise.all([
    constructed(store, `DESCRIBE ${node}`, 'DESCRIBE'),
    constructed(store, `CONSTRUCT { ?s ?p ${node} } WHERE { ?s ?p ${node} FILTER(isIRI(?s)) } LIMIT ${inboundLimit}`),
  ]);
  // Record-owned nodes (IRIs with a fragment) and typed parts, one hop out: the linked nodes are
  // bound first (no store scan) and the parts picked here (an EXISTS filter costs the engine ~100x).
  const linked = [...new Set(about.filter((q) => q.subject.value === iri && q.object.termType === 'NamedNode').map((q) => ntriples(q.object)))];
  const around = linked.length === 0 ? [] : await constructed(store, `CONSTRUCT { ?o ?p ?x } WHERE { VALUES ?o { ${linked.join(' ')} } ?o ?p ?x }`);
  const isPart = new Set(
    around.filter((q) => q.subject.value.includes('#') || (q.predicate.value === `${prefixes.rdf}type` && partTypes.includes(q.object.value))).map((q) => q.subject.value),
  );
  const parts = around.filter((q) => isPart.has(q.subject.value));
  return [...about, ...parts, ...inbound];
}

/** A label per IRI (in the language asked for when there is one), for people reading links. */
export async function labelsOf(store: GraphStore, iris: string[], language: string): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (iris.length === 0) return labels;
  const values = iris.slice(0, 1000).map((iri) => ntriples(DataFactory.namedNode(iri))).join(' ');
  const result = await store.query(`SELECT DISTINCT ?x ?label WHERE { VALUES ?x { ${values} } ?x ?p ?label FILTER(?p IN (${labelProperties.map((p) => `${sparqlIri(p)}`).join(', ')})) }`, { form: 'SELECT' });
  if (result.form !== 'SELECT') return labels;
  for (const row of result.bindings) {
    const iri = row.x!.value;
    const label = row.label as Term & { language?: string };
    if (!labels.has(iri) || label.language === language) labels.set(iri, label.value);
  }
  return labels;
}

/** The statements of each record graph asked for (one query for all), as triples per graph. */
export async function recordGraphs(store: GraphStore, graphs: string[]): Promise<Map<string, Quad[]>> {
  const byGraph = new Map<string, Quad[]>();
  if (graphs.length === 0) return byGraph;
  const values = graphs.map((g) => ntriples(DataFactory.namedNode(g))).join(' ');
  const result = await store.query(`SELECT ?g ?s ?p ?o WHERE { VALUES ?g { ${values} } GRAPH ?g { ?s ?p ?o } }`, { form: 'SELECT' });
  if (result.form !== 'SELECT') return byGraph;
  for (const row of result.bindings) {
    const graph = row.g!.value;
    const triple = DataFactory.quad(row.s as Quad['subject'], row.p as Quad['predicate'], row.o as Quad['object']);
    const list = byGraph.get(graph);
    if (list) list.push(triple);
    else byGraph.set(graph, [triple]);
  }
  return byGraph;
}
