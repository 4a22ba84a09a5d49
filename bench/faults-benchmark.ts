// `npm run bench -- faults [--kills 25]`: on 20 pages × 50 records, kill -9 at random moments of
// four kinds of work (bench/faults.ts), `kills` per kind, then each is run to its end: the table says
// how many kills landed, and every check that failed after a kill or at the end (none is the target).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Figure } from './report.js';
import { faultRun } from './faults.js';

export async function startReplaySource(pages: number, perPage: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/replay-source.ts', String(pages), String(perPage)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: chunk.toString().trim(), stop: () => child.kill() };
}

export async function faultsBenchmark(options: { kills: number; pages: number; perPage: number }): Promise<Figure[]> {
  const source = await startReplaySource(options.pages, options.perPage);
  try {
    const stages = await faultRun({ kills: options.kills, sourceUrl: source.url, log: (line) => process.stderr.write(`${line}\n`) });
    const rows = [['work', 'uninterrupted run (ms)', 'kills landed', 'checks failed'], ...stages.map((s) => [s.name, s.referenceMs.toFixed(0), `${s.killed}/${options.kills}`, String(s.problems.length)])];
    process.stdout.write(`\nKill -9 at random moments, ${options.pages} pages × ${options.perPage} records\n${rows.map((r) => r.join(' | ')).join('\n')}\n`);
    for (const problem of stages.flatMap((s) => s.problems).slice(0, 20)) process.stdout.write(`  ${problem}\n`);
    return stages.flatMap((s) => [
      { benchmark: 'faults', case: s.name, backend: 'embedded', metric: 'kills', value: s.killed, unit: 'count' },
      { benchmark: 'faults', case: s.name, backend: 'embedded', metric: 'failed-checks', value: s.problems.length, unit: 'count' },
    ]);
  } finally {
    source.stop();
  }
}
