// Golden tests: real records from ../shared/data, one per source format, mapped to DCAT-AP 3 and
// compared by graph isomorphism with the reviewed expected graph in test/mapping/golden/.
// `UPDATE_GOLDEN=1 npx vitest run test/mapping` rewrites the expected graphs after a mapping change
// (review the diff before committing it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser, Writer } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { readFileRecords } from '../../src/harvest/ingest/file-records.js';
import { RecordMapper, type RecordToMap } from '../../src/mapping/index.js';
import { RecordValidator } from '../../src/validation/index.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const goldenDir = path.join(import.meta.dirname, 'golden');
const relationTarget = '<http://purl.org/dc/terms/relation>';
const mapper = RecordMapper.load('https://w3id.org/maillage/');
let validatorOnce: RecordValidator | undefined;
const harvestedAt = '2026-11-22T00:00:00Z';
const file = (relative: string) => readFileSync(path.join(sharedDataDir, relative), 'utf8');
const lone = (format: string, id: string, relative: string): RecordToMap => ({ source: 'golden', id, format, content: file(relative), datestamp: null, harvestedAt });
const fromFile = async (relative: string, index = 0): Promise<RecordToMap> => {
  const { records } = await readFileRecords(path.join(sharedDataDir, relative));
  return { source: 'golden', harvestedAt, ...records[index]! };
};

/**
 * Each case: the record, the resource IRI it must get, one fact checked by eye from the source, and
 * the DCAT-AP 3.0 violations its graph keeps because the source lacks what the shapes ask for
 * (path of each violation; none means the record conforms to the official shapes).
 */
const cases: Array<{ name: string; record: () => Promise<RecordToMap>; resource: string; fact: [string, string]; violations?: string[] }> = [
  {
    name: 'oai_datacite (DataCite kernel 4.4 full example)',
    record: async () => lone('oai_datacite', '10.5072/example-full', 'datacite/spec/fixtures/datacite-example-full-v4.4.xml'),
    resource: 'https://w3id.org/maillage/id/doi/10.5072/example-full',
    fact: ['http://www.w3.org/ns/dcat#bbox', 'POLYGON((-71.032 41.09, -68.211 41.09, -68.211 42.893, -71.032 42.893, -71.032 41.09))'],
    // Its related identifiers name resources of unknown type: DCAT-AP 3 wants a qualified relation's
    // target to be a Catalog, Dataset, DataService or DatasetSeries.
    violations: [relationTarget, relationTarget],
  },
  {
    name: 'datacite-json (DataCite REST attributes)',
    record: async () => lone('datacite-json', '10.5438/4k3m-nyvg', 'datacite/spec/fixtures/datacite.json'),
    resource: 'https://w3id.org/maillage/id/doi/10.5438/4k3m-nyvg',
    fact: ['http://purl.org/dc/terms/title', 'Eating your own Dog Food'],
    violations: [relationTarget, relationTarget, relationTarget], // as above: three related texts
  },
  {
    name: 'dataverse-json (Dataverse native export)',
    record: () => fromFile('dataverse/src/test/java/edu/harvard/iq/dataverse/export/ddi/dataset-finch1.json'),
    resource: 'https://w3id.org/maillage/id/doi/10.5072/fk2/pca2e3',
    fact: ['http://purl.org/dc/terms/title', "Darwin's Finches"],
  },
  {
    name: 'ror-json (ROR schema v2.1 example)',
    record: () => fromFile('misc-records/ror/example_record_v2_1.json'),
    resource: 'https://w3id.org/maillage/id/ror/00pjdza24',
    fact: ['http://xmlns.com/foaf/0.1/name', 'University of California System'],
  },
  {
    name: 'ckan-json (ckanext-dcat example package)',
    record: async () => ({ source: 'golden', id: 'ckan_dataset', format: 'ckan-json', content: file('ckanext-dcat/examples/ckan/ckan_dataset.json'), datestamp: null, harvestedAt }),
    // No persistent identifier: minted from the source and the record id.
    resource: 'https://w3id.org/maillage/id/golden/beda1dbc58b5f506e5d9',
    fact: ['http://purl.org/dc/terms/title', 'Zimbabwe Regional Geochemical Survey.'],
  },
  {
    name: 'oai_dc (xoai test record)',
    record: async () => lone('oai_dc', 'oai:xoai:1', 'oai-pmh/xoai/xoai-service-provider/src/test/resources/test/oai_dc.xml'),
    resource: 'http://hdl.handle.net/10284/210',
    fact: ['http://purl.org/dc/terms/title', 'Middleware: the layer in between'],
  },
  {
    name: 'dcat-nquads (DCAT-AP 3.0 official example)',
    record: () => fromFile('dcat-ap/3.0.0/examples/example-bee-population.ttl'),
    // A DCAT dataset keeps its own IRI.
    resource: 'https://data.gov.gr/id/dataset/BeePopulation',
    fact: ['http://purl.org/dc/terms/title', 'Bee population'],
    // The official example is minimal: no identifier, landing page (these two quarantine it under
    // the catalogue's core shapes) or name of its publisher (a foaf:Agent by DCAT-AP's range).
    violations: ['<http://purl.org/dc/terms/identifier>', '<http://xmlns.com/foaf/0.1/name>', '<http://www.w3.org/ns/dcat#landingPage>|<http://xmlns.com/foaf/0.1/homepage>'],
  },
];

