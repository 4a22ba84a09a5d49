// Owns the GraphQL types of the graph: Resource (any catalogue node: dataset, publication,
// software, organisation, project, person), its linked resources with relation, direction and
// source, its FAIR scores, and Concept (a thesaurus concept).
import { labelProperties, prefixes } from '../../mapping/namespaces.js';
import { kindOfNode } from '../../search/index.js';
import { ReferenceTerms } from '../../validation/reference-terms.js';
import { labelIn, type Concept as ConceptModel, type ConceptScheme } from '../../thesaurus/index.js';
import type { SourcePriority } from '../../linking/index.js';
import { preferredIn, sourceOfGraph, valuesOf, type Alignment, type Link, type Statement } from './graph-loaders.js';
import { badUserInput, cursorOf, offsetAfter } from './cursors.js';
import { builder, Direction, Lang, maxScalarListLength, pagedComplexity, pageSize, ResourceKind, type GraphqlContext, type PageSize } from './schema-builder.js';

const { dct, dcat, rdf, dqv, foaf } = prefixes;

export interface ResourceShape {
  iri: string;
}

export const ResourceRef = builder.interfaceRef<ResourceShape>('Resource');
/** Relay's Node: anything refetchable by its id, which is its IRI (resources and concepts). */
export const NodeRef = builder.interfaceRef<ResourceShape | { concept: ConceptModel; scheme: ConceptScheme }>('Node');
export const ConceptRef = builder.objectRef<{ concept: ConceptModel; scheme: ConceptScheme }>('Concept');
const LinkedResourceRef = builder.objectRef<Link & { cursor: string }>('LinkedResource');
const AlignmentRef = builder.objectRef<Alignment>('Alignment');
const MappingRef = builder.objectRef<{ relation: string; target: string }>('ConceptMapping');
MappingRef.implement({
  description: 'A SKOS mapping to a concept of another vocabulary.',
  fields: (t) => ({
    relation: t.exposeString('relation', { nullable: false, description: 'exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch.' }),
    target: t.exposeString('target', { nullable: false }),
  }),
});
const QualityRef = builder.objectRef<{ F: number | null; A: number | null; I: number | null; R: number | null }>('Quality');

const statementsOf = (context: GraphqlContext, iri: string): Promise<Statement[]> => context.loaders.statements.load(iri);

export function findConcept(context: GraphqlContext, iri: string): { concept: ConceptModel; scheme: ConceptScheme } | null {
  for (const scheme of context.thesaurus.list()) {
    const concept = scheme.concepts.get(iri);
    if (concept) return { concept, scheme };
  }
  return null;
}

/** A node's kind from its summary: its classes, else the type a relation gave it (a stub). */
const kindOfSummary = (found: Statement[]) => kindOfNode(valuesOf(found, `${rdf}type`), valuesOf(found, `${dct}type`));

/** The name shown: the first label property stated, its value chosen by the preferred-value rules. */
function label(found: Statement[], lang: string, priorityOf: SourcePriority): string | null {
  for (const predicate of labelProperties) {
    const value = preferredIn(found, predicate, priorityOf, lang);
    if (value) return value;
  }
  return null;
}

/** The name a resource is shown by, in the language asked for (null when it has none). */
export async function titleOf(context: GraphqlContext, iri: string, lang: string): Promise<string | null> {
  return label(await context.loaders.summaries.load(iri), lang, context.sourcePriority);
}

let referenceTerms: ReferenceTerms | undefined;
/** The EU authority label of a licence, access right, language or type IRI (null for others). */
export function authorityLabel(iri: string, lang: string): string | null {
  referenceTerms ??= ReferenceTerms.load();
  return referenceTerms.label(iri, lang);
}

const maxRelationTypes = 50;
const linkPage: PageSize = { default: 20, max: 100 };
/** How deep linked resources may be paged, and how many links each way a filtered list looks through. */
const maxLinkOffset = 10_000;
const filteredLinkScan = 500;
const creatorPage: PageSize = { default: 50, max: 500 };
const relatedPage: PageSize = { default: 20, max: 100 };
const conceptPage: PageSize = { default: 50, max: 500 };

/** A scalar list cut to its documented bound. */
const bounded = <T>(values: T[]): T[] => (values.length > maxScalarListLength ? values.slice(0, maxScalarListLength) : values);
const firstArg = (size: PageSize) => ({ required: false, description: `Default ${size.default}, at most ${size.max}.` }) as const;

/** The GraphQL type of each kind of resource. */
export const typeNameOfKind = {
  dataset: 'Dataset',
  service: 'Service',
  publication: 'Publication',
  software: 'Software',
  organisation: 'Organisation',
  project: 'Project',
  person: 'Person',
  other: 'OtherResource',
} as const;

export const kindOf = async (context: GraphqlContext, iri: string) => kindOfSummary(await context.loaders.summaries.load(iri));

