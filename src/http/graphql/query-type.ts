// Owns the GraphQL Query type: faceted search (Relay connection), a dataset or any resource by IRI
// or DOI, theme navigation with counts, concepts, autocomplete, and an organisation's production.
import { parsePid } from '../../linking/identifiers.js';
import { catalogueIris } from '../../mapping/index.js';
import { facetNames, type Facet, type FacetCount, type SearchFilters, type SearchQuery, type SearchResult } from '../../search/index.js';
import { labelIn, normalizeLabel } from '../../thesaurus/index.js';
import { authorityLabel, ConceptRef, findConcept, NodeRef, ResourceRef, titleOf } from './resource-types.js';
import { FacetValueRef, OrganisationRef } from './resource-kind-types.js';
import { badUserInput, cursorOf, offsetAfter } from './cursors.js';
import { InterpretationRef } from './interpretation-type.js';
import { searchBox, type Interpretation } from '../../search/interpret/index.js';
import { builder, Lang, pagedComplexity, pageSize, ResourceKind, type GraphqlContext, type PageSize } from './schema-builder.js';

const searchPage: PageSize = { default: 20, max: 100 };
/** Deeper than this, a search is narrowed rather than paged (FTS offsets cost their whole prefix). */
const maxSearchOffset = 10_000;
const facetPage: PageSize = { default: 100, max: 1000 };
const themePage: PageSize = { default: 50, max: 1000 };
const childPage: PageSize = { default: 50, max: 500 };
const suggestPage: PageSize = { default: 10, max: 50 };

const bad = badUserInput;
const maxNodes = 100;

const BBox = builder.inputType('BoundingBox', {
  fields: (t) => ({ west: t.float({ required: true }), south: t.float({ required: true }), east: t.float({ required: true }), north: t.float({ required: true }) }),
});

const Filters = builder.inputType('SearchFilters', {
  fields: (t) => ({
    types: t.field({ type: [ResourceKind], required: false }),
    themes: t.stringList({ required: false, description: 'Concept IRIs; a theme includes its narrower concepts.' }),
    organisations: t.stringList({ required: false, description: 'Organisation IRIs (catalogue IRIs, e.g. {IRI_BASE}id/ror/...).' }),
    sources: t.stringList({ required: false }),
    licences: t.stringList({ required: false }),
    accessRights: t.stringList({ required: false }),
    languages: t.stringList({ required: false }),
    yearFrom: t.int({ required: false }),
    yearTo: t.int({ required: false }),
    temporalFrom: t.string({ required: false, description: 'Temporal coverage overlapping this date (YYYY-MM-DD) ...' }),
    temporalTo: t.string({ required: false, description: '... to this one.' }),
    bbox: t.field({ type: BBox, required: false, description: 'Spatial coverage intersecting this box (WGS 84).' }),
    addedSince: t.string({ required: false, description: 'Only resources that first reached the catalogue after this instant (ISO 8601, e.g. 2026-11-01T00:00:00Z).' }),
  }),
});

const Sort = builder.enumType('SearchSort', { values: ['relevance', 'title', 'year'] as const });

interface SearchShape {
  query: SearchQuery;
  result: SearchResult;
  lang: string;
  /** Facet counts, computed once when the first facet is asked for. */
  facetCounts?: Promise<Record<Facet, FacetCount[]>>;
  interpretation: Interpretation | null;
}


const FacetsRef = builder.objectRef<SearchShape>('Facets');
const EdgeRef = builder.objectRef<{ resource: string; score: number | null; cursor: string }>('SearchEdge');
const PageInfoRef = builder.objectRef<{ hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }>('PageInfo');
export const ConnectionRef = builder.objectRef<SearchShape>('SearchConnection');


/** Counts per concept that include the concept's narrower ones (each resource once per concept). */
function themeCounts(context: GraphqlContext, pairs: Array<{ resource: string; value: string }>): Map<string, number> {
  const resourcesOf = new Map<string, Set<string>>();
  for (const { resource, value } of pairs) {
    const found = findConcept(context, value);
    for (const concept of [value, ...(found ? found.scheme.ancestors(value) : [])]) {
      if (!resourcesOf.has(concept)) resourcesOf.set(concept, new Set());
      resourcesOf.get(concept)!.add(resource);
    }
  }
  return new Map([...resourcesOf].map(([concept, set]) => [concept, set.size]));
}

