// Owns writing DataCite Metadata Schema 4 XML (https://schema.datacite.org/meta/kernel-4/) from a
// resource's catalogue RDF, so that oai_datacite covers every resource with a DOI, whatever format
// its source published. Required properties a record lacks take DataCite's standard value for
// "unavailable", (:unav), rather than being invented.
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { parsePid, type PidScheme } from '../../linking/index.js';
import { prefixes } from '../../mapping/namespaces.js';
import { wktBounds } from '../../rdf/index.js';

const kernel = 'http://datacite.org/schema/kernel-4';
const schemaLocation = `${kernel} https://schema.datacite.org/meta/kernel-4.6/metadata.xsd`;
const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
const xml = 'http://www.w3.org/XML/1998/namespace';
const unavailable = '(:unav)';
const { dct, dcat, foaf, org, rdf, schema, skos } = prefixes;
const frapo = 'http://purl.org/cerif/frapo/';
const prov = 'http://www.w3.org/ns/prov#';

/** resourceTypeGeneral by catalogue class, first match wins. */
const typeGeneral: Array<[string, string]> = [
  [`${schema}SoftwareSourceCode`, 'Software'],
  [`${schema}ScholarlyArticle`, 'JournalArticle'],
  [`${dcat}DataService`, 'Service'],
  [`${dcat}Catalog`, 'Collection'],
  [`${dcat}Dataset`, 'Dataset'],
  [`${schema}CreativeWork`, 'Text'],
];

/** relatedIdentifierType by identifier scheme (the ones DataCite lists). */
const relatedType: Partial<Record<PidScheme, string>> = { doi: 'DOI', arxiv: 'arXiv', pmid: 'PMID', handle: 'Handle', ark: 'ARK', url: 'URL' };

/** ISO 639-1 codes of the EU language table's entries (the inverse of mappings/tables/languages.json). */
const languageCodes: Map<string, string> = (() => {
  const table = JSON.parse(readFileSync(new URL('../../../mappings/tables/languages.json', import.meta.url), 'utf8')) as { entries: Record<string, string> };
  const codes = new Map<string, string>();
  for (const [code, iri] of Object.entries(table.entries)) {
    const local = iri.split(':').pop()!;
    if (/^[a-z]{2}$/.test(code) && !codes.has(local)) codes.set(local, code);
  }
  return codes;
})();

class Graph {
  private readonly bySubject = new Map<string, Quad[]>();
  constructor(quads: readonly Quad[]) {
    for (const q of quads) this.bySubject.set(q.subject.value, [...(this.bySubject.get(q.subject.value) ?? []), q]);
  }
  objects(subject: string, predicate: string): Quad['object'][] {
    return (this.bySubject.get(subject) ?? []).filter((q) => q.predicate.value === predicate).map((q) => q.object);
  }
  values(subject: string, predicate: string): string[] {
    return this.objects(subject, predicate).map((o) => o.value);
  }
  first(subject: string, predicate: string): string | undefined {
    return this.values(subject, predicate)[0];
  }
}

function withLanguage(node: XMLBuilder, term: Quad['object']): XMLBuilder {
  if (term.termType === 'Literal' && term.language) node.att(xml, 'xml:lang', term.language);
  return node;
}

/** The first identifier of a node (its IRI, then its dct:identifier values) in one of the schemes. */
function pidOf(graph: Graph, node: string, schemes: readonly PidScheme[]) {
  for (const candidate of [...graph.values(node, `${dct}identifier`), node]) {
    const pid = parsePid(candidate);
    if (pid && schemes.includes(pid.scheme)) return pid;
  }
  return null;
}

