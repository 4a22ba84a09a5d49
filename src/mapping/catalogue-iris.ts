// Owns the catalogue's IRIs: minted from the best persistent identifier a resource has, so the
// same resource gets the same IRI from any source and any harvest; from the record otherwise.
import { createHash } from 'node:crypto';
import type { Pid } from '../linking/identifiers.js';

/** Keeps IRI path characters and "/", percent-encodes the rest (a DOI keeps its slashes). */
export function iriSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (char) => encodeURIComponent(char));
}

export interface CatalogueIris {
  base: string;
  /** The node of a resource named by a persistent identifier; a plain URL stays itself. */
  resource(pid: Pid): string;
  /** What the nodes minted from one identifier scheme start with (the DOI resources: `resourcePrefix('doi')`). */
  resourcePrefix(scheme: Exclude<Pid['scheme'], 'url'>): string;
  /** The node of a resource whose record carries no persistent identifier. */
  localResource(source: string, recordId: string): string;
  /** The named graph of one harvested record, which is also its dcat:CatalogRecord. */
  recordGraph(source: string, recordId: string): string;
  /** The dcat:Catalog of a source repository. */
  catalog(source: string): string;
}

export function catalogueIris(base: string): CatalogueIris {
  const root = base.endsWith('/') ? base : `${base}/`;
  return {
    base: root,
    resource: (pid) => (pid.scheme === 'url' ? pid.iri : `${root}id/${pid.scheme}/${iriSegment(pid.value)}`),
    resourcePrefix: (scheme) => `${root}id/${scheme}/`,
    localResource: (source, recordId) => `${root}id/${iriSegment(source)}/${createHash('sha256').update(recordId).digest('hex').slice(0, 20)}`,
    recordGraph: (source, recordId) => `${root}record/${iriSegment(source)}/${encodeURIComponent(recordId)}`,
    catalog: (source) => `${root}catalog/${iriSegment(source)}`,
  };
}
