// Owns what the text index and the facets know of a published resource, read from its mapped graph
// (pure, so it runs in the derive workers): texts per field, facet values, year, temporal coverage
// and bounding box.
import type { Quad, Term } from '@rdfjs/types';
import { prefixes } from '../mapping/namespaces.js';
import { wktBounds } from '../rdf/index.js';
import { indexedText, stemLanguageOf } from './stemming.js';

const { dct, dcat, euType, foaf, org, rdf, schema } = prefixes;

export type ResourceKind = 'dataset' | 'service' | 'publication' | 'software' | 'organisation' | 'project' | 'person' | 'other';

export interface SearchDocument {
  resource: string;
  kind: ResourceKind;
  /** The titles as written (the first is shown and sorted by; suggestions match their words). */
  title: string;
  /** The texts as the index keeps them: stemmed in their language (stemming.ts). */
  indexed: { title: string; description: string; keywords: string };
  /** Names of creators, contributors and publisher, as written: people search by them. */
  names: string;
  facets: Array<{ facet: Facet; value: string }>;
  year: number | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  /** west, south, east, north (WGS 84 degrees). */
  bbox: [number, number, number, number] | null;
}

export const facetNames = ['type', 'source', 'licence', 'accessRights', 'language', 'year', 'organisation', 'theme'] as const;
export type Facet = (typeof facetNames)[number];

const kindOfClass: Array<[string, ResourceKind]> = [
  [`${dcat}Dataset`, 'dataset'],
  [`${dcat}DataService`, 'service'],
  [`${schema}SoftwareSourceCode`, 'software'],
  [`${schema}ScholarlyArticle`, 'publication'],
  [`${schema}CreativeWork`, 'publication'],
  [`${foaf}Organization`, 'organisation'],
  [`${org}Organization`, 'organisation'],
  [`${foaf}Project`, 'project'],
  [`${foaf}Person`, 'person'],
];

export function kindOf(types: readonly string[]): ResourceKind {
  return kindOfClass.find(([cls]) => types.includes(cls))?.[1] ?? 'other';
}

/** The kind each EU dataset type (dct:type) stands for, as the classes mappings give (mappings/tables). */
const kindOfDatasetType: Record<string, ResourceKind> = {
  DATASET: 'dataset',
  IMAGE: 'dataset',
  AUDIOVISUAL: 'dataset',
  SOUND: 'dataset',
  PHYSICAL_OBJECT: 'dataset',
  OTHER: 'dataset',
  SOFTWARE: 'software',
  WORKFLOW: 'software',
  SERVICE: 'service',
  TEXT: 'publication',
  MODEL: 'publication',
};

/**
 * A node's kind from its classes; a node with none (a resource only named by a relation, never
 * harvested) from the dct:type the relation gave it (a DataCite relatedIdentifier's resourceTypeGeneral).
 */
export function kindOfNode(types: readonly string[], statedTypes: readonly string[]): ResourceKind {
  if (types.length > 0) return kindOf(types);
  for (const type of statedTypes) {
    const kind = type.startsWith(euType) ? kindOfDatasetType[type.slice(euType.length)] : undefined;
    if (kind) return kind;
  }
  return 'other';
}

export function searchDocumentOf(resource: string, source: string, types: readonly string[], quads: readonly Quad[]): SearchDocument {
  const about = (subject: string, predicate: string) => quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  const values = (predicate: string) => about(resource, predicate).map((o) => o.value);
  const nameOf = (node: string) => about(node, `${foaf}name`)[0]?.value ?? about(node, `${prefixes.skos}prefLabel`)[0]?.value;
  const agents = [`${dct}creator`, `${dct}contributor`, `${dct}publisher`].flatMap((p) => about(resource, p).map((o) => o.value));
  const organisations = new Set<string>();
  for (const agent of agents) {
    const agentTypes = about(agent, `${rdf}type`).map((t) => t.value);
    if (agentTypes.includes(`${foaf}Organization`)) organisations.add(agent);
    for (const affiliation of about(agent, `${org}memberOf`)) organisations.add(affiliation.value);
  }
  const period = about(resource, `${dct}temporal`)[0];
  const location = about(resource, `${dct}spatial`)[0];
  const bbox = location ? (about(location.value, `${dcat}bbox`)[0] ?? about(location.value, `${dcat}centroid`)[0]) : undefined;
  const issued = values(`${dct}issued`)[0] ?? values(`${dct}created`)[0];
  const year = issued && /^\d{4}/.test(issued) ? Number(issued.slice(0, 4)) : null;
  const kind = kindOf(types);
  const facet = (name: Facet, list: Iterable<string>) => [...new Set(list)].map((value) => ({ facet: name, value }));
  const titles = [
    ...about(resource, `${dct}title`),
    ...(kind === 'organisation' || kind === 'person' ? [...about(resource, `${foaf}name`), ...about(resource, `${prefixes.skos}prefLabel`)].slice(0, 1) : []),
    ...about(resource, `${dct}alternative`),
  ];
  const indexed = (terms: Term[]) =>
    terms
      .map((t) => indexedText(t.value, t.termType === 'Literal' ? stemLanguageOf(t.language) : null))
      .filter(Boolean)
      .join(' \n ');
  return {
    resource,
    kind,
    title: titles.map((t) => t.value).join(' \n '),
    indexed: { title: indexed(titles), description: indexed(about(resource, `${dct}description`)), keywords: indexed(about(resource, `${dcat}keyword`)) },
    names: agents.map(nameOf).filter(Boolean).join(' \n '),
    facets: [
      ...facet('type', [kind]),
      ...facet('source', [source]),
      ...facet('licence', values(`${dct}license`)),
      ...facet('accessRights', values(`${dct}accessRights`)),
      ...facet('language', values(`${dct}language`)),
      ...facet('year', year ? [String(year)] : []),
      // Record-local nodes (IRI with a fragment) are not identities an institution can be found by.
      ...facet('organisation', [...organisations].filter((iri) => !iri.includes('#'))),
      ...facet('theme', values(`${dcat}theme`)),
    ],
    year,
    temporalStart: period ? (about(period.value, `${dcat}startDate`)[0]?.value ?? null) : null,
    temporalEnd: period ? (about(period.value, `${dcat}endDate`)[0]?.value ?? null) : null,
    bbox: bbox ? wktBounds(bbox.value) : null,
  };
}
