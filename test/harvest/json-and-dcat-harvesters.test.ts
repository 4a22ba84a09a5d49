// DataCite REST, CKAN, HAL, ROR, Dataverse and DCAT/Hydra feeds, replayed from recorded payloads.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarvester } from '../../src/harvest/index.js';
import { sourceSchema } from '../../src/harvest/source-schemas.js';
import { runHarvest } from '../../src/harvest/run-harvest.js';
import { harvestFixture } from '../support/records-store.js';
import type { Route } from '../support/replay-server.js';
import { sharedDataMissing, sharedFile } from '../support/shared-data.js';

const json = (relative: string) => JSON.parse(sharedFile(relative)) as Record<string, unknown>;
const harvesterFor = (declaration: Record<string, unknown>) => createHarvester(sourceSchema.parse({ name: 'test', delayMs: 0, ...declaration }), { backoffMs: 10, retries: 1 });

describe.skipIf(sharedDataMissing !== null)(`JSON API and DCAT harvesters${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const setup = (route: Route) => harvestFixture(route, cleanups);

  it('pages DataCite JSON:API with cursors, keeps an item without DOI aside, and asks only for updates next time', async () => {
    const item = (fixture: string) => {
      const attributes = json(`datacite/spec/fixtures/${fixture}`);
      return { id: attributes.doi, type: 'dois', attributes: { ...attributes, updated: '2024-03-01T10:00:00Z' } };
    };
    const { server, records } = await setup((url) => {
      const cursor = url.searchParams.get('page[cursor]');
      if (cursor === '1')
        return { body: JSON.stringify({ data: [item('datacite.json'), { id: null, type: 'dois', attributes: {} }], links: { next: `${server.url}/dois?page%5Bcursor%5D=abc` } }) };
      return { body: JSON.stringify({ data: [item('datacite_software.json')], links: {} }) };
    });
    const harvester = harvesterFor({ protocol: 'datacite', url: server.url, clientId: 'rdg.prod' });
    const run = await runHarvest(records, 'datacite', harvester);
    expect(run).toMatchObject({ status: 'completed', pages: 2, new: 2, failed: 1, maxDatestamp: '2024-03-01T10:00:00Z' });
    expect(server.requests[0]!.searchParams.get('client-id')).toBe('rdg.prod');
    expect(JSON.parse(records.record('datacite', '10.5063/f1m61h5x')!.content).attributes.titles).toBeDefined();
    await runHarvest(records, 'datacite', harvester);
    expect(server.requests.at(-2)!.searchParams.get('query')).toBe('updated:[2024-03-01T10:00:00Z TO *]');
  });

  it('pages CKAN package_search by start and rows', async () => {
    const packages = ['ckan_full_dataset_dcat_ap.json', 'ckan_dataset_multilingual.json', 'full_ckan_dataset_legacy.json'].map((f) => json(`ckanext-dcat/examples/ckan/${f}`));
    const { server, records } = await setup((url) => {
      const start = Number(url.searchParams.get('start'));
      return { body: JSON.stringify({ success: true, result: { count: 3, results: packages.slice(start, start + 2) } }) };
    });
    const run = await runHarvest(records, 'ckan', harvesterFor({ protocol: 'ckan', url: server.url, rows: 2 }));
    expect(run).toMatchObject({ status: 'completed', pages: 2, new: 3, failed: 0 });
    expect(server.requests.map((u) => u.searchParams.get('start'))).toEqual(['0', '2']);
  });

  it('follows Hydra paging through a recorded data.gouv.fr-style JSON-LD catalogue, stably across harvests', async () => {
    const { server, records } = await setup((url) => {
      const page = url.searchParams.get('page') === '2' ? 'partial-collection-2.jsonld' : 'partial-collection-1.jsonld';
      // The recorded page links to its original host; the replay points that link here.
      const body = sharedFile(`udata-dcat-fr/udata/harvest/tests/dcat/${page}`).replaceAll('http://data.test.org/catalog.jsonld?page=2', `${server.url}/catalog.jsonld?page=2`);
      return { body, headers: { 'content-type': 'application/ld+json' } };
    });
    const harvester = harvesterFor({ protocol: 'dcat', url: `${server.url}/catalog.jsonld` });
    const first = await runHarvest(records, 'dcat', harvester);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ status: 'completed', pages: 2, new: 4, failed: 0 });
    const record = records.record('dcat', 'http://data.test.org/datasets/1')!;
    expect(record.format).toBe('dcat-nquads');
    expect(record.content).toContain('<http://data.test.org/datasets/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>');
    const second = await runHarvest(records, 'dcat', harvester, { full: true });
    expect(second).toMatchObject({ status: 'completed', new: 0, updated: 0, unchanged: 4 });
  });

  it('takes ROR v2 organisations and HAL documents, each by its identifier', async () => {
    const ror = [json('misc-records/ror/example_record_v2_1.json'), { id: 'not-a-ror-id' }];
    const hal = { response: { numFound: 1, docs: [{ docid: 4242, halId_s: 'hal-04242424', modifiedDate_s: '2024-02-02 10:00:00', title_s: ['Code de calcul'] }] }, nextCursorMark: 'AoE' };
    const { server, records } = await setup((url) => {
      if (url.pathname.endsWith('/organizations')) return { body: JSON.stringify({ number_of_results: 2, items: ror }) };
      if (url.searchParams.get('cursorMark') === 'AoE') return { body: JSON.stringify({ response: { numFound: 1, docs: [] }, nextCursorMark: 'AoE' }) };
      return { body: JSON.stringify(hal) };
    });
    expect(await runHarvest(records, 'ror', harvesterFor({ protocol: 'ror', url: server.url }))).toMatchObject({ new: 1, failed: 1 });
    expect(records.record('ror', 'https://ror.org/00pjdza24')).not.toBeNull();
    expect(await runHarvest(records, 'hal', harvesterFor({ protocol: 'hal', url: `${server.url}/search/`, filter: 'docType_s:SOFTWARE' }))).toMatchObject({ status: 'completed', new: 1, pages: 2 });
    expect(server.requests.find((u) => u.pathname === '/search/')!.searchParams.getAll('fq')).toEqual(['docType_s:SOFTWARE']);
  });

  it('lists a Dataverse collection with the Search API and takes each dataset’s dataverse_json export', async () => {
    const exported = json('dataverse/src/test/java/edu/harvard/iq/dataverse/export/ddi/dataset-finch1.json');
    const { server, records } = await setup((url) => {
      if (url.pathname === '/api/search') {
        return { body: JSON.stringify({ status: 'OK', data: { total_count: 1, items: [{ global_id: 'doi:10.5072/FK2/PCA2E3', updatedAt: '2024-04-04T00:00:00Z' }] } }) };
      }
      expect(url.searchParams.get('exporter')).toBe('dataverse_json');
      return { body: JSON.stringify(exported) };
    });
    const run = await runHarvest(records, 'dv', harvesterFor({ protocol: 'dataverse', url: server.url, collection: 'inrae' }));
    expect(run).toMatchObject({ status: 'completed', new: 1 });
    expect(server.requests[0]!.searchParams.get('subtree')).toBe('inrae');
    expect(JSON.parse(records.record('dv', 'doi:10.5072/FK2/PCA2E3')!.content).datasetVersion).toBeDefined();
  });

  it('fails a run whose source answers something that is not JSON, saying which URL', async () => {
    const { server, records } = await setup(() => ({ body: sharedFile('datacite/spec/fixtures/datacite_software_missing_comma.json') }));
    const run = await runHarvest(records, 'broken', harvesterFor({ protocol: 'datacite', url: server.url }));
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/\/dois\?.* did not answer JSON/) });
  });
});
