// `npm run bench -- soak [--minutes 30] [--rate 30]`: the soak run (bench/soak.ts) on the demo
// catalogue, with an incremental harvest of a growing OAI-PMH source (600 records, 60 more a
// minute) started every minute over POST /harvests and derived in the service: errors that are not the client's fault, p99 of the first and last five minutes (the
// target: within 20%), and memory after warm-up against memory at the end (the target: flat).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Figure } from './report.js';
import { startGrowingSource } from './growing-source.js';
import { startService } from './service-process.js';
import { soak, soakTable, worstP99 } from './soak.js';

const adminToken = 'soak-admin-token-0123456789';

export async function soakBenchmark(options: { minutes: number; rate: number }): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-bench-soak-'));
  const source = await startGrowingSource({ initial: 600, perMinute: 60 });
  const sourcesFile = path.join(dataDir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify({ sources: [{ name: 'growing', protocol: 'oai-pmh', url: source.url, metadataPrefix: 'oai_datacite', delayMs: 0 }] }));
  const service = await startService(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', ADMIN_TOKEN: adminToken, MAILLAGE_SOURCES: sourcesFile }, 180_000);
  try {
    const seconds = Math.round(options.minutes * 60);
    const windowSeconds = seconds >= 600 ? 60 : 10;
    process.stdout.write(`\nSoak: ${options.minutes} min at ${options.rate} requests/s offered (open loop), writes and a harvest a minute beside, windows of ${windowSeconds} s\n`);
    const windows = await soak({
      url: service.url,
      pid: service.pid,
      adminToken,
      seconds,
      ratePerSecond: options.rate,
      windowSeconds,
      harvest: { source: 'growing', everySeconds: 60 },
      onWindow: (w) => process.stdout.write(`  t=${w.second}s: ${w.requests} requests, ${w.serverErrors} server errors, RSS ${w.rssMb.toFixed(0)} MB, ${w.harvests} harvests ended (${w.harvestedRecords} new records)\n`),
    });
    process.stdout.write(`${soakTable(windows)}\n`);
    const span = Math.max(1, Math.round(Math.min(300, seconds / 4) / windowSeconds));
    const first = worstP99(windows.slice(0, span));
    const last = worstP99(windows.slice(-span));
    const warm = windows[Math.min(span, windows.length - 1)]!;
    const end = windows[windows.length - 1]!;
    const errors = windows.reduce((n, w) => n + w.serverErrors, 0);
    const drift = (last - first) / first;
    const growth = (end.rssMb - warm.rssMb) / warm.rssMb;
    process.stdout.write(`server errors: ${errors}; worst-route p99 first ${span * windowSeconds} s ${first.toFixed(0)} ms, last ${span * windowSeconds} s ${last.toFixed(0)} ms (${(drift * 100).toFixed(0)}%, target within 20%); RSS after warm-up ${warm.rssMb.toFixed(0)} MB, at the end ${end.rssMb.toFixed(0)} MB (${(growth * 100).toFixed(0)}%)\n`);
    const figure = (metric: string, value: number, unit: string): Figure => ({ benchmark: 'soak', case: `${options.minutes} min at ${options.rate}/s`, backend: 'embedded', metric, value: Math.round(value * 10) / 10, unit });
    return [figure('server-errors', errors, 'count'), figure('p99-first', first, 'ms'), figure('p99-last', last, 'ms'), figure('rss-warm', warm.rssMb, 'MB'), figure('rss-end', end.rssMb, 'MB')];
  } finally {
    await service.stop();
    await source.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
