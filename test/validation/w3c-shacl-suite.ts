// Reads the W3C SHACL test suite (../shared/data/w3c-shacl): manifests and their included test
// files, each test with its data graph, shapes graph and expected validation report; and compares
// a report with the expected one as the suite's README says: sh:conforms, and the results as a
// multiset of (focus node, path, severity, constraint component, source shape, value), blank nodes
// standing for any blank node (messages and details are not compared).
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';

const mf = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const sht = 'http://www.w3.org/ns/shacl-test#';
const sh = 'http://www.w3.org/ns/shacl#';
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const rdfFirst = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
const rdfRest = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';

export interface ShaclTest {
  id: string;
  label: string;
  data: Quad[];
  shapes: Quad[];
  /** null when the test expects the validator to fail (sht:Failure). */
  expected: ReportSummary | null;
}

export interface ReportSummary {
  conforms: boolean;
  results: string[];
}

const parseFile = (url: string): Quad[] => new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), 'utf8'));
const objects = (quads: Quad[], subject: Term, predicate: string) => quads.filter((q) => q.subject.equals(subject) && q.predicate.value === predicate).map((q) => q.object);

function list(quads: Quad[], head: Term): Term[] {
  const out: Term[] = [];
  for (let node: Term | undefined = head; node && node.value !== `${rdfType.slice(0, -4)}nil`; node = objects(quads, node, rdfRest)[0]) {
    const first = objects(quads, node, rdfFirst)[0];
    if (!first) break;
    out.push(first);
  }
  return out;
}

const key = (term: Term | undefined) => (term === undefined ? '-' : term.termType === 'BlankNode' ? '_' : term.termType === 'Literal' ? `"${term.value}"^^${term.datatype.value}@${term.language}` : term.value);

/** A report's conforms flag and results, from its graph. */
export function summarise(quads: Quad[], report: Term): ReportSummary {
  const conforms = objects(quads, report, `${sh}conforms`)[0]?.value === 'true';
  const results = objects(quads, report, `${sh}result`)
    .map((r) => ['focusNode', 'resultPath', 'resultSeverity', 'sourceConstraintComponent', 'sourceShape', 'value'].map((p) => key(objects(quads, r, `${sh}${p}`)[0])).join(' | '))
    .sort();
  return { conforms, results };
}

export function reportOf(dataset: DatasetCore): ReportSummary {
  const quads = [...dataset] as Quad[];
  const report = quads.find((q) => q.predicate.value === rdfType && q.object.value === `${sh}ValidationReport`)?.subject;
  if (!report) throw new Error('no sh:ValidationReport in the report graph');
  return summarise(quads, report);
}

/** Every test the manifest includes, recursively. */
export function loadSuite(manifestFile: string): ShaclTest[] {
  const url = pathToFileURL(manifestFile).href;
  const quads = parseFile(url);
  const tests: ShaclTest[] = [];
  for (const include of quads.filter((q) => q.predicate.value === `${mf}include`)) tests.push(...loadSuite(fileURLToPath(include.object.value)));
  for (const entries of quads.filter((q) => q.predicate.value === `${mf}entries`)) {
    for (const entry of list(quads, entries.object)) {
      const action = objects(quads, entry, `${mf}action`)[0]!;
      const graph = (p: string) => {
        const at = objects(quads, action, `${sht}${p}`)[0]!.value;
        return at === url ? quads : parseFile(at);
      };
      const result = objects(quads, entry, `${mf}result`)[0]!;
      tests.push({
        id: entry.value.replace(/^file:\/\/.*\/w3c-shacl\//, ''),
        label: objects(quads, entry, 'http://www.w3.org/2000/01/rdf-schema#label')[0]?.value ?? entry.value,
        data: graph('dataGraph'),
        shapes: graph('shapesGraph'),
        expected: result.value === `${sht}Failure` ? null : summarise(quads, result),
      });
    }
  }
  return tests;
}
