// Owns one page of the DCAT-AP 3 catalogue feed: the catalogue (the whole one, or a source's
// sub-catalogue) described as DCAT-AP requires, the page's datasets and their catalogue records
// read from their record graphs, and Hydra paging links (current PartialCollectionView terms and the
// older PagedCollection ones that some harvesters still follow).
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { prefixes } from '../../mapping/namespaces.js';
import type { PublishedItem } from '../../records/index.js';
import type { GraphStore } from '../../store/index.js';
import type { ReferenceTerms } from '../../validation/index.js';
import { recordGraphs } from '../linked-data/resource-description.js';

const { namedNode, literal, quad } = DataFactory;
const { rdf, dcat, dct, foaf, hydra, xsd } = prefixes;
const a = namedNode(`${rdf}type`);
const integer = (n: number) => literal(String(n), namedNode(`${xsd}integer`));

/** What DCAT-AP may have as the target of a qualified relation (range.ttl, DcatResource_Shape). */
const dcatResourceClasses = [`${dcat}Catalog`, `${dcat}Dataset`, `${dcat}DataService`, `${dcat}DatasetSeries`];

export interface FeedPage {
  catalog: string;
  /** The source of a sub-catalogue; absent for the whole catalogue. */
  source?: string;
  sources: string[];
  records: PublishedItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The URL of a page of this feed (with the request's other parameters). */
  pageUrl: (page: number) => string;
  /** The URL this page was asked for: Hydra clients look for the links on it. */
  requestUrl: string;
  referenceTerms: ReferenceTerms;
  iriBase: string;
  /** When the catalogue, or one source's catalogue, last changed (null: it holds nothing yet). */
  modified: (source?: string) => string | null;
}

function catalogueDescription(iri: string, title: { fr: string; en: string }, publisher: string, modified: string | null): Quad[] {
  const node = namedNode(iri);
  return [
    quad(node, a, namedNode(`${dcat}Catalog`)),
    quad(node, namedNode(`${dct}title`), literal(title.fr, 'fr')),
    quad(node, namedNode(`${dct}title`), literal(title.en, 'en')),
    quad(node, namedNode(`${dct}description`), literal(`${title.fr} : jeux de données moissonnés, décrits en DCAT-AP 3.`, 'fr')),
    quad(node, namedNode(`${dct}description`), literal(`${title.en}: harvested datasets, described in DCAT-AP 3.`, 'en')),
    quad(node, namedNode(`${dct}publisher`), namedNode(publisher)),
    ...(modified ? [quad(node, namedNode(`${dct}modified`), literal(modified, namedNode(`${xsd}dateTime`)))] : []),
  ];
}

function pagingLinks(page: FeedPage): Quad[] {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  const view = namedNode(page.requestUrl);
  const catalog = namedNode(page.catalog);
  const link = (current: string, legacy: string, target: number): Quad[] => [
    quad(view, namedNode(`${hydra}${current}`), namedNode(page.pageUrl(target))),
    quad(view, namedNode(`${hydra}${legacy}`), namedNode(page.pageUrl(target))),
  ];
  return [
    quad(catalog, namedNode(`${hydra}totalItems`), integer(page.total)),
    quad(catalog, namedNode(`${hydra}view`), view),
    quad(view, a, namedNode(`${hydra}PartialCollectionView`)),
    quad(view, a, namedNode(`${hydra}PagedCollection`)),
    quad(view, namedNode(`${hydra}totalItems`), integer(page.total)),
    quad(view, namedNode(`${hydra}itemsPerPage`), integer(page.pageSize)),
    ...link('first', 'firstPage', 1),
    ...link('last', 'lastPage', last),
    ...(page.page > 1 ? link('previous', 'previousPage', Math.min(page.page - 1, last)) : []),
    ...(page.page < last ? link('next', 'nextPage', page.page + 1) : []),
  ];
}

/**
 * DCAT-AP lets a qualified relation point only at a catalogue, dataset, service or series described
 * in the same document (range.ttl, DcatResource_Shape). Relations whose target is not one on this
 * page leave the feed; they stay in SPARQL and linked data, and as dct:relation/isReferencedBy.
 */
function profileRelations(quads: Quad[]): Quad[] {
  const dcatResources = new Set(quads.filter((q) => q.predicate.value === `${rdf}type` && dcatResourceClasses.includes(q.object.value)).map((q) => q.subject.value));
  const relationships = new Set(quads.filter((q) => q.predicate.value === `${rdf}type` && q.object.value === `${dcat}Relationship`).map((q) => q.subject.value));
  const dropped = new Set(
    quads
      .filter((q) => relationships.has(q.subject.value) && q.predicate.value === `${dct}relation` && !dcatResources.has(q.object.value))
      .map((q) => q.subject.value),
  );
  return quads.filter((q) => !dropped.has(q.subject.value) && !dropped.has(q.object.value));
}

export async function dcatFeedPage(store: GraphStore, page: FeedPage): Promise<Quad[]> {
  const publisher = `${page.iriBase}catalog#publisher`;
  const publisherNode = namedNode(publisher);
  const catalogues = page.source
    ? [catalogueDescription(page.catalog, { fr: `Catalogue de la source ${page.source}`, en: `Catalogue of the source ${page.source}` }, publisher, page.modified(page.source))]
    : [
        catalogueDescription(page.catalog, { fr: 'Catalogue Maillage de Recherche Data Gouv', en: 'Maillage catalogue of Recherche Data Gouv' }, publisher, page.modified()),
        ...page.sources.map((source) =>
          catalogueDescription(`${page.iriBase}catalog/${source}`, { fr: `Catalogue de la source ${source}`, en: `Catalogue of the source ${source}` }, publisher, page.modified(source)),
        ),
        page.sources.map((source) => quad(namedNode(page.catalog), namedNode(`${dcat}catalog`), namedNode(`${page.iriBase}catalog/${source}`))),
      ];
  const records = page.referenceTerms.completing(profileRelations([...(await recordGraphs(store, page.records.flatMap((r) => (r.graph ? [r.graph] : [])))).values()].flat()));
  const catalog = namedNode(page.catalog);
  const membership = page.source ? [] : page.records.flatMap((r) => [quad(catalog, namedNode(`${dcat}dataset`), namedNode(r.resource!)), quad(catalog, namedNode(`${dcat}record`), namedNode(r.graph!))]);
  return [
    ...catalogues.flat(),
    quad(publisherNode, a, namedNode(`${foaf}Agent`)),
    quad(publisherNode, a, namedNode(`${foaf}Organization`)),
    quad(publisherNode, namedNode(`${foaf}name`), literal('Recherche Data Gouv')),
    ...membership,
    ...records,
    ...pagingLinks(page),
  ];
}
