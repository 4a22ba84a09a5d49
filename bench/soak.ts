// A soak run: mixed public traffic at a fixed offered rate (open loop: each request is timed from
// the instant it was due, so a slow service shows as latency, not as fewer requests) on a running
// service with the demo catalogue, while writes go on beside it (graphs through the Graph Store
// Protocol, and when asked incremental harvests of a growing source started over POST /harvests,
// each followed by the derivation of its new records). Per window: requests, errors, p50/p99 per route, and the service's
// RSS and heap (its own /metrics). Used by `npm run bench -- soak` (30 minutes) and, bounded, by the
// test suite.
import { readFileSync } from 'node:fs';
import { percentile } from './report.js';

export interface SoakWindow {
  second: number;
  requests: number;
  /** Answers that are the service's fault (5xx, or no answer); 429/503 refusals under load are counted apart. */
  serverErrors: number;
  refused: number;
  latency: Record<string, { p50: number; p99: number }>;
  rssMb: number;
  heapMb: number;
  /** Harvest runs that ended in the window, and the new records they took in. */
  harvests: number;
  harvestedRecords: number;
}

export interface SoakOptions {
  url: string;
  pid: number;
  adminToken: string;
  seconds: number;
  ratePerSecond: number;
  windowSeconds: number;
  /** A declared source to harvest every `everySeconds` while the traffic runs. */
  harvest?: { source: string; everySeconds: number };
  onWindow?: (window: SoakWindow) => void;
}

const words = ['observations', 'océans', 'aérosols', 'climat depuis 2010', 'nuages', 'précipitations', 'sols', 'biodiversité', 'vents', 'atmosphère', 'glaciers', 'qualité de l’air'];

/** The service's resident memory (Linux /proc) and V8 heap (its Prometheus metrics). */
async function memoryOf(url: string, pid: number): Promise<{ rssMb: number; heapMb: number }> {
  let rssMb = NaN;
  try {
    rssMb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    // Not Linux: the metrics' resident memory below.
  }
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  if (Number.isNaN(rssMb)) rssMb = metric('maillage_process_resident_memory_bytes') / 1024 / 1024;
  return { rssMb, heapMb: metric('maillage_nodejs_heap_size_used_bytes') / 1024 / 1024 };
}