async function facetValues(context: GraphqlContext, shape: SearchShape, name: Facet): Promise<Array<FacetCount & { label: string | null }>> {
  if (name === 'theme') {
    const counts = themeCounts(context, await context.search.themePairs(shape.query));
    // Only concepts of a loaded thesaurus are offered: a record's own theme IRI (a code from elsewhere)
    // has no label to show and no page to open.
    return [...counts]
      .filter(([value]) => findConcept(context, value) !== null)
      .map(([value, count]) => ({ value, count, label: labelIn(findConcept(context, value)!.concept.prefLabel, shape.lang) ?? null }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  shape.facetCounts ??= context.search.facetCounts(shape.query);
  // Authority terms (licences, access rights, languages, resource types) carry their EU labels.
  return (await shape.facetCounts)[name].map((f) => ({ ...f, label: authorityLabel(f.value, shape.lang) }));
}

FacetsRef.implement({
  description: 'Counts per value over the results; a facet ignores its own filter, so its other values stay selectable.',
  fields: (t) =>
    Object.fromEntries(
      facetNames.map((name) => [
        name,
        t.field({
          type: [FacetValueRef],
          description: `The most frequent values first: \`first\` (default ${facetPage.default}, at most ${facetPage.max}).`,
          args: { first: t.arg.int({ required: false }) },
          complexity: pagedComplexity(facetPage),
          resolve: async (shape, { first }, c) => {
            const values = (await facetValues(c, shape, name)).slice(0, pageSize(first, facetPage, bad));
            // Organisations are named by their records (one batched read for the page of values).
            if (name !== 'organisation') return values;
            const titles = await Promise.all(values.map((v) => titleOf(c, v.value, shape.lang)));
            return values.map((v, i) => ({ ...v, label: titles[i] ?? v.label }));
          },
        }),
      ]),
    ) as Record<Facet, ReturnType<typeof t.field>>,
});

EdgeRef.implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor', { nullable: false }),
    score: t.float({ nullable: true, resolve: (e) => e.score }),
    node: t.field({ type: ResourceRef, nullable: false, resolve: (e) => ({ iri: e.resource }) }),
  }),
});

PageInfoRef.implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.string({ nullable: true, resolve: (p) => p.startCursor }),
    endCursor: t.string({ nullable: true, resolve: (p) => p.endCursor }),
  }),
});

ConnectionRef.implement({
  fields: (t) => ({
    totalCount: t.int({ nullable: false, resolve: (s) => s.result.total }),
    edges: t.field({ type: [EdgeRef], nullable: false, description: `As many as the search asked for (first, at most ${searchPage.max}); counted at the most, since a field's cost cannot see its parent's arguments.`, complexity: { field: 1, multiplier: searchPage.max }, resolve: (s) => s.result.hits.map((h, i) => ({ ...h, cursor: cursorOf(s.query.offset + i) })) }),
    pageInfo: t.field({
      type: PageInfoRef,
      nullable: false,
      resolve: (s) => ({
        hasNextPage: s.query.offset + s.result.hits.length < s.result.total,
        hasPreviousPage: s.query.offset > 0,
        startCursor: s.result.hits.length > 0 ? cursorOf(s.query.offset) : null,
        endCursor: s.result.hits.length > 0 ? cursorOf(s.query.offset + s.result.hits.length - 1) : null,
      }),
    }),
    facets: t.field({ type: FacetsRef, nullable: false, resolve: (s) => s }),
    interpretation: t.field({ type: InterpretationRef, nullable: true, description: 'With interpret: true, what was read in the text and applied as filters.', resolve: (s) => s.interpretation }),
  }),
});

type FiltersInput = typeof Filters.$inferInput;

function interpreted(context: GraphqlContext, text: string): Interpretation {
  context.interpreter.useSchemes(context.thesaurus.list());
  return context.interpreter.interpret(text);
}

