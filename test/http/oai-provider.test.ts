// The OAI-PMH provider on the real service with the demo catalogue: the six verbs, paging with
// resumption tokens to the end, both metadata formats, persistent deleted records, the protocol's
// error codes, and the openarchives.org validator (Perl, from ../shared/data) when it can run here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { convert, create } from 'xmlbuilder2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { RecordMapper } from '../../src/mapping/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { startTestServer } from '../support/service.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';
import { oaiValidatorMissing } from '../support/oai-validator.js';

type Xml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: RunningServer;
let dataDir: string;
const deletedId = 'oai:entrepot.demo:10.57745/DEMO-DS-7';

async function oai(query: string): Promise<Xml> {
  const response = await fetch(`${server.url}/oai?${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  return (convert(await response.text(), { format: 'object' }) as Xml)['OAI-PMH'];
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-oai-'));
  // The demo catalogue, then one record deleted by its source (as an offline harvest records it).
  const first = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' });
  await first.close();
  const db = openRecordsDatabase(dataDir, { synchronous: 'NORMAL' });
  const records = new RawRecordStore(db);
  const { run } = records.beginRun('demo', 'oai-pmh', { full: false });
  records.commitPage(run.id, 'demo', { records: [{ id: deletedId, format: 'oai_datacite', datestamp: '2026-11-01T00:00:00Z', content: '', deleted: true }], failures: [], next: null });
  records.finishRun(run.id, 'completed');
  db.close();
  server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' });
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('OAI-PMH verbs', () => {
  it('identifies the repository', async () => {
    const identify = (await oai('verb=Identify')).Identify;
    expect(identify).toMatchObject({ baseURL: `${server.url}/oai`, protocolVersion: '2.0', deletedRecord: 'persistent', granularity: 'YYYY-MM-DDThh:mm:ssZ' });
    expect(identify.earliestDatestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('pages through every item with resumption tokens, deleted ones included', async () => {
    const identifiers: string[] = [];
    let deleted: Xml | undefined;
    let size = 0;
    for (let query = 'verb=ListIdentifiers&metadataPrefix=oai_dc'; query; ) {
      const list = (await oai(query)).ListIdentifiers;
      for (const header of asList<Xml>(list.header)) {
        identifiers.push(header.identifier);
        if (header['@status'] === 'deleted') deleted = header;
      }
      const token = list.resumptionToken;
      size = Number(token?.['@completeListSize'] ?? identifiers.length);
      query = token?.['#'] ? `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token['#'])}` : '';
    }
    expect(new Set(identifiers).size).toBe(identifiers.length);
    expect(identifiers.length).toBe(size);
    // 1,027 published demo records; the deleted one stays as a deleted item.
    expect(size).toBe(1027);
    expect(deleted?.identifier).toBe(`oai:w3id.org:demo/${deletedId}`);
  }, 60_000);

  it('gives a dataset in oai_dc and, as its source published it, in oai_datacite', async () => {
    const id = encodeURIComponent('oai:w3id.org:demo/oai:entrepot.demo:10.57745/DEMO-DS-99');
    const dc = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${id}`)).GetRecord.record.metadata['oai_dc:dc'];
    expect(asList(dc['dc:title']).length).toBeGreaterThan(0);
    expect(asList<string>(dc['dc:identifier'])).toContain('https://w3id.org/maillage/id/doi/10.57745/demo-ds-99');
    const datacite = (await oai(`verb=GetRecord&metadataPrefix=oai_datacite&identifier=${id}`)).GetRecord.record.metadata.resource;
    expect(datacite['@xmlns']).toBe('http://datacite.org/schema/kernel-4');
    expect(datacite.identifier['#']).toBe('10.57745/DEMO-DS-99');
  });

  it('writes DataCite XML from the catalogue RDF for a DOI its source published in another format', async () => {
    const id = encodeURIComponent('oai:w3id.org:demo/10.57745/demo-sw-0');
    const formats = asList<Xml>((await oai(`verb=ListMetadataFormats&identifier=${id}`)).ListMetadataFormats.metadataFormat).map((f) => f.metadataPrefix);
    expect(formats).toEqual(['oai_dc', 'oai_datacite']);
    const response = await fetch(`${server.url}/oai?verb=GetRecord&metadataPrefix=oai_datacite&identifier=${id}`);
    // The metadata element as a harvester takes it out of the response (namespace-aware).
    const xml = create(await response.text()).root().find((n) => n.node.nodeName === 'resource', true, true)!.toString();
    // Read back with the catalogue's own oai_datacite mapping, it says what the stored graph says.
    const mapped = RecordMapper.load('https://w3id.org/maillage/').map({ source: 'roundtrip', id: 'sw-0', format: 'oai_datacite', content: xml, datestamp: '2026-11-23T00:00:00Z', harvestedAt: '2026-11-23T00:00:00Z' });
    const resource = 'https://w3id.org/maillage/id/doi/10.57745/demo-sw-0';
    expect(mapped.resource).toBe(resource);
    const stored = await server.store.query(`SELECT ?p ?o WHERE { GRAPH <https://w3id.org/maillage/record/demo/10.57745%2Fdemo-sw-0> { <${resource}> ?p ?o } }`);
    const storedValues = stored.form === 'SELECT' ? stored.bindings.map((b) => `${b.p!.value} ${b.o!.value}`) : [];
    const compared = ['title', 'creator', 'license', 'issued', 'relation', 'identifier'].map((local) => `http://purl.org/dc/terms/${local}`);
    const of = (values: string[]) => values.filter((v) => compared.includes(v.split(' ')[0]!)).sort();
    const roundTrip = mapped.quads.filter((q) => q.subject.value === resource).map((q) => `${q.predicate.value} ${q.object.value}`);
    expect(of(storedValues).length).toBeGreaterThanOrEqual(6);
    expect(of(roundTrip)).toEqual(of(storedValues));
  });

  it('lists formats per item and sets per source', async () => {
    const formats = asList<Xml>((await oai('verb=ListMetadataFormats')).ListMetadataFormats.metadataFormat).map((f) => f.metadataPrefix);
    expect(formats).toEqual(['oai_dc', 'oai_datacite']);
    const sets = asList<Xml>((await oai('verb=ListSets')).ListSets.set).map((s) => s.setSpec);
    expect(sets).toContain('source:demo');
    // oai_datacite: the 500 records harvested as DataCite XML, and every other resource with a DOI.
    const inSet = (await oai('verb=ListIdentifiers&metadataPrefix=oai_datacite&set=source:demo')).ListIdentifiers;
    const withDoi = await server.store.query(
      `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g <http://xmlns.com/foaf/0.1/primaryTopic> ?r } FILTER(STRSTARTS(STR(?r), "https://w3id.org/maillage/id/doi/")) }`,
    );
    const expected = withDoi.form === 'SELECT' ? Number(withDoi.bindings[0]!.n!.value) + 1 : -1; // + the deleted DataCite record
    expect(Number(inSet.resumptionToken['@completeListSize'])).toBe(expected);
    expect(expected).toBeGreaterThan(500);
    // Theme sets come from keywords aligned to the thesaurus; a theme includes its narrower concepts.
    expect(sets).toContain('theme:atmosphere');
    const themed = await server.store.query(
      `PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
       SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d dcat:theme ?t } ?t skos:broader* <https://w3id.org/maillage/thesaurus/atmosphere> }`,
    );
    const inTheme = (await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme:atmosphere')).ListIdentifiers;
    const listed = inTheme.resumptionToken ? Number(inTheme.resumptionToken['@completeListSize']) : asList(inTheme.header).length;
    expect(listed).toBe(themed.form === 'SELECT' ? Number(themed.bindings[0]!.n!.value) : -1);
    // Each header names every set its item is in: its source, its themes and their broader concepts.
    expect(asList<Xml>(inTheme.header).length).toBeGreaterThan(0);
    for (const h of asList<Xml>(inTheme.header)) expect(asList(h.setSpec)).toEqual(expect.arrayContaining(['source:demo', 'theme:atmosphere']));
    // "source" and "theme" are the parents of the hierarchical sets.
    const size = (list: Xml) => (list.resumptionToken ? Number(list.resumptionToken['@completeListSize']) : asList(list.header).length);
    const everything = size((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')).ListIdentifiers);
    expect(size((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=source')).ListIdentifiers)).toBe(everything);
    const anyTheme = await server.store.query('PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d dcat:theme ?t } }');
    const withTheme = size((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=theme')).ListIdentifiers);
    expect(withTheme).toBe(anyTheme.form === 'SELECT' ? Number(anyTheme.bindings[0]!.n!.value) : -1);
    expect(withTheme).toBeGreaterThan(listed);
  });

  it('answers with the protocol error codes', async () => {
    const code = async (query: string) => (await oai(query)).error['@code'];
    expect(await code('verb=Nonsense')).toBe('badVerb');
    expect(await code('verb=Identify&verb=Identify')).toBe('badVerb');
    expect(await code('verb=ListRecords')).toBe('badArgument');
    expect(await code('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc')).toBe('badArgument');
    expect(await code('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z')).toBe('badArgument');
    expect(await code('verb=ListRecords&metadataPrefix=marc21')).toBe('cannotDisseminateFormat');
    expect(await code('verb=ListRecords&resumptionToken=not-a-token')).toBe('badResumptionToken');
    expect(await code('verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01')).toBe('noRecordsMatch');
    expect(await code('verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:w3id.org:demo/none')).toBe('idDoesNotExist');
    const badVerb = await oai('verb=Nonsense');
    expect(badVerb.request['@verb']).toBeUndefined();
  });
});

describe.skipIf(sharedDataMissing || oaiValidatorMissing())('the openarchives.org OAI-PMH validator', () => {
  it('reports the provider COMPLIANT', async () => {
    const validator = path.join(sharedDataDir, 'oai-pmh', 'zimeon-oaipmh-validator');
    const { stdout } = await promisify(execFile)('perl', ['-Ilib', 'examples/oaipmh-validator.pl', `${server.url}/oai`], { cwd: validator, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain('is COMPLIANT');
  }, 300_000);
});