function writeAgent(parent: XMLBuilder, graph: Graph, agent: string, element: 'creator' | 'contributor'): void {
  const node = parent.ele(element);
  if (element === 'contributor') node.att('contributorType', 'Other');
  const person = graph.values(agent, `${rdf}type`).includes(`${foaf}Person`);
  node
    .ele(`${element}Name`)
    .att('nameType', person ? 'Personal' : 'Organizational')
    .txt(graph.first(agent, `${foaf}name`) ?? unavailable);
  const orcid = pidOf(graph, agent, ['orcid']);
  if (orcid) node.ele('nameIdentifier').att('nameIdentifierScheme', 'ORCID').att('schemeURI', 'https://orcid.org').txt(orcid.iri);
  const ror = person ? null : pidOf(graph, agent, ['ror']);
  if (ror) node.ele('nameIdentifier').att('nameIdentifierScheme', 'ROR').att('schemeURI', 'https://ror.org').txt(ror.iri);
  for (const affiliation of graph.values(agent, `${org}memberOf`)) {
    const element = node.ele('affiliation').txt(graph.first(affiliation, `${foaf}name`) ?? unavailable);
    const id = pidOf(graph, affiliation, ['ror']);
    if (id) element.att('affiliationIdentifier', id.iri).att('affiliationIdentifierScheme', 'ROR').att('schemeURI', 'https://ror.org');
  }
}