NodeRef.implement({
  description: 'Relay: any object refetchable with node(id); its id is its IRI.',
  resolveType: async (node, c) => ('concept' in node ? 'Concept' : typeNameOfKind[await kindOf(c, node.iri)]),
  fields: (t) => ({ id: t.id({ nullable: false, resolve: (node) => ('concept' in node ? node.concept.iri : node.iri) }) }),
});

ResourceRef.implement({
  description: 'A node of the catalogue graph, named by its catalogue IRI (minted from its persistent identifier). Each kind has its type (Dataset, Publication...), with the fields only it has.',
  interfaces: [NodeRef],
  resolveType: async (r, c) => typeNameOfKind[await kindOf(c, r.iri)],
  fields: (t) => ({
    iri: t.exposeID('iri', { nullable: false }),
    kind: t.field({ type: ResourceKind, nullable: false, resolve: (r, _args, c) => kindOf(c, r.iri) }),
    types: t.stringList({
      nullable: false, resolve: async (r, _args, c) => bounded(valuesOf(await c.loaders.summaries.load(r.iri), `${rdf}type`)) }),
    title: t.string({ nullable: true, args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) }, resolve: async (r, { lang }, c) => label(await c.loaders.summaries.load(r.iri), lang ?? 'en', c.sourcePriority) }),
    description: t.string({
      nullable: true,
      args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) },
      resolve: async (r, { lang }, c) => preferredIn(await statementsOf(c, r.iri), `${dct}description`, c.sourcePriority, lang ?? 'en'),
    }),
    keywords: t.stringList({
      nullable: false,
      args: { lang: t.arg({ type: Lang, required: false }) },
      resolve: async (r, { lang }, c) => {
        const found = (await statementsOf(c, r.iri)).filter((s) => s.predicate === `${dcat}keyword`);
        const inLang = lang ? found.filter((s) => (s.object as { language?: string }).language === lang) : found;
        return bounded([...new Set((inLang.length > 0 ? inLang : found).map((s) => s.object.value))]);
      },
    }),
    identifiers: t.stringList({
      nullable: false, resolve: async (r, _args, c) => bounded(valuesOf(await statementsOf(c, r.iri), `${dct}identifier`)) }),
    landingPage: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${dcat}landingPage`, c.sourcePriority) }),
    issued: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${dct}issued`, c.sourcePriority) }),
    modified: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${dct}modified`, c.sourcePriority) }),
    licence: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${dct}license`, c.sourcePriority) }),
    accessRights: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${dct}accessRights`, c.sourcePriority) }),
    licenceLabel: t.string({
      nullable: true,
      description: 'The licence’s name from the EU authority table, in the language asked for (null for a licence outside it).',
      args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) },
      resolve: async (r, { lang }, c) => {
        const licence = preferredIn(await statementsOf(c, r.iri), `${dct}license`, c.sourcePriority);
        return licence ? authorityLabel(licence, lang ?? 'en') : null;
      },
    }),
    accessRightsLabel: t.string({
      nullable: true,
      args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) },
      resolve: async (r, { lang }, c) => {
        const rights = preferredIn(await statementsOf(c, r.iri), `${dct}accessRights`, c.sourcePriority);
        return rights ? authorityLabel(rights, lang ?? 'en') : null;
      },
    }),
    languages: t.stringList({
      nullable: false, resolve: async (r, _args, c) => bounded(valuesOf(await statementsOf(c, r.iri), `${dct}language`)) }),
    sources: t.stringList({
      nullable: false,
      description: 'The repositories whose records state something about this resource.',
      resolve: async (r, _args, c) => bounded([...new Set((await statementsOf(c, r.iri)).map((s) => s.source).filter((s): s is string => s !== null))]),
    }),
    themes: t.field({
      type: [ConceptRef], nullable: false,
      description: 'Themes that are concepts of a loaded thesaurus.',
      args: { first: t.arg.int(firstArg(relatedPage)) },
      complexity: pagedComplexity(relatedPage),
      resolve: async (r, { first }, c) =>
        valuesOf(await statementsOf(c, r.iri), `${dcat}theme`)
          .map((iri) => findConcept(c, iri))
          .filter((x): x is NonNullable<typeof x> => x !== null)
          .slice(0, pageSize(first, relatedPage, badUserInput)),
    }),
    alignments: t.field({
      type: [AlignmentRef], nullable: false,
      args: {
        suggestions: t.arg.boolean({ required: false, defaultValue: false, description: 'Also the concepts the title or description mention (for curators), which are not themes.' }),
        first: t.arg.int(firstArg(relatedPage)),
      },
      complexity: pagedComplexity(relatedPage),
      description: 'How its themes were aligned to thesaurus concepts: method, score, and the keyword or the record’s own concept it came from.',
      resolve: async (r, { suggestions, first }, c) => (await c.loaders.alignments.load(r.iri)).filter((a) => suggestions || !a.suggestion).slice(0, pageSize(first, relatedPage, badUserInput)),
    }),
    creators: t.field({
      type: [ResourceRef], nullable: false,
      args: { first: t.arg.int(firstArg(creatorPage)) },
      complexity: pagedComplexity(creatorPage),
      resolve: async (r, { first }, c) => valuesOf(await statementsOf(c, r.iri), `${dct}creator`).slice(0, pageSize(first, creatorPage, badUserInput)).map((iri) => ({ iri })),
    }),
    publisher: t.field({ type: ResourceRef, nullable: true, resolve: async (r, _args, c) => {
        const publisher = preferredIn(await statementsOf(c, r.iri), `${dct}publisher`, c.sourcePriority);
        return publisher ? { iri: publisher } : null;
      },
    }),
    affiliations: t.field({
      type: [ResourceRef], nullable: false,
      args: { first: t.arg.int(firstArg(relatedPage)) },
      complexity: pagedComplexity(relatedPage),
      resolve: async (r, { first }, c) => valuesOf(await statementsOf(c, r.iri), `${prefixes.org}memberOf`).slice(0, pageSize(first, relatedPage, badUserInput)).map((iri) => ({ iri })),
    }),
    homepage: t.string({ nullable: true, resolve: async (r, _args, c) => preferredIn(await statementsOf(c, r.iri), `${foaf}homepage`, c.sourcePriority) }),
    quality: t.field({
      type: QualityRef,
      nullable: true,
      description: 'FAIR scores per principle (0..1), from the DQV measurements of its record.',
      resolve: async (r, _args, c) => {
        const measurements = valuesOf(await statementsOf(c, r.iri), `${dqv}hasQualityMeasurement`);
        if (measurements.length === 0) return null;
        const scores: { F: number | null; A: number | null; I: number | null; R: number | null } = { F: null, A: null, I: null, R: null };
        const described = await c.loaders.statements.loadMany(measurements);
        for (const found of described) {
          if (found instanceof Error) continue;
          const metric = valuesOf(found, `${dqv}isMeasurementOf`)[0] ?? '';
          const principle = /#score-([FAIR])$/.exec(metric)?.[1] as keyof typeof scores | undefined;
          const value = valuesOf(found, `${dqv}value`)[0];
          if (principle && value !== undefined) scores[principle] = Number(value);
        }
        return scores;
      },
    }),
    linkedResources: t.field({
      type: [LinkedResourceRef], nullable: false,
      description: `Resources linked to this one, in both directions (outgoing first), with the relation and the source that stated it. Paged: \`first\` (default ${linkPage.default}, at most ${linkPage.max}) after a LinkedResource's \`cursor\`, at most ${maxLinkOffset} deep. With \`kinds\` or \`relationTypes\`, the first ${filteredLinkScan} links each way are looked through (an organisation's whole production: \`organisation\` or \`search\` with its filter).`,
      complexity: pagedComplexity(linkPage, 5),
      args: {
        first: t.arg.int(firstArg(linkPage)),
        after: t.arg.string({ required: false }),
        kinds: t.arg({ type: [ResourceKind], required: false }),
        relationTypes: t.arg.stringList({ required: false, description: 'DataCite relation types (IsCitedBy, IsSupplementTo...) or property names (isReferencedBy, creator...).' }),
        direction: t.arg({ type: Direction, required: false }),
      },
      resolve: async (r, { kinds, relationTypes, direction, first, after }, c) => {
        if (relationTypes && relationTypes.length > maxRelationTypes) throw badUserInput(`At most ${maxRelationTypes} relation types`);
        const size = pageSize(first, linkPage, badUserInput);
        const offset = offsetAfter(after, maxLinkOffset);
        const filtered = (kinds && kinds.length > 0) || relationTypes;
        const wanted = relationTypes?.map((t) => t.toLowerCase());
        let links = (await c.loaders.links.load({ iri: r.iri, window: filtered ? filteredLinkScan : offset + size })).filter(
          (l) =>
            (!direction || l.direction === direction) &&
            (!wanted || wanted.includes(l.property.slice(l.property.search(/[^/#]*$/)).toLowerCase()) || (l.relationType !== null && wanted.includes(l.relationType.toLowerCase()))),
        );
        if (kinds && kinds.length > 0) {
          const described = await c.loaders.summaries.loadMany(links.map((l) => l.other));
          links = links.filter((_l, i) => {
            const found = described[i];
            return !(found instanceof Error) && kinds.includes(kindOfSummary(found ?? []));
          });
        }
        return links.slice(offset, offset + size).map((link, i) => ({ ...link, cursor: cursorOf(offset + i) }));
      },
    }),
  }),
});

