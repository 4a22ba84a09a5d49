// Owns the schema.org Dataset block of a landing page, written from the dataset's DCAT description
// as Google Dataset Search asks (name, description, identifier, url, creator, license, keywords,
// coverage, catalogue, distributions): https://developers.google.com/search/docs/appearance/structured-data/dataset
import type { Quad, Term } from '@rdfjs/types';
import { prefixes } from '../../mapping/namespaces.js';
import { wktBounds } from '../../rdf/index.js';

const { dct, dcat, foaf, rdf, adms } = prefixes;

type Json = Record<string, unknown>;

class Description {
  constructor(private readonly quads: readonly Quad[]) {}
  objects(subject: string, predicate: string): Term[] {
    return this.quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  }
  values(subject: string, predicate: string, language?: string): string[] {
    const terms = this.objects(subject, predicate);
    const preferred = language ? terms.filter((t) => t.termType === 'Literal' && t.language === language) : [];
    return (preferred.length > 0 ? preferred : terms).map((t) => t.value);
  }
  first(subject: string, predicate: string, language?: string): string | undefined {
    return this.values(subject, predicate, language)[0];
  }
  types(subject: string): string[] {
    return this.values(subject, `${rdf}type`);
  }
}

function agent(description: Description, node: Term, labels: Map<string, string>): Json | null {
  const id = node.value;
  const name = description.first(id, `${foaf}name`) ?? labels.get(id);
  if (!name) return null;
  const isPerson = description.types(id).includes(`${foaf}Person`);
  const sameAs = [id, ...description.values(id, `${adms}identifier`)].filter((v) => /^https?:\/\/(orcid\.org|ror\.org|www\.isni\.org|isni\.org)\//.test(v));
  return { '@type': isPerson ? 'Person' : 'Organization', name, ...(sameAs.length > 0 ? { sameAs } : {}) };
}

/** A WKT geometry as schema.org's "south west north east" box. */
function box(wkt: string): string | null {
  const bounds = wktBounds(wkt);
  if (!bounds) return null;
  const [west, south, east, north] = bounds;
  return `${south} ${west} ${north} ${east}`;
}

export function isDataset(quads: readonly Quad[], iri: string): boolean {
  return new Description(quads).types(iri).includes(`${dcat}Dataset`);
}

export function schemaOrgDataset(iri: string, quads: readonly Quad[], labels: Map<string, string>, language: string): Json {
  const d = new Description(quads);
  const period = d.objects(iri, `${dct}temporal`)[0];
  const location = d.objects(iri, `${dct}spatial`)[0];
  const bbox = location ? d.first(location.value, `${dcat}bbox`) : undefined;
  const geoBox = bbox ? box(bbox) : null;
  const accessRights = d.first(iri, `${dct}accessRights`);
  const catalogues = quads.filter((q) => q.predicate.value === `${dcat}dataset` && q.object.value === iri).map((q) => q.subject.value);
  const json: Json = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': iri,
    name: d.first(iri, `${dct}title`, language),
    description: d.first(iri, `${dct}description`, language),
    url: d.first(iri, `${dcat}landingPage`) ?? iri,
    identifier: [...new Set([...d.values(iri, `${dct}identifier`), ...d.objects(iri, `${adms}identifier`).flatMap((n) => d.values(n.value, `${prefixes.skos}notation`))])],
    keywords: d.values(iri, `${dcat}keyword`, language),
    license: d.first(iri, `${dct}license`),
    isAccessibleForFree: accessRights ? accessRights.endsWith('/PUBLIC') : undefined,
    creator: d.objects(iri, `${dct}creator`).map((n) => agent(d, n, labels)).filter(Boolean),
    publisher: d.objects(iri, `${dct}publisher`).map((n) => agent(d, n, labels)).find(Boolean),
    datePublished: d.first(iri, `${dct}issued`),
    dateModified: d.first(iri, `${dct}modified`),
    version: d.first(iri, `${dcat}version`),
    inLanguage: d.values(iri, `${dct}language`).map((l) => l.slice(l.lastIndexOf('/') + 1).toLowerCase()),
    temporalCoverage: period && (d.first(period.value, `${dcat}startDate`) || d.first(period.value, `${dcat}endDate`))
      ? [d.first(period.value, `${dcat}startDate`) ?? '..', d.first(period.value, `${dcat}endDate`) ?? '..'].join('/')
      : undefined,
    spatialCoverage: geoBox ? { '@type': 'Place', geo: { '@type': 'GeoShape', box: geoBox } } : undefined,
    includedInDataCatalog: catalogues.map((c) => ({ '@type': 'DataCatalog', '@id': c, ...(labels.has(c) ? { name: labels.get(c) } : {}) }))[0],
    distribution: d
      .objects(iri, `${dcat}distribution`)
      .map((n) => ({
        '@type': 'DataDownload',
        contentUrl: d.first(n.value, `${dcat}downloadURL`) ?? d.first(n.value, `${dcat}accessURL`),
        encodingFormat: d.first(n.value, `${dcat}mediaType`) ?? d.first(n.value, `${dct}format`),
      }))
      .filter((distribution) => distribution.contentUrl),
  };
  // Google rejects empty members: leave out what the record does not have.
  return Object.fromEntries(Object.entries(json).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
}
