// `npm run bench alignment`: the keyword alignment on the real records of ../shared/data, scored
// against the curators' labels of test/alignment/alignment-evaluation-set.ts: recall (labelled
// records with a right theme) and precision (themed records whose themes are all right), per
// method, beside two peers from the same run: whole-label matches alone (what the aligner did
// before classifications, containment and sure annotations) and the annotator alone. Targets:
// recall >= 0.80, precision >= 0.90.
import { Parser } from 'n3';
import { RecordMapper } from '../src/mapping/index.js';
import { bundledThesaurus, thesaurusGraph } from '../src/thesaurus/bundled-thesaurus.js';
import { ConceptScheme, KeywordAligner } from '../src/thesaurus/index.js';
import { scoreAlignment } from '../test/alignment/alignment-score.js';
import { readRealRecords } from '../test/support/real-records.js';
import { sharedDataMissing } from '../test/support/shared-data.js';
import { percentile, type Figure } from './report.js';

export async function alignmentBenchmark(): Promise<Figure[]> {
  if (sharedDataMissing) {
    process.stdout.write(`alignment: skipped, ${sharedDataMissing}\n`);
    return [];
  }
  const scheme = ConceptScheme.allFromQuads(new Parser().parse(bundledThesaurus().turtle), thesaurusGraph)[0]!;
  const aligner = KeywordAligner.bundled();
  const records = await readRealRecords();
  const cases = [
    { name: 'aligner', keep: () => true },
    { name: 'whole labels only (peer)', keep: (m: string) => m.startsWith('exact-') },
    { name: 'annotator only (peer)', keep: (m: string) => m.startsWith('annotator-') },
  ];
  const figures: Figure[] = [];
  const figure = (name: string, metric: string, value: number, unit: string) => figures.push({ benchmark: 'alignment', case: name, backend: 'in-process', metric, value: Math.round(value * 1000) / 1000, unit });
  process.stdout.write(`\nAlignment on ${records.length} real records (targets: recall >= 0.80, precision >= 0.90)\n`);
  process.stdout.write('case | labelled | themed | recall | precision\n');
  let full = scoreAlignment(records, aligner, scheme);
  for (const { name, keep } of cases) {
    const score = scoreAlignment(records, aligner, scheme, keep);
    if (name === 'aligner') full = score;
    process.stdout.write(`${name} | ${score.labelled} | ${score.themed} | ${score.recall.toFixed(3)} | ${score.precision.toFixed(3)}\n`);
    figure(name, 'recall', score.recall, 'ratio');
    figure(name, 'precision', score.precision, 'ratio');
  }
  process.stdout.write('\nmethod | themes | right | share right\n');
  for (const [method, { themes, right }] of Object.entries(full.byMethod).sort((a, b) => b[1].themes - a[1].themes)) {
    process.stdout.write(`${method} | ${themes} | ${right} | ${(right / themes).toFixed(3)}\n`);
  }
  process.stdout.write(`\nMissed (${full.misses.length}):\n${full.misses.map((m) => `  ${m}`).join('\n')}\nWith a wrong theme (${full.wrong.length}):\n${full.wrong.map((m) => `  ${m}`).join('\n')}\n`);

  // Time to align one mapped record (the derive step's share), in process.
  const mapper = RecordMapper.load('https://w3id.org/maillage/');
  const mapped = records.map(({ record }) => mapper.map({ source: 'real', harvestedAt: '2026-11-22T00:00:00Z', ...record }));
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const m of mapped) {
      const t0 = performance.now();
      aligner.alignmentQuads(m.resource, 'urn:bench', m.quads);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`\nTime to align one record (ms): p50 ${percentile(times, 50).toFixed(3)}, p95 ${percentile(times, 95).toFixed(3)}\n`);
  figure('aligner', 'p95 per record', percentile(times, 95), 'ms');
  return figures;
}