LinkedResourceRef.implement({
  fields: (t) => ({
    relation: t.string({ nullable: false, description: 'The property, e.g. http://purl.org/dc/terms/isReferencedBy.', resolve: (l) => l.property }),
    relationType: t.string({ nullable: true, description: 'The DataCite relation type when the source gave one.', resolve: (l) => l.relationType }),
    direction: t.field({ type: Direction, nullable: false, resolve: (l) => l.direction }),
    source: t.string({ nullable: true, description: 'The repository whose record stated the link.', resolve: (l, _args, c) => sourceOfGraph(c.iriBase, l.graph) }),
    record: t.string({ description: 'The record graph that stated the link.', resolve: (l) => l.graph }),
    resource: t.field({ type: ResourceRef, nullable: false, resolve: (l) => ({ iri: l.other }) }),
    cursor: t.string({ description: 'Pass as `after` for the next page.', resolve: (l) => l.cursor }),
  }),
});

AlignmentRef.implement({
  fields: (t) => ({
    conceptIri: t.string({ resolve: (a) => a.concept }),
    concept: t.field({ type: ConceptRef, nullable: true, description: 'The concept, when a loaded thesaurus has it.', resolve: (a, _args, c) => findConcept(c, a.concept) }),
    method: t.string({ description: 'exact-prefLabel, exact-altLabel, mapping-exactMatch/closeMatch/narrowMatch, mapping-chain, annotator-title, annotator-description.', resolve: (a) => a.method }),
    score: t.float({ resolve: (a) => a.score }),
    keyword: t.string({ nullable: true, resolve: (a) => a.keyword }),
    sourceConcept: t.string({ nullable: true, description: 'The record’s own concept that the thesaurus concept maps to.', resolve: (a) => a.sourceConcept }),
    via: t.string({ nullable: true, description: 'For a mapping chain: the other vocabulary’s concept in between.', resolve: (a) => a.via }),
    matchedText: t.string({ nullable: true, description: 'For a suggestion: the words that name the concept.', resolve: (a) => a.matchedText }),
    suggestion: t.boolean({ resolve: (a) => a.suggestion }),
    source: t.string({ nullable: true, resolve: (a, _args, c) => sourceOfGraph(c.iriBase, a.graph) }),
  }),
});

