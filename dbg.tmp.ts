import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeEnvironment } from './bench/graphql-benchmark.js';
import { startService } from './bench/service-process.js';
import { scaleSparqlMix } from './bench/scale-sparql-mix.js';
const b = await storeEnvironment('remote');
const dir = mkdtempSync(path.join(os.tmpdir(), 'dbg-'));
const s = await startService(dir, { ...b.env, DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', LOG_LEVEL: 'info' }, 600000);
try {
  for (const [name, q] of Object.entries(scaleSparqlMix(500))) {
    const r = await fetch(`${s.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, application/n-triples;q=0.9' }, body: q(1) });
    console.log(name, r.status, (await r.text()).slice(0, 300).replace(/\n/g, ' '));
  }
} finally { await s.stop(); await b.stop(); }
