// Owns aligning a record to thesaurus concepts, with every signal a real record carries, in this
// order of trust: its subjects' concept IRIs, through SKOS mappings and chains; subjects naming a
// known classification (DataCite's "FOS:" labels, OECD FORD codes, Dewey classes); keywords equal
// to a concept's label (case, accents, singular and plural aside) or holding one; then the title
// and description when they name a concept surely (twice, or a label of several words in the
// title). Each alignment is kept in the record graph with its method and score, and the resource
// gets the concept as a dcat:theme, with the concept's type and labels so the record stays
// complete for DCAT-AP. Weaker mentions are kept as suggestions for curators, never themes.
import type { Literal, Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { prefixes } from '../mapping/namespaces.js';
import { bundledThesaurus, thesaurusGraph } from './bundled-thesaurus.js';
import { ConceptScheme } from './concept-scheme.js';
import { normalizeLabel } from './label-index.js';
import { Annotator } from './annotator.js';
import { readClassification, readJel } from './classification-codes.js';
import { StemmedLabels } from './stemmed-labels.js';

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
  method:
    | 'exact-prefLabel'
    | 'exact-altLabel'
    | 'keyword-contains'
    | 'classification-fos'
    | 'classification-ford'
    | 'classification-dewey'
    | 'classification-jel'
    | 'mapping-exactMatch'
    | 'mapping-closeMatch'
    | 'mapping-narrowMatch'
    | 'mapping-relatedMatch'
    | 'mapping-chain'
    | 'annotator-title'
    | 'annotator-description';
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
  // Coarse schemes (the EU data themes) are related to a field, not equal to it.
  relatedMatch: { method: 'mapping-relatedMatch', score: 0.5 },
};

