// `npm run bench thesaurus`: on a generated vocabulary of 40,000 concepts served by the running
// service (`maillage serve` in its own process), autocomplete latency over HTTP (one request at a
// time, and 16 at once) and annotator throughput; the peer is the same prefix search as SPARQL
// on the graph store, which is what the service would do without its label index.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../src/log/index.js';
import { mediaTypes } from '../src/rdf/index.js';
import { openEmbeddedGraphStore } from '../src/store/index.js';
import { embeddedOptions } from '../test/support/embedded-store.js';
import { percentile, printComparison, type Figure } from './report.js';
import { generateAbstracts, generateVocabulary } from './vocabulary-generator.js';
import { startService, timed } from './service-process.js';

function prefixesOf(labels: string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const label = labels[(i * 7919) % labels.length]!;
    const words = label.split(' ');
    const word = words[i % 2 === 0 ? 0 : Math.min(2, words.length - 1)]!;
    return word.slice(0, 3 + (i % 4));
  });
}

export async function thesaurusBenchmark(options: { concepts: number; logLevel?: string }): Promise<Figure[]> {
  const vocabulary = generateVocabulary(options.concepts);
  process.stderr.write(`thesaurus benchmark: ${vocabulary.concepts} concepts\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-thesaurus-'));
  const figures: Figure[] = [];
  const prefixes = prefixesOf(vocabulary.labelsFr, 2000);
  try {
    const store = await openEmbeddedGraphStore(embeddedOptions(dataDir, { logger: silentLogger }));
    await store.replaceGraph(vocabulary.scheme, { data: vocabulary.ntriples, format: mediaTypes.nTriples });
    // Peer: the same prefix search as SPARQL on the store (label starts with the prefix, any case).
    const sparql = await timed(200, 1, (i) =>
      store.querySerialized(
        `SELECT ?c ?l WHERE { GRAPH <${vocabulary.scheme}> { ?c <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> ?l } FILTER(STRSTARTS(LCASE(STR(?l)), ${JSON.stringify(prefixes[i]!.toLowerCase())})) } LIMIT 50`,
        { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples },
      ),
    );
    for (const metric of ['p50', 'p99'] as const) {
      figures.push({ benchmark: 'thesaurus', case: `autocomplete ${metric}`, backend: 'SPARQL STRSTARTS on the store (in process)', metric: 'ms', value: percentile(sparql.times, metric === 'p50' ? 50 : 99), unit: 'ms' });
    }
    await store.close();

    // Request logs on (info), as in production, unless asked otherwise.
    const service = await startService(dataDir, { LOG_LEVEL: options.logLevel ?? 'info' });
    try {
      // The service's own time per request (its Server-Timing header), apart from the client's.
      const serverTimes: number[] = [];
      const get = (p: string) =>
        fetch(`${service.url}${p}`).then((r) => {
          const dur = /app;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1];
          if (dur && p.startsWith('/search')) serverTimes.push(Number(dur));
          return r.arrayBuffer();
        });
      await get('/search?q=tem&suggest=true'); // warm-up
      serverTimes.length = 0;
      const sequential = await timed(prefixes.length, 1, (i) => get(`/search?q=${encodeURIComponent(prefixes[i]!)}&suggest=true&pagesize=10`));
      const parallel = await timed(prefixes.length, 16, (i) => get(`/search?q=${encodeURIComponent(prefixes[i]!)}&suggest=true&pagesize=10`));
      const sequentialServer = serverTimes.slice(0, prefixes.length).sort((a, b) => a - b);
      for (const p of [50, 99]) figures.push({ benchmark: 'thesaurus', case: `autocomplete p${p}`, backend: 'service /search, Server-Timing', metric: 'ms', value: percentile(sequentialServer, p), unit: 'ms' });
      for (const [name, run] of [['autocomplete', sequential], ['autocomplete ×16', parallel]] as const) {
        for (const p of [50, 99]) figures.push({ benchmark: 'thesaurus', case: `${name} p${p}`, backend: 'service /search over HTTP', metric: 'ms', value: percentile(run.times, p), unit: 'ms' });
      }
      figures.push({ benchmark: 'thesaurus', case: 'autocomplete ×16', backend: 'service /search over HTTP', metric: 'requests/s', value: prefixes.length / parallel.seconds, unit: 'requests/s' });

      const abstracts = generateAbstracts(vocabulary, 600);
      const annotate = (i: number) =>
        fetch(`${service.url}/annotator?ontologies=BENCH`, { method: 'POST', body: new URLSearchParams({ text: abstracts[i]! }) }).then((r) => r.json() as Promise<unknown[]>);
      const mentions = (await annotate(0)).length;
      const annotator = await timed(abstracts.length, 4, annotate);
      figures.push({ benchmark: 'thesaurus', case: 'annotator', backend: 'service /annotator over HTTP', metric: 'abstracts/s', value: abstracts.length / annotator.seconds, unit: 'abstracts/s' });
      process.stderr.write(`  annotator: ~150-word abstracts, ${mentions} concepts found in the first one\n`);
    } finally {
      await service.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printComparison('Thesaurus autocomplete latency', figures, 'ms');
  printComparison('Thesaurus throughput', figures.filter((f) => f.metric === 'requests/s'), 'requests/s');
  printComparison('Annotator throughput', figures, 'abstracts/s');
  return figures;
}
