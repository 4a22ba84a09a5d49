// Owns the set of concept schemes the catalogue serves: found in the graph store (any graph that
// holds a skos:ConceptScheme), modelled in memory and indexed by label, refreshed on demand.
import type { GraphStore } from '../store/index.js';
import { ConceptScheme } from './concept-scheme.js';
import { Annotator } from './annotator.js';
import { LabelIndex } from './label-index.js';

export class ThesaurusService {
  private schemes = new Map<string, ConceptScheme>();
  private index = new LabelIndex();
  private annotatorOfAll = new Annotator();

  constructor(private readonly store: GraphStore) {}

  /** Re-reads every concept scheme from the store. */
  async refresh(): Promise<void> {
    const result = await this.store.query(
      'SELECT DISTINCT ?scheme ?g WHERE { GRAPH ?g { ?scheme a <http://www.w3.org/2004/02/skos/core#ConceptScheme> } } ORDER BY ?scheme',
    );
    const schemes: ConceptScheme[] = [];
    for (const row of result.form === 'SELECT' ? result.bindings : []) {
      schemes.push(await ConceptScheme.load(this.store, { iri: row.scheme!.value, graph: row.g!.value }));
    }
    this.serve(schemes);
  }

  /** Serves an edited scheme in place of the one with its acronym or IRI (no store round-trip). */
  replace(scheme: ConceptScheme): void {
    this.serve([...this.list().filter((s) => s.info.acronym !== scheme.info.acronym && s.info.iri !== scheme.info.iri), scheme]);
  }

  /** Re-reads one scheme from the store (after a whole-scheme import). */
  async reload(location: { iri: string; graph: string }): Promise<ConceptScheme> {
    const scheme = await ConceptScheme.load(this.store, location);
    this.replace(scheme);
    return scheme;
  }

  private serve(list: ConceptScheme[]): void {
    const schemes = new Map<string, ConceptScheme>();
    const index = new LabelIndex();
    const annotator = new Annotator();
    for (const scheme of list.sort((a, b) => a.info.iri.localeCompare(b.info.iri))) {
      schemes.set(scheme.info.acronym, scheme);
      index.add(scheme);
      annotator.add(scheme);
    }
    this.schemes = schemes;
    this.index = index;
    this.annotatorOfAll = annotator;
  }

  list(): ConceptScheme[] {
    return [...this.schemes.values()];
  }

  scheme(acronym: string): ConceptScheme | undefined {
    return this.schemes.get(acronym.toUpperCase());
  }

  get labels(): LabelIndex {
    return this.index;
  }

  get annotator(): Annotator {
    return this.annotatorOfAll;
  }
}
