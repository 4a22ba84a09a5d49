// Owns the boolean result of an ASK from a remote server. Virtuoso 7 answers ASK in JSON as a
// one-row table (variable __ASK_RETVAL, 1 or 0) instead of the standard {"boolean": ...}; we read
// both and answer clients in the standard form.
import { NotAcceptableError } from '../../errors/index.js';
import { mediaTypes } from '../../rdf/index.js';

interface AskJson {
  boolean?: boolean;
  head?: { vars?: string[] };
  results?: { bindings?: Array<Record<string, { value: string }>> };
}

export function readAskJson(body: string): boolean {
  const json = JSON.parse(body) as AskJson;
  if (typeof json.boolean === 'boolean') return json.boolean;
  if (json.head?.vars?.includes('__ASK_RETVAL')) {
    // A false ASK comes back as the same table with no row.
    const cell = json.results?.bindings?.[0]?.['__ASK_RETVAL'];
    return cell !== undefined && (cell.value === '1' || cell.value === 'true');
  }
  throw new Error(`Not a SPARQL ASK result: ${body.slice(0, 200)}`);
}

/** The standard serializations of a boolean result (SPARQL 1.1 JSON and XML results). */
export function writeAskResult(value: boolean, mediaType: string): string {
  if (mediaType === mediaTypes.sparqlResultsJson) return JSON.stringify({ head: {}, boolean: value });
  if (mediaType === mediaTypes.sparqlResultsXml) {
    return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>${value}</boolean></sparql>\n`;
  }
  throw new NotAcceptableError(`An ASK result has no ${mediaType} form; ask for ${mediaTypes.sparqlResultsJson} or ${mediaTypes.sparqlResultsXml}`);
}
