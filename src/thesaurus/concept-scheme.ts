// Owns the in-memory model of one SKOS concept scheme, read from its graph in the store: concepts
// with labels per language, hierarchy both ways, mappings. Browsing and autocomplete read this
// model, so they cost no store round-trip.
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { mediaTypes, sparqlIri } from '../rdf/index.js';
import type { GraphStore } from '../store/index.js';
import { conceptsOf, schemeIrisIn } from './skos-structure.js';

const skos = 'http://www.w3.org/2004/02/skos/core#';
const owlDeprecated = 'http://www.w3.org/2002/07/owl#deprecated';
const dctIsReplacedBy = 'http://purl.org/dc/terms/isReplacedBy';

export type LangMap = Record<string, string[]>;

/** The SKOS documentation properties a concept may carry, per language. */
export const noteKinds = ['scopeNote', 'note', 'editorialNote', 'historyNote', 'changeNote', 'example'] as const;
export type NoteKind = (typeof noteKinds)[number];

export interface Concept {
  iri: string;
  prefLabel: LangMap;
  altLabel: LangMap;
  definition: LangMap;
  notation: string[];
  broader: string[];
  narrower: string[];
  related: string[];
  mappings: Array<{ relation: string; target: string }>;
  notes: Partial<Record<NoteKind, LangMap>>;
  deprecated: boolean;
  /** dct:isReplacedBy: where users of a deprecated concept should go. */
  replacedBy: string[];
}

export interface SchemeInfo {
  iri: string;
  graph: string;
  acronym: string;
  title: LangMap;
  description: LangMap;
  version: string | null;
}

