// Owns deriving a batch of raw records: map each to RDF, validate it, decide publish or
// quarantine by its source's policy, score it, and serialise its graph. Pure work (no store, no
// database), so it runs in worker threads as well as inline.
import { Writer } from 'n3';
import { MappingInputError, type RecordMapper, type RecordToMap } from '../mapping/index.js';
import { assessFair, fairAsDqv, type FairAssessment } from '../validation/fair-indicators.js';
import type { RecordValidator } from '../validation/record-validator.js';
import type { RecordReport } from '../validation/validation-report.js';
import { searchDocumentOf, type SearchDocument } from '../search/search-document.js';
import type { KeywordAligner } from '../thesaurus/keyword-aligner.js';
import { digestOf, type GraphDigest } from '../linking/graph-digest.js';

export type QuarantinePolicy = 'core' | 'any-violation' | 'never';

export interface RecordToDerive extends RecordToMap {
  checksum: string;
  deleted: boolean;
}

export interface DerivedRecord {
  recordId: string;
  checksum: string;
  status: 'published' | 'quarantined' | 'unmappable' | 'deleted';
  graph: string;
  resource: string | null;
  resourceTypes: string[];
  /** The record's graph as N-Triples (empty unless published). */
  ntriples: string;
  report: RecordReport | null;
  fair: FairAssessment | null;
  error: string | null;
  /** What the search index keeps of a published record. */
  document: SearchDocument | null;
  /** What the link index keeps of a published record. */
  digest: GraphDigest | null;
}

function toNTriples(quads: Parameters<Writer['addQuads']>[0]): string {
  const writer = new Writer({ format: 'N-Triples' });
  writer.addQuads(quads);
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

export async function deriveBatch(
  mapper: RecordMapper,
  validator: RecordValidator,
  records: RecordToDerive[],
  policy: QuarantinePolicy,
  aligner: KeywordAligner | null = null,
): Promise<DerivedRecord[]> {
  const out: DerivedRecord[] = [];
  for (const record of records) {
    const graph = mapper.iris.recordGraph(record.source, record.id);
    const base = { recordId: record.id, checksum: record.checksum, graph, ntriples: '', report: null, fair: null, error: null, resource: null, resourceTypes: [], document: null, digest: null };
    if (record.deleted) {
      out.push({ ...base, status: 'deleted' });
      continue;
    }
    let mapped;
    try {
      mapped = mapper.map(record);
    } catch (error) {
      if (!(error instanceof MappingInputError)) throw error;
      out.push({ ...base, status: 'unmappable', error: error.message });
      continue;
    }
    // Keywords aligned to the thesaurus become themes before the record is validated and scored.
    const quads = aligner ? [...mapped.quads, ...aligner.alignmentQuads(mapped.resource, graph, mapped.quads)] : mapped.quads;
    const report = await validator.validate(quads);
    const quarantined = policy === 'core' ? report.coreViolations > 0 : policy === 'any-violation' ? report.violations > 0 : false;
    const fair = assessFair(mapped.resource, quads, report, !quarantined);
    out.push({
      ...base,
      status: quarantined ? 'quarantined' : 'published',
      resource: mapped.resource,
      resourceTypes: mapped.resourceTypes,
      ntriples: quarantined ? '' : toNTriples([...quads, ...fairAsDqv(mapped.resource, graph, fair)]),
      report,
      fair,
      document: quarantined ? null : searchDocumentOf(mapped.resource, record.source, mapped.resourceTypes, quads),
      digest: quarantined ? null : digestOf(quads),
    });
  }
  return out;
}