/** One key for the same IRI written with http or https, with or without a trailing slash. */
const iriKey = (iri: string) => iri.replace(/^https?:\/\//, '').replace(/\/$/, '');

export class KeywordAligner {
  private readonly labels = new StemmedLabels();
  /** OECD FORD notations (1.2) and English preferred labels (for "FOS:" subjects) to concepts. */
  private readonly fordNotations = new Map<string, string>();
  private readonly fosLabels = new Map<string, string>();
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
      this.labels.add(scheme);
      this.annotator.add(scheme);
      for (const concept of scheme.concepts.values()) {
        if (concept.deprecated) continue;
        // An OECD field (notation 1 to 6.x) is also named by its English labels in DataCite's "FOS:" subjects.
        const fordNotations = concept.notation.filter((n) => /^[1-6](\.\d{1,2})?$/.test(n));
        for (const notation of fordNotations) this.fordNotations.set(notation, concept.iri);
        if (fordNotations.length > 0) for (const label of [...(concept.prefLabel.en ?? []), ...(concept.altLabel.en ?? [])]) this.fosLabels.set(normalizeLabel(label), concept.iri);
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
    // Repositories pack several subjects in one, separated by semicolons ("C13; G12", "610 Medical sciences; Medicine").
    const subjects = [...new Set(keywords.flatMap((k) => k.split(/\s*;\s*/)).filter((k) => k.length > 0))];
    const jelCodes = subjects.filter((s) => readJel(s) !== null);
    for (const keyword of subjects) {
      if (jelCodes.length >= 2 && jelCodes.includes(keyword)) {
        out.push(...this.mapped(keyword, readJel(keyword)!.iris, 'classification-jel'));
        continue;
      }
      const classified = this.classify(keyword);
      if (classified.length > 0) {
        out.push(...classified);
        continue;
      }
      for (const hit of this.labelMatches(keyword)) {
        const method = hit.extent === 'within' ? 'keyword-contains' : hit.matchType === 'prefLabel' ? 'exact-prefLabel' : 'exact-altLabel';
        // A deprecated concept is never a theme: its replacements are, when it names them.
        const concept = hit.scheme.concepts.get(hit.iri);
        const targets = concept?.deprecated ? concept.replacedBy.filter((iri) => hit.scheme.concepts.has(iri)) : [hit.iri];
        for (const target of targets) out.push({ keyword, concept: target, method, score: method === 'exact-prefLabel' ? 1 : method === 'exact-altLabel' ? 0.9 : 0.7 });
      }
    }
    return out;
  }

  /**
   * The concepts a keyword names. A path of a hierarchical keyword list (GCMD science keywords:
   * "EARTH SCIENCE > ATMOSPHERE > CLOUDS") names its deepest level that the thesaurus knows.
   */
  private labelMatches(keyword: string): ReturnType<StemmedLabels['match']> {
    const levels = keyword.split(/\s+>\s+/);
    if (levels.length === 1) return this.labels.match(keyword);
    for (const level of levels.reverse()) {
      const whole = this.labels.match(level).filter((m) => m.extent === 'whole');
      if (whole.length > 0) return whole;
    }
    return [];
  }

  /** A subject that names a class of a known classification, through the thesaurus's notations, labels and mappings. */
  private classify(keyword: string): Alignment[] {
    const hit = readClassification(keyword);
    if (!hit) return [];
    if (hit.scheme === 'fos') {
      const concept = this.fosLabels.get(normalizeLabel(hit.label));
      return concept ? [{ keyword, concept, method: 'classification-fos', score: 1 }] : [];
    }
    if (hit.scheme === 'ford') {
      const concept = this.fordNotations.get(hit.notation);
      return concept ? [{ keyword, concept, method: 'classification-ford', score: 1 }] : [];
    }
    return hit.scheme === 'dewey' ? this.mapped(keyword, hit.iris, 'classification-dewey') : [];
  }

  /** The concepts mapped to the most specific of a class's IRIs (most specific first) that the thesaurus maps. */
  private mapped(keyword: string, iris: readonly string[], method: Alignment['method']): Alignment[] {
    for (const iri of iris) {
      const mapped = this.byMappingTarget.get(iriKey(iri));
      if (mapped) return mapped.map((m) => ({ keyword, sourceConcept: iri, concept: m.concept, method, score: m.score }));
    }
    return [];
  }

  /**
   * Concepts the title or description mention (the annotator, longest matches), other than those
   * already aligned. A mention is sure enough to be a theme when the title names the concept with a
   * label of several words, or names it and the description does too; the others (a description
   * alone says many things in passing) are suggestions for curators.
   */
  annotate(texts: Array<{ field: 'title' | 'description'; text: string }>, aligned: ReadonlySet<string>): { themes: Alignment[]; suggestions: Alignment[] } {
    const found = new Map<string, { first: Alignment; fields: Set<string>; sure: boolean }>();
    for (const { field, text } of texts) {
      for (const mention of this.annotator.annotate(text, { longestOnly: true })) {
        if (aligned.has(mention.iri) || mention.scheme.concepts.get(mention.iri)?.deprecated) continue;
        const severalWords = /[\p{L}\p{N}]+[^\p{L}\p{N}]+[\p{L}\p{N}]/u.test(mention.text);
        const seen = found.get(mention.iri);
        if (seen) {
          seen.fields.add(field);
          seen.sure ||= severalWords;
          continue;
        }
        const first: Alignment = { concept: mention.iri, matchedText: mention.text, method: `annotator-${field}`, score: (mention.matchType === 'PREF' ? 0.6 : 0.5) - (field === 'description' ? 0.1 : 0) };
        found.set(mention.iri, { first, fields: new Set([field]), sure: severalWords });
      }
    }
    const themes: Alignment[] = [];
    const suggestions: Alignment[] = [];
    for (const { first, fields, sure } of found.values()) (sure || fields.size === 2 ? themes : suggestions).push(first);
    return { themes, suggestions };
  }

  /** Every alignment of a record's resource: the themes it gets, and the suggestions kept for curators. */
  alignRecord(resource: string, quads: readonly Quad[]): { themes: Alignment[]; suggestions: Alignment[] } {
    const own = (predicate: string) => quads.filter((q) => q.subject.value === resource && q.predicate.value === predicate);
    const keywords = own(`${dcat}keyword`).filter((q) => q.object.termType === 'Literal').map((q) => (q.object as Literal).value);
    const concepts = own(`${dcat}theme`).filter((q) => q.object.termType === 'NamedNode').map((q) => q.object.value);
    const aligned = [...this.alignConcepts(concepts), ...this.align(keywords)];
    const texts = ([['title', `${dct}title`], ['description', `${dct}description`]] as const).flatMap(([field, predicate]) =>
      own(predicate).filter((q) => q.object.termType === 'Literal').map((q) => ({ field, text: q.object.value })),
    );
    const annotated = this.annotate(texts, new Set(aligned.map((a) => a.concept)));
    return { themes: [...aligned, ...annotated.themes], suggestions: annotated.suggestions };
  }

  /** What a record graph gains from aligning its resource. */
  alignmentQuads(resource: string, graph: string, quads: readonly Quad[]): Quad[] {
    const { themes, suggestions } = this.alignRecord(resource, quads);
    const suggested = new Set(suggestions);
    const out: Quad[] = [];
    const described = new Set<string>();
    [...themes, ...suggestions].forEach((a, i) => {
      const node = namedNode(`${graph}#alignment-${i + 1}`);
      const suggestion = suggested.has(a);
      const source =
        a.keyword !== undefined
          ? quad(node, namedNode(`${mlg}keyword`), literal(a.keyword))
          : a.sourceConcept !== undefined
            ? quad(node, namedNode(`${mlg}sourceConcept`), namedNode(a.sourceConcept))
            : quad(node, namedNode(`${mlg}matchedText`), literal(a.matchedText!));
      if (a.keyword !== undefined && a.sourceConcept !== undefined) out.push(quad(node, namedNode(`${mlg}sourceConcept`), namedNode(a.sourceConcept)));
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
