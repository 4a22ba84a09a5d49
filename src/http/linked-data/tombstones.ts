// Owns what a deleted record leaves behind on the web: its IRI, and the IRI of what it described,
// answer 410 Gone with the last metadata the source published (mapped again from the raw record the
// system of record keeps) and when and where the deletion happened.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { catalogueIris, prefixes, RecordMapper } from '../../mapping/index.js';
import type { Derivation, RawRecordStore, RecordDerivations } from '../../records/index.js';

const { namedNode, literal, quad } = DataFactory;

export interface Tombstone {
  deletedAt: string | null;
  quads: Quad[];
}

export class Tombstones {
  private mapper: RecordMapper | null = null;

  constructor(
    private readonly records: RawRecordStore,
    private readonly derivations: RecordDerivations,
    private readonly iriBase: string,
  ) {}

  /** The tombstone of a record IRI, or of a resource whose every record is deleted; null otherwise. */
  find(iri: string): Tombstone | null {
    const recordPrefix = `${this.iriBase}record/`;
    if (iri.startsWith(recordPrefix)) {
      const [source, id] = iri.slice(recordPrefix.length).split('/');
      const asRecord = source && id ? this.derivations.get(decodeURIComponent(source), decodeURIComponent(id)) : null;
      return asRecord?.status === 'deleted' ? this.of(asRecord) : null;
    }
    const describedBy = this.derivations.byResource(iri);
    if (describedBy.length === 0 || describedBy.some((d) => d.status !== 'deleted')) return null;
    return this.of(describedBy[0]!);
  }

  private of(derivation: Derivation): Tombstone {
    const raw = this.records.record(derivation.source, derivation.recordId);
    const deletedAt = raw?.deletedAt ?? null;
    const record = namedNode(catalogueIris(this.iriBase).recordGraph(derivation.source, derivation.recordId));
    const quads: Quad[] = [
      quad(record, namedNode(`${prefixes.rdf}type`), namedNode(`${prefixes.dcat}CatalogRecord`)),
      quad(record, namedNode(`${prefixes.adms}status`), namedNode('http://purl.org/adms/status/Withdrawn')),
      quad(record, namedNode(`${prefixes.dct}isPartOf`), namedNode(`${this.iriBase}catalog/${derivation.source}`)),
    ];
    if (deletedAt) quads.push(quad(record, namedNode(`${prefixes.prov}invalidatedAtTime`), literal(deletedAt, namedNode(`${prefixes.xsd}dateTime`))));
    if (derivation.resource) quads.push(quad(record, namedNode(`${prefixes.foaf}primaryTopic`), namedNode(derivation.resource)));
    // The last version the source published, when the deletion kept it (a deletion of a record
    // never seen has none).
    if (raw && raw.content) {
      this.mapper ??= RecordMapper.load(this.iriBase);
      try {
        const mapped = this.mapper.map({ ...raw, harvestedAt: raw.updatedAt });
        quads.push(...mapped.quads.filter((q) => !q.subject.equals(record)).map((q) => quad(q.subject, q.predicate, q.object)));
      } catch {
        // A last version the current mappings cannot read: the tombstone stays without it.
      }
    }
    return { deletedAt, quads };
  }
}
