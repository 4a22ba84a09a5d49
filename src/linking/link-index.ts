// Owns the link index in the records database: the links and node summaries of every published
// record graph (see graph-digest.ts), written by the derive stage in the same transaction as the
// record's derivation, and read by GraphQL in indexed lookups instead of SPARQL. It follows the
// system of record: a record graph changed by hand through SPARQL Update shows there at the next
// derivation of that record.
import { AnswerCache, type RecordsDatabase } from '../records/index.js';
import type { GraphDigest } from './graph-digest.js';

export interface IndexedLink {
  /** The resource asked about. */
  resource: string;
  property: string;
  direction: 'OUTGOING' | 'INCOMING';
  other: string;
  graph: string;
  relationType: string | null;
}

export interface IndexedSummary {
  node: string;
  predicate: string;
  value: string;
  lang: string | null;
  /** The source whose records state it, and how many of them do. */
  source: string;
  refs: number;
}

export class LinkIndex {
  private readonly deleteLinks;
  private readonly deleteSummaries;
  private readonly insertLink;
  private readonly insertSummary;
  private readonly outgoing;
  private readonly incoming;
  private readonly summaryRows;
  private readonly recordSummaries;
  private readonly addRef;
  private readonly dropRef;
  private readonly dropUnreferenced;
  /** Result lists show the same resources again and again: their summaries are remembered until the database changes. */
  private readonly summaryCache: AnswerCache;

  constructor(private readonly db: RecordsDatabase) {
    this.summaryCache = new AnswerCache(db, 20_000);
    this.deleteLinks = db.prepare('DELETE FROM graph_links WHERE source = ? AND record_id = ?');
    this.deleteSummaries = db.prepare('DELETE FROM graph_summaries WHERE source = ? AND record_id = ?');
    this.insertLink = db.prepare('INSERT INTO graph_links (source, record_id, graph, subject, property, object, relation_type) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertSummary = db.prepare('INSERT INTO graph_summaries (source, record_id, node, predicate, value, lang) VALUES (?, ?, ?, ?, ?, ?)');
    // At most `n` links each way per resource (row_number over the index's order), so a resource
    // with 100,000 incoming links costs a page, not the whole list.
    this.outgoing = db.prepare(
      'SELECT resource, property, other, graph, relationType FROM (SELECT subject AS resource, property, object AS other, graph, relation_type AS relationType, row_number() OVER (PARTITION BY subject ORDER BY rowid) AS n FROM graph_links WHERE subject IN (SELECT value FROM json_each(?))) WHERE n <= ?',
    );
    // Incoming links come from resources, not from a record's inner nodes (IRIs with a fragment).
    this.incoming = db.prepare(
      "SELECT resource, property, other, graph, relationType FROM (SELECT object AS resource, property, subject AS other, graph, relation_type AS relationType, row_number() OVER (PARTITION BY object ORDER BY rowid) AS n FROM graph_links WHERE object IN (SELECT value FROM json_each(?)) AND instr(subject, '#') = 0) WHERE n <= ?",
    );
    // In node_summaries an IRI value has lang '-' (a literal's is its tag, '' for none): part of the key.
    this.summaryRows = db.prepare("SELECT node, predicate, value, CASE lang WHEN '-' THEN NULL ELSE lang END AS lang, source, refs FROM node_summaries WHERE node IN (SELECT value FROM json_each(?))");
    this.recordSummaries = db.prepare("SELECT node, predicate, value, coalesce(lang, '-') AS lang FROM graph_summaries WHERE source = ? AND record_id = ?");
    this.addRef = db.prepare('INSERT INTO node_summaries (node, predicate, value, lang, source, refs) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET refs = refs + 1');
    this.dropRef = db.prepare('UPDATE node_summaries SET refs = refs - 1 WHERE node = ? AND predicate = ? AND value = ? AND lang = ? AND source = ?');
    this.dropUnreferenced = db.prepare('DELETE FROM node_summaries WHERE node = ? AND predicate = ? AND value = ? AND lang = ? AND source = ? AND refs <= 0');
  }

  /** Replaces (or, with null, removes) what one record graph contributes. Call inside the derive transaction. */
  save(source: string, recordId: string, graph: string, digest: GraphDigest | null): void {
    this.deleteLinks.run(source, recordId);
    for (const old of this.recordSummaries.all(source, recordId) as Array<{ node: string; predicate: string; value: string; lang: string }>) {
      this.dropRef.run(old.node, old.predicate, old.value, old.lang, source);
      this.dropUnreferenced.run(old.node, old.predicate, old.value, old.lang, source);
    }
    this.deleteSummaries.run(source, recordId);
    if (!digest) return;
    for (const l of digest.links) this.insertLink.run(source, recordId, graph, l.subject, l.property, l.object, l.relationType);
    for (const s of digest.summaries) {
      this.insertSummary.run(source, recordId, s.node, s.predicate, s.value, s.lang);
      this.addRef.run(s.node, s.predicate, s.value, s.lang ?? '-', source);
    }
  }

  /** Links of the resources, both directions, each once per record graph that states it: the first `perDirection` each way. */
  links(resources: readonly string[], perDirection: number): IndexedLink[] {
    const list = JSON.stringify(resources);
    const rows = [
      ...(this.outgoing.all(list, perDirection) as Array<Omit<IndexedLink, 'direction'>>).map((r) => ({ ...r, direction: 'OUTGOING' as const })),
      ...(this.incoming.all(list, perDirection) as Array<Omit<IndexedLink, 'direction'>>).map((r) => ({ ...r, direction: 'INCOMING' as const })),
    ];
    return rows;
  }

  /** Types and labels of the nodes, over every record graph (each value once). */
  summaries(nodes: readonly string[]): IndexedSummary[] {
    return this.summaryCache
      .answersFor(nodes, (missing) => {
        const byNode = new Map<string, IndexedSummary[]>(missing.map((node) => [node, []]));
        for (const row of this.summaryRows.all(JSON.stringify(missing)) as IndexedSummary[]) byNode.get(row.node)?.push(row);
        return byNode;
      })
      .flat();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM node_summaries LIMIT 1').get() === undefined;
  }
}
