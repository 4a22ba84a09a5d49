// Owns aligning a record's free keywords to thesaurus concepts by label: the normalised keyword
// (case, accents, spacing) equal to a concept's preferred label (score 1) or alternative label
// (score 0.9), in French or English. Each alignment is kept in the record graph with its method and
// score, and the resource gets the concept as a dcat:theme, with the concept's type and labels so
// the record stays complete for DCAT-AP.
import type { Literal, Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { prefixes } from '../mapping/namespaces.js';
import { bundledThesaurus, thesaurusGraph } from './bundled-thesaurus.js';
import { ConceptScheme } from './concept-scheme.js';
import { LabelIndex } from './label-index.js';
import { Annotator } from './annotator.js';

const { namedNode, literal, quad } = DataFactory;
const { rdf, skos, dcat, dct, mlg, xsd } = prefixes;

export interface Alignment {
  /** The free keyword matched, for a label alignment. */
  keyword?: string;
  /** The record's own concept IRI (a subject's value URI), for a mapping alignment. */
  sourceConcept?: string;
  /** The words of the title or description that name the concept, for a suggestion. */
  matchedText?: string;
  concept: string;
  method: 'exact-prefLabel' | 'exact-altLabel' | 'mapping-exactMatch' | 'mapping-closeMatch' | 'mapping-narrowMatch' | 'mapping-chain' | 'annotator-title' | 'annotator-description';
  /** For a mapping chain: the other vocabulary's concept between the record's and the thesaurus's. */
  via?: string;
  score: number;
}

/**
 * Which SKOS mappings of a thesaurus concept carry a record's concept over to it, and how surely:
 * the same concept (exact), nearly (close), or a narrower one (a record about it is about ours).
 */
const mappingScores: Record<string, { method: Alignment['method']; score: number }> = {
  exactMatch: { method: 'mapping-exactMatch', score: 1 },
  closeMatch: { method: 'mapping-closeMatch', score: 0.8 },
  narrowMatch: { method: 'mapping-narrowMatch', score: 0.7 },
};

/** One key for the same IRI written with http or https, with or without a trailing slash. */
const iriKey = (iri: string) => iri.replace(/^https?:\/\//, '').replace(/\/$/, '');

export class KeywordAligner {
  private readonly index = new LabelIndex();
  private readonly annotator = new Annotator();
  /** Mapping targets (external concept IRIs) to the thesaurus concepts that map to them. */
  private readonly byMappingTarget = new Map<string, Array<{ concept: string; method: Alignment['method']; score: number }>>();

  /** Other vocabularies' matches, both ways: a record's concept to the concepts it equals. */
  private readonly bridges = new Map<string, Array<{ other: string; exact: boolean }>>();

  constructor(
    private readonly schemes: ConceptScheme[],
    bridges: ReadonlyArray<{ from: string; to: string; exact: boolean }> = [],
  ) {
    for (const { from, to, exact } of bridges) {
      for (const [a, b] of [[from, to], [to, from]] as const) (this.bridges.get(iriKey(a)) ?? this.bridges.set(iriKey(a), []).get(iriKey(a))!).push({ other: b, exact });
    }
    for (const scheme of schemes) {
      this.index.add(scheme);
      this.annotator.add(scheme);
      for (const concept of scheme.concepts.values()) {
        if (concept.deprecated) continue;
        for (const { relation, target } of concept.mappings) {
          const how = mappingScores[relation];
          if (how) (this.byMappingTarget.get(iriKey(target)) ?? this.byMappingTarget.set(iriKey(target), []).get(iriKey(target))!).push({ concept: concept.iri, ...how });
        }
      }
    }
  }

  /**
   * The thesaurus concepts a record's own concepts (subjects with a value URI) map to: directly, or
   * through one concept of another loaded vocabulary that equals (exactMatch) or nearly equals
   * (closeMatch) the record's (a mapping chain, scored lower).
   */
  alignConcepts(iris: readonly string[]): Alignment[] {
    const out: Alignment[] = [];
    for (const iri of new Set(iris)) {
      const direct = (this.byMappingTarget.get(iriKey(iri)) ?? []).map((m): Alignment => ({ sourceConcept: iri, ...m }));
      out.push(...direct);
      const reached = new Set(direct.map((a) => a.concept));
      for (const { other, exact } of this.bridges.get(iriKey(iri)) ?? []) {
        for (const m of this.byMappingTarget.get(iriKey(other)) ?? []) {
          if (reached.has(m.concept)) continue;
          reached.add(m.concept);
          out.push({ sourceConcept: iri, via: other, concept: m.concept, method: 'mapping-chain', score: Math.round(m.score * (exact ? 0.9 : 0.7) * 100) / 100 });
        }
      }
    }
    return out;
  }

  /**
   * The catalogue's thesaurus as the store holds it (edited by terminology managers), in N-Triples,
   * with the exact and close matches other vocabularies state (see storedThesaurus).
   */
  static fromNTriples(ntriples: string): KeywordAligner {
    const quads = new Parser({ format: 'N-Triples' }).parse(ntriples);
    const schemes = ConceptScheme.allFromQuads(quads, thesaurusGraph);
    const own = new Set(schemes.flatMap((s) => [...s.concepts.keys()]));
    const bridges = quads
      .filter((q) => !own.has(q.subject.value) && (q.predicate.value === `${skos}exactMatch` || q.predicate.value === `${skos}closeMatch`))
      .map((q) => ({ from: q.subject.value, to: q.object.value, exact: q.predicate.value === `${skos}exactMatch` }));
    return new KeywordAligner(schemes, bridges);
  }

  /** The catalogue's own thesaurus, as shipped in vocabularies/. */
  static bundled(): KeywordAligner {
    return new KeywordAligner(ConceptScheme.allFromQuads(new Parser({ format: 'Turtle' }).parse(bundledThesaurus().turtle), thesaurusGraph));
  }

  align(keywords: readonly string[]): Alignment[] {
    const out: Alignment[] = [];
    for (const keyword of new Set(keywords)) {
      for (const hit of this.index.search(keyword, { exact: true, limit: 3 }).hits) {
        const method = hit.matchType === 'prefLabel' ? 'exact-prefLabel' : 'exact-altLabel';
        // A deprecated concept is never a theme: its replacements are, when it names them.
        const concept = hit.scheme.concepts.get(hit.iri);
        const targets = concept?.deprecated ? concept.replacedBy.filter((iri) => hit.scheme.concepts.has(iri)) : [hit.iri];
        for (const target of targets) out.push({ keyword, concept: target, method, score: method === 'exact-prefLabel' ? 1 : 0.9 });
      }
    }
    return out;
  }

  /**
   * Concepts the title or description mention (the annotator, longest matches), other than those
   * already aligned: suggestions for curators, never themes by themselves.
   */
  suggest(texts: Array<{ field: 'title' | 'description'; text: string }>, aligned: ReadonlySet<string>): Alignment[] {
    const out = new Map<string, Alignment>();
    for (const { field, text } of texts) {
      for (const mention of this.annotator.annotate(text, { longestOnly: true })) {
        if (aligned.has(mention.iri) || out.has(mention.iri) || mention.scheme.concepts.get(mention.iri)?.deprecated) continue;
        out.set(mention.iri, { concept: mention.iri, matchedText: mention.text, method: `annotator-${field}`, score: (mention.matchType === 'PREF' ? 0.6 : 0.5) - (field === 'description' ? 0.1 : 0) });
      }
    }
    return [...out.values()];
  }

  /** What a record graph gains from aligning its resource's keywords. */
  alignmentQuads(resource: string, graph: string, quads: readonly Quad[]): Quad[] {
    const keywords = quads.filter((q) => q.subject.value === resource && q.predicate.value === `${dcat}keyword` && q.object.termType === 'Literal').map((q) => (q.object as Literal).value);
    const themes = quads.filter((q) => q.subject.value === resource && q.predicate.value === `${dcat}theme` && q.object.termType === 'NamedNode').map((q) => q.object.value);
    const alignments = [...this.align(keywords), ...this.alignConcepts(themes)];
    const texts = ([['title', `${dct}title`], ['description', `${dct}description`]] as const).flatMap(([field, predicate]) =>
      quads.filter((q) => q.subject.value === resource && q.predicate.value === predicate && q.object.termType === 'Literal').map((q) => ({ field, text: q.object.value })),
    );
    const suggestions = this.suggest(texts, new Set(alignments.map((a) => a.concept)));
    const out: Quad[] = [];
    const described = new Set<string>();
    [...alignments, ...suggestions].forEach((a, i) => {
      const node = namedNode(`${graph}#alignment-${i + 1}`);
      const suggestion = a.matchedText !== undefined;
      const source =
        a.keyword !== undefined
          ? quad(node, namedNode(`${mlg}keyword`), literal(a.keyword))
          : a.sourceConcept !== undefined
            ? quad(node, namedNode(`${mlg}sourceConcept`), namedNode(a.sourceConcept))
            : quad(node, namedNode(`${mlg}matchedText`), literal(a.matchedText!));
      if (a.via !== undefined) out.push(quad(node, namedNode(`${mlg}via`), namedNode(a.via)));
      out.push(
        quad(node, namedNode(`${rdf}type`), namedNode(suggestion ? `${mlg}AlignmentSuggestion` : `${mlg}KeywordAlignment`)),
        quad(node, namedNode(`${mlg}alignedResource`), namedNode(resource)),
        source,
        quad(node, namedNode(`${mlg}concept`), namedNode(a.concept)),
        quad(node, namedNode(`${mlg}method`), literal(a.method)),
        quad(node, namedNode(`${mlg}score`), literal(String(a.score), namedNode(`${xsd}decimal`))),
      );
      if (suggestion) return;
      out.push(quad(namedNode(resource), namedNode(`${dcat}theme`), namedNode(a.concept)));
      if (described.has(a.concept)) return;
      described.add(a.concept);
      for (const scheme of this.schemes) {
        const concept = scheme.concepts.get(a.concept);
        if (!concept) continue;
        out.push(quad(namedNode(a.concept), namedNode(`${rdf}type`), namedNode(`${skos}Concept`)), quad(namedNode(a.concept), namedNode(`${skos}inScheme`), namedNode(scheme.info.iri)));
        for (const [lang, labels] of Object.entries(concept.prefLabel)) for (const label of labels) out.push(quad(namedNode(a.concept), namedNode(`${skos}prefLabel`), literal(label, lang)));
      }
    });
    return out;
  }
}
