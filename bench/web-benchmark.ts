// `npm run bench web`: the catalogue's pages on the demo catalogue, served by `maillage serve` in its
// own process: the time the service takes to render a search page (Server-Timing, distinct searches
// one at a time, p50/p95) and a dataset page, beside the same search asked through /graphql (the peer: what the page adds
// to its query), and what the home page weighs in a real browser (bytes over the wire, Chromium).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { percentile, type Figure } from './report.js';
import { startService } from './service-process.js';

const words = ['observations', 'océans', 'aérosols à Brest', 'climat depuis 2010', 'nuages Guyane', 'précipitations', 'sols', 'biodiversité en Camargue', 'vents 2015', 'atmosphère', 'glaciers', 'qualité de l’air Toulouse'];

const serverMs = (response: Response) => Number(/app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);

export async function webBenchmark(options: { requests: number }): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-bench-web-'));
  const service = await startService(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true' }, 180_000);
  const figures: Figure[] = [];
  const figure = (name: string, metric: string, value: number, unit: string) => figures.push({ benchmark: 'web', case: name, backend: 'embedded', metric, value: Math.round(value * 10) / 10, unit });
  try {
    const query = (i: number) => `${words[i % words.length]} ${i % 7 === 0 ? '' : 2000 + (i % 20)}`.trim();
    const pages: number[] = [];
    const apis: number[] = [];
    // The page's own query, asked by a client: what rendering adds is the difference.
    const gql = `query($t: String) { search(text: $t, interpret: true, first: 20, lang: fr) { totalCount
      edges { node { iri kind title(lang: fr) issued publisher { title(lang: fr) } themes(first: 5) { iri label(lang: fr) } quality { F A I R } ... on Dataset { spatialCoverage { west south east north } } } }
      facets { type(first: 10) { value label count } theme(first: 60) { value label count concept { broader(first: 3) { iri } } } organisation(first: 15) { value label count } source(first: 25) { value label count } licence(first: 15) { value label count } accessRights(first: 10) { value label count } language(first: 15) { value label count } year(first: 30) { value label count } }
      interpretation { themes { iri label(lang: fr) text } places { name text bbox { west south east north } } temporalFrom temporalTo periodTexts remainingText } } }`;
    for (let i = 0; i < 20; i += 1) await (await fetch(`${service.url}/fr/recherche?q=${encodeURIComponent(query(i))}`)).text(); // warm-up
    for (let i = 0; i < options.requests; i += 1) {
      const text = `${query(i)} ${i}`;
      const page = await fetch(`${service.url}/fr/recherche?q=${encodeURIComponent(text)}`);
      await page.text();
      pages.push(serverMs(page));
      const api = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: gql, variables: { t: `${text} api` } }) });
      await api.text();
      apis.push(serverMs(api));
    }
    // Dataset pages (tabs, coverage map, linked resources), each a different dataset.
    const datasetIris = ((await (await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(filters: { types: [dataset] }, first: 100) { edges { node { iri } } } }' }) })).json()) as { data: { search: { edges: Array<{ node: { iri: string } }> } } }).data.search.edges.map((e) => e.node.iri);
    const datasetPages: number[] = [];
    for (let i = 0; i < Math.min(options.requests, datasetIris.length); i += 1) {
      const response = await fetch(`${service.url}/fr/ressource?iri=${encodeURIComponent(datasetIris[i]!)}`);
      await response.text();
      datasetPages.push(serverMs(response));
    }
    datasetPages.sort((a, b) => a - b);
    figure('dataset page (rendered)', 'p50', percentile(datasetPages, 50), 'ms');
    figure('dataset page (rendered)', 'p95', percentile(datasetPages, 95), 'ms');
    pages.sort((a, b) => a - b);
    apis.sort((a, b) => a - b);
    figure('search page (rendered)', 'p50', percentile(pages, 50), 'ms');
    figure('search page (rendered)', 'p95', percentile(pages, 95), 'ms');
    figure('same search through /graphql (peer)', 'p50', percentile(apis, 50), 'ms');
    figure('same search through /graphql (peer)', 'p95', percentile(apis, 95), 'ms');

    let weight = NaN;
    const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
    if (chromiumPath) {
      const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      let bytes = 0;
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
      await page.goto(`${service.url}/fr/`, { waitUntil: 'networkidle' });
      weight = bytes / 1024;
      await browser.close();
      figure('home page in Chromium', 'weight', weight, 'kB');
    }
    process.stdout.write(`\nWeb catalogue, ${options.requests} distinct searches one at a time (service time, Server-Timing)\n`);
    process.stdout.write(`search page rendered: p50 ${percentile(pages, 50).toFixed(1)} ms, p95 ${percentile(pages, 95).toFixed(1)} ms | same search via /graphql (peer): p50 ${percentile(apis, 50).toFixed(1)} ms, p95 ${percentile(apis, 95).toFixed(1)} ms\n`);
    process.stdout.write(`dataset page rendered (${datasetPages.length} datasets): p50 ${percentile(datasetPages, 50).toFixed(1)} ms, p95 ${percentile(datasetPages, 95).toFixed(1)} ms\n`);
    process.stdout.write(`home page weight in Chromium (bytes over the wire, everything it loads): ${Number.isNaN(weight) ? 'not measured (no Chromium)' : `${weight.toFixed(0)} kB`}\n`);
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}