/** The filters asked for, with what the text names added: themes join the asked ones; a box and a period apply unless given. */
function withInterpretation(input: FiltersInput | null | undefined, interpretation: Interpretation): FiltersInput {
  const themes = [...new Set([...(input?.themes ?? []), ...interpretation.themes.map((t) => t.iri)])];
  const box = searchBox(interpretation.places);
  return {
    ...(input ?? {}),
    ...(themes.length > 0 ? { themes } : {}),
    ...(!input?.bbox && box ? { bbox: box } : {}),
    ...(!input?.temporalFrom && interpretation.temporalFrom ? { temporalFrom: interpretation.temporalFrom } : {}),
    ...(!input?.temporalTo && interpretation.temporalTo ? { temporalTo: interpretation.temporalTo } : {}),
  };
}

function searchFilters(context: GraphqlContext, input: FiltersInput | null | undefined): SearchFilters {
  const themes = input?.themes?.flatMap((iri) => [iri, ...(findConcept(context, iri)?.scheme.descendants(iri) ?? [])]);
  const facets: SearchFilters['facets'] = {
    ...(input?.types ? { type: input.types } : {}),
    ...(themes ? { theme: themes } : {}),
    ...(input?.organisations ? { organisation: input.organisations } : {}),
    ...(input?.sources ? { source: input.sources } : {}),
    ...(input?.licences ? { licence: input.licences } : {}),
    ...(input?.accessRights ? { accessRights: input.accessRights } : {}),
    ...(input?.languages ? { language: input.languages } : {}),
  };
  for (const [name, values] of Object.entries(facets)) if (values.length > 200) throw bad(`At most 200 values in the ${name} filter`);
  const date = (value: string | null | undefined, name: string) => {
    if (value && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) throw bad(`${name} must be a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return value ?? undefined;
  };
  const temporalFrom = date(input?.temporalFrom, 'temporalFrom');
  const temporalTo = date(input?.temporalTo, 'temporalTo');
  const bbox = input?.bbox;
  const addedSince = input?.addedSince;
  if (addedSince && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/.test(addedSince)) throw bad('addedSince must be an ISO 8601 date or UTC instant');
  if (bbox && (bbox.west > bbox.east || bbox.south > bbox.north || Math.abs(bbox.south) > 90 || Math.abs(bbox.north) > 90)) throw bad('bbox needs west <= east, south <= north, latitudes within ±90');
  return {
    facets,
    ...(input?.yearFrom != null ? { yearFrom: input.yearFrom } : {}),
    ...(input?.yearTo != null ? { yearTo: input.yearTo } : {}),
    ...(temporalFrom || temporalTo ? { temporal: { ...(temporalFrom ? { from: temporalFrom } : {}), ...(temporalTo ? { to: temporalTo } : {}) } } : {}),
    ...(bbox ? { bbox } : {}),
    ...(addedSince ? { addedSince } : {}),
  };
}

export interface SearchArgs {
  text?: string | null;
  filters?: FiltersInput | null;
  sort?: 'relevance' | 'title' | 'year' | null;
  first?: number | null;
  after?: string | null;
  lang?: 'fr' | 'en' | null;
  interpret?: boolean | null;
  /** Saved searches: only what reached the catalogue after this instant. */
  addedSince?: string;
}

/** One search as the API runs it (text read into filters when asked, bounds checked); saved searches use it too. */
export async function runSearch(c: GraphqlContext, args: SearchArgs): Promise<SearchShape> {
  const first = pageSize(args.first, searchPage, bad);
  if (args.text && args.text.length > 500) throw bad('text is limited to 500 characters');
  const interpretation = args.interpret && args.text ? interpreted(c, args.text) : null;
  const filters = searchFilters(c, interpretation ? withInterpretation(args.filters, interpretation) : args.filters);
  const text = interpretation ? interpretation.remainingText : args.text;
  const query: SearchQuery = {
    ...(text ? { text } : {}),
    filters: { ...filters, ...(args.addedSince ? { addedSince: args.addedSince } : {}) },
    sort: args.sort ?? 'relevance',
    limit: first,
    offset: offsetAfter(args.after, maxSearchOffset),
  };
  return { query, result: await c.search.search(query), lang: args.lang ?? 'en', interpretation };
}

const SuggestionRef = builder.objectRef<{ kind: 'concept' | 'resource'; iri: string; label: string }>('Suggestion');
SuggestionRef.implement({ fields: (t) => ({ kind: t.exposeString('kind'), iri: t.exposeID('iri'), label: t.exposeString('label') }) });

const ThemeNodeRef = builder.objectRef<{ concept: ReturnType<typeof findConcept> & object; counts: Map<string, number> }>('ThemeNode');
ThemeNodeRef.implement({
  fields: (t) => ({
    concept: t.field({ type: ConceptRef, resolve: (n) => n.concept }),
    count: t.int({ description: 'Resources with this theme or a narrower one.', resolve: (n) => n.counts.get(n.concept.concept.iri) ?? 0 }),
    children: t.field({
      type: [ThemeNodeRef],
      args: { first: t.arg.int({ required: false }) },
      complexity: pagedComplexity(childPage),
      resolve: (n, { first }) => n.concept.concept.narrower.slice(0, pageSize(first, childPage, bad)).flatMap((iri) => (n.concept.scheme.concepts.get(iri) ? [{ concept: { concept: n.concept.scheme.concepts.get(iri)!, scheme: n.concept.scheme }, counts: n.counts }] : [])),
    }),
  }),
});

async function existing(context: GraphqlContext, iri: string): Promise<{ iri: string } | null> {
  return (await context.loaders.summaries.load(iri)).length > 0 ? { iri } : null;
}

builder.queryType({
  fields: (t) => ({
    search: t.field({
      type: ConnectionRef,
      args: {
        text: t.arg.string({ required: false }),
        filters: t.arg({ type: Filters, required: false }),
        sort: t.arg({ type: Sort, defaultValue: 'relevance' }),
        first: t.arg.int({ required: false, description: `Default ${searchPage.default}, at most ${searchPage.max}.` }),
        after: t.arg.string({ required: false }),
        lang: t.arg({ type: Lang, defaultValue: 'en' }),
        interpret: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'Read themes, places and a period in the text (FR/EN) and apply them as filters; the other words are searched as text. See interpretation.',
        }),
      },
      complexity: 5,
      resolve: (_root, args, c) => runSearch(c, args),
    }),
    dataset: t.field({
      type: ResourceRef,
      nullable: true,
      description: 'A dataset by its catalogue IRI (id) or its DOI in any form (10.x/..., doi:, https://doi.org/...).',
      args: { id: t.arg.id({ required: false }), doi: t.arg.string({ required: false }) },
      resolve: (_root, { id, doi }, c) => {
        if (!id === !doi) throw bad('Give exactly one of id or doi');
        if (doi) {
          const pid = parsePid(doi, 'DOI');
          if (!pid || pid.scheme !== 'doi') throw bad(`"${doi}" is not a DOI`);
          return existing(c, catalogueIris(c.iriBase).resource(pid));
        }
        return existing(c, String(id));
      },
    }),
    resource: t.field({ type: ResourceRef, nullable: true, args: { iri: t.arg.string({ required: true }) }, resolve: (_root, { iri }, c) => existing(c, iri) }),
    node: t.field({
      type: NodeRef,
      nullable: true,
      description: 'Relay: a resource or a concept by its id (its IRI).',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, c) => findConcept(c, String(id)) ?? existing(c, String(id)),
    }),
    nodes: t.field({
      type: [NodeRef],
      nullable: { list: false, items: true },
      description: `Relay: several nodes by id, in the order asked (null where none), at most ${maxNodes}.`,
      args: { ids: t.arg.idList({ required: true }) },
      complexity: { field: 1, multiplier: maxNodes },
      resolve: (_root, { ids }, c) => {
        if (ids.length > maxNodes) throw bad(`At most ${maxNodes} ids`);
        return Promise.all(ids.map((id) => findConcept(c, String(id)) ?? existing(c, String(id))));
      },
    }),
    concept: t.field({ type: ConceptRef, nullable: true, args: { iri: t.arg.string({ required: true }) }, resolve: (_root, { iri }, c) => findConcept(c, iri) }),
    themes: t.field({
      type: [ThemeNodeRef],
      description: 'The theme tree of a concept scheme with resource counts (a theme counts its narrower concepts).',
      args: {
        scheme: t.arg.string({ defaultValue: 'MAILLAGE' }),
        types: t.arg({ type: [ResourceKind], required: false }),
        first: t.arg.int({ required: false }),
        under: t.arg.string({ required: false, description: 'A concept IRI: the tree of its narrower concepts instead of the top concepts (e.g. the Earth-system themes).' }),
      },
      complexity: pagedComplexity(themePage, 5),
      resolve: async (_root, { scheme, types, first, under }, c) => {
        const limit = pageSize(first, themePage, bad);
        const found = under ? findConcept(c, under)?.scheme : (c.thesaurus.scheme(scheme ?? '') ?? c.thesaurus.list()[0]);
        if (!found) return [];
        const counts = themeCounts(c, await c.search.themePairs({ filters: { facets: types ? { type: types } : {} } }));
        const tops = under
          ? (found.concepts.get(under)?.narrower ?? [])
          : found.topConcepts.length > 0
            ? found.topConcepts
            : [...found.concepts.values()].filter((k) => k.broader.length === 0).map((k) => k.iri);
        return tops.slice(0, limit).flatMap((iri) => (found.concepts.get(iri) ? [{ concept: { concept: found.concepts.get(iri)!, scheme: found }, counts }] : []));
      },
    }),
    concepts: t.field({
      type: [ConceptRef],
      nullable: false,
      description: 'Concepts whose labels (FR/EN, accent-insensitive) match the words: whole labels first, then labels that start with them.',
      args: { search: t.arg.string({ required: true }), scheme: t.arg.string({ required: false }), first: t.arg.int({ required: false }) },
      complexity: pagedComplexity(suggestPage),
      resolve: (_root, { search, scheme, first }, c) => {
        const limit = pageSize(first, suggestPage, bad);
        if (search.length > 200) throw bad('search is limited to 200 characters');
        return c.thesaurus.labels.search(search, { limit, ...(scheme ? { schemes: new Set([scheme]) } : {}) }).hits.flatMap((h) => (h.scheme.concepts.get(h.iri) ? [{ concept: h.scheme.concepts.get(h.iri)!, scheme: h.scheme }] : []));
      },
    }),
    suggest: t.field({
      type: [SuggestionRef],
      description: 'Autocomplete over concept labels (FR/EN, accent-insensitive) and resource titles.',
      args: { prefix: t.arg.string({ required: true }), lang: t.arg({ type: Lang, defaultValue: 'en' }), first: t.arg.int({ required: false }) },
      complexity: pagedComplexity(suggestPage),
      resolve: async (_root, { prefix, lang, first }, c) => {
        const limit = pageSize(first, suggestPage, bad);
        if (prefix.length > 200) throw bad('prefix is limited to 200 characters');
        if (normalizeLabel(prefix).length === 0) return [];
        const concepts = c.thesaurus.labels.search(prefix, { limit }).hits.map((h) => ({
          kind: 'concept' as const,
          iri: h.iri,
          label: labelIn(h.scheme.concepts.get(h.iri)?.prefLabel ?? {}, lang ?? 'en') ?? h.label,
        }));
        const titles = (await c.search.suggestTitles(prefix, limit)).map((r) => ({ kind: 'resource' as const, iri: r.resource, label: r.title }));
        return [...concepts, ...titles].slice(0, limit);
      },
    }),
    organisation: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'An organisation by its ROR identifier (any form), with what it produced.',
      args: { ror: t.arg.string({ required: true }) },
      resolve: (_root, { ror }, c) => {
        const pid = parsePid(ror, 'ROR');
        if (!pid || pid.scheme !== 'ror') throw bad(`"${ror}" is not a ROR identifier`);
        return { iri: catalogueIris(c.iriBase).resource(pid) };
      },
    }),
  }),
});
