// Owns the self-descriptions of the endpoint: the SPARQL 1.1 Service Description answered on a plain
// GET of /sparql, and the VoID description of the catalogue's dataset (also at /.well-known/void).
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { prefixes } from '../../mapping/namespaces.js';
import type { DatasetStatistics } from './dataset-statistics.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const sd = 'http://www.w3.org/ns/sparql-service-description#';
const voidNs = 'http://rdfs.org/ns/void#';
const formats = 'http://www.w3.org/ns/formats/';
const xsdInteger = namedNode(`${prefixes.xsd}integer`);
const type = namedNode(`${prefixes.rdf}type`);

export const descriptionPrefixes = { sd, void: voidNs, formats, dct: prefixes.dct, xsd: prefixes.xsd, rdf: prefixes.rdf, foaf: prefixes.foaf };

/** Result and graph syntaxes this endpoint writes, as W3C format IRIs. */
const resultFormats = ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'N-Quads', 'TriG', 'JSON-LD', 'RDF_XML'];

/** Vocabularies the catalogue's graphs are written in. */
const vocabularies = [prefixes.dcat, prefixes.dct, prefixes.skos, prefixes.foaf, prefixes.org, prefixes.prov, prefixes.adms, prefixes.dqv, prefixes.schema, prefixes.vcard, prefixes.locn];

export interface DescriptionContext {
  endpointUrl: string;
  voidUrl: string;
  iriBase: string;
  title: string;
}

function count(subject: Quad_Subject, property: string, value: number): Quad {
  return quad(subject, namedNode(property), literal(String(value), xsdInteger));
}

/** The VoID dataset: size, partitions, how to query it, which IRIs belong to it. */
export function voidDescription(context: DescriptionContext, stats: DatasetStatistics): Quad[] {
  const dataset = namedNode(`${context.voidUrl}#dataset`);
  const quads: Quad[] = [
    quad(dataset, type, namedNode(`${voidNs}Dataset`)),
    quad(dataset, namedNode(`${prefixes.dct}title`), literal(context.title, 'en')),
    quad(dataset, namedNode(`${prefixes.dct}modified`), literal(stats.computedAt.toISOString(), namedNode(`${prefixes.xsd}dateTime`))),
    quad(dataset, namedNode(`${voidNs}sparqlEndpoint`), namedNode(context.endpointUrl)),
    quad(dataset, namedNode(`${voidNs}uriSpace`), literal(context.iriBase)),
    quad(dataset, namedNode(`${voidNs}rootResource`), namedNode(`${context.iriBase}catalog`)),
    count(dataset, `${voidNs}triples`, stats.triples),
    count(dataset, `${voidNs}distinctSubjects`, stats.distinctSubjects),
    count(dataset, `${voidNs}distinctObjects`, stats.distinctObjects),
    count(dataset, `${voidNs}classes`, stats.classes.length),
    count(dataset, `${voidNs}properties`, stats.properties.length),
    ...vocabularies.map((v) => quad(dataset, namedNode(`${voidNs}vocabulary`), namedNode(v))),
  ];
  for (const { iri, entities } of stats.classes) {
    const part = blankNode();
    quads.push(quad(dataset, namedNode(`${voidNs}classPartition`), part), quad(part, namedNode(`${voidNs}class`), namedNode(iri)), count(part, `${voidNs}entities`, entities));
  }
  for (const { iri, triples } of stats.properties) {
    const part = blankNode();
    quads.push(quad(dataset, namedNode(`${voidNs}propertyPartition`), part), quad(part, namedNode(`${voidNs}property`), namedNode(iri)), count(part, `${voidNs}triples`, triples));
  }
  return quads;
}

/** The SPARQL 1.1 Service Description of the endpoint, with the VoID description of its dataset. */
export function serviceDescription(context: DescriptionContext, stats: DatasetStatistics): Quad[] {
  const service = namedNode(context.endpointUrl);
  const dataset = namedNode(`${context.voidUrl}#dataset`);
  const defaultGraph = blankNode();
  const sdTerm = (local: string): Quad_Object => namedNode(sd + local);
  return [
    quad(service, type, sdTerm('Service')),
    quad(service, namedNode(`${sd}endpoint`), service),
    quad(service, namedNode(`${sd}supportedLanguage`), sdTerm('SPARQL11Query')),
    quad(service, namedNode(`${sd}supportedLanguage`), sdTerm('SPARQL11Update')),
    quad(service, namedNode(`${sd}feature`), sdTerm('UnionDefaultGraph')),
    quad(service, namedNode(`${sd}feature`), sdTerm('BasicFederatedQuery')),
    quad(service, namedNode(`${sd}defaultEntailmentRegime`), namedNode('http://www.w3.org/ns/entailment/Simple')),
    ...resultFormats.map((f) => quad(service, namedNode(`${sd}resultFormat`), namedNode(formats + f))),
    quad(service, namedNode(`${sd}defaultDataset`), dataset),
    quad(dataset, type, sdTerm('Dataset')),
    quad(dataset, namedNode(`${sd}defaultGraph`), defaultGraph),
    quad(defaultGraph, type, sdTerm('Graph')),
    count(defaultGraph, `${voidNs}triples`, stats.triples),
    ...voidDescription(context, stats),
  ];
}
