// `npm run bench [name] [--triples N] [--runs N]`: runs the named benchmarks (all when none),
// printing tables for people and BENCH JSON lines for machines.
import { parseArgs } from 'node:util';
import { printFigures, type Figure } from './report.js';
import { harvestBenchmark } from './harvest-benchmark.js';
import { storeBenchmark } from './store-benchmark.js';
import { thesaurusBenchmark } from './thesaurus-benchmark.js';
import { validateBenchmark } from './validate-benchmark.js';
import { sparqlBenchmark } from './sparql-benchmark.js';
import { graphqlBenchmark } from './graphql-benchmark.js';
import { abuseBenchmark } from './abuse-benchmark.js';
import { graphCostBenchmark } from './graph-cost-benchmark.js';
import { interpretBenchmark } from './interpret-benchmark.js';
import { scaleBenchmark } from './scale-benchmark.js';
import { webBenchmark } from './web-benchmark.js';
import { alignmentBenchmark } from './alignment-benchmark.js';
import { remoteWritesBenchmark } from './remote-writes-benchmark.js';
import { hostileBenchmark } from './hostile-benchmark.js';
import { soakBenchmark } from './soak-benchmark.js';
import { faultsBenchmark } from './faults-benchmark.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    triples: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    pages: { type: 'string', default: '100' },
    'per-page': { type: 'string', default: '100' },
    concepts: { type: 'string', default: '40000' },
    'log-level': { type: 'string', default: 'info' },
    records: { type: 'string', default: '20000' },
    'full-records': { type: 'string', default: '1000' },
    datasets: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    store: { type: 'string', default: 'embedded' },
    repeat: { type: 'string', default: '10' },
    graphs: { type: 'string', default: '5000' },
    minutes: { type: 'string', default: '30' },
    kills: { type: 'string', default: '25' },
    rate: { type: 'string', default: '30' },
    sizes: { type: 'string', default: '10000,100000' },
    stores: { type: 'string', default: 'remote,embedded' },
    'offered-rate': { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    'embedded-max': { type: 'string', default: '30000' },
  },
});

const benchmarks: Record<string, () => Promise<Figure[]>> = {
  store: () => storeBenchmark({ triples: Number(values.triples), runs: Number(values.runs) }),
  harvest: () => harvestBenchmark({ pages: Number(values.pages), perPage: Number(values['per-page']) }),
  validate: () => validateBenchmark({ records: Number(values.records), fullRecords: Number(values['full-records']) }),
  graphql: () => graphqlBenchmark({ datasets: Number(values.datasets), requests: Number(values.requests), store: values.store === 'remote' ? 'remote' : 'embedded' }),
  sparql: () => sparqlBenchmark({ triples: Number(values.triples), runs: Number(values.runs) }),
  interpret: () => interpretBenchmark(),
  alignment: () => alignmentBenchmark(),
  'remote-writes': () => remoteWritesBenchmark({ records: Number(values.graphs) }),
  hostile: () => hostileBenchmark(),
  faults: () => faultsBenchmark({ kills: Number(values.kills), pages: 20, perPage: 50 }),
  soak: () => soakBenchmark({ minutes: Number(values.minutes), rate: Number(values.rate) }),
  web: () => webBenchmark({ requests: Math.min(Number(values.requests), 500) }),
  abuse: () => abuseBenchmark({ repeat: Number(values.repeat) }),
  'graph-cost': () => graphCostBenchmark(),
  scale: () =>
    scaleBenchmark({
      sizes: values.sizes.split(',').map(Number),
      stores: values.stores.split(',').filter((s): s is 'remote' | 'embedded' => s === 'remote' || s === 'embedded'),
      offeredRate: Number(values['offered-rate']),
      seconds: Number(values.seconds),
      embeddedMaxSize: Number(values['embedded-max']),
    }),
  thesaurus: () => thesaurusBenchmark({ concepts: Number(values.concepts), logLevel: values['log-level'] }),
};

const names = positionals.length > 0 ? positionals : Object.keys(benchmarks);
for (const name of names) {
  const benchmark = benchmarks[name];
  if (!benchmark) {
    process.stderr.write(`Unknown benchmark "${name}". Known: ${Object.keys(benchmarks).join(', ')}\n`);
    process.exit(2);
  }
  printFigures(await benchmark());
}
