// Owns counting facet values over a set of matched documents in memory: the facet table read once
// into posting lists (facet -> value -> document ids) and each document's resource as a number, so
// a count is one pass over the postings with a bitmap of the matched documents, and a resource that
// several records describe counts once. Read again when the database changed (contentVersion).
import { contentVersion, type RecordsDatabase } from '../records/index.js';
import type { Facet } from './search-document.js';
import type { FacetCount } from './search-index.js';

export class FacetPostings {
  private version = '';
  private postings = new Map<string, Map<string, Int32Array>>();
  private resourceOf = new Int32Array(0);
  private resources = 0;

  constructor(private readonly db: RecordsDatabase) {}

  private current(): void {
    const version = contentVersion(this.db);
    if (version === this.version) return;
    const documents = this.db.prepare('SELECT id, resource FROM search_documents').raw().all() as Array<[number, string]>;
    const maxId = documents.reduce((max, [id]) => Math.max(max, id), 0);
    const resourceOf = new Int32Array(maxId + 1).fill(-1);
    const ordinals = new Map<string, number>();
    for (const [id, resource] of documents) {
      let ordinal = ordinals.get(resource);
      if (ordinal === undefined) ordinals.set(resource, (ordinal = ordinals.size));
      resourceOf[id] = ordinal;
    }
    const lists = new Map<string, Map<string, number[]>>();
    for (const [document, facet, value] of this.db.prepare('SELECT document, facet, value FROM search_facets').raw().iterate() as Iterable<[number, string, string]>) {
      const byValue = lists.get(facet) ?? lists.set(facet, new Map()).get(facet)!;
      (byValue.get(value) ?? byValue.set(value, []).get(value)!).push(document);
    }
    this.postings = new Map([...lists].map(([facet, byValue]) => [facet, new Map([...byValue].map(([value, docs]) => [value, Int32Array.from(docs)]))]));
    this.resourceOf = resourceOf;
    this.resources = ordinals.size;
    this.version = version;
  }

  /** Distinct resources per value of each facet, among the matched documents (all when null). */
  count(facets: readonly Facet[], matched: readonly number[] | null): Array<FacetCount & { facet: Facet }> {
    this.current();
    let inSet: Uint8Array | null = null;
    if (matched) {
      inSet = new Uint8Array(this.resourceOf.length);
      for (const id of matched) if (id < inSet.length) inSet[id] = 1;
    }
    const seen = new Int32Array(this.resources).fill(-1);
    let stamp = 0;
    const out: Array<FacetCount & { facet: Facet }> = [];
    for (const facet of facets) {
      for (const [value, docs] of this.postings.get(facet) ?? []) {
        stamp += 1;
        let count = 0;
        for (const doc of docs) {
          if (inSet && inSet[doc] !== 1) continue;
          const resource = this.resourceOf[doc]!;
          if (resource < 0 || seen[resource] === stamp) continue;
          seen[resource] = stamp;
          count += 1;
        }
        if (count > 0) out.push({ facet, value, count });
      }
    }
    return out;
  }
}
