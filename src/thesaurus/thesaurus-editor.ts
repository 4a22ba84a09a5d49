// Owns every write to the served thesauri: concept edits, whole-scheme imports and releases. Writes
// run one at a time; each is checked (If-Match, integrity) before it reaches the store, recorded in
// the history, and then served; listeners hear of it (the derive stage re-aligns records).
import { DataFactory, Parser, Writer as N3Writer } from 'n3';
import { ConflictError, IntegrityError, NotFoundError, PreconditionFailedError, PreconditionRequiredError } from '../errors/index.js';
import { mediaTypes, sparqlIri, sparqlLiteral } from '../rdf/index.js';
import type { GraphStore } from '../store/index.js';
import { applyEdits, conceptEtag, type AppliedEdits, type ConceptEdit } from './concept-change.js';
import { ConceptScheme } from './concept-scheme.js';
import { schemeUpdate } from './concept-update.js';
import { isThesaurusGraph, managedSchemeGraph } from './scheme-graphs.js';
import { checkIntegrity, type IntegrityProblem } from './integrity-checks.js';
import { blockingChecks, type PreparedScheme } from './scheme-import.js';
import type { ChangeAction, ThesaurusHistory, ThesaurusRelease } from './thesaurus-history.js';
import type { ThesaurusService } from './thesaurus-service.js';

export interface ThesaurusChangeEvent {
  scheme: ConceptScheme;
  before: ConceptScheme | null;
  /** The concepts that changed, or null when the whole scheme was replaced. */
  touched: AppliedEdits['touched'] | null;
}

export type ThesaurusListener = (event: ThesaurusChangeEvent) => void;

/** Languages most concepts of the scheme have a preferred label in: new concepts must have them too. */
function requiredLanguages(scheme: ConceptScheme): string[] {
  const counts = new Map<string, number>();
  for (const c of scheme.concepts.values()) for (const lang of Object.keys(c.prefLabel)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  return [...counts].filter(([, n]) => n * 2 >= scheme.concepts.size).map(([lang]) => lang);
}

const problemKey = (p: IntegrityProblem) => `${p.check}\u0000${p.concept}\u0000${p.message}`;

const owlVersionInfo = 'http://www.w3.org/2002/07/owl#versionInfo';

/** The scheme's N-Triples with its owl:versionInfo set to `version` (the release's copy). */
async function withVersionInfo(ntriples: string, schemeIri: string, version: string): Promise<string> {
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples).filter((q) => !(q.subject.value === schemeIri && q.predicate.value === owlVersionInfo));
  quads.push(DataFactory.quad(DataFactory.namedNode(schemeIri), DataFactory.namedNode(owlVersionInfo), DataFactory.literal(version)));
  return new N3Writer({ format: 'N-Triples' }).quadsToString(quads);
}

export class ThesaurusEditor {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners: ThesaurusListener[] = [];
  /** The problems a served scheme already has: an edit is refused only for problems it adds. */
  private readonly knownProblems = new WeakMap<ConceptScheme, Set<string>>();

  constructor(
    private readonly store: GraphStore,
    private readonly service: ThesaurusService,
    readonly history: ThesaurusHistory,
  ) {}

  onChange(listener: ThesaurusListener): void {
    this.listeners.push(listener);
  }

  /** Runs writes one after another, so a check and the write it guards see the same state. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schemeOf(acronym: string): ConceptScheme {
    const scheme = this.service.scheme(acronym);
    if (!scheme) throw new NotFoundError(`No ontology ${acronym}; see /ontologies`);
    return scheme;
  }

  /** A scheme the thesaurus may write: one that lives in a thesaurus graph (scheme-graphs.ts). */
  private writableScheme(acronym: string): ConceptScheme {
    const scheme = this.schemeOf(acronym);
    if (!isThesaurusGraph(scheme.info)) throw new ConflictError(`${acronym} is read from the graph ${scheme.info.graph}, which is not a thesaurus graph; the thesaurus does not write there (import the scheme to make an editable copy)`);
    return scheme;
  }

  private problemsOf(scheme: ConceptScheme, languages: string[]): Set<string> {
    let known = this.knownProblems.get(scheme);
    if (!known) this.knownProblems.set(scheme, (known = new Set(checkIntegrity(scheme, { requiredLanguages: languages }).map(problemKey))));
    return known;
  }

