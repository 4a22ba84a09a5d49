// The W3C SHACL core test suite (../shared/data/w3c-shacl/core) through shacl-engine, the validator
// the derive stage uses, each test compared with its expected report; rdf-validate-shacl, the
// candidate it was measured against, runs the same tests as the peer.
import path from 'node:path';
import rdfDataModel from '@rdfjs/data-model';
import rdfDataset from '@rdfjs/dataset';
import type { DatasetCore } from '@rdfjs/types';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator } from 'shacl-engine';
import { Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';
import { loadSuite, reportOf, type ShaclTest } from './w3c-shacl-suite.js';

/** Both engines build their report as an RDF dataset (their typings leave it out). */
const graphOf = (report: unknown): DatasetCore => (report as { dataset: DatasetCore }).dataset;
const tests: ShaclTest[] = sharedDataMissing ? [] : loadSuite(path.join(sharedDataDir, 'w3c-shacl/core/manifest.ttl'));
// Reports are built as RDF, so the factory makes datasets too.
const factory = Object.assign(Object.create(rdfDataModel) as typeof rdfDataModel, { dataset: (quads?: Parameters<typeof rdfDataset.dataset>[0]) => rdfDataset.dataset(quads) });

describe.skipIf(sharedDataMissing !== null)(`W3C SHACL core tests${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  it('has the whole core suite to run', () => {
    expect(tests.length).toBe(98);
    expect(tests.filter((t) => t.expected && t.expected.results.length > 0).length).toBeGreaterThan(90);
  });

  // As RecordValidator runs it: shapes and data graph each in an N3.Store.
  it.each(tests.map((t) => [t.id, t] as const))('shacl-engine: %s', async (_id, test) => {
    const report = await new Validator(new Store(test.shapes), { factory: factory as never }).validate({ dataset: new Store(test.data) });
    expect(reportOf(graphOf(report))).toEqual(test.expected);
  });

  it('rdf-validate-shacl, the peer, on the same tests', async () => {
    let passed = 0;
    for (const test of tests) {
      const report = await new SHACLValidator(rdfDataset.dataset(test.shapes)).validate(rdfDataset.dataset(test.data));
      if (JSON.stringify(reportOf(graphOf(report))) === JSON.stringify(test.expected)) passed += 1;
    }
    process.stdout.write(`W3C SHACL core: rdf-validate-shacl passes ${passed} of ${tests.length}\n`);
    expect(passed).toBeGreaterThan(0);
  });
});
