// `npm run bench abuse`: the worst GraphQL requests of issue #17 against `maillage serve` with the
// demo catalogue, in its own process: how long each takes to be answered or refused, how much the
// service's memory grows (RSS, sampled every 50 ms), and /health's latency meanwhile (every 20 ms),
// beside the peers in the same run: an idle /health and an ordinary dataset query.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { percentile, type Figure } from './report.js';
import { startService } from './service-process.js';

const nested = (levels: number, args = '') => {
  let selection = 'title';
  for (let i = 0; i < levels; i += 1) selection = `linkedResources${args} { resource { ${selection} } }`;
  return selection;
};

const cases: Array<[string, string]> = [
  ['ordinary dataset query (peer)', '{ dataset(doi: "10.57745/demo-ds-116") { title linkedResources(first: 10) { relation resource { title kind } } } }'],
  ['issue #17: five levels of linkedResources', `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(5)} } }`],
  ['five levels, first: 3 at each (allowed)', `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(5, '(first: 3)')} } }`],
  ['twelve levels', `{ dataset(doi: "10.57745/demo-ds-116") { ${nested(12)} } }`],
  ['100 results x 100 links x their links', `{ search(first: 100) { edges { node { ${nested(2, '(first: 100)')} } } } }`],
  ['30 aliased searches with every facet', `{ ${Array.from({ length: 30 }, (_v, i) => `s${i}: search(text: "data ${i}", first: 0) { totalCount facets { type { value } theme { value } organisation { value } year { value } } }`).join(' ')} }`],
  ['most allowed: 100 results with 50 creators each', '{ search(first: 100) { edges { node { title creators(first: 50) { title kind } } } } }'],
];

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

