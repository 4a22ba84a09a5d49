// An rdf-test-suite query engine that goes through Maillage's HTTP doors only: each test's data is
// put with the Graph Store Protocol, the query is sent to /sparql with the test's dataset as
// protocol parameters, and the answer is read from SPARQL JSON or N-Triples.
import type * as RDF from '@rdfjs/types';
import { Parser as N3Parser, Writer as N3Writer } from 'n3';
import { QueryResultBindings, QueryResultBoolean, QueryResultQuads, type IQueryEngine, type IQueryResult } from 'rdf-test-suite';
import sparqljs from 'sparqljs';
import { SparqlJsonParser } from 'sparqljson-parse';

const defaultGraph = 'urn:maillage:w3c-test:default';
/** A named graph that never holds data: stands for "no named graphs" in the protocol. */
const noNamedGraph = 'urn:maillage:w3c-test:no-named-graph';

function ntriples(quads: RDF.Quad[]): string {
  const writer = new N3Writer({ format: 'N-Triples' });
  for (const q of quads) writer.addQuad(q.subject, q.predicate, q.object);
  let text = '';
  writer.end((_error, result: string) => (text = result));
  return text;
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
}

/** Whether the query names its own dataset (FROM / FROM NAMED), which then overrides the protocol's. */
function namesItsDataset(query: string, baseIRI: string): boolean {
  try {
    const parsed = new sparqljs.Parser({ baseIRI }).parse(query);
    return parsed.type === 'query' && !!parsed.from && (parsed.from.default.length > 0 || parsed.from.named.length > 0);
  } catch {
    return false;
  }
}

export function httpQueryEngine(serviceUrl: string, adminToken: string): IQueryEngine {
  const endpoint = `${serviceUrl}/sparql`;
  const admin = { authorization: `Bearer ${adminToken}` };

  async function loadData(data: RDF.Quad[]): Promise<void> {
    await expectOk(await fetch(endpoint, { method: 'POST', headers: { ...admin, 'content-type': 'application/sparql-update' }, body: 'DROP SILENT ALL' }), 'reset');
    const graphs = new Map<string, RDF.Quad[]>();
    for (const q of data) {
      const name = q.graph.termType === 'DefaultGraph' ? defaultGraph : q.graph.value;
      graphs.set(name, [...(graphs.get(name) ?? []), q]);
    }
    for (const [name, quads] of graphs) {
      const url = `${serviceUrl}/rdf-graph-store?graph=${encodeURIComponent(name)}`;
      await expectOk(await fetch(url, { method: 'PUT', headers: { ...admin, 'content-type': 'application/n-triples' }, body: ntriples(quads) }), `load ${name}`);
    }
  }

  async function send(query: string, dataset: URLSearchParams, accept: string): Promise<Response> {
    const body = new URLSearchParams(dataset);
    body.set('query', query);
    return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body });
  }

  return {
    async parse(queryString, options) {
      const base = typeof options.baseIRI === 'string' ? `BASE <${options.baseIRI}>\n` : '';
      const response = await send(`${base}${queryString}`, new URLSearchParams({ 'default-graph-uri': defaultGraph }), 'application/sparql-results+json, application/n-triples');
      const text = await response.text();
      if (response.status === 400 && text.includes('sparql-syntax')) throw new Error(text);
    },

    async query(data, queryString, options): Promise<IQueryResult> {
      await loadData(data);
      const baseIRI = String(options.baseIRI ?? '');
      const query = baseIRI ? `BASE <${baseIRI}>\n${queryString}` : queryString;
      const dataset = new URLSearchParams();
      if (!namesItsDataset(queryString, baseIRI)) {
        dataset.append('default-graph-uri', defaultGraph);
        const named = [...new Set(data.filter((q) => q.graph.termType === 'NamedNode').map((q) => q.graph.value))];
        for (const graph of named.length > 0 ? named : [noNamedGraph]) dataset.append('named-graph-uri', graph);
      }
      const response = await send(query, dataset, 'application/sparql-results+json;q=1.0, application/n-triples;q=0.9');
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);
      if ((response.headers.get('content-type') ?? '').startsWith('application/n-triples')) {
        return new QueryResultQuads(new N3Parser({ format: 'N-Triples' }).parse(text));
      }
      const json = JSON.parse(text) as { boolean?: boolean; head: { vars?: string[] } };
      const parser = new SparqlJsonParser({ prefixVariableQuestionMark: true });
      if (typeof json.boolean === 'boolean') return new QueryResultBoolean(json.boolean);
      const bindings = parser.parseJsonResults(json as never) as Array<Record<string, RDF.Term>>;
      return new QueryResultBindings((json.head.vars ?? []).map((v) => `?${v}`), bindings, Boolean(options.checkOrder));
    },
  };
}