async function toTurtle(quads: Parameters<Writer['addQuads']>[0]): Promise<string> {
  const writer = new Writer({ prefixes: { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, out: string) => (error ? reject(error) : resolve(out))));
}

describe.skipIf(sharedDataMissing !== null)('mapping real records to DCAT-AP 3 (golden graphs)', () => {
  it.each(cases)('$name maps to its expected graph', async ({ name, record, resource, fact }) => {
    const mapped = mapper.map(await record());
    expect(mapped.resource).toBe(resource);
    const [property, value] = fact;
    const facts = mapped.quads.filter((q) => q.predicate.value === property).map((q) => q.object.value);
    expect(facts).toContain(value);

    const golden = path.join(goldenDir, `${name.split(' ')[0]}.ttl`);
    // Expected graphs are written only when asked; a missing one is a failure, never a new golden.
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, await toTurtle(mapped.quads));
    expect(existsSync(golden), `${golden} is missing: review the mapping, then write it with UPDATE_GOLDEN=1`).toBe(true);
    const expected = new Parser().parse(readFileSync(golden, 'utf8'));
    expect(expected.length).toBeGreaterThan(0);
    expect(isomorphic(mapped.quads, expected), `${name} differs from ${golden}`).toBe(true);
  });

  it.each(cases)('$name conforms to the official DCAT-AP 3.0 shapes except where its source lacks the data', async ({ record, violations = [] }) => {
    const validator = (validatorOnce ??= RecordValidator.load({ officialDir: path.join(sharedDataDir, 'dcat-ap/3.0.1/html/shacl'), reuse: false }));
    expect(validator.officialShapes).toBe(true);
    const report = await validator.validate(mapper.map(await record()).quads);
    const found = report.findings.filter((f) => f.severity === 'Violation').map((f) => f.path ?? f.shape);
    expect(found.sort()).toEqual([...violations].sort());
  });

  it('maps the same record harvested twice to the same IRIs (stable minting)', async () => {
    const record = await cases[0]!.record();
    const first = mapper.map(record);
    const second = mapper.map({ ...record, harvestedAt: '2027-01-01T00:00:00Z' });
    expect(second.resource).toBe(first.resource);
    expect(second.graph).toBe(first.graph);
  });

  it('upgrades DCAT-AP 2 terms to their DCAT-AP 3 successors', async () => {
    const content = `<https://example.org/ds> a <http://www.w3.org/ns/dcat#Dataset> ;
      <http://purl.org/dc/terms/title> "A dataset"@en ; <http://www.w3.org/2002/07/owl#versionInfo> "2.1" ;
      <http://purl.org/dc/terms/temporal> _:t .
      _:t a <http://purl.org/dc/terms/PeriodOfTime> ; <http://schema.org/startDate> "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .`;
    const nquads = new Writer({ format: 'N-Quads' }).quadsToString(new Parser().parse(content));
    const mapped = mapper.map({ source: 'golden', id: 'https://example.org/ds', format: 'dcat-nquads', content: nquads, datestamp: null, harvestedAt });
    const predicates = mapped.quads.map((q) => q.predicate.value);
    expect(predicates).toContain('http://www.w3.org/ns/dcat#version');
    expect(predicates).toContain('http://www.w3.org/ns/dcat#startDate');
    expect(predicates).not.toContain('http://www.w3.org/2002/07/owl#versionInfo');
    expect(predicates).not.toContain('http://schema.org/startDate');
    expect(mapped.quads.every((q) => q.subject.termType === 'NamedNode')).toBe(true);
  });

  it('reports a record its format cannot read, naming the problem', () => {
    expect(() => mapper.map({ source: 'golden', id: 'broken', format: 'oai_datacite', content: '<resource><title>unclosed', datestamp: null, harvestedAt })).toThrow(/not well-formed XML/);
    expect(() => mapper.map({ source: 'golden', id: 'x', format: 'marc21', content: '{}', datestamp: null, harvestedAt })).toThrow(/no mapping for the format marc21/);
  });
});
