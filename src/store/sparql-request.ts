// Owns what the store needs to know about a SPARQL request before running it: that it parses
// (with the parser's message and position when it does not) and which form of result it gives.
import sparqljs from 'sparqljs';
import { QuerySyntaxError } from '../errors/index.js';
import type { QueryForm } from './graph-store.js';

interface JisonError extends Error {
  hash?: { loc?: { first_line: number; first_column: number }; token?: string; expected?: string[] };
}

/** Parses SPARQL with sparqljs; a syntax error becomes a QuerySyntaxError with line and column. */
export function parseSparql(text: string, baseIri: string | undefined, kind: 'query' | 'update'): sparqljs.SparqlQuery {
  try {
    return new sparqljs.Parser({ ...(baseIri ? { baseIRI: baseIri } : {}), sparqlStar: true }).parse(text);
  } catch (error) {
    const loc = (error as JisonError).hash?.loc;
    const details: Record<string, unknown> = {};
    if (loc) {
      details.line = loc.first_line;
      details.column = loc.first_column + 1;
    }
    const first = (error as Error).message.split('\n');
    const summary = first[first.length - 1] ?? (error as Error).message;
    throw new QuerySyntaxError(`Invalid SPARQL ${kind}${loc ? ` at line ${loc.first_line}, column ${loc.first_column + 1}` : ''}: ${summary}`, details, {
      cause: error,
    });
  }
}

/** Parses a query and tells its form; an update, or text that does not parse, is refused. */
export function queryFormOf(sparql: string, baseIri?: string): QueryForm {
  const parsed = parseSparql(sparql, baseIri, 'query');
  if (parsed.type !== 'query') throw new QuerySyntaxError('This is a SPARQL update; send it as an update, not as a query');
  return parsed.queryType;
}

/** Checks that text is a SPARQL update (and not a query). */
export function assertUpdate(sparql: string, baseIri?: string): void {
  const parsed = parseSparql(sparql, baseIri, 'update');
  if (parsed.type !== 'update') throw new QuerySyntaxError('This is a SPARQL query; send it as a query, not as an update');
}
