// Owns preparing a whole concept scheme for import, from a SKOS file (any RDF syntax) or from the
// spreadsheet layout: the scheme's triples as N-Quads and its integrity report. The CLI and the
// HTTP API import through this, so both refuse the same defects.
import { sparqlIri, sparqlLiteral } from '../rdf/index.js';
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

/** Every scheme an RDF file describes (checking a file may cover several). */
export function schemesInRdf(data: string | Uint8Array, format: RdfMediaType, options: ImportOptions = {}): PreparedScheme[] {
  const { nquads } = parseRdfToNQuads({ data, format, graph: null, singleGraph: false });
  const quads = new Parser({ format: 'N-Quads' }).parse(nquads);
  const schemes = ConceptScheme.allFromQuads(quads);
  if (schemes.length === 0) throw new BadRequestError('The file holds no skos:ConceptScheme');
  return schemes.map((scheme) => {
    const acronym = options.acronym ? validAcronym(options.acronym) : undefined;
    if (acronym) scheme.info.acronym = acronym;
    const acronymTriple = acronym ? `${sparqlIri(scheme.info.iri)} ${sparqlIri(modAcronym)} ${sparqlLiteral(acronym)} .\n` : '';
    return prepared(scheme, nquads + acronymTriple, options);
  });
}

/** One scheme from an RDF file, ready to be its graph. */
export function schemeFromRdf(data: string | Uint8Array, format: RdfMediaType, options: ImportOptions = {}): PreparedScheme {
  const schemes = schemesInRdf(data, format, options);
  if (schemes.length !== 1) throw new BadRequestError(`The file holds ${schemes.length} concept schemes; an import takes one scheme a file`);
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