export async function soak(options: SoakOptions): Promise<SoakWindow[]> {
  const { url } = options;
  const datasets = ((await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(filters: { types: [dataset] }, first: 100) { edges { node { iri } } } }' }) })).json()) as { data: { search: { edges: Array<{ node: { iri: string } }> } } }).data.search.edges.map((e) => e.node.iri);
  const routes: Record<string, (i: number) => Promise<Response>> = {
    'graphql search': (i) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($t: String) { search(text: $t, interpret: true, first: 20) { totalCount edges { node { iri title } } facets { theme(first: 20) { value count } } } }', variables: { t: `${words[i % words.length]} ${i % 9}` } }) }),
    'dataset page': (i) => fetch(`${url}/fr/ressource?iri=${encodeURIComponent(datasets[i % datasets.length]!)}`),
    sparql: (i) => fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: `SELECT ?t WHERE { GRAPH ?g { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t } } LIMIT ${10 + (i % 40)}` }),
    autocomplete: (i) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($p: String!) { suggest(prefix: $p, lang: fr, first: 8) { label } }', variables: { p: words[i % words.length]!.slice(0, 2 + (i % 4)) } }) }),
    'linked data': (i) => fetch(datasets[i % datasets.length]!.replace(/^https:\/\/w3id\.org\/maillage/, url), { headers: { accept: 'text/turtle' } }),
  };
  const names = Object.keys(routes);
  const windows: SoakWindow[] = [];
  const started = performance.now();
  const interval = 1000 / options.ratePerSecond;
  const freshWindow = () => ({ times: new Map<string, number[]>(), requests: 0, serverErrors: 0, refused: 0, harvests: 0, harvestedRecords: 0 });
  let current = freshWindow();
  const inFlight = new Set<Promise<void>>();

  // Writes beside the reads: a graph every second, a thesaurus-free write path that takes the store's write lock.
  let writing = true;
  const writes = (async () => {
    for (let n = 0; writing; n += 1) {
      await fetch(`${url}/rdf-graph-store?graph=urn:soak:${n % 50}`, { method: 'PUT', headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/n-triples' }, body: `<urn:soak:s${n}> <urn:soak:p> "write ${n}" .\n` }).then(
        (r) => (r.status >= 500 ? (current.serverErrors += 1) : undefined),
        () => (current.serverErrors += 1),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();

  // Incremental harvests beside the traffic: one at a time, each awaited to its end (and derivation).
  const harvesting = (async () => {
    if (!options.harvest) return;
    const { source, everySeconds } = options.harvest;
    while (writing) {
      const next = Date.now() + everySeconds * 1000;
      const started = await fetch(`${url}/harvests`, { method: 'POST', headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ source }) });
      if (started.status === 202) {
        const location = started.headers.get('location')!;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          const run = (await (await fetch(location)).json()) as { status: string; new: number };
          if (run.status === 'running') continue;
          if (run.status !== 'completed') current.serverErrors += 1;
          current.harvests += 1;
          current.harvestedRecords += run.new;
          break;
        }
      } else if (started.status >= 500) current.serverErrors += 1;
      else await started.arrayBuffer();
      while (writing && Date.now() < next) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();

  const closeWindow = async (closing: typeof current, second: number) => {
    const memory = await memoryOf(url, options.pid);
    const latency = Object.fromEntries(
      [...closing.times].map(([route, times]) => {
        const sorted = times.sort((a, b) => a - b);
        return [route, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
      }),
    );
    const window: SoakWindow = { second, requests: closing.requests, serverErrors: closing.serverErrors, refused: closing.refused, latency, ...memory, harvests: closing.harvests, harvestedRecords: closing.harvestedRecords };
    windows.push(window);
    options.onWindow?.(window);
  };

  let nextWindow = options.windowSeconds;
  for (let i = 0; ; i += 1) {
    const due = started + i * interval;
    if (due - started >= options.seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const name = names[i % names.length]!;
    const bucket = current;
    const request = routes[name]!(i).then(
      async (response) => {
        await response.arrayBuffer();
        bucket.requests += 1;
        if (response.status >= 500 && response.status !== 503) bucket.serverErrors += 1;
        else if (response.status === 429 || response.status === 503) bucket.refused += 1;
        // Timed from when it was due (open loop), not from when it could be sent.
        bucket.times.set(name, [...(bucket.times.get(name) ?? []), performance.now() - due]);
      },
      () => {
        bucket.requests += 1;
        bucket.serverErrors += 1;
      },
    );
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if ((performance.now() - started) / 1000 >= nextWindow) {
      const closing = current;
      current = freshWindow();
      const second = nextWindow;
      nextWindow += options.windowSeconds;
      await closeWindow(closing, second);
    }
  }
  await Promise.all(inFlight);
  writing = false;
  await writes;
  await harvesting;
  // The last window, with the requests still in flight when the time was up.
  if (current.requests > 0) await closeWindow(current, options.seconds);
  return windows;
}

/** p99 of all requests in a set of windows (each window's per-route p99, the worst route). */
export const worstP99 = (windows: SoakWindow[]) => Math.max(...windows.flatMap((w) => Object.values(w.latency).map((l) => l.p99)));

export function soakTable(windows: SoakWindow[]): string {
  const routes = [...new Set(windows.flatMap((w) => Object.keys(w.latency)))];
  const header = ['t (s)', 'requests', '5xx', 'refused', ...routes.map((r) => `${r} p50/p99 (ms)`), 'RSS (MB)', 'heap (MB)', 'harvests ended', 'records harvested'];
  const rows = windows.map((w) => [
    String(w.second),
    String(w.requests),
    String(w.serverErrors),
    String(w.refused),
    ...routes.map((r) => (w.latency[r] ? `${w.latency[r]!.p50.toFixed(0)}/${w.latency[r]!.p99.toFixed(0)}` : '—')),
    w.rssMb.toFixed(0),
    w.heapMb.toFixed(0),
    String(w.harvests),
    String(w.harvestedRecords),
  ]);
  return [header, ...rows].map((r) => r.join(' | ')).join('\n');
}