  private emit(event: ThesaurusChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Applies concept edits together, or none of them. `ifMatch` guards a change to one existing
   * concept: it must name the concept's current ETag (or be "*").
   */
  edit(acronym: string, edits: ConceptEdit[], actor: string, options: { ifMatch?: string; action?: ChangeAction; comment?: string } = {}): Promise<AppliedEdits> {
    return this.exclusive(async () => {
      const scheme = this.writableScheme(acronym);
      for (const edit of edits.filter((e) => e.mode !== 'create' && options.action !== 'import')) {
        const current = scheme.concepts.get(edit.iri ?? '');
        if (!current) continue;
        if (options.ifMatch === undefined) throw new PreconditionRequiredError('Send If-Match with the ETag you read (GET the class first), so that no one else’s change is overwritten');
        const tags = options.ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
        if (!tags.includes('*') && !tags.includes(conceptEtag(current))) {
          throw new PreconditionFailedError(`${current.iri} changed since you read it; GET it again and redo your change`, { etag: conceptEtag(current) });
        }
      }
      const applied = applyEdits(scheme, edits);
      const languages = requiredLanguages(scheme);
      const before = this.problemsOf(scheme, languages);
      const after = checkIntegrity(applied.after, { requiredLanguages: languages });
      const added = after.filter((p) => !before.has(problemKey(p)));
      if (added.length > 0) {
        throw new IntegrityError(`The change is refused: ${added.map((p) => `${p.check} (${p.concept}: ${p.message})`).join('; ')}`, { problems: added });
      }
      this.knownProblems.set(applied.after, new Set(after.map(problemKey)));
      const update = schemeUpdate(scheme, applied);
      const at = new Date().toISOString();
      const edited = new Set(applied.edited);
      // The history first, pending; then the store; then the history confirmed. A process killed
      // in between leaves a pending change, settled against the store at the next start.
      const seqs = this.history.record(
        [...applied.touched].map(([iri, { before: was, after: now }]) => ({
          scheme: scheme.info.iri,
          concept: iri,
          action: options.action ?? (!was ? 'create' : !was.deprecated && now.deprecated ? 'deprecate' : 'update'),
          actor,
          at,
          before: was,
          after: now,
          comment: options.comment ?? (edited.has(iri) ? null : 'follows a change to a linked concept'),
        })),
        { pending: true },
      );
      try {
        if (update.sparql) await this.store.update(update.sparql);
      } catch (error) {
        this.history.discard(seqs);
        throw error;
      }
      this.history.confirm(seqs);
      this.service.replace(applied.after);
      this.emit({ scheme: applied.after, before: scheme, touched: applied.touched });
      return applied;
    });
  }

  /** Replaces (or adds) a whole scheme, as its own graph. Refused when an integrity check blocks it. */
  importScheme(prepared: PreparedScheme, actor: string, options: { force?: boolean } = {}): Promise<ConceptScheme> {
    return this.exclusive(async () => {
      if (prepared.blocked && !options.force) {
        throw new IntegrityError(`The scheme is refused: ${prepared.problems.length} integrity problems, some of which block an import (pass force=true to import anyway)`, {
          problemCount: prepared.problems.length,
          // The blocking ones first, so they are among the problems listed.
          problems: [...prepared.problems].sort((a, b) => Number(blockingChecks.has(b.check)) - Number(blockingChecks.has(a.check))).slice(0, 200),
        });
      }
      const taken = this.service.scheme(prepared.scheme.info.acronym);
      if (taken && taken.info.iri !== prepared.scheme.info.iri) throw new ConflictError(`${prepared.scheme.info.acronym} is already the acronym of ${taken.info.iri}`);
      const before = this.service.list().find((s) => s.info.iri === prepared.scheme.info.iri) ?? null;
      // The graph comes from where the scheme already lives, or is made by the thesaurus; never
      // from the uploaded file, so an import cannot name (and replace) a record's or any other graph.
      if (before && !isThesaurusGraph(before.info)) throw new ConflictError(`${before.info.iri} is read from the graph ${before.info.graph}, which is not a thesaurus graph; the thesaurus does not replace it`);
      const graph = before?.info.graph ?? managedSchemeGraph(prepared.scheme.info.acronym);
      if (!before && (await this.graphHolds(graph))) {
        throw new ConflictError(`The graph ${graph} already holds other data; the import is refused`);
      }
      await this.store.replaceGraph(graph, { data: prepared.nquads, format: mediaTypes.nQuads });
      const scheme = await this.service.reload({ iri: prepared.scheme.info.iri, graph });
      this.history.record([{ scheme: scheme.info.iri, concept: null, action: 'import', actor, at: new Date().toISOString(), before: null, after: null, comment: `${scheme.concepts.size} concepts, ${prepared.problems.length} integrity problems` }]);
      this.emit({ scheme, before, touched: null });
      return scheme;
    });
  }

  private async graphHolds(graph: string): Promise<boolean> {
    const answer = await this.store.query(`ASK { GRAPH ${sparqlIri(graph)} { ?s ?p ?o } }`);
    return answer.form === 'ASK' && answer.boolean;
  }

  /** Publishes a dated version: sets owl:versionInfo and keeps a full copy of the scheme's graph. */
  release(acronym: string, actor: string, options: { version?: string; description?: string } = {}): Promise<ThesaurusRelease> {
    return this.exclusive(async () => {
      const scheme = this.writableScheme(acronym);
      const today = new Date().toISOString().slice(0, 10);
      const taken = new Set(this.history.releases(scheme.info.iri).map((r) => r.version));
      let version = options.version ?? today;
      if (options.version !== undefined && taken.has(version)) throw new ConflictError(`${acronym} already has a release ${version}`);
      for (let n = 2; taken.has(version); n += 1) version = `${today}.${n}`;
      // The release's copy (the graph as it will be, with its new versionInfo) is kept first, then
      // the store's versionInfo set: a process killed in between is brought forward at the next start.
      const { body } = await this.store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(scheme.info.graph)} { ?s ?p ?o } }`, { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples });
      const release: ThesaurusRelease = { scheme: scheme.info.iri, version, releasedAt: new Date().toISOString(), actor, description: options.description ?? null, concepts: scheme.concepts.size };
      this.history.saveReleaseWithChange(release, await withVersionInfo(body, scheme.info.iri, version), { scheme: scheme.info.iri, concept: null, action: 'release', actor, at: release.releasedAt, before: null, after: null, comment: version });
      await this.setVersionInfo(scheme, version);
      const released = scheme.clone();
      released.info.version = version;
      this.service.replace(released);
      return release;
    });
  }

  private async setVersionInfo(scheme: ConceptScheme, version: string): Promise<void> {
    const graph = sparqlIri(scheme.info.graph);
    const subject = sparqlIri(scheme.info.iri);
    await this.store.update(
      `DELETE { GRAPH ${graph} { ${subject} <${owlVersionInfo}> ?v } } WHERE { GRAPH ${graph} { ${subject} <${owlVersionInfo}> ?v } } ;
       INSERT DATA { GRAPH ${graph} { ${subject} <${owlVersionInfo}> ${sparqlLiteral(version)} } }`,
    );
  }

  /**
   * Settles what a process killed in the middle of a thesaurus write left (called at start, after
   * the schemes are read): a pending edit joins the history if the store holds its result and is
   * dropped if not; a release whose copy was kept but whose versionInfo was not set gets it.
   */
  async recoverInterruptedWrites(): Promise<{ confirmed: number; discarded: number; releasesCompleted: number }> {
    return this.exclusive(async () => {
      const confirmed: number[] = [];
      const discarded: number[] = [];
      for (const change of this.history.pendingChanges()) {
        const current = this.service.list().find((s) => s.info.iri === change.scheme)?.concepts.get(change.concept ?? '');
        const madeInStore = current !== undefined && change.after !== null && conceptEtag(current) === conceptEtag(change.after);
        (madeInStore ? confirmed : discarded).push(change.seq);
      }
      this.history.confirm(confirmed);
      this.history.discard(discarded);
      let releasesCompleted = 0;
      for (const scheme of this.service.list()) {
        if (!isThesaurusGraph(scheme.info)) continue;
        const [latest, previous] = this.history.releases(scheme.info.iri);
        // Only when the store is exactly one release behind, or the first release is missing (a
        // versionInfo set by hand after a release is left alone).
        if (latest && scheme.info.version !== latest.version && (!previous || scheme.info.version === previous.version)) {
          await this.setVersionInfo(scheme, latest.version);
          const released = scheme.clone();
          released.info.version = latest.version;
          this.service.replace(released);
          releasesCompleted += 1;
        }
      }
      return { confirmed: confirmed.length, discarded: discarded.length, releasesCompleted };
    });
  }

  /** A release's scheme, read back from its copy. */
  releasedScheme(acronym: string, version: string): { scheme: ConceptScheme; ntriples: string; release: ThesaurusRelease } {
    const current = this.schemeOf(acronym);
    const release = this.history.release(current.info.iri, version);
    if (!release) throw new NotFoundError(`${acronym} has no release ${version}; see /ontologies/${acronym}/submissions`);
    const scheme = ConceptScheme.fromQuads({ iri: current.info.iri, graph: current.info.graph, acronym: current.info.acronym }, new Parser({ format: 'N-Triples' }).parse(release.ntriples));
    return { scheme, ntriples: release.ntriples, release };
  }
}
