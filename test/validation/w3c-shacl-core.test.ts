// The W3C SHACL core test suite (../shared/data/w3c-shacl/core) through RecordValidator, the
// project's own validator (shacl-engine underneath, with its result reuse), each test's findings
// compared with the expected report's results. Every test runs twice on one validator, so the
// second answer comes from what the first one left for reuse.
import path from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { RecordValidator, type Finding } from '../../src/validation/index.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';
import { loadSuite, type ShaclTest } from './w3c-shacl-suite.js';

const sh = 'http://www.w3.org/ns/shacl#';
const tests: ShaclTest[] = sharedDataMissing ? [] : loadSuite(path.join(sharedDataDir, 'w3c-shacl/core/manifest.ttl'));

/** A term as the suite's summaries write it, reduced to what a finding keeps (a literal's value, a blank node's kind). */
const reducedKey = (key: string): string => (key.startsWith('"') ? key.slice(1, key.lastIndexOf('"^^')) : key);
const termKey = (term: Term): string => (term.termType === 'BlankNode' ? '_' : term.value);

/** One expected result, as the fields a finding can be compared on. */
function expectedKey(result: string): string {
  const [focus, resultPath, severity, component, shape, value] = result.split(' | ');
  return [reducedKey(focus!), resultPath, severity, component, shape, reducedKey(value!)].join(' | ');
}

function findingKey(finding: Finding, blankNodes: Set<string>): string {
  const focus = blankNodes.has(finding.focusNode) ? '_' : finding.focusNode;
  const resultPath = finding.path === null ? '-' : /^<[^>]+>$/.test(finding.path) ? finding.path.slice(1, -1) : '_';
  const shape = finding.shape.startsWith('_:') ? '_' : finding.shape;
  const value = finding.value === null ? '-' : termKey(new Parser({ format: 'N-Triples' }).parse(`<urn:s> <urn:p> ${finding.value} .`)[0]!.object);
  const severity = finding.severity.includes(':') ? finding.severity : `${sh}${finding.severity}`;
  return [focus, resultPath, severity, finding.component, shape, value].join(' | ');
}

const blankNodesOf = (quads: Quad[]) => new Set(quads.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType === 'BlankNode').map((t) => t.value));

describe.skipIf(sharedDataMissing !== null)(`W3C SHACL core tests${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  it('has the whole core suite to run', () => {
    expect(tests.length).toBe(98);
    expect(tests.filter((t) => t.expected && t.expected.results.length > 0).length).toBeGreaterThan(90);
  });

  it.each(tests.map((t) => [t.id, t] as const))('RecordValidator: %s', async (_id, test) => {
    const validator = RecordValidator.fromShapes({ coreQuads: [], profileQuads: test.shapes });
    const expected = test.expected!;
    for (const round of ['first', 'reused']) {
      const report = await validator.validate(test.data);
      // SHACL conforms only without any result; the product's `conforms` allows warnings (quarantine is for violations).
      expect(report.findings.length === 0, round).toBe(expected.conforms);
      const found = report.findings.map((f) => findingKey(f, blankNodesOf(test.data))).sort();
      expect(found, round).toEqual(expected.results.map(expectedKey).sort());
    }
  });
});
