// Owns `maillage thesaurus check | import | export`: the qSKOS-style report on a file, loading a
// SKOS file as a concept scheme (its own graph), and writing one out in any RDF syntax.
import { readFile, writeFile } from 'node:fs/promises';
import { Parser } from 'n3';
import { rdfFormatOf } from '../../rdf/index.js';
import { openGraphStore, parseRdfToNQuads } from '../../store/index.js';
import { checkIntegrity, ConceptScheme, type IntegrityProblem } from '../../thesaurus/index.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../report-error.js';
import type { CommandContext } from './store-commands.js';

/** Problems that make a vocabulary unusable; label problems are reported but do not block. */
const blocking = new Set<IntegrityProblem['check']>(['broader-cycle', 'dangling-reference', 'several-preflabels-per-language']);

async function schemesInFile(file: string, format?: string): Promise<{ schemes: ConceptScheme[]; nquads: string }> {
  const data = await readFile(file);
  const { nquads } = parseRdfToNQuads({ data, format: rdfFormatOf(format ?? file), graph: null, singleGraph: false });
  const schemes = ConceptScheme.allFromQuads(new Parser({ format: 'N-Quads' }).parse(nquads));
  if (schemes.length === 0) throw new UsageError(`${file} holds no skos:ConceptScheme`);
  return { schemes, nquads };
}

function languagesOption(context: CommandContext): string[] {
  return typeof context.options.languages === 'string' ? context.options.languages.split(',').map((l) => l.trim()) : ['fr', 'en'];
}

function report(scheme: ConceptScheme, problems: IntegrityProblem[]): string {
  const counts = new Map<string, number>();
  for (const problem of problems) counts.set(problem.check, (counts.get(problem.check) ?? 0) + 1);
  const lines = [`${scheme.info.iri}: ${scheme.concepts.size} concepts, ${scheme.topConcepts.length} top concepts, ${problems.length} problems`];
  for (const [check, count] of counts) lines.push(`  ${check}: ${count}${blocking.has(check as IntegrityProblem['check']) ? ' (blocks import)' : ''}`);
  for (const problem of problems.slice(0, 20)) lines.push(`    ${problem.concept} — ${problem.message}`);
  if (problems.length > 20) lines.push(`    … and ${problems.length - 20} more`);
  return lines.join('\n');
}

export async function thesaurusCommand(context: CommandContext): Promise<void> {
  const [action, file] = context.args;
  const format = typeof context.options.format === 'string' ? context.options.format : undefined;
  if (action === 'check' || action === 'import') {
    if (!file) throw new UsageError(`thesaurus ${action} needs a SKOS file`);
    const { schemes, nquads } = await schemesInFile(file, format);
    let blocked = false;
    for (const scheme of schemes) {
      const problems = checkIntegrity(scheme, { requiredLanguages: languagesOption(context) });
      process.stdout.write(`${report(scheme, problems)}\n`);
      blocked ||= problems.some((p) => blocking.has(p.check));
    }
    if (action === 'check') {
      if (blocked) process.exitCode = 1;
      return;
    }
    if (blocked && context.options.force !== true) throw new UsageError('not imported: fix the problems marked "blocks import", or pass --force');
    if (schemes.length !== 1) throw new UsageError(`${file} holds ${schemes.length} concept schemes; import takes one scheme a file`);
    const scheme = schemes[0]!;
    const acronym = typeof context.options.acronym === 'string' ? context.options.acronym.toUpperCase() : undefined;
    if (acronym !== undefined && !/^[A-Z0-9_-]{2,32}$/.test(acronym)) throw new UsageError('--acronym takes 2 to 32 letters, digits, _ or -');
    const progress = createProgress(`thesaurus import ${file}`, 'quads');
    const store = await openGraphStore(context.config, context.logger);
    try {
      // The scheme's triples go to a graph named by the scheme; the acronym is recorded with MOD.
      const acronymTriple = acronym ? `<${scheme.info.iri}> <https://w3id.org/mod#acronym> "${acronym}" .\n` : '';
      const result = await store.replaceGraph(scheme.info.iri, { data: nquads + acronymTriple, format: 'application/n-quads' });
      progress.done(`imported ${scheme.concepts.size} concepts (${result.quadsWritten} quads) into graph ${scheme.info.iri}${acronym ? ` as ${acronym}` : ''}; restart the service to serve it`);
    } finally {
      await store.close();
    }
    return;
  }
  if (action === 'export') {
    const scheme = typeof context.options.graph === 'string' ? context.options.graph : 'https://w3id.org/maillage/thesaurus/';
    const mediaType = rdfFormatOf(format ?? 'ttl');
    const store = await openGraphStore(context.config, context.logger);
    try {
      const { body } = await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${scheme}> { ?s ?p ?o } }`, { results: 'application/sparql-results+json', graph: mediaType });
      if (file) await writeFile(file, body);
      else process.stdout.write(body);
    } finally {
      await store.close();
    }
    return;
  }
  throw new UsageError('thesaurus takes: check <file> | import <file> [--acronym A] [--languages fr,en] [--force] | export [file] [--graph IRI] [--format F]');
}
