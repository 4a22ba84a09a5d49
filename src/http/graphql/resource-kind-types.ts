// Owns the GraphQL type of each kind of resource: every one implements Resource (and Relay's Node);
// a Dataset adds its coverage in space and time and its distributions, an Organisation what it
// produced. Clients select kind-specific fields with fragments (`... on Dataset { distributions }`).
import { prefixes } from '../../mapping/namespaces.js';
import { wktBounds } from '../../rdf/index.js';
import { badUserInput } from './cursors.js';
import { preferredIn, valuesOf, type Statement } from './graph-loaders.js';
import { ConceptRef, findConcept, NodeRef, ResourceRef, type ResourceShape } from './resource-types.js';
import { builder, pagedComplexity, pageSize, type GraphqlContext, type PageSize } from './schema-builder.js';

const { dct, dcat } = prefixes;
const bad = badUserInput;
const kindPage: PageSize = { default: 20, max: 100 };
const workPage: PageSize = { default: 20, max: 100 };
/** Projects of an organisation are read from its most recent datasets' links. */
const projectScanDatasets = 200;

const implementsResource = { interfaces: () => [ResourceRef, NodeRef] };

/** The statements of the nodes a resource points to with `predicate` (its periods, places, distributions). */
async function nodesOf(context: GraphqlContext, iri: string, predicate: string, limit: number): Promise<Statement[][]> {
  const nodes = valuesOf(await context.loaders.statements.load(iri), predicate).slice(0, limit);
  const found = await context.loaders.statements.loadMany(nodes);
  return found.filter((f): f is Statement[] => !(f instanceof Error) && f.length > 0);
}

const BoxOut = builder.objectRef<{ west: number; south: number; east: number; north: number }>('CoverageBox');
BoxOut.implement({
  description: 'A bounding box in WGS 84 degrees (a point has west = east and south = north).',
  fields: (t) => ({ west: t.exposeFloat('west'), south: t.exposeFloat('south'), east: t.exposeFloat('east'), north: t.exposeFloat('north') }),
});

const PeriodRef = builder.objectRef<{ start: string | null; end: string | null }>('Period');
PeriodRef.implement({
  description: 'A period of time (dct:PeriodOfTime): DCAT start and end dates, either may be open.',
  fields: (t) => ({ start: t.string({ nullable: true, resolve: (p) => p.start }), end: t.string({ nullable: true, resolve: (p) => p.end }) }),
});

interface DistributionShape {
  iri: string;
  found: Statement[];
}
const DistributionRef = builder.objectRef<DistributionShape>('Distribution');
DistributionRef.implement({
  description: 'A way to get the data (dcat:Distribution): a file to download or a service to query.',
  fields: (t) => ({
    iri: t.exposeID('iri', { nullable: false }),
    title: t.string({ nullable: true, resolve: (d, _args, c) => preferredIn(d.found, `${dct}title`, c.sourcePriority) }),
    format: t.string({ nullable: true, description: 'The format or media type IRI (EU file types, IANA).', resolve: (d) => valuesOf(d.found, `${dct}format`)[0] ?? valuesOf(d.found, `${dcat}mediaType`)[0] ?? null }),
    accessURL: t.string({ nullable: true, resolve: (d) => valuesOf(d.found, `${dcat}accessURL`)[0] ?? null }),
    downloadURL: t.string({ nullable: true, resolve: (d) => valuesOf(d.found, `${dcat}downloadURL`)[0] ?? null }),
    byteSize: t.float({ nullable: true, resolve: (d) => (valuesOf(d.found, `${dcat}byteSize`)[0] ? Number(valuesOf(d.found, `${dcat}byteSize`)[0]) : null) }),
  }),
});

export const DatasetRef = builder.objectRef<ResourceShape>('Dataset');
DatasetRef.implement({
  ...implementsResource,
  description: 'A dataset (dcat:Dataset).',
  fields: (t) => ({
    spatialCoverage: t.field({
      type: [BoxOut],
      nullable: false,
      description: `The extent of each place it covers that has a geometry (dcat:bbox or dcat:centroid), at most ${kindPage.max}.`,
      resolve: async (r, _args, c) =>
        (await nodesOf(c, r.iri, `${dct}spatial`, kindPage.max)).flatMap((found) => {
          const wkt = valuesOf(found, `${dcat}bbox`)[0] ?? valuesOf(found, `${dcat}centroid`)[0];
          const bounds = wkt ? wktBounds(wkt) : null;
          return bounds ? [{ west: bounds[0], south: bounds[1], east: bounds[2], north: bounds[3] }] : [];
        }),
    }),
    temporalCoverage: t.field({
      type: [PeriodRef],
      nullable: false,
      resolve: async (r, _args, c) =>
        (await nodesOf(c, r.iri, `${dct}temporal`, kindPage.max)).map((found) => ({ start: valuesOf(found, `${dcat}startDate`)[0] ?? null, end: valuesOf(found, `${dcat}endDate`)[0] ?? null })),
    }),
    distributions: t.field({
      type: [DistributionRef],
      nullable: false,
      args: { first: t.arg.int({ required: false, description: `Default ${kindPage.default}, at most ${kindPage.max}.` }) },
      complexity: pagedComplexity(kindPage),
      resolve: async (r, { first }, c) => {
        const nodes = valuesOf(await c.loaders.statements.load(r.iri), `${dcat}distribution`).slice(0, pageSize(first, kindPage, bad));
        const found = await c.loaders.statements.loadMany(nodes);
        return nodes.flatMap((iri, i) => (found[i] instanceof Error ? [] : [{ iri, found: found[i] as Statement[] }]));
      },
    }),
  }),
});

