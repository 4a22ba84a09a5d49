// Linked data and the DCAT-AP feed on the real service with the demo catalogue: every catalogue IRI
// dereferences in each representation, the feed pages validate against the official DCAT-AP 3.0
// shapes with zero violations, a Comunica client follows its Hydra paging to the end, and a record
// its source deleted answers 410 with its last metadata.
import { QueryEngine } from '@comunica/query-sparql';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import rdfDataModel from '@rdfjs/data-model';
import rdfDataset from '@rdfjs/dataset';
import { Parser as N3Parser, Store } from 'n3';
import { Validator } from 'shacl-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { startTestServer } from '../support/service.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const dataset = 'https://w3id.org/maillage/id/doi/10.57745/demo-ds-99';
const datasetPath = '/id/doi/10.57745/demo-ds-99';
const demoEnv = { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' };

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-linked-data-'));
  server = await startTestServer(dataDir, demoEnv);
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const turtle = (text: string) => new N3Parser({ format: 'text/turtle' }).parse(text);

describe('dereferenceable IRIs', () => {
  it('gives machines Turtle, JSON-LD with the published context, RDF/XML and N-Triples', async () => {
    const ttl = await fetch(server.url + datasetPath, { headers: { accept: 'text/turtle' } });
    expect(ttl.status).toBe(200);
    expect(ttl.headers.get('vary')).toBe('Accept');
    expect(ttl.headers.get('link')).toBe(`<${dataset}>; rel="canonical"`);
    const quads = turtle(await ttl.text());
    expect(quads.some((q) => q.subject.value === dataset && q.predicate.value === 'http://purl.org/dc/terms/title')).toBe(true);

    const jsonLd = (await (await fetch(server.url + datasetPath, { headers: { accept: 'application/ld+json' } })).json()) as { '@context': string };
    expect(jsonLd['@context']).toBe(`${server.url}/ns/context.jsonld`);
    expect(JSON.stringify(jsonLd)).toContain('"dct:title"');
    const context = (await (await fetch(jsonLd['@context'])).json()) as { '@context': Record<string, string> };
    expect(context['@context'].dct).toBe('http://purl.org/dc/terms/');

    const xml = await fetch(`${server.url}${datasetPath}?format=rdf`);
    expect(xml.headers.get('content-type')).toMatch(/^application\/rdf\+xml/);
    expect(await xml.text()).toContain(`rdf:about="${dataset}"`);
    const nt = await fetch(server.url + datasetPath, { headers: { accept: 'application/n-triples' } });
    expect(new N3Parser({ format: 'N-Triples' }).parse(await nt.text()).length).toBe(quads.length);
  });

  it('gives browsers a landing page with a schema.org Dataset block', async () => {
    const response = await fetch(server.url + datasetPath, { headers: { accept: 'text/html,*/*;q=0.8', 'accept-language': 'fr-FR' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain(`<link rel="canonical" href="${dataset}" />`);
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
    const schema = JSON.parse(block!) as Record<string, unknown>;
    expect(schema).toMatchObject({ '@type': 'Dataset', '@id': dataset, url: 'https://doi.org/10.57745/demo-ds-99', isAccessibleForFree: true });
    expect(String(schema.name)).not.toBe('');
    expect(schema.creator).toEqual(expect.arrayContaining([expect.objectContaining({ '@type': 'Person' })]));
  });

  it('shows a publication the datasets that cite it, though only the datasets stated the link', async () => {
    const quads = turtle(await (await fetch(`${server.url}/id/doi/10.5555/demo-pub-116`, { headers: { accept: 'text/turtle' } })).text());
    expect(quads.some((q) => q.subject.value === dataset && q.object.value === 'https://w3id.org/maillage/id/doi/10.5555/demo-pub-116')).toBe(true);
  });

  it('lists the landing page of every published resource in /sitemap.xml', async () => {
    const response = await fetch(`${server.url}/sitemap.xml`);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const locations = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locations).toContain(server.url + datasetPath);
    const distinct = await server.store.query('PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?record foaf:primaryTopic ?r }');
    expect(locations.length).toBe(distinct.form === 'SELECT' ? Number(distinct.bindings[0]!.n!.value) : -1);
    expect((await fetch(locations[0]!, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('answers 404 problem+json for an IRI the catalogue does not have', async () => {
    const response = await fetch(`${server.url}/id/doi/10.0000/nothing-here`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the DCAT-AP catalogue feed', () => {
  async function pages(start: string): Promise<Array<{ url: string; text: string }>> {
    const out: Array<{ url: string; text: string }> = [];
    for (let url: string | undefined = start; url; ) {
      const text = await (await fetch(url, { headers: { accept: 'text/turtle' } })).text();
      out.push({ url, text });
      url = turtle(text).find((q) => q.subject.value === url && q.predicate.value === 'http://www.w3.org/ns/hydra/core#next')?.object.value;
    }
    return out;
  }

  it('pages through every published dataset with Hydra links', async () => {
    const all = await pages(`${server.url}/catalog?pageSize=100`);
    const datasets = new Set(all.flatMap(({ text }) => turtle(text).filter((q) => q.subject.value === 'https://w3id.org/maillage/catalog' && q.predicate.value === 'http://www.w3.org/ns/dcat#dataset').map((q) => q.object.value)));
    const count = await server.store.query('PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?c dcat:dataset ?d }');
    expect(count.form === 'SELECT' && Number(count.bindings[0]!.n!.value)).toBe(datasets.size);
    expect(all.length).toBe(Math.ceil(datasets.size / 100));
    const first = turtle(all[0]!.text);
    expect(first.find((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#totalItems' && q.subject.value === 'https://w3id.org/maillage/catalog')?.object.value).toBe(String(datasets.size));
  }, 60_000);

  it.skipIf(sharedDataMissing)('validates against the official DCAT-AP 3.0 shapes with zero violations', async () => {
    const shapesDir = path.join(sharedDataDir, 'dcat-ap', '3.0.1', 'html', 'shacl');
    const shapes = ['shapes.ttl', 'range.ttl'].flatMap((f) => new N3Parser({ baseIRI: `file://${path.join(shapesDir, f)}` }).parse(readFileSync(path.join(shapesDir, f), 'utf8')));
    const validator = new Validator(new Store(shapes), { factory: rdfDataModel });
    const feedPages = await pages(`${server.url}/catalog/demo?pageSize=250`);
    expect(feedPages.length).toBeGreaterThan(1);
    for (const { url, text } of feedPages) {
      const report = await validator.validate({ dataset: rdfDataset.dataset(turtle(text)) });
      const violations = report.results.filter((r) => r.severity?.value === 'http://www.w3.org/ns/shacl#Violation');
      expect(violations.map((v) => `${url}: ${(v.focusNode as { value?: string } | undefined)?.value} ${v.path?.map((p) => p.predicates.map((t) => t.value).join('|')).join('/')} ${v.message.map((m) => ('value' in m ? m.value : '')).join(' ')}`)).toEqual([]);
    }
  }, 120_000);

  it('is followed to the end by a Comunica client through its Hydra links', async () => {
    const engine = new QueryEngine();
    const bindings = await (
      await engine.queryBindings('SELECT ?d WHERE { <https://w3id.org/maillage/catalog/demo> <http://www.w3.org/ns/dcat#dataset> ?d }', {
        sources: [`${server.url}/catalog/demo?pageSize=200`],
        lenient: false,
        // As a harvester would: retry a request that a busy machine drops.
        httpRetryCount: 2,
      })
    ).toArray();
    const published = (await (await fetch(`${server.url}/validation`)).json()) as { sources: Array<{ source: string }> };
    expect(published.sources.some((s) => s.source === 'demo')).toBe(true);
    const count = await server.store.query('PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { <https://w3id.org/maillage/catalog/demo> dcat:dataset ?d }');
    expect(new Set(bindings.map((b) => b.get('d')!.value)).size).toBe(count.form === 'SELECT' ? Number(count.bindings[0]!.n!.value) : -1);
  }, 120_000);

  it('filters by modified since and refuses bad paging parameters', async () => {
    const future = await fetch(`${server.url}/catalog?modifiedSince=2999-01-01`, { headers: { accept: 'text/turtle' } });
    expect(turtle(await future.text()).find((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#totalItems')?.object.value).toBe('0');
    expect((await fetch(`${server.url}/catalog?pageSize=0`)).status).toBe(400);
    expect((await fetch(`${server.url}/catalog?modifiedSince=yesterday`)).status).toBe(400);
    expect((await fetch(`${server.url}/catalog/no-such-source`)).status).toBe(404);
  });
});

describe('deleted records', () => {
  it('answers 410 Gone with the last metadata once the source deleted the record', async () => {
    await server.close();
    // An offline harvest sees the deletion (as OAI-PMH status="deleted" would report it).
    const db = openRecordsDatabase(dataDir, { synchronous: 'NORMAL' });
    const records = new RawRecordStore(db);
    const { run } = records.beginRun('demo', 'oai-pmh', { full: false });
    records.commitPage(run.id, 'demo', { records: [{ id: 'oai:entrepot.demo:10.57745/DEMO-DS-99', format: 'oai_datacite', datestamp: '2026-11-01T00:00:00Z', content: '', deleted: true }], failures: [], next: null });
    records.finishRun(run.id, 'completed');
    db.close();
    server = await startTestServer(dataDir, demoEnv);

    const response = await fetch(server.url + datasetPath, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(410);
    const quads = turtle(await response.text());
    expect(quads.some((q) => q.subject.value === dataset && q.predicate.value === 'http://purl.org/dc/terms/title')).toBe(true);
    expect(quads.some((q) => q.predicate.value === 'http://www.w3.org/ns/prov#invalidatedAtTime' && q.object.value === '2026-11-01T00:00:00Z')).toBe(true);
    const record = await fetch(`${server.url}/record/demo/${encodeURIComponent(('oai:entrepot.demo:10.57745/DEMO-DS-99'))}`, { headers: { accept: 'text/html' } });
    expect(record.status).toBe(410);
    expect(await record.text()).toContain('deleted by its source');
  }, 180_000);
});
