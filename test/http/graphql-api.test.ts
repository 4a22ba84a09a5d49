// The GraphQL API end to end on the real service with the demo catalogue: facet counts agree with
// SPARQL counts on the same data, linked resources come in both directions with their source, the
// store is read in batches (no N+1), and bad or hostile input gets clear errors and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/http/index.js';
import { silentLogger } from '../../src/log/index.js';
import { openGraphStore, type GraphStore } from '../../src/store/index.js';
import { adminToken } from '../support/service.js';

let server: RunningServer;
let dataDir: string;
let storeQueries = 0;

interface GraphqlAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function graphql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphqlAnswer<T>;
}

async function sparqlCount(query: string): Promise<Map<string, number>> {
  const result = await server.store.query(query);
  if (result.form !== 'SELECT') throw new Error('expected bindings');
  return new Map(result.bindings.map((b) => [b.value!.value, Number(b.n!.value)]));
}

/** The store, counting the queries the API sends it. */
function counting(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'query') return (...args: Parameters<GraphStore['query']>) => ((storeQueries += 1), target.query(...args));
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-graphql-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: adminToken, SQLITE_SYNCHRONOUS: 'NORMAL', DERIVE_WORKERS: '2' });
  server = await startServer(config, silentLogger, counting(await openGraphStore(config, silentLogger)));
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const inRecordGraphs = (pattern: string) => `PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX dct: <http://purl.org/dc/terms/> PREFIX dcat: <http://www.w3.org/ns/dcat#>
  SELECT ?value (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?record foaf:primaryTopic ?r . ${pattern} } } GROUP BY ?value`;

