// Owns the local graph as Comunica sees it during a federated query: an RDF/JS Source whose match()
// becomes one SELECT on the store per triple pattern. (Handing Comunica our own /sparql instead
// makes it push the whole query, SERVICE included, back to us: a loop.)
import type { Quad, Term } from '@rdfjs/types';
import ntriples from '@rdfjs/to-ntriples';
import { DataFactory } from 'n3';
import { Readable } from 'node:stream';
import type { GraphStore } from '../../store/index.js';

const { quad, defaultGraph, variable } = DataFactory;

function patternTerm(term: Term | null | undefined, name: string): string {
  if (!term || term.termType === 'Variable' || term.termType === 'BlankNode') return `?${name}`;
  return ntriples(term);
}

async function* matching(store: GraphStore, s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null, timeoutMs?: number): AsyncGenerator<Quad> {
  const triple = `${patternTerm(s, 's')} ${patternTerm(p, 'p')} ${patternTerm(o, 'o')}`;
  const inDefaultGraph = g?.termType === 'DefaultGraph';
  const where = inDefaultGraph ? triple : `GRAPH ${patternTerm(g, 'g')} { ${triple} }`;
  const result = await store.query(`SELECT * WHERE { ${where} }`, { form: 'SELECT', ...(timeoutMs ? { timeoutMs } : {}) });
  if (result.form !== 'SELECT') return;
  const bound = (term: Term | null | undefined, name: string, row: Record<string, Term>): Term =>
    term && term.termType !== 'Variable' && term.termType !== 'BlankNode' ? term : (row[name] ?? variable(name));
  for (const row of result.bindings) {
    yield quad(
      bound(s, 's', row) as Quad['subject'],
      bound(p, 'p', row) as Quad['predicate'],
      bound(o, 'o', row) as Quad['object'],
      inDefaultGraph ? defaultGraph() : (bound(g, 'g', row) as Quad['graph']),
    );
  }
}

/** The store as an RDF/JS Source; the default graph is the union of all graphs, as on /sparql. */
export function storeQuadSource(store: GraphStore, timeoutMs: number): { match: (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null) => Readable } {
  return { match: (s, p, o, g) => Readable.from(matching(store, s, p, o, g, timeoutMs), { objectMode: true }) };
}
