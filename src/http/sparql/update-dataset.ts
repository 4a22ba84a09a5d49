// Owns the protocol's update dataset (using-graph-uri, using-named-graph-uri): they become USING
// clauses of each DELETE/INSERT operation, written back with sparqljs, so every backend sees plain
// SPARQL. Giving them while the update names its own dataset (USING, WITH) is an error (§2.2.3).
import sparqljs from 'sparqljs';
import { BadRequestError } from '../../errors/index.js';
import { parseSparql } from '../../store/index.js';

export interface UpdateDataset {
  usingGraphs: string[];
  usingNamedGraphs: string[];
}

/** The update text to run: unchanged without protocol dataset parameters. */
export function applyUpdateDataset(text: string, dataset: UpdateDataset, baseIri: string): string {
  const parsed = parseSparql(text, baseIri, 'update');
  if (parsed.type !== 'update') throw new BadRequestError('This is a SPARQL query; send it as a query, not as an update');
  if (dataset.usingGraphs.length === 0 && dataset.usingNamedGraphs.length === 0) return text;

  for (const operation of parsed.updates) {
    if (!('updateType' in operation) || operation.updateType !== 'insertdelete') continue;
    if (operation.using || operation.graph) {
      throw new BadRequestError('The update names its own dataset (USING or WITH) and the request adds using-graph-uri/using-named-graph-uri; use one or the other');
    }
    operation.using = {
      default: dataset.usingGraphs.map((value) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm),
      named: dataset.usingNamedGraphs.map((value) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm),
    };
  }
  return new sparqljs.Generator().stringify(parsed);
}
