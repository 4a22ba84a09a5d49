// Owns what a validation says about one record: findings in plain JSON (for the API and the
// reports table) and the same as a SHACL ValidationReport graph (kept per record).
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser, Writer } from 'n3';

/** SHACL's three severities by name; a shape's own severity (SHACL allows any IRI) by its IRI. */
export type Severity = 'Violation' | 'Warning' | 'Info' | `${string}:${string}`;

const shaclSeverities = new Set(['Violation', 'Warning', 'Info']);

export function severityOf(iri: string): Severity {
  const local = iri.startsWith('http://www.w3.org/ns/shacl#') ? iri.slice('http://www.w3.org/ns/shacl#'.length) : null;
  return local !== null && shaclSeverities.has(local) ? (local as Severity) : (iri as Severity);
}

export interface Finding {
  severity: Severity;
  focusNode: string;
  /** The property path, as SPARQL property-path text. */
  path: string | null;
  /** The offending value in N-Triples syntax, when there is one. */
  value: string | null;
  message: string;
  shape: string;
  component: string;
  /** A core shape: the record cannot be found without it (quarantine). */
  core: boolean;
}

export interface RecordReport {
  /** True when no shape reports a violation (warnings and infos allowed). */
  conforms: boolean;
  coreViolations: number;
  violations: number;
  warnings: number;
  infos: number;
  findings: Finding[];
  /** Every result came from earlier alike records (same structure, or the same neighbourhood per focus node and shape). */
  reused: boolean;
}

export function summarise(findings: Finding[], reused: boolean): RecordReport {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const violations = count('Violation');
  return {
    conforms: violations === 0,
    coreViolations: findings.filter((f) => f.core && f.severity === 'Violation').length,
    violations,
    warnings: count('Warning'),
    infos: count('Info'),
    findings,
    reused,
  };
}

const { namedNode, literal, blankNode, quad } = DataFactory;
const sh = (local: string) => namedNode(`http://www.w3.org/ns/shacl#${local}`);
const rdfType = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

/** A value kept in N-Triples syntax, read back by the N-Triples parser. */
function termOf(ntriples: string): Term {
  return new Parser({ format: 'N-Triples' }).parse(`<urn:s> <urn:p> ${ntriples} .`)[0]!.object;
}

/** The report as a SHACL 1.0 sh:ValidationReport, in Turtle. */
export function reportAsTurtle(report: RecordReport): Promise<string> {
  const quads: Quad[] = [];
  const root = blankNode('report');
  quads.push(quad(root, rdfType, sh('ValidationReport')));
  quads.push(quad(root, sh('conforms'), literal(String(report.conforms), namedNode('http://www.w3.org/2001/XMLSchema#boolean'))));
  report.findings.forEach((finding, i) => {
    const result = blankNode(`r${i}`);
    quads.push(quad(root, sh('result'), result), quad(result, rdfType, sh('ValidationResult')));
    quads.push(quad(result, sh('resultSeverity'), finding.severity.includes(':') ? namedNode(finding.severity) : sh(finding.severity)));
    quads.push(quad(result, sh('focusNode'), namedNode(finding.focusNode)));
    quads.push(quad(result, sh('sourceConstraintComponent'), namedNode(finding.component)));
    if (!finding.shape.startsWith('_:')) quads.push(quad(result, sh('sourceShape'), namedNode(finding.shape)));
    if (finding.path && /^<[^>]+>$/.test(finding.path)) quads.push(quad(result, sh('resultPath'), namedNode(finding.path.slice(1, -1))));
    if (finding.value) quads.push(quad(result, sh('value'), termOf(finding.value) as never));
    quads.push(quad(result, sh('resultMessage'), literal(finding.message)));
  });
  const writer = new Writer({ prefixes: { sh: 'http://www.w3.org/ns/shacl#' } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, out: string) => (error ? reject(error) : resolve(out))));
}
