// Terminology managers editing the bundled thesaurus through the OntoPortal-style write API: roles,
// integrity checks, If-Match, moves, deprecation, history, CSV, releases and diffs, mappings,
// durability across a restart, and the re-alignment of only the records a change concerns.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { adminToken, startTestServer } from '../support/service.js';

const mt = 'https://w3id.org/maillage/thesaurus/';
const tokens = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789', vera: 'vera-token-0123456789' };
const env = {
  BUNDLED_THESAURUS: 'true',
  DEMO_CATALOGUE: 'true',
  DERIVE_WORKERS: '1',
  THESAURUS_TOKENS: `alice:editor:${tokens.alice},bob:editor:${tokens.bob},vera:viewer:${tokens.vera}`,
};
type Json = Record<string, any>;

describe('thesaurus editing', () => {
  const data = temporaryDataDir('thesaurus-editing');
  let server: RunningServer;
  const call = async (method: string, p: string, options: { token?: string; body?: unknown; csv?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.csv !== undefined) headers['content-type'] = 'text/csv';
    const response = await fetch(`${server.url}${p}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : options.csv !== undefined ? { body: options.csv } : {}) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as Json };
  };
  const cls = (iri: string) => `/ontologies/MAILLAGE/classes/${encodeURIComponent(iri)}`;
  const sparqlAsk = async (query: string) => ((await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as Json).boolean as boolean;

  beforeAll(async () => {
    server = await startTestServer(data.dir, env);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('lets only editors create a concept, which then sits under its broader concept', async () => {
    const concept = { prefLabel: { fr: 'Poussières désertiques', en: 'Desert dust' }, altLabel: { fr: 'Poussières sahariennes' }, definition: { en: 'Mineral dust lifted from arid regions.' }, broader: [`${mt}aerosols`] };
    const anonymous = await call('POST', '/ontologies/MAILLAGE/classes', { body: concept });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { body: concept, token: tokens.vera })).status).toBe(403);
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { body: concept, token: 'not-a-token-at-all-000' })).status).toBe(403);

    const created = await call('POST', '/ontologies/MAILLAGE/classes?lang=en', { body: concept, token: tokens.alice });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ '@id': `${mt}desert-dust`, prefLabel: 'Desert dust', broader: [`${mt}aerosols`] });
    expect(created.headers.get('location')).toBe(`${server.url}${cls(`${mt}desert-dust`)}`);
    expect(created.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const children = await call('GET', `${cls(`${mt}aerosols`)}/children?lang=en`);
    expect(children.body.collection.map((c: Json) => c['@id'])).toContain(`${mt}desert-dust`);
    expect(await sparqlAsk(`ASK { GRAPH <${mt}> { <${mt}aerosols> <http://www.w3.org/2004/02/skos/core#narrower> <${mt}desert-dust> . <${mt}desert-dust> a <http://www.w3.org/2004/02/skos/core#Concept> } }`)).toBe(true);
    // Autocomplete finds it at once, by its alternative label too.
    const search = await call('GET', '/search?q=poussieres%20sahar&ontologies=MAILLAGE&suggest=true');
    expect(search.body.collection[0]['@id']).toBe(`${mt}desert-dust`);
  });

  it('refuses changes that break the thesaurus, saying what they break, and keeps it as it was', async () => {
    const refusals: Array<[unknown, string]> = [
      [{ prefLabel: { fr: 'Nuages', en: 'Cloud cover' }, broader: [`${mt}atmosphere`] }, 'duplicate-preflabel'],
      [{ prefLabel: { fr: 'Brume' }, broader: [`${mt}atmosphere`] }, 'missing-preflabel'],
      [{ prefLabel: { fr: 'Brume', en: 'Haze' }, altLabel: { en: 'Haze' } }, 'preflabel-altlabel-clash'],
      [{ prefLabel: { fr: 'Brume', en: 'Haze' }, broader: [`${mt}no-such-concept`] }, 'dangling-reference'],
      [{ prefLabel: { fr: 'Brume', en: 'Haze' }, broader: [`${mt}aerosols`], related: [`${mt}atmosphere`] }, 'related-broader-clash'],
    ];
    for (const [body, check] of refusals) {
      const refused = await call('POST', '/ontologies/MAILLAGE/classes', { body, token: tokens.alice });
      expect(refused.status, check).toBe(422);
      expect(refused.body.problems.map((p: Json) => p.check)).toContain(check);
    }
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { body: { prefLabel: { fr: ['Brume', 'Brouillard'], en: 'Haze' } }, token: tokens.alice })).body.problems[0].check).toBe('several-preflabels-per-language');
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { body: { prefLabel: 'Haze' }, token: tokens.alice })).status).toBe(400);
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { body: { prefLabel: { en: 'Haze', fr: 'Brume' }, broader: ['not an iri>'] }, token: tokens.alice })).status).toBe(400);

    // Moving the Earth system under one of its own descendants would make a cycle.
    const earth = await call('GET', cls(`${mt}earth-system`));
    const cycle = await call('PATCH', cls(`${mt}earth-system`), { body: { broader: [`${mt}aerosols`] }, token: tokens.alice, headers: { 'if-match': earth.headers.get('etag')! } });
    expect(cycle.status).toBe(422);
    expect(cycle.body.problems.map((p: Json) => p.check)).toContain('broader-cycle');
    expect((await call('GET', `${cls(`${mt}earth-system`)}/parents`)).body.map((p: Json) => p['@id'])).toEqual([`${mt}earth-environmental-sciences`]);
    expect((await call('GET', '/ontologies/MAILLAGE')).body.conceptCount).toBe(94);
  });

  it('needs If-Match to change a concept, so that a concurrent change is never silently lost', async () => {
    const iri = `${mt}desert-dust`;
    const read = await call('GET', cls(iri));
    const etag = read.headers.get('etag')!;
    expect((await call('PATCH', cls(iri), { body: { definition: { fr: 'Poussières minérales.' } }, token: tokens.alice })).status).toBe(428);
    const alice = await call('PATCH', cls(iri), { body: { definition: { fr: 'Poussières minérales soulevées des régions arides.' } }, token: tokens.alice, headers: { 'if-match': etag } });
    expect(alice.status).toBe(200);
    expect(alice.headers.get('etag')).not.toBe(etag);
    // Bob read the concept before Alice's change: his change is refused, and tells the current ETag.
    const bob = await call('PATCH', cls(iri), { body: { scopeNote: { en: 'Used for Saharan dust events.' } }, token: tokens.bob, headers: { 'if-match': etag } });
    expect(bob.status).toBe(412);
    expect(bob.body.etag).toBe(alice.headers.get('etag'));
    const retried = await call('PATCH', `${cls(iri)}?lang=all`, { body: { scopeNote: { en: 'Used for Saharan dust events.' } }, token: tokens.bob, headers: { 'if-match': alice.headers.get('etag')! } });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ definition: { fr: ['Poussières minérales soulevées des régions arides.'], en: ['Mineral dust lifted from arid regions.'] }, scopeNote: { en: ['Used for Saharan dust events.'] } });
  });

  it('moves a concept, deprecates one instead of deleting it, and keeps who did what', async () => {
    const iri = `${mt}desert-dust`;
    let etag = (await call('GET', cls(iri))).headers.get('etag')!;
    const moved = await call('PATCH', cls(iri), { body: { broader: [`${mt}air-quality`] }, token: tokens.bob, headers: { 'if-match': etag } });
    expect(moved.status).toBe(200);
    expect((await call('GET', `${cls(`${mt}aerosols`)}/children`)).body.collection.map((c: Json) => c['@id'])).not.toContain(iri);
    expect((await call('GET', `${cls(`${mt}air-quality`)}/children`)).body.collection.map((c: Json) => c['@id'])).toContain(iri);
    expect(await sparqlAsk(`ASK { GRAPH <${mt}> { <${mt}aerosols> <http://www.w3.org/2004/02/skos/core#narrower> <${iri}> } }`)).toBe(false);

    const deleted = await call('DELETE', cls(iri), { token: tokens.alice });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, PATCH, PUT');
    etag = moved.headers.get('etag')!;
    const deprecated = await call('PATCH', cls(iri), { body: { obsolete: true, replacedBy: [`${mt}aerosols`] }, token: tokens.alice, headers: { 'if-match': etag } });
    expect(deprecated.body).toMatchObject({ obsolete: true, replacedBy: [`${mt}aerosols`] });
    expect(await sparqlAsk(`ASK { GRAPH <${mt}> { <${iri}> <http://www.w3.org/2002/07/owl#deprecated> true ; <http://purl.org/dc/terms/isReplacedBy> <${mt}aerosols> } }`)).toBe(true);

    expect((await call('GET', `${cls(iri)}/changes`)).status).toBe(401);
    const history = await call('GET', `${cls(iri)}/changes`, { token: tokens.vera });
    expect(history.body.collection.map((c: Json) => [c.action, c.actor])).toEqual([
      ['deprecate', 'alice'],
      ['update', 'bob'],
      ['update', 'bob'],
      ['update', 'alice'],
      ['create', 'alice'],
    ]);
    expect(history.body.collection[1].changes.broader).toEqual({ before: [`${mt}aerosols`], after: [`${mt}air-quality`] });
    // The old parent's change (its narrower list) is in the feed too, marked as following another.
    const feed = await call('GET', '/ontologies/MAILLAGE/changes?pagesize=2', { token: tokens.vera });
    expect(feed.body.collection).toHaveLength(2);
    const next = await call('GET', new URL(feed.body.links.nextPage).pathname + new URL(feed.body.links.nextPage).search, { token: tokens.vera });
    expect(next.body.collection[0].seq).toBeLessThan(feed.body.collection[1].seq);
    const aerosols = await call('GET', `${cls(`${mt}aerosols`)}/changes`, { token: tokens.vera });
    expect(aerosols.body.collection.some((c: Json) => c.comment === 'follows a change to a linked concept' && c.changes.narrower)).toBe(true);
  });

  it('imports many concepts from the spreadsheet layout', async () => {
    const csv = ['id,prefLabel@fr,prefLabel@en,altLabel@fr,broader', `,Brume sèche,Dry haze,Lithométéore,${mt}atmosphere`, `${mt}clouds,Nuages,Clouds,Nébulosité|Couverture nuageuse,${mt}atmosphere`].join('\n');
    expect((await call('POST', '/ontologies/MAILLAGE/classes', { csv, token: tokens.vera })).status).toBe(403);
    const imported = await call('POST', '/ontologies/MAILLAGE/classes', { csv, token: tokens.alice });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 1, updated: 1 });
    expect((await call('GET', `${cls(`${mt}dry-haze`)}?lang=fr`)).body).toMatchObject({ prefLabel: 'Brume sèche', synonym: ['Lithométéore'] });
    expect((await call('GET', `${cls(`${mt}clouds`)}?lang=fr`)).body.synonym).toEqual(['Nébulosité', 'Couverture nuageuse']);
    const bad = await call('POST', '/ontologies/MAILLAGE/classes', { csv: 'id,colour\nx,red', token: tokens.alice });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/Unknown CSV columns: colour/);
  });

  it('publishes dated releases, downloads them, and diffs two versions', async () => {
    expect((await call('POST', '/ontologies/MAILLAGE/submissions', { token: tokens.alice, body: {} })).status).toBe(403);
    const first = await call('POST', '/ontologies/MAILLAGE/submissions', { token: adminToken, body: { version: '2026.1', description: 'First edited release' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: '2026.1', submissionId: 1, releasedBy: 'admin', conceptCount: 95 });
    expect((await call('GET', '/ontologies/MAILLAGE')).body.version).toBe('2026.1');

    const etag = (await call('GET', cls(`${mt}dry-haze`))).headers.get('etag')!;
    await call('PATCH', cls(`${mt}dry-haze`), { body: { prefLabel: { fr: 'Brume sèche', en: 'Haze' } }, token: tokens.alice, headers: { 'if-match': etag } });
    const second = await call('POST', '/ontologies/MAILLAGE/submissions', { token: adminToken });
    expect(second.body.version).toBe(new Date().toISOString().slice(0, 10));
    expect((await call('POST', '/ontologies/MAILLAGE/submissions', { token: adminToken, body: { version: '2026.1' } })).status).toBe(409);

    const list = await call('GET', '/ontologies/MAILLAGE/submissions');
    expect(list.body.map((s: Json) => s.version)).toEqual([second.body.version, '2026.1']);
    expect((await call('GET', '/ontologies/MAILLAGE/latest_submission')).body.version).toBe(second.body.version);
    const diff = await call('GET', `/ontologies/MAILLAGE/diff?from=2026.1&to=${second.body.version}&lang=en`);
    expect(diff.body.summary).toEqual({ added: 0, removed: 0, deprecated: 0, changed: 1 });
    expect(diff.body.changed[0]).toMatchObject({ '@id': `${mt}dry-haze`, fields: { prefLabel: { before: { en: ['Dry haze'], fr: ['Brume sèche'] }, after: { en: ['Haze'], fr: ['Brume sèche'] } } } });

    const turtle = await call('GET', '/ontologies/MAILLAGE/submissions/2026.1/download?format=ttl');
    expect(turtle.headers.get('content-type')).toContain('text/turtle');
    expect(turtle.body).toContain('Dry haze');
    expect(turtle.body).toContain('"2026.1"');
    const csv = await call('GET', '/ontologies/MAILLAGE/submissions/2026.1/download?format=csv');
    expect(String(csv.body).split('\n')[0]).toMatch(/^id,notation,prefLabel@en,prefLabel@fr/);
    expect((await call('GET', '/ontologies/MAILLAGE/submissions/1999/download')).status).toBe(404);
  });

  it('hangs a concept under another through narrower, and takes it off again', async () => {
    const parents = async () => (await call('GET', `${cls(`${mt}dry-haze`)}/parents`)).body.map((p: Json) => p['@id']).sort();
    let read = await call('GET', `${cls(`${mt}clouds`)}?lang=all`);
    const children: string[] = (await call('GET', `${cls(`${mt}clouds`)}/children?pagesize=100`)).body.collection.map((c: Json) => c['@id']);
    const added = await call('PATCH', cls(`${mt}clouds`), { body: { narrower: [...children, `${mt}dry-haze`] }, token: tokens.alice, headers: { 'if-match': read.headers.get('etag')! } });
    expect(added.status).toBe(200);
    expect(await parents()).toEqual([`${mt}atmosphere`, `${mt}clouds`]);
    expect(await sparqlAsk(`ASK { GRAPH <${mt}> { <${mt}dry-haze> <http://www.w3.org/2004/02/skos/core#broader> <${mt}clouds> } }`)).toBe(true);
    read = await call('GET', cls(`${mt}clouds`));
    await call('PATCH', cls(`${mt}clouds`), { body: { narrower: children }, token: tokens.alice, headers: { 'if-match': read.headers.get('etag')! } });
    expect(await parents()).toEqual([`${mt}atmosphere`]);
  });

  it('lists SKOS mappings in OntoPortal’s shape', async () => {
    const mappings = await call('GET', `${cls(`${mt}aerosols`)}/mappings`);
    expect(mappings.body).toContainEqual(
      expect.objectContaining({ source: 'SKOS', relation: ['http://www.w3.org/2004/02/skos/core#exactMatch'], classes: [expect.objectContaining({ '@id': `${mt}aerosols` }), expect.objectContaining({ '@id': 'http://www.eionet.europa.eu/gemet/concept/12008' })] }),
    );
    const all = await call('GET', '/mappings?ontologies=MAILLAGE&pagesize=500');
    expect(all.body.totalCount).toBeGreaterThan(10);
    expect((await call('GET', '/mappings?ontologies=NOPE')).status).toBe(400);
  });

  it('re-aligns only the records whose keywords the change concerns', { timeout: 120_000 }, async () => {
    // A keyword that no concept has as a label yet, and the records that carry it.
    const query = `SELECT ?k (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d <http://www.w3.org/ns/dcat#keyword> ?k FILTER NOT EXISTS { ?a <https://w3id.org/maillage/ontology#keyword> ?k } } } GROUP BY ?k ORDER BY DESC(?n) ?k LIMIT 1`;
    const row = ((await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as Json).results.bindings[0];
    expect(row).toBeDefined();
    const keyword: string = row.k.value;
    const carriers = Number(row.n.value);
    const db = new Database(path.join(data.dir, 'maillage.sqlite'), { readonly: true });
    const total = (db.prepare("SELECT COUNT(*) AS n FROM record_derivations WHERE status = 'published'").get() as { n: number }).n;
    const before = new Date().toISOString();

    const facetQuery = `{ search(first: 0) { facets { theme { value count } } } }`;
    const graphql = async () => ((await (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: facetQuery }) })).json()) as Json).data.search.facets.theme as Json[];
    // Readers remember this answer; the change must make them drop it.
    const facetsBefore = (await graphql()).find((f) => f.value === `${mt}precipitation`)?.count ?? 0;
    const etag = (await call('GET', cls(`${mt}precipitation`))).headers.get('etag')!;
    // PATCH changes the languages it names: the French synonyms stay.
    const changed = await call('PATCH', `${cls(`${mt}precipitation`)}?lang=all`, { body: { altLabel: { en: [keyword] } }, token: tokens.alice, headers: { 'if-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.synonym.en).toEqual([keyword]);
    const aligned = `ASK { GRAPH ?g { ?a <https://w3id.org/maillage/ontology#keyword> ${JSON.stringify(keyword)} ; <https://w3id.org/maillage/ontology#concept> <${mt}precipitation> ; <https://w3id.org/maillage/ontology#method> "exact-altLabel" . ?d <http://www.w3.org/ns/dcat#theme> <${mt}precipitation> } }`;
    for (let i = 0; i < 300 && !(await sparqlAsk(aligned)); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await sparqlAsk(aligned)).toBe(true);
    const rederivedSince = () => (db.prepare('SELECT COUNT(*) AS n FROM record_derivations WHERE derived_at > ?').get(before) as { n: number }).n;
    for (let i = 0; i < 300 && rederivedSince() < carriers; i += 1) await new Promise((r) => setTimeout(r, 100));
    const rederived = rederivedSince();
    db.close();
    expect(rederived).toBeGreaterThanOrEqual(carriers);
    expect(rederived).toBeLessThan(total);
    // Search facets follow at once (the readers' remembered answers and postings are dropped).
    const sparqlCount = async () => Number(((await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(`SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?record <http://xmlns.com/foaf/0.1/primaryTopic> ?r . ?r <http://www.w3.org/ns/dcat#theme> <${mt}precipitation> } }`)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as Json).results.bindings[0].n.value);
    const facetCount = async () => (await graphql()).find((f) => f.value === `${mt}precipitation`)?.count;
    // The last batches may still be on their way: both sides settle on the same figure.
    for (let i = 0; i < 100 && (await facetCount()) !== (await sparqlCount()); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await sparqlCount()).toBeGreaterThan(facetsBefore);
    expect(await facetCount()).toBe(await sparqlCount());
  });

  it('aligns the records’ own concepts through a mapping added to the thesaurus', { timeout: 60_000 }, async () => {
    const query = `SELECT ?t (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d <http://www.w3.org/ns/dcat#theme> ?t FILTER(!STRSTARTS(STR(?t), "${mt}")) } } GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1`;
    const row = ((await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as Json).results.bindings[0];
    const external: string = row.t.value;
    const read = await call('GET', `${cls(`${mt}geochemistry`)}?lang=all`);
    const changed = await call('PATCH', cls(`${mt}geochemistry`), { body: { closeMatch: [...read.body.mappings.filter((m: Json) => m.relation === 'closeMatch').map((m: Json) => m.target), external] }, token: tokens.bob, headers: { 'if-match': read.headers.get('etag')! } });
    expect(changed.status).toBe(200);
    const aligned = `ASK { GRAPH ?g { ?a <https://w3id.org/maillage/ontology#sourceConcept> <${external}> ; <https://w3id.org/maillage/ontology#concept> <${mt}geochemistry> ; <https://w3id.org/maillage/ontology#method> "mapping-closeMatch" ; <https://w3id.org/maillage/ontology#alignedResource> ?d . ?d <http://www.w3.org/ns/dcat#theme> <${external}> , <${mt}geochemistry> } }`;
    for (let i = 0; i < 300 && !(await sparqlAsk(aligned)); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await sparqlAsk(aligned)).toBe(true);
  });

  it('follows mapping chains through another loaded vocabulary', { timeout: 60_000 }, async () => {
    // The demo's "Terre solide" depositors chose GEMET "croûte terrestre" (2400), which the thesaurus
    // does not map; it maps Tectonics to GEMET 8344. A vocabulary that calls the two close links them.
    const gemet = 'http://www.eionet.europa.eu/gemet/concept/';
    const csv = ['id,prefLabel@en,prefLabel@fr,closeMatch', `${gemet}2400,earth crust,croûte terrestre,${gemet}8344`].join('\n');
    const put = await fetch(`${server.url}/ontologies/BRIDGE?uri=${encodeURIComponent('https://example.org/bridge/')}`, { method: 'PUT', headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminToken}` }, body: csv });
    expect(put.status).toBe(201);
    const chained = `ASK { GRAPH ?g { ?a <https://w3id.org/maillage/ontology#sourceConcept> <${gemet}2400> ; <https://w3id.org/maillage/ontology#via> <${gemet}8344> ; <https://w3id.org/maillage/ontology#concept> <${mt}tectonics> ; <https://w3id.org/maillage/ontology#method> "mapping-chain" ; <https://w3id.org/maillage/ontology#score> 0.7 ; <https://w3id.org/maillage/ontology#alignedResource> ?d . ?d <http://www.w3.org/ns/dcat#theme> <${mt}tectonics> } }`;
    for (let i = 0; i < 300 && !(await sparqlAsk(chained)); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await sparqlAsk(chained)).toBe(true);
  });

  it('keeps every edit across a restart (the shipped thesaurus does not overwrite it)', { timeout: 120_000 }, async () => {
    await server.close();
    server = await startTestServer(data.dir, env);
    const concept = await call('GET', `${cls(`${mt}desert-dust`)}?lang=en`);
    expect(concept.body).toMatchObject({ prefLabel: 'Desert dust', obsolete: true, broader: [`${mt}air-quality`] });
    expect((await call('GET', '/ontologies/MAILLAGE')).body).toMatchObject({ version: new Date().toISOString().slice(0, 10), conceptCount: 95 });
    expect((await call('GET', '/ontologies/MAILLAGE/submissions')).body).toHaveLength(2);
  });
});
