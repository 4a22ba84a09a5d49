// Owns turning serialized query results (what both backends return) into RDF/JS terms.
import { DataFactory, Parser as N3Parser } from 'n3';
import { SparqlJsonParser } from 'sparqljson-parse';
import type { Term } from '@rdfjs/types';
import type { QueryResult, SerializedResult } from './graph-store.js';
import { mediaTypes } from '../rdf/index.js';

/** The formats `query()` asks for, so that it can read any backend's answer into terms. */
export const termResultFormats = { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples } as const;

const jsonParser = new SparqlJsonParser({ dataFactory: DataFactory });

export function parseSerializedResult(result: SerializedResult): QueryResult {
  if (result.form === 'CONSTRUCT' || result.form === 'DESCRIBE') {
    return { form: result.form, quads: new N3Parser({ format: 'N-Triples' }).parse(result.body) };
  }
  const json = JSON.parse(result.body) as Parameters<SparqlJsonParser['parseJsonBindings']>[0] & {
    head?: { vars?: string[] };
    boolean?: boolean;
    results?: { bindings: Array<Record<string, unknown>> };
  };
  if (result.form === 'ASK') return { form: 'ASK', boolean: jsonParser.parseJsonBoolean(json) };
  const bindings = (json.results?.bindings ?? []).map((row: Record<string, unknown>) => {
    const parsed = jsonParser.parseJsonBindings(row as never) as Record<string, Term>;
    // sparqljson-parse prefixes variable names with "?"; callers use the plain names.
    return Object.fromEntries(Object.entries(parsed).map(([name, term]) => [name.replace(/^\?/, ''), term]));
  });
  return { form: 'SELECT', variables: json.head?.vars ?? [], bindings };
}