export async function abuseBenchmark(options: { repeat: number }): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-bench-abuse-'));
  const service = await startService(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true' }, 180_000);
  const figures: Figure[] = [];
  const figure = (name: string, metric: string, value: number, unit: string) => figures.push({ benchmark: 'abuse', case: name, backend: 'embedded', metric, value: Math.round(value * 10) / 10, unit });
  const health = async () => {
    const t0 = performance.now();
    await (await fetch(`${service.url}/health`)).arrayBuffer();
    return performance.now() - t0;
  };
  try {
    const idle: number[] = [];
    for (let i = 0; i < 50; i += 1) idle.push(await health());
    idle.sort((a, b) => a - b);
    figure('idle service (peer)', 'health p50', percentile(idle, 50), 'ms');
    figure('idle service (peer)', 'health max', idle.at(-1)!, 'ms');
    const rows: string[][] = [];
    let rowsSparql: string[][] = [];
    for (const [name, query] of cases) {
      const rssBefore = rssOf(service.pid);
      let peakRss = rssBefore;
      let running = true;
      const healthTimes: number[] = [];
      const sampler = (async () => {
        while (running) {
          peakRss = Math.max(peakRss, rssOf(service.pid));
          healthTimes.push(await health());
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const answers: number[] = [];
      let outcome = '';
      for (let i = 0; i < options.repeat; i += 1) {
        const t0 = performance.now();
        const response = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        answers.push(performance.now() - t0);
        outcome = body.errors ? (body.errors[0]?.extensions?.code ?? 'error') : 'answered';
      }
      running = false;
      await sampler;
      answers.sort((a, b) => a - b);
      healthTimes.sort((a, b) => a - b);
      figure(name, 'answer max', answers.at(-1)!, 'ms');
      figure(name, 'rss growth', (peakRss - rssBefore) / 1024 / 1024, 'MB');
      figure(name, 'health p50', percentile(healthTimes, 50), 'ms');
      figure(name, 'health max', healthTimes.at(-1) ?? NaN, 'ms');
      rows.push([name, outcome, answers.at(-1)!.toFixed(0), ((peakRss - rssBefore) / 1024 / 1024).toFixed(1), percentile(healthTimes, 50).toFixed(1), (healthTimes.at(-1) ?? NaN).toFixed(1)]);
    }
    rowsSparql = await sparqlAbuse(service.url, service.pid, health, figure);
    process.stdout.write(`\nGraphQL abuse, ${options.repeat} requests per case (idle /health: p50 ${percentile(idle, 50).toFixed(1)} ms, max ${idle.at(-1)!.toFixed(1)} ms)\n`);
    process.stdout.write(['case', 'outcome', 'answer max (ms)', 'RSS growth (MB)', 'health p50 (ms)', 'health max (ms)'].join(' | ') + '\n');
    for (const row of rows) process.stdout.write(row.join(' | ') + '\n');
    process.stdout.write('\nSPARQL abuse: each attack at once, while /health and an ordinary dataset query are timed every 50 ms\n');
    process.stdout.write(['attack', 'answers (status problem: count)', 'slowest answer (ms)', 'health p99 (ms)', 'dataset query p99 (ms)', 'peak RSS growth (MB)'].join(' | ') + '\n');
    for (const row of rowsSparql) process.stdout.write(row.join(' | ') + '\n');
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

/**
 * SPARQL attacks on the public endpoint: runaway queries at once (cartesian products, a huge LIMIT),
 * a megabyte-long query; meanwhile /health and an ordinary GraphQL dataset query are timed (targets:
 * /health p99 under 50 ms, the dataset query p99 under 100 ms).
 */
async function sparqlAbuse(url: string, pid: number, health: () => Promise<number>, figure: (name: string, metric: string, value: number, unit: string) => void): Promise<string[][]> {
  // An answer is named by its status and, for a problem, its type ("503 too-busy").
  const sparql = (query: string) =>
    fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query }).then(
      async (r) => (r.ok ? (await r.arrayBuffer(), String(r.status)) : `${r.status} ${(((await r.json()) as { type?: string }).type ?? '').split('/').pop()}`),
      () => 'no answer',
    );
  const datasetIri = ((await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(filters: { types: [dataset] }, first: 1) { edges { node { iri } } } }' }) })).json()) as { data: { search: { edges: Array<{ node: { iri: string } }> } } }).data.search.edges[0]!.node.iri;
  const ordinary = async () => {
    const t0 = performance.now();
    await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($i: String!) { resource(iri: $i) { title description themes { label } linkedResources(first: 20) { resource { title } } } }', variables: { i: datasetIri } }) })).arrayBuffer();
    return performance.now() - t0;
  };
  const attacks: Array<[string, string[]]> = [
    ['16 cartesian products at once', Array.from({ length: 16 }, (_, i) => `SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i${i} }`)],
    ['8 huge LIMITs at once', Array.from({ length: 8 }, () => 'SELECT * WHERE { ?s ?p ?o . ?x ?y ?z } LIMIT 1000000000')],
    ['4 sorted cartesian products at once (memory)', Array.from({ length: 4 }, (_, i) => `SELECT * WHERE { ?s ?p ?o . ?x ?y ?z${i} } ORDER BY ?o ?z${i} LIMIT 10`)],
    ['ten 1 MB queries at once', Array.from({ length: 10 }, () => `SELECT * WHERE { ?s ?p ?o FILTER(?o IN (${Array.from({ length: 40_000 }, (_, i) => `"v${i}"`).join(',')})) }`)],
  ];
  const rows: string[][] = [];
  for (const [name, queries] of attacks) {
    let running = true;
    const healthTimes: number[] = [];
    const datasetTimes: number[] = [];
    const rssBefore = rssOf(pid);
    let peakRss = rssBefore;
    const sampler = (async () => {
      while (running) {
        peakRss = Math.max(peakRss, rssOf(pid));
        const [h, d] = await Promise.all([health(), ordinary()]);
        healthTimes.push(h);
        datasetTimes.push(d);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const t0 = performance.now();
    const statuses = await Promise.all(queries.map((q) => sparql(q).then((status) => ({ status, ms: performance.now() - t0 }))));
    running = false;
    await sampler;
    healthTimes.sort((a, b) => a - b);
    datasetTimes.sort((a, b) => a - b);
    const counts = [...statuses.reduce((m, s) => m.set(s.status, (m.get(s.status) ?? 0) + 1), new Map<string, number>())].map(([status, n]) => `${status}: ${n}`).join(', ');
    const slowest = Math.max(...statuses.map((s) => s.ms));
    figure(`SPARQL: ${name}`, 'slowest answer', slowest, 'ms');
    figure(`SPARQL: ${name}`, 'health p99', percentile(healthTimes, 99), 'ms');
    figure(`SPARQL: ${name}`, 'dataset query p99', percentile(datasetTimes, 99), 'ms');
    figure(`SPARQL: ${name}`, 'rss growth', (peakRss - rssBefore) / 1024 / 1024, 'MB');
    rows.push([name, counts, slowest.toFixed(0), percentile(healthTimes, 99).toFixed(1), percentile(datasetTimes, 99).toFixed(1), ((peakRss - rssBefore) / 1024 / 1024).toFixed(0)]);
  }
  return rows;
}
