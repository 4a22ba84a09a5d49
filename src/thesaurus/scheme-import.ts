// Owns preparing a whole concept scheme for import, from a SKOS file (any RDF syntax) or from the
// spreadsheet layout: the scheme's triples as N-Quads and its integrity report. The CLI and the
// HTTP API import through this, so both refuse the same defects.
import { assertIri, sparqlIri, sparqlLiteral } from '../rdf/index.js';
import type { Quad as RdfQuad } from '@rdfjs/types';
import { DataFactory, Parser, Writer } from 'n3';
import { BadRequestError } from '../errors/index.js';
import { prefixes } from '../mapping/namespaces.js';
import type { RdfMediaType } from '../rdf/index.js';
import { parseRdfToNQuads } from '../store/index.js';
import { applyEdits } from './concept-change.js';
import { ConceptScheme } from './concept-scheme.js';
import { schemeUpdate } from './concept-update.js';
import { csvAsEdits } from './csv-layout.js';
import { checkIntegrity, type IntegrityProblem } from './integrity-checks.js';
import { conceptsOf, plainLabelsOfXl, schemeIrisIn, triplesOfScheme } from './skos-structure.js';

const { namedNode, literal, quad } = DataFactory;
const modAcronym = 'https://w3id.org/mod#acronym';

/** Problems that make a vocabulary unusable; label problems are reported but do not block. */
export const blockingChecks = new Set<IntegrityProblem['check']>(['broader-cycle', 'dangling-reference', 'several-preflabels-per-language']);

export interface PreparedScheme {
  scheme: ConceptScheme;
  /** The scheme's graph content. */
  nquads: string;
  problems: IntegrityProblem[];
  blocked: boolean;
}

export interface ImportOptions {
  acronym?: string;
  /** The scheme to take from a file that holds several, or to create for concepts in none. */
  scheme?: string;
  /** Languages every concept must have a preferred label in (default fr, en). */
  languages?: string[];
}

export function validAcronym(acronym: string): string {
  const upper = acronym.toUpperCase();
  if (!/^[A-Z0-9_-]{2,32}$/.test(upper)) throw new BadRequestError('An acronym takes 2 to 32 letters, digits, _ or -');
  return upper;
}

function prepared(scheme: ConceptScheme, nquads: string, options: ImportOptions): PreparedScheme {
  const problems = checkIntegrity(scheme, { requiredLanguages: options.languages ?? ['fr', 'en'] });
  return { scheme, nquads, problems, blocked: problems.some((p) => blockingChecks.has(p.check)) };
}

