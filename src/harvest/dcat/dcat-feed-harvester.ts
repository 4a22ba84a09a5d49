// Owns harvesting DCAT catalogue feeds (Turtle, RDF/XML, JSON-LD, N-Triples) as ckanext-dcat,
// data.gouv.fr and national portals serve them, following Hydra paging (hydra:next on a
// PartialCollectionView, or the older hydra:nextPage). Each dcat:Dataset becomes one record: its
// description in the page, canonicalized (RDFC-1.0) so an unchanged dataset keeps its checksum.
import { createHash } from 'node:crypto';
import * as ox from 'oxigraph';
import rdfCanonize from 'rdf-canonize';
import { HarvestProtocolError, type Harvester, type HarvestStart } from '../harvester.js';
import type { HarvestPage, RawRecord, RecordFailure } from '../../records/index.js';
import { rdfFormatOf, rdfMediaTypes, type RdfMediaType } from '../../rdf/index.js';
import type { PoliteHttpClient } from '../polite-http-client.js';

const rdfType = ox.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const dcatDataset = ox.namedNode('http://www.w3.org/ns/dcat#Dataset');
const dcatCatalog = ox.namedNode('http://www.w3.org/ns/dcat#Catalog');
const dctModified = 'http://purl.org/dc/terms/modified';
const dctIdentifier = 'http://purl.org/dc/terms/identifier';
/** How far a dataset's description is followed through linked nodes (distributions, agents...). */
const maxDepth = 4;

export function formatOf(contentType: string, url: string): RdfMediaType {
  if ((rdfMediaTypes as readonly string[]).includes(contentType)) return contentType as RdfMediaType;
  if (contentType === 'application/json') return 'application/ld+json';
  if (contentType === 'application/xml' || contentType === 'text/xml') return 'application/rdf+xml';
  return rdfFormatOf(new URL(url).pathname);
}

/** A dataset's description: its triples, and those of the nodes it links to, short of other datasets. */
function describe(store: ox.Store, dataset: ox.NamedNode | ox.BlankNode): ox.Quad[] {
  const seen = new Set<string>([dataset.toString()]);
  const quads: ox.Quad[] = [];
  let frontier: Array<ox.NamedNode | ox.BlankNode> = [dataset];
  for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const next: Array<ox.NamedNode | ox.BlankNode> = [];
    for (const node of frontier) {
      for (const quad of store.match(node, null, null, null)) {
        quads.push(ox.quad(quad.subject, quad.predicate, quad.object));
        const object = quad.object;
        if (object.termType !== 'NamedNode' && object.termType !== 'BlankNode') continue;
        const key = object.toString();
        if (seen.has(key)) continue;
        seen.add(key);
        if (store.has(ox.quad(object, rdfType, dcatDataset)) || store.has(ox.quad(object, rdfType, dcatCatalog))) continue;
        if (store.match(object, null, null, null).length > 0) next.push(object);
      }
    }
    frontier = next;
  }
  return quads;
}

function literalOf(quads: ox.Quad[], subject: ox.Term, predicate: string): string | null {
  const found = quads.find((q) => q.subject.equals(subject) && q.predicate.value === predicate && q.object.termType === 'Literal');
  return found ? found.object.value : null;
}

/** Parses one feed page into a scratch store. */
export function parseFeedPage(body: string, format: RdfMediaType, baseIri: string): ox.Store {
  const store = new ox.Store();
  try {
    store.load(body, { format, base_iri: baseIri });
  } catch (error) {
    throw new HarvestProtocolError(`${baseIri} is not readable ${format}: ${(error as Error).message}`);
  }
  return store;
}

/** One record per dcat:Dataset in a page. */
export async function dcatRecordsOf(store: ox.Store): Promise<{ records: RawRecord[]; failures: RecordFailure[] }> {
  const records: RawRecord[] = [];
  const failures: RecordFailure[] = [];
  for (const quad of store.match(null, rdfType, dcatDataset, null)) {
    const dataset = quad.subject as ox.NamedNode | ox.BlankNode;
    try {
      const quads = describe(store, dataset);
      const content = await rdfCanonize.canonize(quads.map((q) => `${q.toString()} .`).join('\n'), { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' });
      const id =
        dataset.termType === 'NamedNode'
          ? dataset.value
          : (literalOf(quads, dataset, dctIdentifier) ?? `urn:sha256:${createHash('sha256').update(content).digest('hex')}`);
      records.push({ id, format: 'dcat-nquads', datestamp: literalOf(quads, dataset, dctModified), content });
    } catch (error) {
      failures.push({ recordId: dataset.value, reason: `could not take in the dataset's description: ${(error as Error).message}` });
    }
  }
  return { records, failures };
}

export class DcatFeedHarvester implements Harvester {
  readonly protocol = 'dcat';

  constructor(
    private readonly http: PoliteHttpClient,
    private readonly source: { url: string },
  ) {}

  async *pages(start: HarvestStart): AsyncGenerator<HarvestPage> {
    let url: string | null = start.cursor || this.source.url;
    const visited = new Set<string>();
    while (url) {
      visited.add(url);
      const fetched = await this.http.get(url, 'text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.9, application/n-triples;q=0.8');
      const store = parseFeedPage(fetched.body, formatOf(fetched.contentType, url), url);
      const { records, failures } = await dcatRecordsOf(store);
      const next = this.nextPage(store, url);
      url = next && !visited.has(next) ? next : null;
      yield { records, failures, next: url };
    }
  }

  private nextPage(store: ox.Store, current: string): string | null {
    const rows = store.query(
      'PREFIX hydra: <http://www.w3.org/ns/hydra/core#> SELECT ?next WHERE { ?view hydra:next|hydra:nextPage ?next } LIMIT 1',
    ) as Array<Map<string, ox.Term>>;
    const next = rows[0]?.get('next')?.value;
    return next ? new URL(next, current).toString() : null;
  }
}
