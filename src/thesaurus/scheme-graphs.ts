// Owns where concept schemes live in the graph store. The thesaurus writes only to thesaurus graphs:
// the bundled thesaurus's graph, graphs it made for imported schemes (urn:maillage:thesaurus:{ACRONYM},
// a name no record or harvested source can take), and schemes imported before that rule, which sit in
// a graph named after themselves. A scheme found anywhere else (say, inside a harvested record) is
// read, never written: its graph belongs to whoever made it.
import { thesaurusGraph } from './bundled-thesaurus.js';

const managedPrefix = 'urn:maillage:thesaurus:';

/** The graph the thesaurus makes for a newly imported scheme. */
export const managedSchemeGraph = (acronym: string): string => `${managedPrefix}${acronym}`;

export function isThesaurusGraph(info: { iri: string; graph: string }): boolean {
  return info.graph === thesaurusGraph || info.graph.startsWith(managedPrefix) || info.graph === info.iri;
}