export const mappingRelations = ['exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const;

function push(map: LangMap, lang: string, value: string): void {
  (map[lang] ??= []).push(value);
}

export type SchemeLocation = Omit<SchemeInfo, 'acronym' | 'title' | 'description' | 'version'> & { acronym?: string };

export class ConceptScheme {
  readonly concepts = new Map<string, Concept>();
  private readonly tops = new Set<string>();

  constructor(readonly info: SchemeInfo) {}

  /** A copy that shares the concept objects: an edit replaces the ones it changes, never mutates. */
  clone(): ConceptScheme {
    const copy = new ConceptScheme({ ...this.info });
    for (const [iri, concept] of this.concepts) copy.concepts.set(iri, concept);
    for (const top of this.tops) copy.tops.add(top);
    return copy;
  }

  setTopConcept(iri: string, top: boolean): void {
    if (top) this.tops.add(iri);
    else this.tops.delete(iri);
  }

  /** Reads the scheme's graph from the store and builds the model. */
  static async load(store: GraphStore, info: SchemeLocation): Promise<ConceptScheme> {
    const { body } = await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(info.graph)} { ?s ?p ?o } }`, {
      results: mediaTypes.sparqlResultsJson,
      graph: mediaTypes.nTriples,
    });
    return ConceptScheme.fromQuads(info, new Parser({ format: 'N-Triples' }).parse(body));
  }

  /** The schemes a set of triples describes (a file before import, for instance), typed or not. */
  static allFromQuads(quads: Quad[], graph = ''): ConceptScheme[] {
    return schemeIrisIn(quads).map((iri) => ConceptScheme.fromQuads({ iri, graph }, quads));
  }

  /** Builds the model from the triples of the scheme's graph. */
  static fromQuads(info: SchemeLocation, quads: Quad[]): ConceptScheme {
    const title: LangMap = {};
    const description: LangMap = {};
    let version: string | null = null;
    let acronym = info.acronym ?? null;
    const concept = (iri: string): Concept => {
      let found = scheme.concepts.get(iri);
      if (!found) {
        found = emptyConcept(iri);
        scheme.concepts.set(iri, found);
      }
      return found;
    };
    const scheme = new ConceptScheme({ ...info, acronym: '', title, description, version });
    const conceptIris = conceptsOf(info.iri, quads);
    for (const { subject, predicate, object } of quads) {
      const lang = object.termType === 'Literal' ? object.language || 'none' : 'none';
      if (subject.value === info.iri) {
        if (predicate.value === 'http://purl.org/dc/terms/title') push(title, lang, object.value);
        else if (predicate.value === 'http://purl.org/dc/terms/description') push(description, lang, object.value);
        else if (predicate.value === 'http://www.w3.org/2002/07/owl#versionInfo') version = object.value;
        else if (predicate.value === 'https://w3id.org/mod#acronym') acronym ??= object.value;
        else if (predicate.value === `${skos}hasTopConcept` && conceptIris.has(object.value)) scheme.tops.add(object.value);
        continue;
      }
      if (!conceptIris.has(subject.value)) continue;
      const c = concept(subject.value);
      const local = predicate.value.startsWith(skos) ? predicate.value.slice(skos.length) : predicate.value;
      if (local === 'prefLabel') push(c.prefLabel, lang, object.value);
      else if (local === 'altLabel') push(c.altLabel, lang, object.value);
      else if (local === 'definition') push(c.definition, lang, object.value);
      else if (local === 'notation') c.notation.push(object.value);
      else if (local === 'broader') c.broader.push(object.value);
      else if (local === 'narrower') c.narrower.push(object.value);
      else if (local === 'related') c.related.push(object.value);
      else if (local === 'topConceptOf') {
        if (object.value === info.iri) scheme.tops.add(subject.value);
      }
      else if ((mappingRelations as readonly string[]).includes(local)) c.mappings.push({ relation: local, target: object.value });
      else if ((noteKinds as readonly string[]).includes(local)) push((c.notes[local as NoteKind] ??= {}), lang, object.value);
      else if (predicate.value === owlDeprecated) c.deprecated = object.value === 'true' || object.value === '1';
      else if (predicate.value === dctIsReplacedBy) c.replacedBy.push(object.value);
    }
    // The hierarchy is navigated both ways whichever way the file states it.
    for (const c of scheme.concepts.values()) {
      for (const parent of c.broader) {
        const p = scheme.concepts.get(parent);
        if (p && !p.narrower.includes(c.iri)) p.narrower.push(c.iri);
      }
      for (const child of c.narrower) {
        const k = scheme.concepts.get(child);
        if (k && !k.broader.includes(c.iri)) k.broader.push(c.iri);
      }
    }
    Object.assign(scheme.info, { version, acronym: acronym ?? acronymOf(info.iri) });
    return scheme;
  }

  /** Top concepts, stated either way (hasTopConcept on the scheme, topConceptOf on the concept). */
  get topConcepts(): string[] {
    if (this.tops.size > 0) return [...this.tops];
    // A scheme that names no top concept (many real exports) is browsed from its roots.
    return [...this.concepts.values()].filter((c) => !c.broader.some((b) => this.concepts.has(b))).map((c) => c.iri);
  }

  /** Whether the scheme names its top concepts (skos:hasTopConcept or skos:topConceptOf). */
  get declaresTopConcepts(): boolean {
    return this.tops.size > 0;
  }

  ancestors(iri: string): string[] {
    const seen = new Set<string>();
    const visit = (current: string): void => {
      for (const parent of this.concepts.get(current)?.broader ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        visit(parent);
      }
    };
    visit(iri);
    return [...seen];
  }

  descendants(iri: string): string[] {
    const seen = new Set<string>();
    const stack = [...(this.concepts.get(iri)?.narrower ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.concepts.get(next)?.narrower ?? []));
    }
    return [...seen];
  }
}

export function emptyConcept(iri: string): Concept {
  return { iri, prefLabel: {}, altLabel: {}, definition: {}, notation: [], broader: [], narrower: [], related: [], mappings: [], notes: {}, deprecated: false, replacedBy: [] };
}

/** An acronym from the scheme IRI's last segment, for schemes that state none. */
export function acronymOf(iri: string): string {
  const segment = iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? 'SCHEME';
  return segment.toUpperCase().replace(/[^A-Z0-9_-]/g, '-');
}

/** A label in the language asked for, else French, else English, else any. */
export function labelIn(map: LangMap, lang: string | undefined): string | undefined {
  return (lang ? map[lang]?.[0] : undefined) ?? map.fr?.[0] ?? map.en?.[0] ?? Object.values(map)[0]?.[0];
}
