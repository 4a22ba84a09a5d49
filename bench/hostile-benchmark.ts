// `npm run bench -- hostile`: every file of the hostile-input corpus at full size (bench/hostile-inputs.ts),
// each taken in beside a good record by the harvest's path in its own process: what happened to
// it, the time, and the process's peak memory, beside the good record alone (the peer: what the
// reader costs without an attack).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { goodRecord, hostileInputs } from './hostile-inputs.js';
import type { Figure } from './report.js';

interface Outcome {
  ms: number;
  new: number;
  failed: number;
  reasons: string[];
  peakRssMb: number;
}

function ingestAlone(root: string, name: string, file: string | null, content: (() => string | Buffer) | null): Outcome {
  const folder = path.join(root, name, 'in');
  mkdirSync(folder, { recursive: true });
  if (file && content) writeFileSync(path.join(folder, `0-${file}`), content());
  writeFileSync(path.join(folder, '1-good.xml'), goodRecord);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'hostile-ingest-child.ts'), folder, path.join(root, name, 'data')], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 300_000 });
  if (child.status !== 0) throw new Error(`${name}: ${child.stderr.slice(-500)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Outcome;
}

export async function hostileBenchmark(): Promise<Figure[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'maillage-bench-hostile-'));
  const figures: Figure[] = [];
  try {
    const baseline = ingestAlone(root, 'baseline', null, null);
    const rows: string[][] = [['input', 'outcome', 'time (ms)', 'peak RSS (MB)'], ['a good record alone (peer)', `${baseline.new} stored`, baseline.ms.toFixed(0), baseline.peakRssMb.toFixed(0)]];
    for (const [i, input] of hostileInputs('full').entries()) {
      const outcome = ingestAlone(root, `case-${i}`, input.file, input.content);
      const verdict = outcome.failed > 0 ? `kept aside: ${outcome.reasons.join('; ')}` : `read (${outcome.new} stored)`;
      rows.push([input.name, verdict, outcome.ms.toFixed(0), outcome.peakRssMb.toFixed(0)]);
      figures.push({ benchmark: 'hostile', case: input.name, backend: 'file', metric: 'ms', value: Math.round(outcome.ms), unit: 'ms' }, { benchmark: 'hostile', case: input.name, backend: 'file', metric: 'peak-rss', value: Math.round(outcome.peakRssMb), unit: 'MB' });
      rmSync(path.join(root, `case-${i}`), { recursive: true, force: true });
    }
    process.stdout.write(`\nHostile input, full size, each in its own process beside a good record\n${rows.map((r) => r.join(' | ')).join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
}
