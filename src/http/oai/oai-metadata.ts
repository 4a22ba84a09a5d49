// Owns the metadata formats the OAI-PMH provider disseminates: oai_dc, written from the record's
// RDF for every item, and oai_datacite: the DataCite XML the source published, verbatim, for items
// harvested in that format, else written from the RDF (datacite-xml.ts) for resources with a DOI.
import type { Quad } from '@rdfjs/types';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { create } from 'xmlbuilder2';
import { parseDoi } from '../../linking/index.js';
import { catalogueIris } from '../../mapping/index.js';
import { prefixes } from '../../mapping/namespaces.js';

export interface MetadataFormat {
  prefix: string;
  schema: string;
  namespace: string;
}

export const oaiDc: MetadataFormat = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
};
export const oaiDatacite: MetadataFormat = {
  prefix: 'oai_datacite',
  schema: 'http://schema.datacite.org/meta/kernel-4/metadata.xsd',
  namespace: 'http://datacite.org/schema/kernel-4',
};
export const metadataFormats = [oaiDc, oaiDatacite];

const dc = 'http://purl.org/dc/elements/1.1/';
const { dct, dcat, foaf, rdf } = prefixes;

/** The DOI a catalogue resource IRI was minted from ({IRI_BASE}id/doi/...), if it was. */
export function doiOfResource(iriBase: string, resource: string | null): string | null {
  const prefix = catalogueIris(iriBase).resourcePrefix('doi');
  return resource?.startsWith(prefix) ? (parseDoi(decodeURIComponent(resource.slice(prefix.length)))?.value ?? null) : null;
}

/**
 * Which formats an item can be given in: oai_datacite for the DataCite XML its source published,
 * or, for a resource with a DOI from any other source, the DataCite XML written from its RDF.
 */
export function formatsOf(item: { format: string; resource: string | null }, iriBase: string): MetadataFormat[] {
  return item.format === 'oai_datacite' || doiOfResource(iriBase, item.resource) ? [oaiDc, oaiDatacite] : [oaiDc];
}

function objects(quads: readonly Quad[], subject: string, predicate: string): Quad['object'][] {
  return quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
}

function nameOf(quads: readonly Quad[], node: string): string | undefined {
  return objects(quads, node, `${foaf}name`)[0]?.value;
}

const dcmiTypes: Record<string, string> = {
  [`${dcat}Dataset`]: 'Dataset',
  [`${dcat}DataService`]: 'Service',
  [`${prefixes.schema}SoftwareSourceCode`]: 'Software',
  [`${prefixes.schema}ScholarlyArticle`]: 'Text',
};

/** Simple Dublin Core from the resource's DCAT description. */
export function writeOaiDc(parent: XMLBuilder, resource: string, quads: readonly Quad[]): void {
  const root = parent
    .ele(oaiDc.namespace, 'oai_dc:dc')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:dc', dc)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance')
    .att('http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation', `${oaiDc.namespace} ${oaiDc.schema}`);
  const element = (name: string, value: string, language?: string) => {
    const node = root.ele(dc, `dc:${name}`).txt(value);
    if (language) node.att('http://www.w3.org/XML/1998/namespace', 'xml:lang', language);
  };
  const literals = (name: string, predicate: string) => {
    for (const o of objects(quads, resource, predicate)) element(name, o.value, o.termType === 'Literal' ? o.language || undefined : undefined);
  };
  literals('title', `${dct}title`);
  // Organisations and people are named, not titled.
  if (objects(quads, resource, `${dct}title`).length === 0) literals('title', `${foaf}name`);
  for (const agent of objects(quads, resource, `${dct}creator`)) element('creator', nameOf(quads, agent.value) ?? agent.value);
  literals('subject', `${dcat}keyword`);
  literals('description', `${dct}description`);
  for (const agent of objects(quads, resource, `${dct}publisher`)) element('publisher', nameOf(quads, agent.value) ?? agent.value);
  for (const agent of objects(quads, resource, `${dct}contributor`)) element('contributor', nameOf(quads, agent.value) ?? agent.value);
  literals('date', `${dct}issued`);
  for (const type of objects(quads, resource, `${rdf}type`)) if (dcmiTypes[type.value]) element('type', dcmiTypes[type.value]!);
  element('identifier', resource);
  literals('identifier', `${dct}identifier`);
  literals('identifier', `${dcat}landingPage`);
  for (const language of objects(quads, resource, `${dct}language`)) element('language', language.value.slice(language.value.lastIndexOf('/') + 1).toLowerCase());
  for (const p of ['relation', 'references', 'isReferencedBy', 'isPartOf', 'hasPart', 'isVersionOf', 'source']) literals('relation', `${dct}${p}`);
  for (const period of objects(quads, resource, `${dct}temporal`)) {
    const start = objects(quads, period.value, `${dcat}startDate`)[0]?.value;
    const end = objects(quads, period.value, `${dcat}endDate`)[0]?.value;
    if (start || end) element('coverage', `${start ?? '..'}/${end ?? '..'}`);
  }
  literals('rights', `${dct}license`);
  literals('rights', `${dct}accessRights`);
}

/** The DataCite XML kept verbatim in the system of record. */
export function writeVerbatim(parent: XMLBuilder, xml: string): void {
  parent.import(create(xml).root());
}
