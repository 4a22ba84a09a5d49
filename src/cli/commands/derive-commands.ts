// Owns the CLI commands of the derive stage: reindex (re-derive graphs, reports and scores from
// the stored raw records, no network; crash-safe, it resumes) and validate (the reports' summary).
import path from 'node:path';
import { openDerivation, reindex } from '../../derive/index.js';
import { openRecordsDatabase, RawRecordStore, RecordDerivations } from '../../records/index.js';
import { openGraphStore } from '../../store/index.js';
import { createProgress } from '../progress.js';
import type { CommandContext } from './store-commands.js';

/** maillage reindex [--source NAME] */
export async function reindexCommand(context: CommandContext): Promise<void> {
  const source = typeof context.options.source === 'string' ? context.options.source : null;
  const db = openRecordsDatabase(context.config.dataDir, { synchronous: context.config.embedded.synchronous });
  const store = await openGraphStore(context.config, context.logger);
  const records = new RawRecordStore(db);
  const derivation = await openDerivation(context.config, context.logger, { db, records, store, sourcesFile: path.resolve(context.config.sourcesFile) });
  try {
    const total = records.counts(source ?? undefined).records;
    const progress = createProgress(`reindex ${source ?? 'all sources'}`, 'records');
    const result = await reindex(derivation, source, (p, run) => progress.update(p.done + run.records, total));
    progress.done(
      `${result.resumed ? `resumed run ${result.run.id}: ` : ''}${result.run.records} records: ${result.run.published} published, ${result.run.quarantined} quarantined, ${result.run.unmappable} unmappable, ${result.run.deleted} deleted`,
    );
  } finally {
    await derivation.close();
    await store.close();
    db.close();
  }
}

/** maillage validate [--source NAME]: the validation summary per source, as JSON. */
export async function validateCommand(context: CommandContext): Promise<void> {
  const db = openRecordsDatabase(context.config.dataDir, { readonly: true });
  try {
    const derivations = new RecordDerivations(db);
    const sources = typeof context.options.source === 'string' ? [context.options.source] : derivations.sources();
    const summaries = sources.map((source) => derivations.summary(source));
    process.stdout.write(`${JSON.stringify({ sources: summaries }, null, 2)}\n`);
    if (summaries.some((s) => s.records === 0)) {
      process.stderr.write(`no derived records for ${summaries.filter((s) => s.records === 0).map((s) => s.source).join(', ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    db.close();
  }
}
