// Owns the CLI commands of the harvest stage: harvest (configured or ad hoc), ingest, harvests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHarvester, FileHarvester, filesOf, loadSources, protocols, runHarvest, sourceSchema, type Harvester, type SourceConfig } from '../../harvest/index.js';
import { openRecordsDatabase, RawRecordStore, type HarvestRun } from '../../records/index.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../report-error.js';
import type { CommandContext } from './store-commands.js';


function summary(run: HarvestRun): string {
  return `run ${run.id} ${run.status}: ${run.new} new, ${run.updated} updated, ${run.unchanged} unchanged, ${run.deleted} deleted, ${run.failed} failed, ${run.pages} pages${run.error ? ` — ${run.error}` : ''}`;
}

async function harvestOne(records: RawRecordStore, name: string, harvester: Harvester, full: boolean): Promise<HarvestRun> {
  const progress = createProgress(`harvest ${name}`, 'records');
  let seen = 0;
  const run = await runHarvest(records, name, harvester, {
    full,
    onResume: (resumed) => progress.note(`resuming run ${resumed.id} after page ${resumed.pages} (checkpoint ${resumed.cursor ?? 'start'})`),
    onPage: (_run, page) => progress.update((seen += page.records + page.failed)),
  });
  progress.done(summary(run));
  for (const failure of records.failures(run.id).slice(0, 5)) progress.note(`kept aside ${failure.recordId ?? '(page)'}: ${failure.reason}`);
  return run;
}

function withRecords<T>(context: CommandContext, work: (records: RawRecordStore) => Promise<T>): Promise<T> {
  const db = openRecordsDatabase(context.config.dataDir, { synchronous: context.config.embedded.synchronous });
  return work(new RawRecordStore(db)).finally(() => db.close());
}

/** maillage harvest [--source NAME] [--full] | maillage harvest <protocol> <url> [...] */
export async function harvestCommand(context: CommandContext): Promise<void> {
  const full = context.options.full === true;
  const [protocol, url] = context.args;
  let sources: SourceConfig[];
  if (protocol) {
    if (!(protocols as readonly string[]).includes(protocol)) throw new UsageError(`unknown protocol "${protocol}"; one of ${protocols.join(', ')}`);
    if (!url) throw new UsageError(`harvest ${protocol} needs the endpoint URL`);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`not an http(s) URL: ${url}`);
    const parsed = sourceSchema.safeParse({
      name: typeof context.options.name === 'string' ? context.options.name : `${protocol}:${new URL(url).host}`,
      protocol,
      url,
      ...(typeof context.options.format === 'string' ? { metadataPrefix: context.options.format } : {}),
      ...(typeof context.options.set === 'string' ? { set: context.options.set } : {}),
      ...(typeof context.options.query === 'string' ? { query: context.options.query } : {}),
      ...(typeof context.options.collection === 'string' ? { collection: context.options.collection } : {}),
      ...(typeof context.options.client === 'string' ? { clientId: context.options.client } : {}),
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    sources = [parsed.data];
  } else {
    const file = path.resolve(context.config.sourcesFile);
    if (!existsSync(file)) throw new UsageError(`no sources file at ${file} (set MAILLAGE_SOURCES)`);
    sources = loadSources(file);
    if (typeof context.options.source === 'string') {
      sources = sources.filter((s) => s.name === context.options.source);
      if (sources.length === 0) throw new UsageError(`no source named "${String(context.options.source)}" in ${file}`);
    }
  }
  const from = typeof context.options.from === 'string' ? context.options.from : undefined;
  await withRecords(context, async (records) => {
    let failed = 0;
    for (const source of sources) {
      const harvester = createHarvester(source);
      const run = await harvestOne(records, source.name, from ? withFrom(harvester, from) : harvester, full);
      if (run.status === 'failed') failed += 1;
    }
    if (failed > 0) process.exitCode = 1;
  });
}

/** An explicit --from replaces the incremental starting point of a fresh run. */
function withFrom(harvester: Harvester, from: string): Harvester {
  return { protocol: harvester.protocol, pages: (start) => harvester.pages({ cursor: start.cursor, from: start.cursor ? start.from : from }) };
}

/** maillage ingest <file|dir> [--format F] [--name SOURCE] */
export async function ingestCommand(context: CommandContext): Promise<void> {
  const target = context.args[0];
  if (!target) throw new UsageError('ingest needs a file or a folder: maillage ingest <file|dir> [--format F] [--name SOURCE]');
  const files = filesOf(target);
  const name = typeof context.options.name === 'string' ? context.options.name : `ingest:${path.basename(path.resolve(target))}`;
  await withRecords(context, async (records) => {
    const run = await harvestOne(records, name, new FileHarvester(files, typeof context.options.format === 'string' ? context.options.format : undefined), true);
    if (run.status === 'failed') process.exitCode = 1;
  });
}

/** maillage harvests [--source NAME] [--run ID] */
export async function harvestsCommand(context: CommandContext): Promise<void> {
  await withRecords(context, async (records) => {
    if (typeof context.options.run === 'string') {
      const run = records.run(Number(context.options.run));
      if (!run) throw new UsageError(`no harvest run ${context.options.run}`);
      process.stdout.write(`${JSON.stringify({ ...run, failures: records.failures(run.id) }, null, 2)}\n`);
      return;
    }
    const runs = records.runs(typeof context.options.source === 'string' ? { source: context.options.source } : {});
    if (runs.length === 0) process.stdout.write('no harvest runs yet\n');
    for (const run of runs) process.stdout.write(`${run.startedAt}  ${run.source.padEnd(24)} ${summary(run)}\n`);
  });
}
