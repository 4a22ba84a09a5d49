// Owns `maillage thesaurus check | import | export`: the qSKOS-style report on a file, loading a
// SKOS file as a concept scheme (its own graph), and writing one out in any RDF syntax.
import { readFile, writeFile } from 'node:fs/promises';
import { openRecordsDatabase } from '../../records/index.js';
import { rdfFormatOf, sparqlIri } from '../../rdf/index.js';
import { openGraphStore } from '../../store/index.js';
import { blockingChecks, ConceptScheme, schemeAsCsv, schemeFromCsv, schemesInRdf, ThesaurusHistory, type IntegrityProblem, type PreparedScheme } from '../../thesaurus/index.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../report-error.js';
import type { CommandContext } from './store-commands.js';

/** The schemes a file holds: SKOS in any RDF syntax, or the spreadsheet layout (.csv, with --scheme). */
async function schemesInFile(file: string, context: CommandContext): Promise<PreparedScheme[]> {
  const format = typeof context.options.format === 'string' ? context.options.format : undefined;
  const acronym = typeof context.options.acronym === 'string' ? context.options.acronym : undefined;
  const options = { languages: languagesOption(context), ...(acronym ? { acronym } : {}) };
  if ((format ?? file).toLowerCase().endsWith('csv')) {
    const schemeIri = context.options.scheme;
    if (typeof schemeIri !== 'string') throw new UsageError('a CSV file names its concepts only: give the scheme with --scheme <IRI> (and --acronym, --title)');
    const title = typeof context.options.title === 'string' ? context.options.title : undefined;
    return [schemeFromCsv(await readFile(file, 'utf8'), { ...options, schemeIri, ...(title ? { title } : {}) })];
  }
  const scheme = typeof context.options.scheme === 'string' ? context.options.scheme : undefined;
  return schemesInRdf(await readFile(file), rdfFormatOf(format ?? file), { ...options, ...(scheme ? { scheme } : {}) });
}

function languagesOption(context: CommandContext): string[] {
  return typeof context.options.languages === 'string' ? context.options.languages.split(',').map((l) => l.trim()) : ['fr', 'en'];
}

function report(scheme: ConceptScheme, problems: IntegrityProblem[]): string {
  const counts = new Map<string, number>();
  for (const problem of problems) counts.set(problem.check, (counts.get(problem.check) ?? 0) + 1);
  const lines = [`${scheme.info.iri}: ${scheme.concepts.size} concepts, ${scheme.topConcepts.length} top concepts, ${problems.length} problems`];
  for (const [check, count] of counts) lines.push(`  ${check}: ${count}${blockingChecks.has(check as IntegrityProblem['check']) ? ' (blocks import)' : ''}`);
  for (const problem of problems.slice(0, 20)) lines.push(`    ${problem.concept} — ${problem.message}`);
  if (problems.length > 20) lines.push(`    … and ${problems.length - 20} more`);
  return lines.join('\n');
}

export async function thesaurusCommand(context: CommandContext): Promise<void> {
  const [action, file] = context.args;
  const format = typeof context.options.format === 'string' ? context.options.format : undefined;
  if (action === 'check' || action === 'import') {
    if (!file) throw new UsageError(`thesaurus ${action} needs a SKOS file (or a CSV with --scheme)`);
    const prepared = await schemesInFile(file, context);
    for (const { scheme, problems } of prepared) process.stdout.write(`${report(scheme, problems)}\n`);
    const blocked = prepared.some((p) => p.blocked);
    if (action === 'check') {
      if (blocked) process.exitCode = 1;
      return;
    }
    if (blocked && context.options.force !== true) throw new UsageError('not imported: fix the problems marked "blocks import", or pass --force');
    const store = await openGraphStore(context.config, context.logger);
    const db = openRecordsDatabase(context.config.dataDir);
    try {
      // Each scheme of the file goes to its own graph, named by the scheme; the acronym is recorded with MOD.
      for (const { scheme, nquads, problems } of prepared) {
        const progress = createProgress(`thesaurus import ${scheme.info.acronym}`, 'quads');
        const result = await store.replaceGraph(scheme.info.iri, { data: nquads, format: 'application/n-quads' });
        new ThesaurusHistory(db).record([
          { scheme: scheme.info.iri, concept: null, action: 'import', actor: `cli:${process.env.USER ?? 'unknown'}`, at: new Date().toISOString(), before: null, after: null, comment: `${file}: ${scheme.concepts.size} concepts, ${problems.length} integrity problems` },
        ]);
        progress.done(`imported ${scheme.concepts.size} concepts (${result.quadsWritten} quads) into graph ${scheme.info.iri} as ${scheme.info.acronym}`);
      }
      process.stderr.write('restart the service to serve the imported schemes, and run maillage reindex to align the stored records to them\n');
    } finally {
      await store.close();
      db.close();
    }
    return;
  }
  if (action === 'export') {
    const scheme = typeof context.options.graph === 'string' ? context.options.graph : 'https://w3id.org/maillage/thesaurus/';
    const store = await openGraphStore(context.config, context.logger);
    try {
      const body =
        format === 'csv'
          ? schemeAsCsv(await ConceptScheme.load(store, { iri: scheme, graph: scheme }))
          : (await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(scheme)} { ?s ?p ?o } }`, { results: 'application/sparql-results+json', graph: rdfFormatOf(format ?? 'ttl') })).body;
      if (file) await writeFile(file, body);
      else process.stdout.write(body);
    } finally {
      await store.close();
    }
    return;
  }
  throw new UsageError('thesaurus takes: check <file> | import <file> [--acronym A] [--languages fr,en] [--force] [--scheme IRI: the one scheme to take from the file, or to create for a CSV file or a list of concepts in no scheme; --title T] | export [file] [--graph IRI] [--format F]');
}
