// OAI-PMH harvesting from recorded responses replayed on loopback: multi-page lists, deleted
// records, incremental runs, 503 with Retry-After, expired tokens, broken pages, bad records.
import { afterEach, describe, expect, it } from 'vitest';
import { OaiPmhHarvester } from '../../src/harvest/oai-pmh/oai-pmh-harvester.js';
import { PoliteHttpClient } from '../../src/harvest/polite-http-client.js';
import { runHarvest } from '../../src/harvest/run-harvest.js';
import { harvestFixture } from '../support/records-store.js';
import { identify, listRecords, oaiError } from '../support/oai-responses.js';
import type { Route } from '../support/replay-server.js';
import { sharedDataMissing, sharedFile, withoutXmlDeclaration } from '../support/shared-data.js';

const sickle = (name: string) => sharedFile(`oai-pmh/sickle/sickle/tests/sample_data/${name}`);
const datacite = (name: string) => withoutXmlDeclaration(sharedFile(`datacite/spec/fixtures/${name}`));
const fastHttp = () => new PoliteHttpClient({ backoffMs: 10, retries: 3, timeoutMs: 5000 });

describe.skipIf(sharedDataMissing !== null)(`OAI-PMH harvester${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setup = (route: Route) => harvestFixture(route, cleanups);

  const sicklePages: Route = (url) => {
    const token = url.searchParams.get('resumptionToken');
    if (url.searchParams.get('verb') === 'Identify') return { body: sickle('Identify.xml') };
    return { body: sickle(token ?? 'ListRecords.xml'), headers: { 'content-type': 'text/xml' } };
  };

  it('follows resumption tokens through a recorded four-page list, keeping deleted records as tombstones', async () => {
    const { server, records } = await setup(sicklePages);
    const harvester = new OaiPmhHarvester(fastHttp(), { url: `${server.url}/oai`, metadataPrefix: 'oai_dc' });
    const run = await runHarvest(records, 'sickle', harvester);
    // The recorded fourth page holds a deleted record with no identifier: kept aside, not fatal.
    expect(run).toMatchObject({ status: 'completed', pages: 4, new: 1, unchanged: 3, deleted: 1, failed: 1, cursor: null });
    expect(records.failures(run.id)).toEqual([expect.objectContaining({ recordId: null, reason: 'a record has no header identifier' })]);
    expect(server.requests.map((u) => u.searchParams.get('resumptionToken'))).toEqual([null, 'ListRecords2.xml', 'ListRecords3.xml', 'ListRecords4.xml']);
    const live = records.record('sickle', 'oai:test.example.com:1585322')!;
    expect(live.content).toMatch(/^<oai_dc:dc [^>]*>[\s\S]*<dc:title>Sample Title<\/dc:title>[\s\S]*<\/oai_dc:dc>$/);
    expect(records.record('sickle', 'oai:test.example.com:1585310')).toMatchObject({ deleted: true, deletedAt: '2011-07-18T16:31:00Z' });
  });

  it('harvests incrementally from the last datestamp, cut to a day-granular repository, and ends cleanly on noRecordsMatch', async () => {
    let listCalls = 0;
    const { server, records } = await setup((url) => {
      if (url.searchParams.get('verb') === 'Identify') return { body: identify('YYYY-MM-DD') };
      listCalls += 1;
      if (url.searchParams.get('from')) return { body: oaiError('ListRecords', 'noRecordsMatch', 'No records match') };
      return { body: listRecords([{ id: 'oai:x:1', datestamp: '2024-05-06', metadata: datacite('datacite-example-full-v4.4.xml') }]) };
    });
    const harvester = new OaiPmhHarvester(fastHttp(), { url: `${server.url}/oai`, metadataPrefix: 'oai_datacite' });
    expect(await runHarvest(records, 'repo', harvester)).toMatchObject({ status: 'completed', new: 1 });
    const second = await runHarvest(records, 'repo', harvester);
    expect(second).toMatchObject({ status: 'completed', new: 0, fromDatestamp: '2024-05-06', notes: ['noRecordsMatch: nothing new'] });
    expect(server.requests.at(-1)!.searchParams.get('from')).toBe('2024-05-06');
    expect(listCalls).toBe(2);
    const full = await runHarvest(records, 'repo', harvester, { full: true });
    expect(full).toMatchObject({ status: 'completed', unchanged: 1, fromDatestamp: null });
  });

  it('waits as a 503 Retry-After asks, then goes on', async () => {
    let refused = false;
    const { server, records } = await setup((url) => {
      if (!refused) {
        refused = true;
        return { status: 503, headers: { 'retry-after': '1' }, body: 'busy' };
      }
      return sicklePages(url, undefined as never);
    });
    const waits: number[] = [];
    const http = new PoliteHttpClient({ backoffMs: 10, onRetry: (info) => waits.push(info.waitMs) });
    const run = await runHarvest(records, 'sickle', new OaiPmhHarvester(http, { url: `${server.url}/oai`, metadataPrefix: 'oai_dc' }));
    expect(run.status).toBe('completed');
    expect(waits).toEqual([1000]);
  });

  it('keeps a malformed record aside with its reason and stores the rest of the page', async () => {
    const { server, records } = await setup(() => ({
      gzip: true,
      body: listRecords([
        { id: 'oai:x:full', datestamp: '2024-01-01T00:00:00Z', metadata: datacite('datacite-example-full-v4.4.xml') },
        { id: 'oai:x:wrong', datestamp: '2024-01-02T00:00:00Z', metadata: '<html><body>Not a DataCite record</body></html>' },
        { id: 'oai:x:geo', datestamp: '2024-01-03T00:00:00Z', metadata: datacite('datacite-example-geolocation.xml') },
        { id: 'oai:x:gone', datestamp: '2024-01-04T00:00:00Z', deleted: true },
      ]),
    }));
    const run = await runHarvest(records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${server.url}/oai`, metadataPrefix: 'oai_datacite' }));
    expect(run).toMatchObject({ status: 'completed', new: 2, failed: 1, deleted: 1 });
    expect(records.failures(run.id)).toEqual([expect.objectContaining({ recordId: 'oai:x:wrong', reason: expect.stringMatching(/not oai_datacite: its root is <html>/) })]);
    expect(records.record('repo', 'oai:x:geo')!.content).toContain('<geoLocations>');
  });

  it('keeps the records before the break of a page that breaks off', async () => {
    const page = listRecords([
      { id: 'oai:x:1', datestamp: '2024-01-01T00:00:00Z', metadata: datacite('datacite-example-full-v4.4.xml') },
      { id: 'oai:x:2', datestamp: '2024-01-02T00:00:00Z', metadata: datacite('datacite-example-polygon.xml') },
    ]);
    const { server, records } = await setup(() => ({ body: page.slice(0, page.indexOf('oai:x:2') + 40) }));
    const run = await runHarvest(records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${server.url}/oai`, metadataPrefix: 'oai_datacite' }));
    expect(run).toMatchObject({ status: 'completed', new: 1, failed: 1 });
    expect(records.failures(run.id)[0]!.reason).toMatch(/the page breaks off .*1 records before it were kept/);
  });

  it('refuses an entity-expansion page and an HTML page, reporting the source and reason', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE OAI-PMH [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>x</identifier></header><metadata>&b;</metadata></record></ListRecords></OAI-PMH>`;
    const { server, records } = await setup((url) => (url.pathname === '/bomb' ? { body: bomb } : { body: '<html><body>Maintenance</body></html>' }));
    const bombed = await runHarvest(records, 'bomb', new OaiPmhHarvester(fastHttp(), { url: `${server.url}/bomb`, metadataPrefix: 'oai_dc' }));
    expect(bombed).toMatchObject({ status: 'completed', new: 0, failed: 1 });
    expect(records.failures(bombed.id)[0]!.reason).toMatch(/undefined entity/);
    const html = await runHarvest(records, 'html', new OaiPmhHarvester(fastHttp(), { url: `${server.url}/html`, metadataPrefix: 'oai_dc' }));
    expect(html).toMatchObject({ status: 'failed', error: expect.stringMatching(/not an OAI-PMH response \(root element <html>\)/) });
  });

  it('starts a list again once when its resumption token expired, and ends a run that would loop (every token refused, a token sent twice) with the reason', async () => {
    const record = (id: string) => ({ id, datestamp: '2024-05-06', metadata: datacite('datacite-example-full-v4.4.xml') });
    const listWith = (refuse: (attempt: number) => boolean, secondToken: string) => {
      let refusals = 0;
      return (url: URL) => {
        if (url.searchParams.get('verb') === 'Identify') return { body: identify('YYYY-MM-DDThh:mm:ssZ') };
        const token = url.searchParams.get('resumptionToken');
        if (!token) return { body: listRecords([record('oai:x:1')], { value: 'page-2' }) };
        if (token === 'page-2' && refuse(refusals++)) return { body: oaiError('ListRecords', 'badResumptionToken', 'The token has expired') };
        return { body: listRecords([record(`oai:x:${token}`)], secondToken === 'end' ? null : { value: secondToken }) };
      };
    };
    const expiredOnce = await setup(listWith((n) => n === 0, 'end'));
    const run = await runHarvest(expiredOnce.records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${expiredOnce.server.url}/oai`, metadataPrefix: 'oai_datacite' }));
    expect(run).toMatchObject({ status: 'completed', new: 2 });
    expect(run.notes).toEqual([expect.stringMatching(/resumption token page-2 was refused \(The token has expired\); restarting the list/)]);

    const alwaysRefused = await setup(listWith(() => true, 'end'));
    const refused = await runHarvest(alwaysRefused.records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${alwaysRefused.server.url}/oai`, metadataPrefix: 'oai_datacite' }));
    expect(refused).toMatchObject({ status: 'failed', error: expect.stringMatching(/^OAI-PMH error badResumptionToken: The token has expired/) });
    expect(alwaysRefused.server.requests.filter((u) => u.searchParams.get('verb') === 'ListRecords')).toHaveLength(4);
    expect(alwaysRefused.records.record('repo', 'oai:x:1')).toBeTruthy();

    const looping = await setup(listWith(() => false, 'page-2'));
    const looped = await runHarvest(looping.records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${looping.server.url}/oai`, metadataPrefix: 'oai_datacite' }));
    expect(looped).toMatchObject({ status: 'failed', error: expect.stringMatching(/sent the resumption token "page-2" a second time in one list/) });
  });

  it('reports cannotDisseminateFormat and badArgument as a failed run with the repository’s words', async () => {
    const { server, records } = await setup(() => ({ body: sickle('cannotDisseminateFormat.xml') }));
    const run = await runHarvest(records, 'repo', new OaiPmhHarvester(fastHttp(), { url: `${server.url}/oai`, metadataPrefix: 'nope' }));
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/^OAI-PMH error cannotDisseminateFormat/) });
  });
});
