// Whole vocabularies through the HTTP API: a real large one (GEMET, RDF/XML) put by an admin,
// refused first for its defects, then served (hierarchy, search) and downloaded back to the same
// graph; and a new scheme from the spreadsheet layout, downloaded back as CSV.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser, Store } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { parseRdfToNQuads } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { statedChildren } from '../support/skos-hierarchy.js';
import { adminToken, startTestServer } from '../support/service.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const gemetFile = path.join(sharedDataDir, 'skos-thesauri/gemet/thesauri/gemet-fr.rdf');
const editorToken = 'editor-token-0123456789';

describe.skipIf(sharedDataMissing !== null)(`thesaurus import through the API${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  const data = temporaryDataDir('thesaurus-import-api');
  let server: RunningServer;
  const put = (p: string, body: string, contentType: string, token = adminToken) =>
    fetch(`${server.url}${p}`, { method: 'PUT', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body });
  const get = async (p: string) => (await fetch(`${server.url}${p}`)).json() as Promise<any>;

  beforeAll(async () => {
    server = await startTestServer(data.dir, { THESAURUS_TOKENS: `eve:editor:${editorToken}` });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('imports GEMET once forced past its defects, serves it, and downloads the same graph', { timeout: 120_000 }, async () => {
    const file = readFileSync(gemetFile, 'utf8');
    expect((await put('/ontologies/GEMET', file, 'application/rdf+xml', editorToken)).status).toBe(403);
    const refused = await put('/ontologies/GEMET?languages=fr', file, 'application/rdf+xml');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as any;
    expect(problem.problemCount).toBeGreaterThan(200);
    expect(problem.problems.filter((p: any) => p.check === 'broader-cycle')).toHaveLength(6);

    const imported = await put('/ontologies/GEMET?languages=fr&force=true', file, 'application/rdf+xml');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ acronym: 'GEMET', conceptCount: 5570 });

    const original = new Parser({ format: 'N-Quads' }).parse(parseRdfToNQuads({ data: file, format: 'application/rdf+xml', graph: null, singleGraph: false }).nquads);
    const atmosphere = 'http://www.eionet.europa.eu/gemet/concept/617';
    const expected = statedChildren(original, atmosphere);
    const children = await get(`/ontologies/GEMET/classes/${encodeURIComponent(atmosphere)}/children?pagesize=500`);
    expect(new Set(children.collection.map((c: any) => c['@id']))).toEqual(expected);
    const search = await get('/search?q=qualite%20de%20l%27air&ontologies=GEMET&suggest=true');
    expect(search.collection[0]).toMatchObject({ '@id': 'http://www.eionet.europa.eu/gemet/concept/270', prefLabel: "qualité de l'air" });

    const downloaded = await (await fetch(`${server.url}/ontologies/GEMET/download?format=nt`)).text();
    const roundTrip = new Parser({ format: 'N-Triples' }).parse(downloaded).filter((q) => q.predicate.value !== 'https://w3id.org/mod#acronym');
    const distinct = new Store(original).getQuads(null, null, null, null);
    expect(roundTrip.length).toBe(distinct.length);
    expect(isomorphic(roundTrip, distinct)).toBe(true);
    const history = (await (await fetch(`${server.url}/ontologies/GEMET/changes`, { headers: { authorization: `Bearer ${editorToken}` } })).json()) as any;
    expect(history.collection[0]).toMatchObject({ action: 'import', actor: 'admin', comment: expect.stringMatching(/^5570 concepts/) });
  });

  it('creates a scheme from the spreadsheet layout and gives the same layout back', async () => {
    const csv = [
      'id,prefLabel@en,prefLabel@fr,broader,exactMatch',
      'https://example.org/instruments/lidar,Lidar,Lidar,,',
      'https://example.org/instruments/doppler-lidar,Doppler lidar,Lidar Doppler,https://example.org/instruments/lidar,http://vocab.nerc.ac.uk/collection/L05/current/LAB26/',
    ].join('\n');
    expect((await put('/ontologies/INSTR', csv, 'text/csv')).status).toBe(400);
    const created = await put(`/ontologies/INSTR?uri=${encodeURIComponent('https://example.org/instruments/')}&title=Instruments`, csv, 'text/csv');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ acronym: 'INSTR', conceptCount: 2, name: 'Instruments' });
    const roots = await get('/ontologies/INSTR/classes/roots?lang=en');
    expect(roots.map((r: any) => [r.prefLabel, r.hasChildren])).toEqual([['Lidar', true]]);
    const back = await (await fetch(`${server.url}/ontologies/INSTR/download?format=csv`)).text();
    expect(back).toContain('https://example.org/instruments/doppler-lidar,,Doppler lidar,Lidar Doppler,,,,,https://example.org/instruments/lidar,,http://vocab.nerc.ac.uk/collection/L05/current/LAB26/');
  });

  it('imports one scheme of a file that holds several, the one ?scheme= names', async () => {
    const adms = readFileSync(path.join(sharedDataDir, 'eu-authority-tables/semiceu-dcat-ap_shacl/resources/ADMS_SKOS_v1.00.rdf'), 'utf8');
    const ambiguous = await put('/ontologies/ADMS-STATUS?languages=en', adms, 'application/rdf+xml');
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as any).detail).toMatch(/6 concept schemes/);
    const imported = await put(`/ontologies/ADMS-STATUS?languages=en&scheme=${encodeURIComponent('http://purl.org/adms/status/1.0')}`, adms, 'application/rdf+xml');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ acronym: 'ADMS-STATUS', conceptCount: 4 });
    const roots = await get('/ontologies/ADMS-STATUS/classes/roots?lang=en');
    expect(roots.map((r: any) => r.prefLabel).sort()).toEqual(['Completed', 'Deprecated', 'Under development', 'Withdrawn']);
  });
});