describe('search', () => {
  it('counts facets as SPARQL counts the same graphs', async () => {
    const answer = await graphql<{ search: { totalCount: number; facets: Record<string, Array<{ value: string; count: number }>> } }>(
      '{ search(first: 0) { totalCount facets { type { value count } licence { value count } year { value count } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const facets = answer.data!.search.facets;
    // Licences, access rights and languages are named in the language asked for.
    const labelled = await graphql<{ search: { facets: Record<string, Array<{ value: string; label: string | null }>> } }>(
      '{ fr: search(first: 0, lang: fr) { facets { licence { value label } accessRights { value label } language { value label } } } }',
    );
    const fr = (labelled.data as any).fr.facets;
    expect(fr.licence.length).toBeGreaterThan(0);
    for (const group of ['licence', 'accessRights', 'language']) for (const f of fr[group]) expect(f.label, `${group} ${f.value}`).toBeTruthy();
    expect(fr.accessRights.find((f: { value: string }) => f.value.endsWith('/PUBLIC'))?.label).toBe('Accès public');
    const datasets = await sparqlCount(inRecordGraphs('?r a dcat:Dataset . BIND("dataset" AS ?value)'));
    expect(facets.type!.find((f) => f.value === 'dataset')?.count).toBe(datasets.get('dataset'));
    const licences = await sparqlCount(inRecordGraphs('?r dct:license ?value'));
    expect(new Map(facets.licence!.map((f) => [f.value, f.count]))).toEqual(licences);
    const years = await sparqlCount(inRecordGraphs('?r dct:issued ?issued BIND(SUBSTR(STR(?issued), 1, 4) AS ?value)'));
    expect(facets.year!.length).toBe(years.size);
    for (const f of facets.year!) expect(f.count).toBe(years.get(f.value));
    const all = await sparqlCount(`PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?value (COUNT(DISTINCT ?r) AS ?n) WHERE { ?record foaf:primaryTopic ?r BIND("all" AS ?value) } GROUP BY ?value`);
    expect(answer.data!.search.totalCount).toBe(all.get('all'));
  });

  it('finds text accent- and case-insensitively, FR and EN, with filters narrowing and facets following', async () => {
    const query = `query($text: String, $filters: SearchFilters) { search(text: $text, filters: $filters, first: 5) { totalCount edges { node { iri kind title(lang: fr) } } facets { type { value count } } } }`;
    const french = await graphql<{ search: { totalCount: number; edges: Array<{ node: { title: string } }> } }>(query, { text: 'QUALITE AIR' });
    expect(french.data!.search.totalCount).toBeGreaterThan(0);
    expect(french.data!.search.edges[0]!.node.title.toLowerCase()).toContain('qualité');
    const english = await graphql<{ search: { totalCount: number } }>(query, { text: 'air quality' });
    expect(english.data!.search.totalCount).toBeGreaterThan(0);
    const software = await graphql<{ search: { totalCount: number; edges: Array<{ node: { kind: string } }>; facets: { type: Array<{ value: string; count: number }> } } }>(query, {
      text: 'qualité air',
      filters: { types: ['software'] },
    });
    expect(software.data!.search.edges.every((e) => e.node.kind === 'software')).toBe(true);
    // The type facet ignores its own filter: it still offers datasets.
    expect(software.data!.search.facets.type.some((f) => f.value === 'dataset' && f.count > 0)).toBe(true);
  });

  it('stems French and English words, so other inflections of a word find the same records', async () => {
    const total = async (text: string) => (await graphql<{ search: { totalCount: number } }>('query($t: String) { search(text: $t) { totalCount } }', { t: text })).data!.search.totalCount;
    // Software titles say "Chaîne de traitement"; the plural, unaccented, finds the same records.
    const asWritten = await total('chaîne traitement');
    expect(asWritten).toBeGreaterThan(0);
    expect(await total('chaines traitements')).toBe(asWritten);
    // English titles say "observations at": the singular finds them too.
    const observations = await total('observations');
    expect(observations).toBeGreaterThan(0);
    expect(await total('observation')).toBe(observations);
  });

  it('pages with Relay cursors without repeating a result', async () => {
    const page = `query($after: String) { search(first: 50, after: $after, sort: title) { totalCount edges { cursor node { iri } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 50; guard += 1) {
      const answer: GraphqlAnswer<{ search: { totalCount: number; edges: Array<{ node: { iri: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }> = await graphql(page, { after });
      total = answer.data!.search.totalCount;
      seen.push(...answer.data!.search.edges.map((e) => e.node.iri));
      if (!answer.data!.search.pageInfo.hasNextPage) break;
      after = answer.data!.search.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('a dataset and its linked resources', () => {
  it('finds a dataset by DOI in any form and lists its links with relation, direction and source', async () => {
    const answer = await graphql<{ dataset: { iri: string; linkedResources: Array<{ relation: string; relationType: string | null; direction: string; source: string; resource: { iri: string; kind: string } }> } }>(
      `{ dataset(doi: "https://doi.org/10.57745/DEMO-DS-99") { iri title linkedResources { relation relationType direction source resource { iri kind title } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const dataset = answer.data!.dataset;
    expect(dataset.iri).toBe('https://w3id.org/maillage/id/doi/10.57745/demo-ds-99');
    expect(dataset.linkedResources).toContainEqual(
      expect.objectContaining({ relation: 'http://purl.org/dc/terms/isReferencedBy', relationType: 'IsCitedBy', direction: 'OUTGOING', source: 'demo', resource: expect.objectContaining({ iri: 'https://w3id.org/maillage/id/doi/10.5555/demo-pub-116', kind: 'publication' }) }),
    );
  });

  it('types a linked resource that was never harvested by what the relation said it is', async () => {
    // DEMO-DS-90 references an article (resourceTypeGeneral JournalArticle) that no demo source holds.
    const answer = await graphql<{ dataset: { linkedResources: Array<{ relationType: string | null; resource: { iri: string; kind: string; types: string[]; title: string | null } }> } }>(
      `{ dataset(doi: "10.57745/DEMO-DS-90") { linkedResources(kinds: [publication]) { relationType resource { iri kind types title } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const stub = answer.data!.dataset.linkedResources.find((l) => l.resource.iri === 'https://w3id.org/maillage/id/doi/10.5555/demo-external-90');
    expect(stub).toEqual({ relationType: 'References', resource: { iri: 'https://w3id.org/maillage/id/doi/10.5555/demo-external-90', kind: 'publication', types: [], title: null } });
    // The stub holds its identifier and its type in the citing record's graph, as SPARQL shows.
    const sparql = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: 'SELECT ?id ?type WHERE { GRAPH ?g { <https://w3id.org/maillage/id/doi/10.5555/demo-external-90> <http://purl.org/dc/terms/identifier> ?id ; <http://purl.org/dc/terms/type> ?type } }',
    });
    const rows = ((await sparql.json()) as { results: { bindings: Array<{ id: { value: string }; type: { value: string } }> } }).results.bindings;
    expect(rows.map((r) => [r.id.value, r.type.value])).toEqual([['https://doi.org/10.5555/demo-external-90', 'http://publications.europa.eu/resource/authority/dataset-type/TEXT']]);
  });

  it('shows a publication its datasets even when only the dataset stated the link', async () => {
    const answer = await graphql<{ resource: { linkedResources: Array<{ direction: string; resource: { iri: string } }> } }>(
      `{ resource(iri: "https://w3id.org/maillage/id/doi/10.5555/demo-pub-116") { linkedResources(kinds: [dataset]) { direction relation resource { iri } } } }`,
    );
    const incoming = answer.data!.resource.linkedResources.filter((l) => l.direction === 'INCOMING').map((l) => l.resource.iri);
    expect(incoming).toContain('https://w3id.org/maillage/id/doi/10.57745/demo-ds-99');
    const stated = await server.store.query(
      'ASK { GRAPH ?g { <https://w3id.org/maillage/id/doi/10.5555/demo-pub-116> ?p <https://w3id.org/maillage/id/doi/10.57745/demo-ds-99> } }',
    );
    expect(stated.form === 'ASK' && stated.boolean).toBe(false);
  });

  it('reads the store in batches, not once per result (no N+1)', async () => {
    const queriesFor = async (first: number) => {
      storeQueries = 0;
      const answer = await graphql<{ search: { edges: unknown[] } }>(
        `{ search(first: ${first}, filters: { types: [dataset] }) { edges { node { title quality { F } linkedResources { resource { title kind } } creators { title } } } } }`,
      );
      expect(answer.data!.search.edges).toHaveLength(first);
      return storeQueries;
    };
    const few = await queriesFor(5);
    const many = await queriesFor(50);
    // One query per level of the request (labels, statements, links, roles, measurements, linked labels), whatever the page size.
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(8);
  });
});

describe('themes, suggestions, organisations', () => {
  it('gives the theme tree of the bundled thesaurus and suggests concepts and titles', async () => {
    const themes = await graphql<{ themes: Array<{ concept: { label: string }; count: number; children: Array<{ concept: { label: string } }> }> }>(
      '{ themes { concept { label(lang: fr) } count children { concept { label(lang: fr) } } } }',
    );
    expect(themes.errors).toBeUndefined();
    expect(themes.data!.themes.length).toBeGreaterThan(3);
    const suggestions = await graphql<{ suggest: Array<{ kind: string; label: string }> }>('{ suggest(prefix: "qualite de l", lang: fr) { kind iri label } }');
    expect(suggestions.data!.suggest.some((s) => s.kind === 'concept' && s.label === "Qualité de l'air")).toBe(true);
    expect(suggestions.data!.suggest.some((s) => s.kind === 'resource')).toBe(true);
  });

  it('aligns keywords to the thesaurus at derive time: themes filter and count with their narrower concepts', async () => {
    const atmosphere = 'https://w3id.org/maillage/thesaurus/atmosphere';
    const answer = await graphql<{ search: { totalCount: number } }>(`{ search(first: 0, filters: { themes: ["${atmosphere}"] }) { totalCount } }`);
    const counted = await server.store.query(
      `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
       SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?record foaf:primaryTopic ?r . ?r dcat:theme ?t } ?t skos:broader* <${atmosphere}> }`,
    );
    const expected = counted.form === 'SELECT' ? Number(counted.bindings[0]!.n!.value) : -1;
    expect(expected).toBeGreaterThan(0);
    expect(answer.data!.search.totalCount).toBe(expected);
    // Each alignment keeps its keyword, method and score in the record graph.
    const provenance = await server.store.query(
      `PREFIX mlg: <https://w3id.org/maillage/ontology#> ASK { GRAPH ?g { ?a a mlg:KeywordAlignment ; mlg:keyword "air quality" ; mlg:method "exact-prefLabel" ; mlg:score 1.0 ; mlg:concept <https://w3id.org/maillage/thesaurus/air-quality> } }`,
    );
    expect(provenance.form === 'ASK' && provenance.boolean).toBe(true);
  });

  it('tells how each theme was aligned: by keyword, through a SKOS mapping of the record’s own concept, or as a suggestion', async () => {
    const mt = 'https://w3id.org/maillage/thesaurus/';
    // A dataset whose depositor chose the GEMET concept "air quality": the thesaurus maps air-quality to it.
    const found = await server.store.query(
      `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
       SELECT ?r WHERE { GRAPH ?g { ?record foaf:primaryTopic ?r . ?r dcat:theme <http://www.eionet.europa.eu/gemet/concept/270> } } ORDER BY ?r LIMIT 1`,
    );
    const dataset = found.form === 'SELECT' ? found.bindings[0]!.r!.value : '';
    const answer = await graphql<{ resource: { alignments: Array<Record<string, unknown>> } }>(
      `query ($iri: String!) { resource(iri: $iri) { alignments(suggestions: true) { conceptIri concept { label(lang: fr) } method score keyword sourceConcept matchedText suggestion source } } }`,
      { iri: dataset },
    );
    const alignments = answer.data!.resource.alignments;
    expect(alignments).toContainEqual(expect.objectContaining({ conceptIri: `${mt}air-quality`, method: 'mapping-exactMatch', score: 1, sourceConcept: 'http://www.eionet.europa.eu/gemet/concept/270', suggestion: false, concept: { label: "Qualité de l'air" } }));
    expect(alignments).toContainEqual(expect.objectContaining({ conceptIri: `${mt}air-quality`, method: 'exact-prefLabel', keyword: "qualité de l'air", suggestion: false }));
    // As many as the record graph holds, suggestions included.
    const counted = await server.store.query(`PREFIX mlg: <https://w3id.org/maillage/ontology#> SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a mlg:alignedResource <${dataset}> } }`);
    expect(alignments).toHaveLength(counted.form === 'SELECT' ? Number(counted.bindings[0]!.n!.value) : -1);
    const suggested = await server.store.query(
      `PREFIX mlg: <https://w3id.org/maillage/ontology#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
       SELECT ?text ?c ?r WHERE { GRAPH ?g { ?a a mlg:AlignmentSuggestion ; mlg:matchedText ?text ; mlg:concept ?c ; mlg:alignedResource ?r } FILTER NOT EXISTS { GRAPH ?g { ?r dcat:theme ?c } } } LIMIT 1`,
    );
    // The annotator finds concepts in titles and descriptions that are not themes.
    expect(suggested.form === 'SELECT' && suggested.bindings.length).toBe(1);
  });

  it('counts what an organisation produced per year and per repository', async () => {
    const orgs = await server.store.query(
      'PREFIX org: <http://www.w3.org/ns/org#> SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p org:memberOf ?o FILTER(STRSTARTS(STR(?o), "https://w3id.org/maillage/id/ror/")) } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1',
    );
    if (orgs.form !== 'SELECT' || orgs.bindings.length === 0) throw new Error('the demo catalogue has affiliations with ROR identifiers');
    const ror = `https://ror.org/${orgs.bindings[0]!.o!.value.split('/').pop()}`;
    const answer = await graphql<{ organisation: { datasets: Array<{ iri: string }>; countsPerYear: Array<{ count: number }>; countsPerRepository: Array<{ value: string; count: number }> } }>(
      `{ organisation(ror: "${ror}") { __typename title resource { title } datasets(first: 100) { iri } countsPerYear { value count } countsPerRepository { value count } countsPerKind { value count } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const organisation = answer.data!.organisation;
    expect(organisation.datasets.length).toBeGreaterThan(0);
    expect(organisation.countsPerRepository).toContainEqual(expect.objectContaining({ value: 'demo' }));
  });
});

describe('typed resources (an interface, a type per kind, Relay node)', () => {
  it('gives each result its kind\'s type, with the fields only that kind has', async () => {
    const answer = await graphql<{ search: { edges: Array<{ node: Record<string, any> }> } }>(
      `{ search(filters: { types: [dataset] }, first: 50) { edges { node { __typename id iri kind ... on Dataset { temporalCoverage { start end } spatialCoverage { west south east north } distributions(first: 5) { iri format } } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const nodes = answer.data!.search.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toMatchObject({ __typename: 'Dataset', kind: 'dataset', id: node.iri });
    // The coverage the API gives is what the store holds (SPARQL over the same record graphs).
    const withPeriod = nodes.find((n) => n.temporalCoverage.length > 0);
    expect(withPeriod, 'a demo dataset with a temporal coverage').toBeDefined();
    const stored = await server.store.query(`SELECT ?start WHERE { GRAPH ?g { <${withPeriod!.iri}> <http://purl.org/dc/terms/temporal> ?p . ?p <http://www.w3.org/ns/dcat#startDate> ?start } }`);
    expect(stored.form === 'SELECT' && stored.bindings.map((b) => b.start!.value)).toContain(withPeriod!.temporalCoverage[0].start);
    const placed = nodes.find((n) => n.spatialCoverage.length > 0);
    expect(placed, 'a demo dataset with a spatial coverage').toBeDefined();
    const box = placed!.spatialCoverage[0];
    expect(box.west).toBeLessThanOrEqual(box.east);
    expect(box.south).toBeLessThanOrEqual(box.north);
    expect(nodes.some((n) => n.distributions.length > 0)).toBe(true);
  });

  it('refetches a resource and a concept with node(id), and answers null for an unknown id', async () => {
    const first = await graphql<{ search: { edges: Array<{ node: { id: string; __typename: string } }> } }>('{ search(filters: { types: [publication] }, first: 1) { edges { node { id __typename } } } }');
    const { id, __typename } = first.data!.search.edges[0]!.node;
    expect(__typename).toBe('Publication');
    const theme = 'https://w3id.org/maillage/thesaurus/oceans';
    const answer = await graphql<{ node: Record<string, any>; concept: Record<string, any>; missing: null; many: Array<Record<string, any> | null> }>(
      `query($id: ID!, $theme: ID!) { node(id: $id) { __typename id ... on Resource { title } } concept: node(id: $theme) { __typename ... on Concept { label(lang: fr) } } missing: node(id: "https://example.org/nothing") { id } many: nodes(ids: [$id, "https://example.org/nothing"]) { id } }`,
      { id, theme },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.node).toMatchObject({ __typename: 'Publication', id });
    expect(answer.data!.concept).toEqual({ __typename: 'Concept', label: 'Océans' });
    expect(answer.data!.missing).toBeNull();
    expect(answer.data!.many).toEqual([{ id }, null]);
    const tooMany = await graphql(`{ nodes(ids: [${Array.from({ length: 101 }, (_, i) => `"x${i}"`).join(',')}]) { id } }`);
    expect(tooMany.errors?.[0]?.message).toMatch(/At most 100 ids|cost/);
  });
});

describe('search in plain words (interpret: true)', () => {
  it('reads theme, place and period from the words, filters by them, and says what it read', async () => {
    const query = `query($t: String) {
      read: search(text: $t, interpret: true, first: 50) { totalCount edges { node { title } } interpretation { themes { iri label(lang: fr) text } places { name kind bbox { west south east north } } temporalFrom temporalTo remainingText } }
      plain: search(text: $t, first: 0) { totalCount }
      theme: search(filters: { themes: ["https://w3id.org/maillage/thesaurus/oceans"] }, first: 0) { totalCount }
    }`;
    const answer = await graphql<{ read: { totalCount: number; edges: Array<{ node: { title: string } }>; interpretation: Record<string, any> }; plain: { totalCount: number }; theme: { totalCount: number } }>(query, { t: 'océans à Brest depuis 2012' });
    expect(answer.errors).toBeUndefined();
    const { read, theme } = answer.data!;
    expect(read.interpretation).toMatchObject({ themes: [{ iri: 'https://w3id.org/maillage/thesaurus/oceans', label: 'Océans', text: 'océans' }], places: [{ name: 'Brest', kind: 'commune' }], temporalFrom: '2012-01-01', temporalTo: null, remainingText: '' });
    // The same as asking for those filters by hand, and fewer than the theme alone.
    const box = read.interpretation.places[0].bbox;
    const byHand = await graphql<{ search: { totalCount: number; edges: Array<{ node: { title: string } }> } }>(
      'query($b: BoundingBox) { search(filters: { themes: ["https://w3id.org/maillage/thesaurus/oceans"], bbox: $b, temporalFrom: "2012-01-01" }, first: 50) { totalCount edges { node { title } } } }',
      { b: box },
    );
    expect(read.totalCount).toBeGreaterThan(0);
    expect(read.totalCount).toBeLessThan(theme.totalCount);
    expect(read.totalCount).toBe(byHand.data!.search.totalCount);
    expect(read.edges.map((e) => e.node.title)).toEqual(byHand.data!.search.edges.map((e) => e.node.title));
    // Without interpret the same words are text, and no interpretation is given.
    const plain = await graphql<{ search: { interpretation: null } }>('{ search(text: "océans à Brest", first: 0) { interpretation { remainingText } } }');
    expect(plain.data!.search.interpretation).toBeNull();
  });
});

describe('bad and hostile input', () => {
  it('answers bad arguments with clear GraphQL errors', async () => {
    const tooMany = await graphql('{ search(first: 1000) { totalCount } }');
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(tooMany.errors?.[0]?.message).toContain('first');
    const notDoi = await graphql('{ dataset(doi: "not a doi") { iri } }');
    expect(notDoi.errors?.[0]?.message).toContain('is not a DOI');
    const deep = await graphql(`{ search { edges { node { linkedResources { resource { linkedResources { resource { linkedResources { resource { linkedResources { resource { linkedResources { resource { iri } } } } } } } } } } } } } }`);
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('keeps injection payloads out of SPARQL and FTS, and changes nothing', async () => {
    const before = await server.store.stats();
    const payloads = ['"> } ; DROP ALL ; #', "x') OR ('1'='1", 'title:* NEAR(a b) OR "', '} } INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } } #'];
    for (const payload of payloads) {
      const search = await graphql('query($t: String, $f: SearchFilters) { search(text: $t, filters: $f) { totalCount } }', { t: payload, f: { sources: [payload], themes: [payload] } });
      expect(search.errors).toBeUndefined();
      const resource = await graphql('query($iri: String!) { resource(iri: $iri) { iri linkedResources { relation } } }', { iri: `https://example.org/${payload}` });
      expect(resource.errors).toBeUndefined();
      expect(resource.data).toEqual({ resource: null });
    }
    const after = await server.store.stats();
    expect(after.quads).toBe(before.quads);
  });
});
