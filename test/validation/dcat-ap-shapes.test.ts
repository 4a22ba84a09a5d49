// The DCAT-AP 3.0 shapes the product carries (shapes/dcat-ap-3/, written from the specification)
// against the published SHACL files in ../shared/data: the same violations, focus node by focus
// node, on the official examples, real records of every source format, and the demo catalogue.
// The bundled shapes leave out the specification's nested shapes (the range of foaf:primaryTopic
// and dcat:relation, date-or-date-time values), so the published files' findings from a nested
// shape (sh:NodeConstraintComponent) are set aside, and counted.
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { bundledDcatApShapes } from '../../src/config/index.js';
import { writeDemoCatalogue } from '../../src/demo/index.js';
import { readFileRecords } from '../../src/harvest/ingest/file-records.js';
import { RecordMapper } from '../../src/mapping/index.js';
import { RecordValidator, type RecordReport } from '../../src/validation/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const nested = 'http://www.w3.org/ns/shacl#NodeConstraintComponent';
const violations = (report: RecordReport, skipNested: boolean) =>
  report.findings
    .filter((f) => f.severity === 'Violation' && !(skipNested && f.component === nested))
    .map((f) => `${f.focusNode} ${f.path ?? ''} ${f.component}`)
    .sort();

describe.skipIf(sharedDataMissing !== null)(`bundled DCAT-AP 3.0 shapes against the published ones${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  it('find the same violations on the official examples, real records and the demo catalogue', async () => {
    const mapper = RecordMapper.load('https://w3id.org/maillage/');
    const records: Array<{ name: string; quads: Quad[] }> = [];
    const add = async (file: string, source: string) => {
      for (const r of (await readFileRecords(file)).records) records.push({ name: `${path.basename(file)} ${r.id}`, quads: mapper.map({ source, harvestedAt: '2026-11-22T00:00:00Z', ...r }).quads });
    };
    const examples = path.join(sharedDataDir, 'dcat-ap/3.0.0/examples');
    // Some published examples are not valid Turtle (a prefixed name starting with '/'): the reader refuses those.
    let unreadable = 0;
    for (const file of readdirSync(examples).filter((f) => f.endsWith('.ttl'))) await add(path.join(examples, file), 'examples').catch(() => (unreadable += 1));
    expect(unreadable).toBeLessThan(readdirSync(examples).filter((f) => f.endsWith('.ttl')).length);
    for (const file of ['dataverse/src/test/java/edu/harvard/iq/dataverse/export/ddi/dataset-finch1.json', 'misc-records/ror/example_record_v2_1.json']) await add(path.join(sharedDataDir, file), 'real');
    // Real records whose files hold one record in a known format (as the golden mapping tests read them).
    for (const [format, id, file] of [
      ['oai_datacite', '10.5072/example-full', 'datacite/spec/fixtures/datacite-example-full-v4.4.xml'],
      ['datacite-json', '10.5438/4k3m-nyvg', 'datacite/spec/fixtures/datacite.json'],
      ['ckan-json', 'ckan_dataset', 'ckanext-dcat/examples/ckan/ckan_dataset.json'],
      ['oai_dc', 'oai:xoai:1', 'oai-pmh/xoai/xoai-service-provider/src/test/resources/test/oai_dc.xml'],
    ] as const) {
      const content = readFileSync(path.join(sharedDataDir, file), 'utf8');
      records.push({ name: file, quads: mapper.map({ source: 'real', id, format, content, datestamp: null, harvestedAt: '2026-11-22T00:00:00Z' }).quads });
    }
    const data = temporaryDataDir('dcat-ap-shapes');
    try {
      for (const file of writeDemoCatalogue(path.join(data.dir, 'demo')).files) await add(file, 'demo');
    } finally {
      data.remove();
    }
    expect(records.length).toBeGreaterThan(1000);

    const bundled = RecordValidator.load({ officialDir: bundledDcatApShapes, reuse: false });
    const published = RecordValidator.load({ officialDir: path.join(sharedDataDir, 'dcat-ap/3.0.1/html/shacl'), reuse: false });
    expect(bundled.officialShapes).toBe(true);
    let compared = 0;
    let nestedOnly = 0;
    const differing: string[] = [];
    for (const { name, quads } of records) {
      const theirs = await published.validate(quads);
      const ours = violations(await bundled.validate(quads), false);
      nestedOnly += violations(theirs, false).length - violations(theirs, true).length;
      if (JSON.stringify(ours) !== JSON.stringify(violations(theirs, true))) differing.push(`${name}: ours ${ours.join('; ')} | published ${violations(theirs, true).join('; ')}`);
      compared += ours.length;
    }
    process.stdout.write(`DCAT-AP shapes: ${records.length} records, ${compared} violations compared, ${nestedOnly} from nested shapes set aside\n`);
    expect(differing).toEqual([]);
  }, 180_000);
});
