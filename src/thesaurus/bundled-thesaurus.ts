// Owns the catalogue's own thesaurus shipped in vocabularies/: loaded into its named graph on
// start, and replaced when the shipped version (owl:versionInfo) differs from the stored one.
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import type { Logger } from '../log/index.js';
import { mediaTypes, sparqlIri, sparqlLiteral } from '../rdf/index.js';
import type { GraphStore } from '../store/index.js';

export const thesaurusScheme = 'https://w3id.org/maillage/thesaurus/';
/** The named graph that holds the bundled thesaurus (the scheme IRI itself). */
export const thesaurusGraph = thesaurusScheme;
const bundledFile = new URL('../../vocabularies/maillage-thesaurus.ttl', import.meta.url);
const versionInfo = 'http://www.w3.org/2002/07/owl#versionInfo';

export function bundledThesaurus(): { turtle: string; version: string } {
  const turtle = readFileSync(bundledFile, 'utf8');
  const version = new Parser({ format: 'Turtle' }).parse(turtle).find((q) => q.subject.value === thesaurusScheme && q.predicate.value === versionInfo)?.object.value;
  if (!version) throw new Error(`${bundledFile.pathname} has no owl:versionInfo on ${thesaurusScheme}`);
  return { turtle, version };
}

/**
 * Loads the bundled thesaurus unless the store already holds this version. Once terminology
 * managers have edited it through the service, the store's copy is the reference and a shipped
 * version never replaces it. Returns what it did.
 */
export async function loadBundledThesaurus(store: GraphStore, logger: Logger, editedInService = false): Promise<'loaded' | 'current' | 'edited'> {
  const { turtle, version } = bundledThesaurus();
  if (editedInService) {
    logger.info({ graph: thesaurusGraph, shipped: version }, 'bundled thesaurus edited in the service: the shipped file is not loaded');
    return 'edited';
  }
  const current = await store.query(
    `ASK { GRAPH ${sparqlIri(thesaurusGraph)} { ${sparqlIri(thesaurusScheme)} ${sparqlIri(versionInfo)} ${sparqlLiteral(version)} } }`,
  );
  if (current.form === 'ASK' && current.boolean) return 'current';
  const result = await store.replaceGraph(thesaurusGraph, { data: turtle, format: mediaTypes.turtle, baseIri: thesaurusScheme });
  logger.info({ graph: thesaurusGraph, version, quads: result.quadsWritten }, 'bundled thesaurus loaded');
  return 'loaded';
}
