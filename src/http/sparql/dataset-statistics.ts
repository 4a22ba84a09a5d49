// Owns the statistics that the VoID description publishes (triples, subjects, graphs, class and
// property partitions). They cost whole-store scans, so they are computed at most once a minute
// and shared by every caller meanwhile.
import type { GraphStore } from '../../store/index.js';

export interface DatasetStatistics {
  triples: number;
  distinctSubjects: number;
  distinctObjects: number;
  graphs: number;
  classes: Array<{ iri: string; entities: number }>;
  properties: Array<{ iri: string; triples: number }>;
  computedAt: Date;
}

const freshForMs = 60_000;

async function count(store: GraphStore, sparql: string): Promise<number> {
  const result = await store.query(sparql, { form: 'SELECT' });
  return result.form === 'SELECT' ? Number(result.bindings[0]?.n?.value ?? 0) : 0;
}

async function partition(store: GraphStore, sparql: string): Promise<Array<{ iri: string; n: number }>> {
  const result = await store.query(sparql, { form: 'SELECT' });
  if (result.form !== 'SELECT') return [];
  return result.bindings.filter((b) => b.x?.termType === 'NamedNode').map((b) => ({ iri: b.x!.value, n: Number(b.n?.value ?? 0) }));
}

async function compute(store: GraphStore): Promise<DatasetStatistics> {
  const [triples, distinctSubjects, distinctObjects, graphs, classes, properties] = await Promise.all([
    count(store, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'),
    count(store, 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }'),
    count(store, 'SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }'),
    count(store, 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'),
    partition(store, 'SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 200'),
    partition(store, 'SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?x ?o } GROUP BY ?x ORDER BY DESC(?n) LIMIT 500'),
  ]);
  return {
    triples,
    distinctSubjects,
    distinctObjects,
    graphs,
    classes: classes.map(({ iri, n }) => ({ iri, entities: n })),
    properties: properties.map(({ iri, n }) => ({ iri, triples: n })),
    computedAt: new Date(),
  };
}

/** Statistics no older than a minute; concurrent callers share one computation. */
export function createStatisticsCache(store: GraphStore): () => Promise<DatasetStatistics> {
  let current: { at: number; value: Promise<DatasetStatistics> } | null = null;
  return () => {
    if (!current || Date.now() - current.at > freshForMs) {
      const value = compute(store);
      current = { at: Date.now(), value };
      // A failed computation is not kept: the next caller tries again.
      value.catch(() => {
        if (current?.value === value) current = null;
      });
    }
    return current.value;
  };
}
