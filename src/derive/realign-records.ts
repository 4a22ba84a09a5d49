// Owns keeping keyword alignments in step with the thesaurus: after terminology managers change it,
// the derive workers get the new version and only the records it may align differently are derived
// again: those whose keywords carry a label the change added or removed, or themed with a changed
// concept. A whole-scheme import re-derives everything. Runs in the background, one at a time.
import { sparqlIri } from '../rdf/index.js';
import type { Logger } from '../log/index.js';
import type { GraphStore } from '../store/index.js';
import { changedFields, normalizeLabel, thesaurusGraph, type Concept, type ConceptScheme, type ThesaurusChangeEvent } from '../thesaurus/index.js';
import { rederive, reindex, type DeriveDeps } from './derive-records.js';

const skos = 'http://www.w3.org/2004/02/skos/core#';

/**
 * The aligned thesaurus as the store holds it, in N-Triples, with the exact and close matches that
 * the other loaded concept schemes state (the links of mapping chains: a record's concept that
 * another vocabulary equates with one the thesaurus maps to); null when the store has no thesaurus.
 */
export async function storedThesaurus(store: GraphStore): Promise<string | null> {
  const formats = { results: 'application/sparql-results+json', graph: 'application/n-triples' } as const;
  const { body } = await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(thesaurusGraph)} { ?s ?p ?o } }`, formats);
  if (body.trim().length === 0) return null;
  const bridges = await store.querySerialized(
    `CONSTRUCT { ?a ?m ?b } WHERE { GRAPH ?g { ?scheme a <${skos}ConceptScheme> . ?a ?m ?b FILTER(?m IN (<${skos}exactMatch>, <${skos}closeMatch>) && isIRI(?b)) } FILTER(?g != ${sparqlIri(thesaurusGraph)}) }`,
    formats,
  );
  return body + bridges.body;
}

const labelsOf = (concept: Concept | null) =>
  new Set(concept ? [concept.prefLabel, concept.altLabel].flatMap((map) => Object.values(map).flat().map(normalizeLabel)) : []);

/**
 * What a change can re-align: a label added or removed changes which keywords match; a concept whose
 * preferred labels (copied into record graphs), deprecation or replacement changed concerns the
 * records themed with it and every keyword matching its labels; a mapping added or removed concerns
 * the records themed with its target. A change to the hierarchy alone concerns no record.
 */
export function affectedBy(touched: NonNullable<ThesaurusChangeEvent['touched']>): { labels: string[]; concepts: string[] } {
  const labels = new Set<string>();
  const concepts: string[] = [];
  for (const [iri, { before, after }] of touched) {
    const was = labelsOf(before);
    const now = labelsOf(after);
    const changed = changedFields(before, after);
    const identityChanged = before !== null && ('prefLabel' in changed || 'obsolete' in changed || 'replacedBy' in changed);
    for (const label of new Set([...was, ...now])) if (identityChanged || was.has(label) !== now.has(label)) labels.add(label);
    if (identityChanged) concepts.push(iri);
    // A changed mapping concerns the records themed with its target (they align through it).
    const mappings = (c: Concept | null) => new Set((c?.mappings ?? []).map((m) => `${m.relation} ${m.target}`));
    const [oldMappings, newMappings] = [mappings(before), mappings(after)];
    for (const m of new Set([...oldMappings, ...newMappings])) if (identityChanged || oldMappings.has(m) !== newMappings.has(m)) concepts.push(m.slice(m.indexOf(' ') + 1));
  }
  return { labels: [...labels], concepts };
}

export class Realigner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: DeriveDeps,
    private readonly logger: Logger,
  ) {}

  /** Schedules the re-alignment a change calls for; the promise settles when it is done (failures are logged). */
  schedule(event: ThesaurusChangeEvent): Promise<void> {
    // Another scheme matters through the mappings it states (the links of mapping chains).
    const mapsSomething = (scheme: ConceptScheme | null) => [...(scheme?.concepts.values() ?? [])].some((c) => c.mappings.length > 0);
    if (event.scheme.info.graph !== thesaurusGraph && !mapsSomething(event.scheme) && !mapsSomething(event.before)) return Promise.resolve();
    const run = this.queue.then(() => this.realign(event)).catch((error: unknown) => this.logger.error({ err: error }, 're-alignment after a thesaurus change failed'));
    this.queue = run;
    return run;
  }

  /** Settles once the re-alignments scheduled so far are done (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async realign(event: ThesaurusChangeEvent): Promise<void> {
    const started = performance.now();
    // A change that touches no label, deprecation or mapping (the hierarchy alone) aligns nothing anew.
    const affected = event.scheme.info.graph === thesaurusGraph && event.touched !== null ? affectedBy(event.touched) : null;
    if (affected && affected.labels.length === 0 && affected.concepts.length === 0) return;
    const thesaurus = await storedThesaurus(this.deps.store);
    if (thesaurus) await this.deps.engine.useThesaurus(thesaurus);
    if (event.scheme.info.graph !== thesaurusGraph) {
      // Records themed with a concept the scheme maps, or with a mapping's target, may align anew.
      const concepts = new Set<string>();
      for (const scheme of [event.before, event.scheme]) {
        for (const concept of scheme?.concepts.values() ?? []) {
          if (concept.mappings.length === 0) continue;
          concepts.add(concept.iri);
          for (const m of concept.mappings) concepts.add(m.target);
        }
      }
      const progress = await rederive(this.deps, this.deps.search.recordsMentioning([], [...concepts]));
      this.logger.info({ scheme: event.scheme.info.acronym, records: progress.done, ms: Math.round(performance.now() - started) }, 'records re-aligned after a change to a mapped scheme');
      return;
    }
    if (!affected) {
      const { progress } = await reindex(this.deps, null);
      this.logger.info({ records: progress.done, ms: Math.round(performance.now() - started) }, 'records re-aligned after a thesaurus import');
      return;
    }
    const progress = await rederive(this.deps, this.deps.search.recordsMentioning(affected.labels, affected.concepts));
    this.logger.info({ concepts: event.touched!.size, records: progress.done, ms: Math.round(performance.now() - started) }, 'records re-aligned after a thesaurus change');
  }
}