/** Every scheme an RDF file describes, each with its own triples (checking a file may cover several). */
export function schemesInRdf(data: string | Uint8Array, format: RdfMediaType, options: ImportOptions = {}): PreparedScheme[] {
  const { nquads } = parseRdfToNQuads({ data, format, graph: null, singleGraph: false, keepOrder: true });
  let quads: RdfQuad[] = new Parser({ format: 'N-Quads' }).parse(nquads);
  // SKOS-XL labels are also stated as plain SKOS labels, which SPARQL users and the annotator read.
  const xlLabels = plainLabelsOfXl(quads);
  quads = [...quads, ...xlLabels];
  let schemeIris = schemeIrisIn(quads);
  /** Statements the import adds to the file's (a scheme for concepts in none). */
  const added: RdfQuad[] = [];
  if (schemeIris.length === 0) {
    // Concepts in no scheme (a bare list): the scheme is the one the caller names.
    if (!options.scheme) throw new BadRequestError('The file holds no concept scheme: name the scheme to create with --scheme IRI (CLI) or ?scheme=IRI (HTTP)');
    const scheme = namedNode(assertIri(options.scheme));
    const concepts = [...new Set(quads.filter((q) => q.predicate.value === `${prefixes.rdf}type` && q.object.value === `${prefixes.skos}Concept`).map((q) => q.subject))];
    if (concepts.length === 0) throw new BadRequestError('The file holds no skos:Concept and no concept scheme');
    added.push(quad(scheme, namedNode(`${prefixes.rdf}type`), namedNode(`${prefixes.skos}ConceptScheme`)), ...concepts.map((c) => quad(c, namedNode(`${prefixes.skos}inScheme`), scheme)));
    quads = [...quads, ...added];
    schemeIris = [options.scheme];
  } else if (options.scheme) {
    if (!schemeIris.includes(options.scheme)) throw new BadRequestError(`The file has no concept scheme ${options.scheme}; it has ${schemeIris.join(', ')}`);
    schemeIris = [options.scheme];
  }
  const membersOf = new Map(schemeIris.map((iri) => [iri, conceptsOf(iri, quads)]));
  const allConcepts = new Set([...membersOf.values()].flatMap((m) => [...m]));
  if (options.acronym && schemeIris.length > 1) throw new BadRequestError(`The file holds ${schemeIris.length} concept schemes (${schemeIris.join(', ')}): an acronym names one; choose it with --scheme IRI (CLI) or ?scheme=IRI (HTTP)`);
  return schemeIris.map((iri) => {
    const members = membersOf.get(iri)!;
    // A file of one scheme is that scheme's export, kept whole (its text is reused); a file of several is split.
    const whole = schemeIris.length === 1 && added.length === 0;
    const own = schemeIris.length === 1 ? quads : triplesOfScheme(iri, members, quads, new Set([...allConcepts].filter((c) => !members.has(c))));
    const scheme = ConceptScheme.fromQuads({ iri, graph: '' }, own);
    const acronym = options.acronym ? validAcronym(options.acronym) : undefined;
    if (acronym) scheme.info.acronym = acronym;
    const acronymTriple = acronym ? `${sparqlIri(scheme.info.iri)} ${sparqlIri(modAcronym)} ${sparqlLiteral(acronym)} .\n` : '';
    const text = whole ? nquads + new Writer({ format: 'N-Quads' }).quadsToString(xlLabels) : new Writer({ format: 'N-Quads' }).quadsToString(own);
    return prepared(scheme, text + acronymTriple, options);
  });
}

/** One scheme from an RDF file, ready to be its graph. */
export function schemeFromRdf(data: string | Uint8Array, format: RdfMediaType, options: ImportOptions = {}): PreparedScheme {
  const schemes = schemesInRdf(data, format, options);
  if (schemes.length !== 1) throw new BadRequestError(`The file holds ${schemes.length} concept schemes (${schemes.map((s) => s.scheme.info.iri).join(', ')}); choose one with ?scheme=IRI`);
  return schemes[0]!;
}

/** A new scheme from the spreadsheet layout (the file names concepts; the scheme comes from options). */
export function schemeFromCsv(csv: string, options: ImportOptions & { schemeIri: string; title?: string }): PreparedScheme {
  const acronym = validAcronym(options.acronym ?? 'SCHEME');
  const empty = new ConceptScheme({ iri: options.schemeIri, graph: options.schemeIri, acronym, title: {}, description: {}, version: null });
  const applied = applyEdits(empty, csvAsEdits(csv, empty));
  const { skos, rdf, dct } = prefixes;
  const s = namedNode(options.schemeIri);
  const header = [quad(s, namedNode(`${rdf}type`), namedNode(`${skos}ConceptScheme`)), quad(s, namedNode(modAcronym), literal(acronym))];
  if (options.title) header.push(quad(s, namedNode(`${dct}title`), literal(options.title)));
  const nquads = new Writer({ format: 'N-Triples' }).quadsToString([...header, ...schemeUpdate(empty, applied).added]);
  return prepared(ConceptScheme.fromQuads({ iri: options.schemeIri, graph: options.schemeIri, acronym }, new Parser({ format: 'N-Triples' }).parse(nquads)), nquads, options);
}
