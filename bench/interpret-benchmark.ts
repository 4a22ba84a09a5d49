// `npm run bench interpret`: the query interpreter on the labelled queries of
// test/search/interpretation-queries.ts: per part (theme, place, period) the share of expected parts
// found and of found parts that are wrong, the failures, and the time one interpretation takes
// (p50/p95, in process) beside the thesaurus annotator alone on the same texts (the peer).
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { Gazetteer, QueryInterpreter } from '../src/search/interpret/index.js';
import { ConceptScheme, Annotator } from '../src/thesaurus/index.js';
import { labelledQueries } from '../test/search/interpretation-queries.js';
import { rates, scoreInterpretations } from '../test/search/interpretation-score.js';
import { percentile, type Figure } from './report.js';

export async function interpretBenchmark(): Promise<Figure[]> {
  const schemes = ConceptScheme.allFromQuads(new Parser().parse(readFileSync(new URL('../vocabularies/maillage-thesaurus.ttl', import.meta.url), 'utf8')), 'urn:bench');
  const loadStarted = performance.now();
  const gazetteer = Gazetteer.load();
  const loadMs = performance.now() - loadStarted;
  const interpreter = new QueryInterpreter(gazetteer, schemes);
  const annotator = new Annotator();
  for (const scheme of schemes) annotator.add(scheme);

  const score = scoreInterpretations(labelledQueries.map((labelled) => ({ labelled, found: interpreter.interpret(labelled.q) })), schemes[0]!);
  const time = (work: (q: string) => unknown) => {
    const times: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      for (const { q } of labelledQueries) {
        const t0 = performance.now();
        work(q);
        times.push(performance.now() - t0);
      }
    }
    return times.sort((a, b) => a - b);
  };
  time((q) => interpreter.interpret(q)); // warm-up
  const interpretTimes = time((q) => interpreter.interpret(q));
  const annotateTimes = time((q) => annotator.annotate(q, { longestOnly: true }));

  const figures: Figure[] = [];
  const figure = (name: string, metric: string, value: number, unit: string) => figures.push({ benchmark: 'interpret', case: name, backend: 'in-process', metric, value: Math.round(value * 1000) / 1000, unit });
  process.stdout.write(`\nQuery interpretation on ${labelledQueries.length} labelled queries (targets: found >= 0.85, wrong <= 0.05)\n`);
  process.stdout.write('part | expected | found | share found | share wrong\n');
  for (const part of ['theme', 'place', 'period'] as const) {
    const r = rates(score[part]);
    process.stdout.write(`${part} | ${score[part].expected} | ${score[part].found} | ${r.found.toFixed(3)} | ${r.wrong.toFixed(3)}\n`);
    figure(part, 'share found', r.found, 'ratio');
    figure(part, 'share wrong', r.wrong, 'ratio');
  }
  process.stdout.write(`\nFailures (${score.failures.length}):\n`);
  for (const f of score.failures) process.stdout.write(`  ${f.part.padEnd(6)} ${f.q} | expected ${f.expected} | found ${f.found}\n`);
  process.stdout.write(`\nTime per query (ms): interpret p50 ${percentile(interpretTimes, 50).toFixed(3)}, p95 ${percentile(interpretTimes, 95).toFixed(3)}; annotator alone (peer) p50 ${percentile(annotateTimes, 50).toFixed(3)}, p95 ${percentile(annotateTimes, 95).toFixed(3)}; gazetteer load ${loadMs.toFixed(0)} ms (${gazetteer.places.length} places)\n`);
  figure('interpret', 'p95', percentile(interpretTimes, 95), 'ms');
  figure('interpret', 'p50', percentile(interpretTimes, 50), 'ms');
  figure('annotator (peer)', 'p95', percentile(annotateTimes, 95), 'ms');
  figure('gazetteer', 'load', loadMs, 'ms');
  return figures;
}
