// Owns reading the graph for one GraphQL request with DataLoader batching: every resource the
// request touches is read in one lookup per level of the query, never one per field. Links and
// summaries (types, labels) come from the link index (SQLite, indexed); full statements and
// alignments from the graph store, in one SPARQL query per level, where IRIs reach SPARQL only as
// N-Triples terms written by @rdfjs/to-ntriples.
import type { Term } from '@rdfjs/types';
import ntriples from '@rdfjs/to-ntriples';
import DataLoader from 'dataloader';
import { DataFactory } from 'n3';
import { summaryProperties } from '../../linking/index.js';
import { prefixes } from '../../mapping/namespaces.js';
import { isAbsoluteIri } from '../../rdf/index.js';
import type { LinkIndex } from '../../linking/index.js';
import { preferredValue, type Claim, type SourcePriority } from '../../linking/preferred-value.js';
import type { GraphStore } from '../../store/index.js';

export interface Statement {
  predicate: string;
  object: Term;
  /** The record graph that stated it ('' in summaries, which count records per source instead). */
  graph: string;
  /** The source repository whose records state it (null for reference data outside records). */
  source: string | null;
  /** How many of that source's records state it. */
  records: number;
}

/** The source repository of a record graph ({IRI_BASE}record/{source}/{id}). */
export function sourceOfGraph(iriBase: string, graph: string): string | null {
  const prefix = `${iriBase}record/`;
  return graph.startsWith(prefix) ? decodeURIComponent(graph.slice(prefix.length).split('/')[0]!) : null;
}

export interface Link {
  property: string;
  direction: 'OUTGOING' | 'INCOMING';
  other: string;
  graph: string;
  /** The DataCite relation type, when a qualified relation gave one. */
  relationType: string | null;
}


const term = (iri: string) => ntriples(DataFactory.namedNode(iri));

async function select(store: GraphStore, sparql: string): Promise<Array<Record<string, Term>>> {
  const result = await store.query(sparql, { form: 'SELECT' });
  return result.form === 'SELECT' ? result.bindings : [];
}

export interface Alignment {
  concept: string;
  method: string;
  score: number;
  keyword: string | null;
  sourceConcept: string | null;
  via: string | null;
  matchedText: string | null;
  suggestion: boolean;
  graph: string;
}

/** Most keys one synchronous link-index read takes. */
const indexBatch = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface LinkWindow {
  iri: string;
  window: number;
}

export interface GraphLoaders {
  /** Every statement about a resource, with the record graph that made it. */
  statements: DataLoader<string, Statement[]>;
  /** Only types and labels: what a list of linked resources shows, at a fraction of the rows. */
  summaries: DataLoader<string, Statement[]>;
  /** The first `window` links each way of a resource (outgoing ones first, in index order). */
  links: DataLoader<LinkWindow, Link[], string>;
  /** How the resource's themes were found (keywords, mappings), and the annotator's suggestions. */
  alignments: DataLoader<string, Alignment[]>;
}

