// The thesaurus browse and search API, on OntoPortal's paths and shapes, over the bundled thesaurus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { startTestServer } from '../support/service.js';

const mt = 'https://w3id.org/maillage/thesaurus/';
type Json = Record<string, any>;

describe('thesaurus API (OntoPortal-style)', () => {
  const data = temporaryDataDir('thesaurus-api');
  let server: RunningServer;
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const cls = (iri: string) => `/ontologies/MAILLAGE/classes/${encodeURIComponent(iri)}`;

  beforeAll(async () => {
    server = await startTestServer(data.dir, { BUNDLED_THESAURUS: 'true' });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('lists the ontologies with their acronym, name in the language asked for, and links', async () => {
    const { body } = await get('/ontologies?lang=en');
    expect(body).toEqual([
      expect.objectContaining({ acronym: 'MAILLAGE', name: 'Recherche Data Gouv catalogue thesaurus', uri: mt, version: '2026-11-29', conceptCount: 93 }),
    ]);
    expect(body[0].links.classes).toBe(`${server.url}/ontologies/MAILLAGE/classes`);
    expect((await get('/ontologies/NOPE')).status).toBe(404);
  });

  it('gives the roots and one class with its labels, synonyms, definition, mappings and links', async () => {
    const roots = (await get('/ontologies/MAILLAGE/classes/roots?lang=en')).body as Json[];
    // The six OECD fields, once each, sorted by label in the language asked for.
    expect(roots.map((r) => r.prefLabel)).toEqual([
      'Agricultural sciences',
      'Engineering and technology',
      'Humanities and the arts',
      'Medical and health sciences',
      'Natural sciences',
      'Social sciences',
    ]);
    const { body } = await get(`${cls(`${mt}aerosols`)}?lang=fr`);
    expect(body).toMatchObject({
      '@id': `${mt}aerosols`,
      '@type': 'http://www.w3.org/2004/02/skos/core#Concept',
      prefLabel: 'Aérosols',
      synonym: ['Particules atmosphériques'],
      definition: ['Particules solides ou liquides en suspension dans l’atmosphère.'.replace('’', "'")],
      obsolete: false,
      mappings: expect.arrayContaining([{ relation: 'exactMatch', target: 'http://www.eionet.europa.eu/gemet/concept/12008' }]),
    });
    expect(body.links.parents).toBe(`${server.url}${cls(`${mt}aerosols`)}/parents`);
    const all = (await get(`${cls(`${mt}aerosols`)}?lang=all`)).body;
    expect(all.prefLabel).toEqual({ fr: 'Aérosols', en: 'Aerosols' });
  });

  it('navigates children (paged), parents, ancestors, descendants and the tree', async () => {
    const children = (await get(`${cls(`${mt}atmosphere`)}/children?pagesize=5&lang=en`)).body;
    expect(children).toMatchObject({ page: 1, pageCount: 3, totalCount: 11, prevPage: null, nextPage: 2 });
    expect(children.collection).toHaveLength(5);
    expect(children.links.nextPage).toContain('page=2');
    const last = (await get(`${cls(`${mt}atmosphere`)}/children?pagesize=5&page=3`)).body;
    expect(last.collection).toHaveLength(1);
    expect(((await get(`${cls(`${mt}aerosols`)}/parents`)).body as Json[]).map((p) => p['@id'])).toEqual([`${mt}atmosphere`]);
    const ancestors = ((await get(`${cls(`${mt}aerosols`)}/ancestors`)).body as Json[]).map((p) => p['@id']).sort();
    expect(ancestors).toEqual([`${mt}atmosphere`, `${mt}earth-environmental-sciences`, `${mt}earth-system`, `${mt}natural-sciences`].sort());
    // 7 branches, with 5 + 6 + 11 + 3 + 4 + 5 + 3 concepts under them.
    expect((await get(`${cls(`${mt}earth-system`)}/descendants?pagesize=500`)).body.totalCount).toBe(44);
    const tree = (await get(`${cls(`${mt}aerosols`)}/tree`)).body as Json[];
    const natural = tree.find((n) => n['@id'] === `${mt}natural-sciences`)!;
    const path = natural.children.find((n: Json) => n['@id'] === `${mt}earth-environmental-sciences`).children[0].children.find((n: Json) => n['@id'] === `${mt}atmosphere`);
    expect(path.children.map((n: Json) => n['@id'])).toContain(`${mt}aerosols`);
    expect(tree.find((n) => n['@id'] === `${mt}humanities-arts`)!.children).toBeUndefined();
  });

  it.each([
    ['accent- and case-insensitively, in French', 'aerosol', `${mt}aerosols`],
    ['in English', 'Air qual', `${mt}air-quality`],
    ['by a word inside the label', 'atmospherique', `${mt}atmospheric-chemistry`],
    ['by a synonym', 'pluie', `${mt}precipitation`],
  ])('autocompletes %s', async (_, q, expected) => {
    const { body } = await get(`/search?q=${encodeURIComponent(q)}&suggest=true&ontologies=MAILLAGE`);
    expect(body.collection.map((c: Json) => c['@id'])).toContain(expected);
  });

  it('ranks the whole preferred label first, and honours require_exact_match', async () => {
    const ranked = (await get('/search?q=climat')).body;
    expect(ranked.collection[0]).toMatchObject({ '@id': `${mt}climate`, matchType: 'prefLabel', matchedLabel: 'Climat' });
    expect(ranked.totalCount).toBeGreaterThan(1);
    const exact = (await get('/search?q=CLIMAT&require_exact_match=true')).body;
    expect(exact.collection.map((c: Json) => c['@id'])).toEqual([`${mt}climate`]);
    expect((await get('/search?q=climat&ontologies=OTHER')).body.totalCount).toBe(0);
  });

  it('answers bad parameters and unknown classes with problem+json', async () => {
    expect((await get('/search')).status).toBe(400);
    expect((await get('/ontologies/MAILLAGE/classes?pagesize=9999')).status).toBe(400);
    const missing = await fetch(`${server.url}${cls(`${mt}nothing`)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('thesaurus annotator and downloads', () => {
  const data = temporaryDataDir('thesaurus-more');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(data.dir, { BUNDLED_THESAURUS: 'true' });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('finds the concepts a text mentions, with 1-based positions, in French and English', async () => {
    const text = "Mesures d'aérosols et de Qualité de l'air à Grenoble ; air quality and precipitation records.";
    const response = await fetch(`${server.url}/annotator?ontologies=MAILLAGE&longest_only=true&text=${encodeURIComponent(text)}`);
    const body = (await response.json()) as Json[];
    const found = Object.fromEntries(body.map((entry) => [entry.annotatedClass['@id'], entry.annotations]));
    expect(Object.keys(found).sort()).toEqual([`${mt}aerosols`, `${mt}air-quality`, `${mt}precipitation`].sort());
    const airQuality = found[`${mt}air-quality`] as Json[];
    expect(airQuality.map((a) => a.text)).toEqual(["Qualité de l'air", 'air quality']);
    for (const a of airQuality) expect(text.slice(a.from - 1, a.to)).toBe(a.text);
    // "Mesures d'aérosols": the word is characters 11 to 18, and matches the preferred label.
    expect(found[`${mt}aerosols`]).toEqual([{ from: 11, to: 18, matchType: 'PREF', text: 'aérosols' }]);
  });

  it('keeps shorter overlapping mentions unless longest_only is asked, and reads POSTed text', async () => {
    const response = await fetch(`${server.url}/annotator`, { method: 'POST', body: new URLSearchParams({ text: 'Température atmosphérique et climat' }) });
    const ids = ((await response.json()) as Json[]).map((e) => e.annotatedClass['@id']);
    expect(ids).toEqual(expect.arrayContaining([`${mt}air-temperature`, `${mt}climate`]));
    expect((await fetch(`${server.url}/annotator`)).status).toBe(400);
  });

  it.each([
    ['ttl', 'text/turtle', 'Aérosols'],
    ['rdf', 'application/rdf+xml', 'rdf:RDF'],
    ['jsonld', 'application/ld+json', '"@id"'],
    ['nt', 'application/n-triples', `<${mt}aerosols>`],
    ['csv', 'text/csv', 'prefLabel@fr'],
  ])('downloads the thesaurus as %s', async (format, type, excerpt) => {
    const response = await fetch(`${server.url}/ontologies/MAILLAGE/download?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(type);
    expect(response.headers.get('content-disposition')).toContain(`maillage-2026-11-29.${format}`);
    expect(await response.text()).toContain(excerpt);
  });

  it('downloads a CSV with one row per concept', async () => {
    const csv = await (await fetch(`${server.url}/ontologies/MAILLAGE/download?format=csv`)).text();
    const { parse } = await import('csv-parse/sync');
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(93);
    expect(rows.find((r) => r.id === `${mt}aerosols`)).toMatchObject({ 'prefLabel@fr': 'Aérosols', 'prefLabel@en': 'Aerosols', broader: `${mt}atmosphere` });
  });
});
