// Owns the limits on one serialized query result, the same for both stores: its size in bytes, and
// for a SELECT its rows (the query asked for one row more than allowed, to tell a result that
// reached the cap from one that fits).
import { parse as parseCsv } from 'csv-parse/sync';
import { ResultTooLargeError } from '../errors/index.js';
import { mediaTypes } from '../rdf/media-types.js';

export function assertResultWithinLimits(body: string, format: string, limits: { maxResultBytes?: number | undefined; maxRows?: number | undefined }): void {
  // String length counts UTF-16 units, a close enough (never larger) stand-in for bytes.
  if (limits.maxResultBytes !== undefined && body.length > limits.maxResultBytes) {
    throw new ResultTooLargeError(
      `The result is larger than the ${limits.maxResultBytes} bytes one response may carry; add a LIMIT (and page with OFFSET) or narrow the query`,
      { limitBytes: limits.maxResultBytes },
    );
  }
  if (limits.maxRows !== undefined && selectRowCount(body, format, limits.maxRows) > limits.maxRows) {
    throw new ResultTooLargeError(`The result has more than the ${limits.maxRows} rows one response may carry; add a LIMIT of at most ${limits.maxRows} and page with OFFSET`, {
      limitRows: limits.maxRows,
    });
  }
}

/** The fewest bytes one row takes in any results format (a TSV row of one empty binding: a newline). */
const minimalRowBytes = 1;

/**
 * Rows in a SPARQL SELECT result in the given format. A body too short to hold more than
 * `threshold` rows is not read (its count is answered as 0): the check costs nothing for small results.
 */
function selectRowCount(body: string, format: string, threshold: number): number {
  if (body.length <= threshold * minimalRowBytes) return 0;
  switch (format) {
    case mediaTypes.sparqlResultsJson:
      return (JSON.parse(body) as { results?: { bindings?: unknown[] } }).results?.bindings?.length ?? 0;
    case mediaTypes.sparqlResultsXml:
      // Text and attribute values escape "<", so every "<result" tag opens a row.
      return body.match(/<result[\s/>]/g)?.length ?? 0;
    case mediaTypes.sparqlResultsTsv:
      // TSV escapes line breaks inside values: one line per row after the header line.
      return Math.max(0, body.split('\n').length - (body.endsWith('\n') ? 2 : 1));
    case mediaTypes.sparqlResultsCsv:
      return Math.max(0, (parseCsv(body, { relax_column_count: true }) as unknown[]).length - 1);
    default:
      return 0;
  }
}
