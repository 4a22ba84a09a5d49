// Owns the FAIR indicators of a catalogued resource (after the RDA FAIR Data Maturity Model and
// F-UJI's metric list, narrowed to what metadata alone can show) and their scores per principle,
// written with the W3C Data Quality Vocabulary so that every API can read them from the graph.
// The metrics themselves are described in ontology/fair-metrics.ttl.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { expandCurie, prefixes } from '../mapping/index.js';
import type { RecordReport } from './validation-report.js';

const { namedNode, literal, quad } = DataFactory;

export type Principle = 'F' | 'A' | 'I' | 'R';

export interface FairIndicator {
  id: string;
  principle: Principle;
  met: boolean;
}

export interface FairAssessment {
  indicators: FairIndicator[];
  /** Share of each principle's indicators met, 0 to 1. */
  scores: Record<Principle, number>;
}

const persistentSchemes = /\/id\/(doi|handle|ark|swhid|hal)\//;

export function assessFair(resource: string, quads: readonly Quad[], report: RecordReport, published: boolean): FairAssessment {
  const about = quads.filter((q) => q.subject.value === resource);
  const has = (property: string) => about.some((q) => q.predicate.value === property);
  const values = (property: string) => about.filter((q) => q.predicate.value === property).map((q) => q.object);
  const p = expandCurie;
  const rich = ['dct:title', 'dct:description', 'dct:creator', 'dct:issued'].filter((property) => has(p(property))).length + (has(p('dcat:keyword')) || has(p('dcat:theme')) ? 1 : 0);
  const indicators: FairIndicator[] = [
    { id: 'F1-persistent-identifier', principle: 'F', met: persistentSchemes.test(resource) },
    { id: 'F2-rich-metadata', principle: 'F', met: rich >= 4 },
    { id: 'F3-identifier-in-metadata', principle: 'F', met: has(p('dct:identifier')) },
    { id: 'F4-indexed', principle: 'F', met: published },
    { id: 'A1-open-protocol', principle: 'A', met: values(p('dcat:landingPage')).some((o) => /^https?:\/\//.test(o.value)) },
    // The catalogue keeps a record's metadata (a tombstone) when the source deletes it.
    { id: 'A2-metadata-persistence', principle: 'A', met: true },
    { id: 'I1-formal-language', principle: 'I', met: true },
    { id: 'I2-fair-vocabularies', principle: 'I', met: values(p('dcat:theme')).some((o) => o.termType === 'NamedNode') },
    { id: 'I3-qualified-references', principle: 'I', met: has(p('dcat:qualifiedRelation')) },
    { id: 'R1.1-licence', principle: 'R', met: has(p('dct:license')) },
    { id: 'R1.2-provenance', principle: 'R', met: has(p('dct:creator')) || has(p('dct:publisher')) },
    { id: 'R1.3-community-standard', principle: 'R', met: report.conforms },
  ];
  const scores = { F: 0, A: 0, I: 0, R: 0 } as Record<Principle, number>;
  for (const principle of Object.keys(scores) as Principle[]) {
    const own = indicators.filter((i) => i.principle === principle);
    scores[principle] = Math.round((own.filter((i) => i.met).length / own.length) * 100) / 100;
  }
  return { indicators, scores };
}

/** The assessment as DQV quality measurements on the resource, inside the record's graph. */
export function fairAsDqv(resource: string, graph: string, assessment: FairAssessment): Quad[] {
  const dqv = (local: string) => namedNode(`${prefixes.dqv}${local}`);
  const subject = namedNode(resource);
  const out: Quad[] = [];
  const measure = (metric: string, value: ReturnType<typeof literal>) => {
    const node = namedNode(`${graph}#fair-${metric}`);
    out.push(
      quad(subject, dqv('hasQualityMeasurement'), node),
      quad(node, namedNode(`${prefixes.rdf}type`), dqv('QualityMeasurement')),
      quad(node, dqv('computedOn'), subject),
      quad(node, dqv('isMeasurementOf'), namedNode(`${prefixes.fair}${metric}`)),
      quad(node, dqv('value'), value),
    );
  };
  for (const indicator of assessment.indicators) measure(indicator.id, literal(String(indicator.met), namedNode(`${prefixes.xsd}boolean`)));
  for (const [principle, score] of Object.entries(assessment.scores)) measure(`score-${principle}`, literal(score.toFixed(2), namedNode(`${prefixes.xsd}decimal`)));
  return out;
}