/** The DataCite XML of a resource with a DOI, from its record graph. */
export function writeDataCiteXml(parent: XMLBuilder, resource: string, doi: string, quads: readonly Quad[]): void {
  const graph = new Graph(quads);
  const root = parent
    .ele(kernel, 'resource')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xsi', xsi)
    .att(xsi, 'xsi:schemaLocation', schemaLocation);
  root.ele('identifier').att('identifierType', 'DOI').txt(doi);

  const creators = root.ele('creators');
  const creatorIris = graph.values(resource, `${dct}creator`);
  for (const agent of creatorIris) writeAgent(creators, graph, agent, 'creator');
  if (creatorIris.length === 0) creators.ele('creator').ele('creatorName').txt(unavailable);

  const titles = root.ele('titles');
  const titleTerms = graph.objects(resource, `${dct}title`);
  for (const title of titleTerms) withLanguage(titles.ele('title'), title).txt(title.value);
  if (titleTerms.length === 0) titles.ele('title').txt(graph.first(resource, `${foaf}name`) ?? unavailable);
  for (const title of graph.objects(resource, `${dct}alternative`)) withLanguage(titles.ele('title').att('titleType', 'AlternativeTitle'), title).txt(title.value);

  const publisher = graph.first(resource, `${dct}publisher`);
  root.ele('publisher').txt((publisher && graph.first(publisher, `${foaf}name`)) ?? unavailable);
  // DataCite: when the publication date cannot be determined, another known date stands in.
  const year = [`${dct}issued`, `${dct}created`, `${dct}modified`].map((p) => graph.first(resource, p)).find((v) => v && /^\d{4}/.test(v));
  root.ele('publicationYear').txt(year ? year.slice(0, 4) : unavailable);

  const types = graph.values(resource, `${rdf}type`);
  const general = typeGeneral.find(([cls]) => types.includes(cls))?.[1] ?? 'Other';
  const typeLabel = graph.values(resource, `${dct}type`).map((t) => t.split('/').pop()!)[0] ?? general;
  root.ele('resourceType').att('resourceTypeGeneral', general).txt(typeLabel);

  const keywords = graph.objects(resource, `${dcat}keyword`);
  const themes = graph.values(resource, `${dcat}theme`);
  const subjects = keywords.length + themes.length > 0 ? root.ele('subjects') : null;
  for (const keyword of keywords) withLanguage(subjects!.ele('subject'), keyword).txt(keyword.value);
  for (const theme of themes) {
    const label = graph.objects(theme, `${skos}prefLabel`)[0];
    const subject = subjects!.ele('subject').att('valueURI', theme);
    const scheme = graph.first(theme, `${skos}inScheme`);
    if (scheme) subject.att('schemeURI', scheme);
    if (label) withLanguage(subject, label).txt(label.value);
    else subject.txt(theme);
  }

  const contributors = graph.values(resource, `${dct}contributor`);
  if (contributors.length > 0) {
    const list = root.ele('contributors');
    for (const agent of contributors) writeAgent(list, graph, agent, 'contributor');
  }

  const dates: Array<[string, string]> = [];
  for (const [predicate, dateType] of [[`${dct}issued`, 'Issued'], [`${dct}created`, 'Created'], [`${dct}modified`, 'Updated']] as const) {
    for (const value of graph.values(resource, predicate)) dates.push([dateType, value]);
  }
  for (const period of graph.values(resource, `${dct}temporal`)) {
    const start = graph.first(period, `${dcat}startDate`);
    const end = graph.first(period, `${dcat}endDate`);
    if (start || end) dates.push(['Coverage', `${start ?? ''}/${end ?? ''}`]);
  }
  if (dates.length > 0) {
    const list = root.ele('dates');
    for (const [dateType, value] of dates) list.ele('date').att('dateType', dateType).txt(value);
  }

  const language = graph.values(resource, `${dct}language`).map((iri) => languageCodes.get(iri.split('/').pop()!)).find(Boolean);
  if (language) root.ele('language').txt(language);

  const relations = graph.values(resource, `${dcat}qualifiedRelation`).flatMap((relation) => {
    const role = graph.first(relation, `${dcat}hadRole`);
    const target = graph.first(relation, `${dct}relation`);
    const pid = target ? pidOf(graph, target, ['doi', 'arxiv', 'pmid', 'handle', 'ark', 'url']) : null;
    return role && pid ? [{ relationType: role.split('/').pop()!, type: relatedType[pid.scheme]!, value: pid.scheme === 'url' ? pid.iri : pid.value }] : [];
  });
  if (relations.length > 0) {
    const list = root.ele('relatedIdentifiers');
    for (const r of relations) list.ele('relatedIdentifier').att('relatedIdentifierType', r.type).att('relationType', r.relationType).txt(r.value);
  }

  const rights = [...graph.values(resource, `${dct}license`), ...graph.values(resource, `${dct}accessRights`)];
  if (rights.length > 0) {
    const list = root.ele('rightsList');
    for (const iri of rights) list.ele('rights').att('rightsURI', iri).txt(graph.first(iri, `${skos}prefLabel`) ?? iri.split('/').pop()!);
  }

  const descriptions = graph.objects(resource, `${dct}description`);
  if (descriptions.length > 0) {
    const list = root.ele('descriptions');
    for (const d of descriptions) withLanguage(list.ele('description').att('descriptionType', 'Abstract'), d).txt(d.value);
  }

  const locations = graph.values(resource, `${dct}spatial`);
  if (locations.length > 0) {
    const list = root.ele('geoLocations');
    for (const location of locations) {
      const geo = list.ele('geoLocation');
      const place = graph.first(location, `${skos}prefLabel`);
      if (place) geo.ele('geoLocationPlace').txt(place);
      const wkt = graph.first(location, `${dcat}bbox`);
      const box = wkt ? wktBounds(wkt) : null;
      if (box) {
        const [west, south, east, north] = box;
        geo.ele('geoLocationBox').ele('westBoundLongitude').txt(String(west)).up().ele('eastBoundLongitude').txt(String(east)).up()
          .ele('southBoundLatitude').txt(String(south)).up().ele('northBoundLatitude').txt(String(north));
      }
    }
  }

  const projects = graph.values(resource, `${prov}wasGeneratedBy`);
  if (projects.length > 0) {
    const list = root.ele('fundingReferences');
    for (const project of projects) {
      const funder = graph.first(project, `${frapo}isFundedBy`);
      const reference = list.ele('fundingReference');
      reference.ele('funderName').txt((funder && graph.first(funder, `${foaf}name`)) ?? unavailable);
      const award = graph.first(project, `${frapo}hasGrantNumber`);
      if (award) reference.ele('awardNumber').txt(award);
    }
  }
}