export function createGraphLoaders(store: GraphStore, index: LinkIndex, iriBase: string): GraphLoaders {
  const statements = new DataLoader<string, Statement[]>(async (iris) => {
    const usable = iris.filter(isAbsoluteIri);
    const byIri = new Map<string, Statement[]>(iris.map((iri) => [iri, []]));
    if (usable.length > 0) {
      const rows = await select(store, `SELECT ?s ?p ?o ?g WHERE { VALUES ?s { ${usable.map(term).join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
      for (const row of rows) byIri.get(row.s!.value)?.push({ predicate: row.p!.value, object: row.o!, graph: row.g!.value, source: sourceOfGraph(iriBase, row.g!.value), records: 1 });
    }
    return iris.map((iri) => byIri.get(iri) ?? []);
  });

  // Nodes the record graphs do not name (a concept of a thesaurus, a catalogue) are read from the
  // store: types and labels over the union graph, each once. The predicates are a FILTER: a second
  // VALUES block makes the engine scan the store (x150).
  const summaries = new DataLoader<string, Statement[]>(async (iris) => {
    // The link index is read on this thread (SQLite, synchronous): batches are cut to a bounded
    // size and each waits its turn behind pending I/O, so a wide query never holds the event loop long.
    await yieldToEventLoop();
    const byIri = new Map<string, Statement[]>(iris.map((iri) => [iri, []]));
    for (const row of index.summaries(iris)) {
      const object = row.lang === null ? DataFactory.namedNode(row.value) : DataFactory.literal(row.value, row.lang || undefined);
      byIri.get(row.node)?.push({ predicate: row.predicate, object, graph: '', source: row.source, records: row.refs });
    }
    const elsewhere = iris.filter((iri) => byIri.get(iri)!.length === 0 && isAbsoluteIri(iri));
    if (elsewhere.length > 0) {
      const rows = await select(store, `SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?s { ${elsewhere.map(term).join(' ')} } ?s ?p ?o FILTER(?p IN (${summaryProperties.map(term).join(', ')})) }`);
      for (const row of rows) byIri.get(row.s!.value)?.push({ predicate: row.p!.value, object: row.o!, graph: '', source: null, records: 1 });
    }
    return iris.map((iri) => byIri.get(iri) ?? []);
  }, { maxBatchSize: indexBatch });

  const links = new DataLoader<LinkWindow, Link[], string>(
    async (keys) => {
      await yieldToEventLoop();
      // One lookup per window size asked for in this batch (usually one).
      const byKey = new Map<string, Link[]>(keys.map((k) => [`${k.window} ${k.iri}`, []]));
      for (const window of new Set(keys.map((k) => k.window))) {
        const iris = keys.filter((k) => k.window === window).map((k) => k.iri);
        for (const row of index.links(iris, window)) {
          byKey.get(`${window} ${row.resource}`)?.push({ property: row.property, direction: row.direction, other: row.other, graph: row.graph, relationType: row.relationType });
        }
      }
      return keys.map((k) => byKey.get(`${k.window} ${k.iri}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.window} ${k.iri}`, maxBatchSize: indexBatch },
  );

  const mlg = prefixes.mlg;
  const alignments = new DataLoader<string, Alignment[]>(async (iris) => {
    const usable = iris.filter(isAbsoluteIri);
    const byIri = new Map<string, Alignment[]>(iris.map((iri) => [iri, []]));
    if (usable.length > 0) {
      const rows = await select(
        store,
        `SELECT ?r ?type ?c ?m ?score ?k ?src ?via ?t ?g WHERE {
           VALUES ?r { ${usable.map(term).join(' ')} }
           GRAPH ?g { ?a <${mlg}alignedResource> ?r ; a ?type ; <${mlg}concept> ?c ; <${mlg}method> ?m ; <${mlg}score> ?score .
             OPTIONAL { ?a <${mlg}keyword> ?k } OPTIONAL { ?a <${mlg}sourceConcept> ?src } OPTIONAL { ?a <${mlg}via> ?via } OPTIONAL { ?a <${mlg}matchedText> ?t } }
         }`,
      );
      for (const row of rows) {
        byIri.get(row.r!.value)?.push({
          concept: row.c!.value,
          method: row.m!.value,
          score: Number(row.score!.value),
          keyword: row.k?.value ?? null,
          sourceConcept: row.src?.value ?? null,
          via: row.via?.value ?? null,
          matchedText: row.t?.value ?? null,
          suggestion: row.type!.value === `${mlg}AlignmentSuggestion`,
          graph: row.g!.value,
        });
      }
      for (const list of byIri.values()) list.sort((a, b) => b.score - a.score || a.concept.localeCompare(b.concept));
    }
    return iris.map((iri) => byIri.get(iri) ?? []);
  });

  return { statements, summaries, links, alignments };
}

/** What the statements claim for one property, as preferred-value.ts weighs it. */
function claimsOf(found: Statement[], predicate: string): Claim[] {
  return found
    .filter((s) => s.predicate === predicate)
    .map((s) => ({ value: s.object.value, language: s.object.termType === 'Literal' ? (s.object as Term & { language: string }).language : null, source: s.source, records: s.records }));
}

/** The one value shown for a property: in the language asked for, from the preferred source. */
export function preferredIn(found: Statement[], predicate: string, priorityOf: SourcePriority, lang?: string): string | null {
  return preferredValue(claimsOf(found, predicate), priorityOf, lang);
}

export function valuesOf(found: Statement[], predicate: string): string[] {
  return [...new Set(found.filter((s) => s.predicate === predicate).map((s) => s.object.value))];
}


