// Owns the prefixes that mappings, shapes and code write IRIs with (one table, used everywhere).
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';

export const prefixes = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcterms: 'http://purl.org/dc/terms/',
  adms: 'http://www.w3.org/ns/adms#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  locn: 'http://www.w3.org/ns/locn#',
  geo: 'http://www.opengis.net/ont/geosparql#',
  schema: 'http://schema.org/',
  frapo: 'http://purl.org/cerif/frapo/',
  codemeta: 'https://codemeta.github.io/terms/',
  dqv: 'http://www.w3.org/ns/dqv#',
  sh: 'http://www.w3.org/ns/shacl#',
  spdx: 'http://spdx.org/rdf/terms#',
  oa: 'http://www.w3.org/ns/oa#',
  eurovoc: 'http://eurovoc.europa.eu/',
  euLicence: 'http://publications.europa.eu/resource/authority/licence/',
  euAccess: 'http://publications.europa.eu/resource/authority/access-right/',
  euLanguage: 'http://publications.europa.eu/resource/authority/language/',
  euTheme: 'http://publications.europa.eu/resource/authority/data-theme/',
  euType: 'http://publications.europa.eu/resource/authority/dataset-type/',
  euFileType: 'http://publications.europa.eu/resource/authority/file-type/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  void: 'http://rdfs.org/ns/void#',
  mlg: 'https://w3id.org/maillage/ontology#',
  relation: 'https://w3id.org/maillage/ontology/relation/',
  fair: 'https://w3id.org/maillage/ontology/fair#',
} as const;

/** Properties that name a resource, in the order a label is looked for. */
export const labelProperties = [`${prefixes.dct}title`, `${prefixes.foaf}name`, `${prefixes.skos}prefLabel`, `${prefixes.rdfs}label`, `${prefixes.schema}name`];

/** Expands a CURIE ("dcat:Dataset") to its IRI; an IRI stays as it is. */
export function expandCurie(value: string): string {
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    if (prefix in prefixes && !value.startsWith(`${prefix}://`)) return prefixes[prefix as keyof typeof prefixes] + value.slice(colon + 1);
  }
  return value;
}

const curieNodes = new Map<string, NamedNode>();

/**
 * The named node a CURIE (or full IRI) from a mapping or one of its tables stands for, made once:
 * such names are few, and mapping asks for them once per statement.
 */
export function curieNode(value: string): NamedNode {
  let node = curieNodes.get(value);
  if (!node) curieNodes.set(value, (node = DataFactory.namedNode(expandCurie(value))));
  return node;
}