async function organisationWork(context: GraphqlContext, iri: string, kind: string, first: number): Promise<ResourceShape[]> {
  const result = await context.search.search({ filters: { facets: { organisation: [iri], type: [kind] } }, sort: 'year', limit: first, offset: 0 });
  return result.hits.map((h) => ({ iri: h.resource }));
}

export const FacetValueRef = builder.objectRef<{ value: string; count: number; label: string | null }>('FacetValue');
FacetValueRef.implement({
  fields: (t) => ({
    value: t.exposeString('value', { nullable: false }),
    label: t.string({ nullable: true, resolve: (f) => f.label }),
    count: t.exposeInt('count', { nullable: false }),
    concept: t.field({ type: ConceptRef, nullable: true, description: 'For a theme: its concept (broader and narrower ones, to show the facet as a tree).', resolve: (f, _args, c) => findConcept(c, f.value) }),
  }),
});

export const OrganisationRef = builder.objectRef<ResourceShape>('Organisation');
OrganisationRef.implement({
  ...implementsResource,
  description: 'An organisation (foaf:Organization), with what it produced: resources that name it as publisher, creator or affiliation.',
  fields: (t) => {
    const work = (kind: string) =>
      t.field({ type: [ResourceRef], nullable: false, args: { first: t.arg.int({ required: false }) }, complexity: pagedComplexity(workPage), resolve: (o, { first }, c) => organisationWork(c, o.iri, kind, pageSize(first, workPage, bad)) });
    return {
      resource: t.field({ type: ResourceRef, deprecationReason: 'The organisation is itself a Resource: select its fields directly.', resolve: (o) => o }),
      datasets: work('dataset'),
      publications: work('publication'),
      software: work('software'),
      projects: t.field({
        type: [ResourceRef],
        nullable: false,
        description: `Projects that funded its ${projectScanDatasets} most recent datasets (\`first\`: default ${workPage.default}, at most ${workPage.max}).`,
        args: { first: t.arg.int({ required: false }) },
        complexity: pagedComplexity(workPage, 10),
        resolve: async (o, { first }, c) => {
          const limit = pageSize(first, workPage, bad);
          const datasets = await organisationWork(c, o.iri, 'dataset', projectScanDatasets);
          const links = await c.loaders.links.loadMany(datasets.map((d) => ({ iri: d.iri, window: 50 })));
          const projects = new Set(links.flatMap((l) => (l instanceof Error ? [] : l.filter((x) => x.direction === 'OUTGOING' && x.property.endsWith('wasGeneratedBy')).map((x) => x.other))));
          return [...projects].slice(0, limit).map((iri) => ({ iri }));
        },
      }),
      countsPerYear: t.field({ type: [FacetValueRef], nullable: false, resolve: async (o, _args, c) => (await c.search.organisationCounts(o.iri)).byYear.map((f) => ({ ...f, label: null })) }),
      countsPerRepository: t.field({ type: [FacetValueRef], nullable: false, resolve: async (o, _args, c) => (await c.search.organisationCounts(o.iri)).bySource.map((f) => ({ ...f, label: null })) }),
      countsPerKind: t.field({ type: [FacetValueRef], nullable: false, resolve: async (o, _args, c) => (await c.search.organisationCounts(o.iri)).byKind.map((f) => ({ ...f, label: null })) }),
    };
  },
});

// The kinds with no field of their own still get their type, so clients can tell them apart and
// a later field has a home.
for (const [name, description] of [
  ['Publication', 'A scholarly publication (article, thesis, report...).'],
  ['Software', 'Software or code (schema:SoftwareSourceCode, DataCite Software).'],
  ['Service', 'A data service (dcat:DataService): an API, a portal, an algorithm served online.'],
  ['Person', 'A person (foaf:Person): a creator or contributor.'],
  ['Project', 'A project or grant (foaf:Project, prov:Activity) that produced resources.'],
  ['OtherResource', 'A resource of another kind (a stub a relation names, before its own record arrives).'],
] as const) {
  builder.objectRef<ResourceShape>(name).implement({ ...implementsResource, description, fields: () => ({}) });
}