QualityRef.implement({
  fields: (t) => ({
    F: t.float({ nullable: true, resolve: (q) => q.F }),
    A: t.float({ nullable: true, resolve: (q) => q.A }),
    I: t.float({ nullable: true, resolve: (q) => q.I }),
    R: t.float({ nullable: true, resolve: (q) => q.R }),
  }),
});

ConceptRef.implement({
  interfaces: [NodeRef],
  fields: (t) => ({
    iri: t.id({ nullable: false, resolve: (c) => c.concept.iri }),
    scheme: t.string({ resolve: (c) => c.scheme.info.acronym }),
    label: t.string({ nullable: true, args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) }, resolve: (c, { lang }) => labelIn(c.concept.prefLabel, lang ?? 'en') ?? null }),
    notation: t.string({ nullable: true, resolve: (c) => c.concept.notation[0] ?? null }),
    schemeTitle: t.string({ nullable: true, args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) }, resolve: (c, { lang }) => labelIn(c.scheme.info.title, lang ?? 'en') ?? null }),
    altLabels: t.stringList({
      nullable: false,
      description: 'Other labels (synonyms, acronyms) in the language asked for, else in every language.',
      args: { lang: t.arg({ type: Lang, required: false }) },
      resolve: (c, { lang }) => bounded(lang ? (c.concept.altLabel[lang] ?? []) : Object.values(c.concept.altLabel).flat()),
    }),
    mappings: t.field({ type: [MappingRef], nullable: false, resolve: (c) => bounded(c.concept.mappings) }),
    definition: t.string({ nullable: true, args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) }, resolve: (c, { lang }) => labelIn(c.concept.definition, lang ?? 'en') ?? null }),
    broader: t.field({ type: [ConceptRef], args: { first: t.arg.int(firstArg(conceptPage)) }, complexity: pagedComplexity(conceptPage), resolve: (c, { first }) => c.concept.broader.slice(0, pageSize(first, conceptPage, badUserInput)).flatMap((iri) => (c.scheme.concepts.get(iri) ? [{ concept: c.scheme.concepts.get(iri)!, scheme: c.scheme }] : [])) }),
    narrower: t.field({ type: [ConceptRef], args: { first: t.arg.int(firstArg(conceptPage)) }, complexity: pagedComplexity(conceptPage), resolve: (c, { first }) => c.concept.narrower.slice(0, pageSize(first, conceptPage, badUserInput)).flatMap((iri) => (c.scheme.concepts.get(iri) ? [{ concept: c.scheme.concepts.get(iri)!, scheme: c.scheme }] : [])) }),
  }),
});
